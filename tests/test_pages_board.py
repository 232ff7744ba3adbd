"""The pipeline board page under AppTest: empty, the demo, moving a card, more cards,
the goal filter."""

from __future__ import annotations

from datetime import date

from planner.board import CARDS_SHOWN
from planner.contacts import ContactDraft
from planner.store import Database

from .apptest_helpers import click, open_page, unescape

BOARD = "pages/7_Board.py"


def cards_in(at) -> list[str]:
    """The names on the cards: each is a link opening that contact."""
    links = at.main.get("page_link")
    return [link.proto.label for link in links if link.proto.query_string.startswith("contact=")]


def headings(at) -> list[str]:
    return [m.value for m in at.main.markdown if m.value.startswith("**")]


def test_an_empty_planner_says_where_contacts_come_from(planner_file):
    at = open_page(BOARD)
    assert at.title[0].value == "Pipeline board"
    assert "No contacts yet" in at.info[0].value
    assert not at.selectbox


def test_the_demo_planner_shows_every_column_with_its_count(demo_file):
    at = open_page(BOARD)
    columns = headings(at)
    assert columns[0].startswith("**Identified** · ")
    assert columns[-1].startswith("**Closed** · ")
    with Database(demo_file) as db:
        everyone = len(db.session().contacts.list())
    assert sum(int(h.rsplit("· ", 1)[1]) for h in columns) == everyone
    assert "Priya Raman" in cards_in(at)
    labels = [s.label for s in at.selectbox if s.key.startswith("board_move_")]
    assert labels and all(label.startswith("Move ") for label in labels)


def test_choosing_a_move_moves_the_card_and_says_so(planner_file):
    with Database(planner_file) as db:
        ann = db.session().contacts.add(ContactDraft(name="Ann <b>Lee</b>"), today=date.today())
    at = open_page(BOARD)
    menu = next(s for s in at.selectbox if s.key.startswith(f"board_move_{ann}_"))
    assert menu.options == ["Request sent", "Not pursuing"]
    menu.set_value("requested").run()
    assert not at.exception
    assert unescape(at.info[0].value) == "Moved Ann <b>Lee</b> to Request sent."
    assert "**Request sent** · 1" in headings(at) and "**Identified** · 0" in headings(at)
    with Database(planner_file) as db:
        assert db.session().contacts.get(ann).stage == "requested"


def test_a_move_made_by_mistake_is_undone_in_one_click(planner_file):
    with Database(planner_file) as db:
        ann = db.session().contacts.add(ContactDraft(name="Ann Lee"), today=date.today())
    at = open_page(BOARD)
    next(s for s in at.selectbox if s.key.startswith(f"board_move_{ann}_")).set_value(
        "not_pursuing"
    ).run()
    click(at, "Undo")
    with Database(planner_file) as db:
        store = db.session()
        assert store.contacts.get(ann).stage == "identified"
        assert [h.kind for h in store.contacts.history(ann)] == ["note"], "the move is gone"
    assert "Undid 'Identified → Not pursuing': Ann Lee is back at Identified." in [
        unescape(s.value) for s in at.success
    ]
    assert "**Identified** · 1" in headings(at)
    assert not [b for b in at.button if b.label == "Undo"], "nothing left to undo"


def test_an_undo_after_another_window_moved_them_again_is_refused(planner_file):
    from datetime import datetime

    with Database(planner_file) as db:
        ann = db.session().contacts.add(ContactDraft(name="Ann Lee"), today=date.today())
    at = open_page(BOARD)
    next(s for s in at.selectbox if s.key.startswith(f"board_move_{ann}_")).set_value(
        "requested"
    ).run()
    with Database(planner_file) as db:
        db.session().contacts.move(ann, "no_reply", happened_at=datetime.now())
    click(at, "Undo")
    assert "moved again since" in " ".join(e.value for e in at.error)
    with Database(planner_file) as db:
        assert db.session().contacts.get(ann).stage == "no_reply"


def test_a_long_column_shows_more_on_request(planner_file):
    with Database(planner_file) as db:
        store = db.session()
        for n in range(CARDS_SHOWN + 3):
            store.contacts.add(ContactDraft(name=f"Person {n:02}"), today=date.today())
    at = open_page(BOARD)
    assert len(cards_in(at)) == CARDS_SHOWN
    assert f"{CARDS_SHOWN} of {CARDS_SHOWN + 3} shown, newest first" in [
        c.value for c in at.caption
    ]
    click(at, "Show more (3)")
    assert len(cards_in(at)) == CARDS_SHOWN + 3
    assert not [b for b in at.button if b.label.startswith("Show more")]


def test_the_goal_filter_keeps_that_goals_people(demo_file):
    at = open_page(BOARD)
    every = len(cards_in(at))
    goal = at.selectbox(key="board_goal")
    first_goal = next(o for o in goal.options if o != "Every goal")
    goal.select(first_goal).run()
    assert not at.exception
    assert 0 < len(cards_in(at)) < every
