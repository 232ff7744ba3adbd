"""The pipeline board without Streamlit: columns by stage, the newest cards first, the
goal filter, "show more", and moving a card only where the pipeline allows."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest

from planner.board import CARDS_SHOWN, column_summary, move_menu_label
from planner.contacts import ContactDraft
from planner.errors import StaleEdit, ValidationError
from planner.goals import GoalDraft
from planner.steps import board

from .conftest import TODAY


def person(store, name, *, goal=None, stage=None, day=0):
    """A contact, moved to ``stage`` on TODAY + ``day`` (their newest step)."""
    contact = store.contacts.add(
        ContactDraft(name=name, goal_ids=[goal] if goal else []), today=TODAY
    )
    path = {
        "requested": ["requested"],
        "scheduled": ["requested", "scheduled"],
        "declined": ["requested", "declined"],
        "not_pursuing": ["not_pursuing"],
    }
    for step in path.get(stage, []):
        when = datetime.combine(TODAY + timedelta(days=day), time(9))
        store.contacts.move(contact, step, happened_at=when)
    return contact


def column(view, key):
    return next(c for c in view.columns if c.column.key == key)


def test_an_empty_planner_has_every_column_and_no_card(store):
    view = board.load(store)
    assert view.empty
    assert [c.column.label for c in view.columns] == [
        "Identified", "Request sent", "Scheduled", "Interviewed", "Thanked",
        "Keeping in touch", "Closed",
    ]  # fmt: skip
    assert all(c.total == 0 and c.cards == () for c in view.columns)
    assert board.goals(store) == {}


def test_each_contact_is_a_card_in_the_column_of_their_stage(store):
    person(store, "Ann")
    person(store, "Bob", stage="requested")
    person(store, "Cat", stage="scheduled")
    person(store, "Dan", stage="declined")
    person(store, "Eve", stage="not_pursuing")
    view = board.load(store)
    assert [c.name for c in column(view, "identified").cards] == ["Ann"]
    assert [c.name for c in column(view, "requested").cards] == ["Bob"]
    assert [c.name for c in column(view, "scheduled").cards] == ["Cat"]
    closed = column(view, "closed")
    assert {c.name: c.closed_as for c in closed.cards} == {
        "Dan": "Declined",
        "Eve": "Not pursuing",
    }
    assert closed.total == 2 and not view.empty


def test_a_full_column_shows_the_newest_few_with_a_count_and_more_on_request(store):
    for day in range(CARDS_SHOWN + 4):
        person(store, f"Person {day:02}", stage="requested", day=day)
    asked = column(board.load(store), "requested")
    assert asked.total == CARDS_SHOWN + 4 and asked.more == 4
    newest = [f"Person {d:02}" for d in range(CARDS_SHOWN + 3, 3, -1)]
    assert [c.name for c in asked.cards] == newest
    assert column_summary(len(asked.cards), asked.total) == (
        f"{CARDS_SHOWN} of {CARDS_SHOWN + 4} shown, newest first"
    )
    everyone = column(board.load(store, shown={"requested": 100}), "requested")
    assert len(everyone.cards) == CARDS_SHOWN + 4 and everyone.more == 0
    assert column_summary(len(everyone.cards), everyone.total) == ""


def test_the_closed_column_takes_the_newest_across_its_stages(store):
    for day in range(CARDS_SHOWN):
        person(store, f"Declined {day}", stage="declined", day=day)
    person(store, "Dropped last", stage="not_pursuing", day=CARDS_SHOWN + 1)
    closed = column(board.load(store), "closed")
    assert closed.total == CARDS_SHOWN + 1
    assert closed.cards[0].name == "Dropped last" and len(closed.cards) == CARDS_SHOWN


def test_the_goal_filter_keeps_the_people_linked_to_that_goal(store):
    ux = store.goals.add(GoalDraft(title="Explore UX"), today=TODAY)
    person(store, "Ann", goal=ux)
    person(store, "Bob")
    assert board.goals(store) == {ux: "Explore UX"}
    view = board.load(store, goal_id=ux)
    assert [c.name for col in view.columns for c in col.cards] == ["Ann"]
    assert column(board.load(store), "identified").total == 2


def test_a_card_moves_to_an_allowed_stage_and_keeps_it_in_the_history(store):
    ann = person(store, "Ann")
    card = column(board.load(store), "identified").cards[0]
    assert card.moves == {"requested": "Request sent", "not_pursuing": "Not pursuing"}
    said = board.move_card(store, card, "requested", now=datetime.combine(TODAY, time(10)))
    assert said == "Moved Ann to Request sent."
    assert [c.name for c in column(board.load(store), "requested").cards] == ["Ann"]
    assert store.contacts.get(ann).stage == "requested"
    assert "Identified → Request sent" in [h.text for h in store.contacts.history(ann)]


def test_a_move_the_pipeline_does_not_allow_is_refused(store):
    person(store, "Ann")
    card = column(board.load(store), "identified").cards[0]
    with pytest.raises(ValidationError, match="can move to"):
        board.move_card(store, card, "thanked", now=datetime.combine(TODAY, time(10)))


def test_a_card_changed_since_the_board_was_drawn_is_not_moved(store):
    ann = person(store, "Ann")
    card = column(board.load(store), "identified").cards[0]
    store.contacts.move(ann, "requested", happened_at=datetime.combine(TODAY, time(9)))
    with pytest.raises(StaleEdit):
        board.move_card(store, card, "not_pursuing", now=datetime.combine(TODAY, time(10)))
    assert store.contacts.get(ann).stage == "requested"


def test_the_move_menu_names_whom_it_moves():
    assert move_menu_label("Ann Lee") == "Move Ann Lee to the next stage"
