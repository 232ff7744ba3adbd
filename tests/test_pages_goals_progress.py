"""Page tests for goal progress on the Goals page: what the conversations say so far
(fit ratings from reflections) and the goal's assumptions (listed, added, removed)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from streamlit.testing.v1 import AppTest

from planner import demo
from planner.contacts import ContactDraft
from planner.goals import GoalDraft
from planner.meetings import MeetingDraft
from planner.reflection import FitRating, ReflectionDraft
from planner.store import Database
from planner.text import inert_markdown

from .apptest_helpers import message_after, open_page, open_section, unescape

PAGE = "pages/1_Goals.py"
HOSTILE = "**bold** <b>x</b> [link](javascript:alert(1)) :red[red]"


# -- helpers -------------------------------------------------------------------------


def card(at: AppTest, goal_id: int):
    """The goal's card (the bordered container keyed goal_card_<id>)."""

    def search(node):
        for child in getattr(node, "children", {}).values():
            if getattr(child, "key", None) == f"goal_card_{goal_id}":
                return child
            found = search(child)
            if found is not None:
                return found
        return None

    found = search(at.main)
    assert found is not None, f"no card for goal {goal_id}"
    return found


def texts(node) -> list[str]:
    """Every markdown, caption and alert text inside ``node``, as shown (escapes kept)."""
    found = []
    for child in getattr(node, "children", {}).values():
        if child.type in ("markdown", "caption", "alert", "error", "warning", "info"):
            found.append(child.value)
        found.extend(texts(child))
    return found


def shown(at: AppTest, goal_id: int) -> str:
    """The card's text with Markdown escapes removed, to look for what the user reads."""
    return "\n".join(unescape(t) for t in texts(card(at, goal_id)))


def press(at: AppTest, key: str) -> AppTest:
    at.button(key=key).click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def add_assumption(at: AppTest, goal_id: int, statement: str, form: int = 0) -> AppTest:
    prefix = f"assumption_form_{goal_id}_{form}"
    at.text_input(key=f"{prefix}_statement").input(statement)
    return press(at, f"FormSubmitter:{prefix}-Add assumption")


def session(path):
    return Database(path)


def with_demo(planner_file) -> None:
    with session(planner_file) as db:
        demo.load_demo(db.session(), today=date.today())


def one_goal(planner_file, title: str = "Explore nursing") -> int:
    with session(planner_file) as db:
        return db.session().goals.add(GoalDraft(title=title), today=date.today())


def statements(planner_file, goal_id: int) -> list[str]:
    with session(planner_file) as db:
        return [a.statement for a in db.session().goals.assumptions(goal_id)]


def rated_conversation(planner_file, goal_id: int, name: str, why: str) -> None:
    """A done interview with ``name`` for the goal, reflected on with one fit rating."""
    with session(planner_file) as db:
        store = db.session()
        contact = store.contacts.add(
            ContactDraft(name=name, goal_ids=[goal_id]), today=date.today()
        )
        meeting_day = date.today() - timedelta(days=3)
        interview = store.meetings.schedule(
            MeetingDraft(
                contact_id=contact,
                on=meeting_day,
                at=time(10, 0),
                time_zone="UTC",
                goal_id=goal_id,
            ),
            now=datetime.combine(meeting_day - timedelta(days=7), time(9), tzinfo=UTC),
        )
        store.meetings.mark_done(interview, now=datetime.now(UTC))
        store.reflections.save(
            interview,
            ReflectionDraft(
                advice="Talk to more people.",
                fit_ratings=[FitRating("succeed", 2, why)],
            ),
        )


# -- what the conversations say so far --------------------------------------------------


def test_the_demo_goal_shows_its_fit_averages_and_the_sentences_behind_them(planner_file):
    with_demo(planner_file)
    with session(planner_file) as db:
        evidence = db.session().reflections.fit_evidence(1)
    at = open_section(open_page(PAGE), "fit_sentences_1")  # built only while open
    text = shown(at, 1)
    assert "What the conversations say so far" in text
    # One row per rated fit question: its average, from how many conversations, the leaning.
    for item in evidence:
        row = f"| {item.label} | **{item.average:.1f}** / 5 | {item.ratings} |"
        assert row in text, row
    assert "| Could I succeed there? | **4.0** / 5 | 2 | :green-badge[leaning yes] |" in text
    # One conversation is too few to lean either way.
    assert "| Where does it lead? | **3.0** / 5 | 1 | :gray-badge[too early to say] |" in text
    # The sentences behind each average, newest conversation first.
    assert "Priya Raman, 5 / 5: I came away excited, not just curious." in text
    succeed = next(e for e in evidence if e.fit_question == "succeed")
    lines = [f"{who}, {rating} / 5: {why}" for who, rating, why in succeed.sentences]
    assert text.index(lines[0]) < text.index(lines[1])
    assert at.expander(key="fit_sentences_1")


def test_a_goal_with_no_ratings_yet_says_where_ratings_come_from(planner_file):
    with_demo(planner_file)
    at = open_page(PAGE)
    text = shown(at, 2)  # the Northwind goal: no reflections yet
    assert "Nothing rated yet" in text
    assert "Reflect step" in text
    assert "| Fit question |" not in text


# -- assumptions ------------------------------------------------------------------------


def open_assumptions() -> AppTest:
    """The Goals page with every card's assumptions open (built only while open)."""
    at = open_page(PAGE)
    for key in [e.key for e in at.expander if (e.key or "").startswith("assumptions_")]:
        at.session_state[key] = True
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_demo_goal_lists_its_assumptions_with_their_tallies(planner_file):
    with_demo(planner_file)
    at = open_assumptions()
    text = shown(at, 1)
    assert "Watching thirty teenagers learn is a research skill that transfers" in text
    assert "Confirmed by 2, refuted by 0 conversations." in text
    assert "Research jobs need a psychology degree" in text
    assert "Confirmed by 0, refuted by 1 conversation." in text
    # Another goal's assumption stays on its own card.
    assert "too small to train a newcomer" not in text
    assert "too small to train a newcomer" in shown(at, 2)
    assert "Not tested in a conversation yet." in shown(at, 2)
    # What an assumption is: said on a goal with none yet, and by every goal's field.
    assert "Something you believe before talking to anyone" in shown(at, 4)
    assert "Something you believe" not in text
    field = at.text_input(key="assumption_form_1_0_statement")
    assert "Something you believe before talking to anyone" in field.help


def test_adding_an_assumption_saves_it_and_shows_it(planner_file):
    goal_id = one_goal(planner_file)
    at = open_assumptions()
    add_assumption(at, goal_id, "  Nurses   mostly work night shifts ")
    assert statements(planner_file, goal_id) == ["Nurses mostly work night shifts"]
    text = shown(at, goal_id)
    assert "Nurses mostly work night shifts" in text
    assert "Not tested in a conversation yet." in text
    assert any("Added the assumption" in unescape(s.value) for s in at.success)
    # The field is empty again for the next one.
    assert at.text_input(key=f"assumption_form_{goal_id}_1_statement").value == ""


def test_an_empty_assumption_is_refused_under_its_field(planner_file):
    goal_id = one_goal(planner_file)
    at = open_assumptions()
    add_assumption(at, goal_id, "   ")
    message = message_after(at, f"assumption_form_{goal_id}_0_statement")
    assert message is not None, "no message under the field"
    assert "Write what you believe" in unescape(message)
    assert statements(planner_file, goal_id) == []
    assert not at.success


def test_a_duplicate_assumption_is_refused_and_the_text_kept(planner_file):
    goal_id = one_goal(planner_file)
    with session(planner_file) as db:
        db.session().goals.add_assumption(goal_id, "Nurses mostly work night shifts")
    at = open_assumptions()
    add_assumption(at, goal_id, "nurses MOSTLY work night shifts")
    key = f"assumption_form_{goal_id}_0_statement"
    assert "already has that assumption" in unescape(message_after(at, key))
    assert statements(planner_file, goal_id) == ["Nurses mostly work night shifts"]
    assert at.text_input(key=key).value == "nurses MOSTLY work night shifts"


def test_each_goal_has_its_own_assumption_form(planner_file):
    first = one_goal(planner_file, "Explore nursing")
    second = one_goal(planner_file, "Explore midwifery")
    at = open_assumptions()
    add_assumption(at, second, "Midwives work in hospitals only")
    assert statements(planner_file, second) == ["Midwives work in hospitals only"]
    assert statements(planner_file, first) == []
    # The same sentence may stand on another goal.
    add_assumption(at, first, "Midwives work in hospitals only")
    assert statements(planner_file, first) == ["Midwives work in hospitals only"]


def test_removing_an_assumption_asks_first_then_removes_it(planner_file):
    with_demo(planner_file)
    at = open_assumptions()
    press(at, "remove_assumption_1_2")
    warning = " ".join(unescape(w.value) for w in at.warning)
    assert "Remove the assumption 'Watching thirty teenagers" in warning
    assert "What your reflections said about it goes too" in warning
    press(at, "keep_assumption_1_2")
    assert len(statements(planner_file, 1)) == 3
    assert not at.warning
    press(at, "remove_assumption_1_2")
    press(at, "confirm_remove_assumption_1_2")
    assert statements(planner_file, 1) == [
        "Research jobs need a psychology degree",
        "A junior research salary would be below what I earn teaching",
    ]
    assert "Watching thirty teenagers" not in shown(at, 1)
    assert any("Removed the assumption" in unescape(i.value) for i in at.info)


def test_an_assumption_is_reworded_in_place_keeping_what_conversations_said(planner_file):
    with_demo(planner_file)
    with session(planner_file) as db:
        before = {a.id: (a.confirmed, a.refuted) for a in db.session().goals.assumptions(1)}
    at = open_assumptions()
    press(at, "assumption_1_2_edit")
    [form] = [f.key for f in at.get("form") if f.key.startswith("assumption_1_2_text~")]
    at.text_input(key=f"{form}_text").input("Research jobs need a psychology degree")
    press(at, f"FormSubmitter:{form}-Save wording")
    assert "already has that assumption" in unescape(message_after(at, f"{form}_text"))
    at.text_input(key=f"{form}_text").input("Thirty teenagers  are harder than any stakeholder")
    press(at, f"FormSubmitter:{form}-Save wording")
    with session(planner_file) as db:
        after = {a.id: a for a in db.session().goals.assumptions(1)}
    assert after[2].statement == "Thirty teenagers are harder than any stakeholder"
    assert (after[2].confirmed, after[2].refuted) == before[2], "the tally stays with it"
    assert "Thirty teenagers are harder than any stakeholder" in shown(at, 1)


def test_an_assumption_changed_in_another_window_is_not_saved_over(planner_file):
    goal_id = one_goal(planner_file)
    with session(planner_file) as db:
        assumption = db.session().goals.add_assumption(goal_id, "Nurses can move into product")
    at = open_assumptions()
    key = f"assumption_{goal_id}_{assumption}"
    press(at, f"{key}_edit")
    [form] = [f.key for f in at.get("form") if f.key.startswith(f"{key}_text~")]
    with session(planner_file) as db:
        db.session().goals.reword_assumption(
            assumption, "Nurses often move into product", was="Nurses can move into product"
        )
    at.text_input(key=f"{form}_text").input("Mine: nurses rarely move into product")
    press(at, f"FormSubmitter:{form}-Save wording")
    assert statements(planner_file, goal_id) == ["Nurses often move into product"]
    assert "changed in another window" in " ".join(unescape(e.value) for e in at.error)


def test_an_assumption_removed_in_another_window_just_disappears(planner_file):
    goal_id = one_goal(planner_file)
    with session(planner_file) as db:
        assumption = db.session().goals.add_assumption(goal_id, "Nurses mostly work night shifts")
    at = open_assumptions()
    press(at, f"remove_assumption_{goal_id}_{assumption}")
    with session(planner_file) as db:
        db.session().goals.remove_assumption(assumption)
    press(at, f"confirm_remove_assumption_{goal_id}_{assumption}")
    assert "Nurses mostly work" not in shown(at, goal_id)
    assert not at.warning and not at.error


# -- user text is shown as typed ----------------------------------------------------------


def test_user_text_in_assumptions_and_fit_sentences_is_shown_literally(planner_file):
    goal_id = one_goal(planner_file)
    rated_conversation(planner_file, goal_id, name=f"Ann {HOSTILE}", why=f"Why {HOSTILE}")
    with session(planner_file) as db:
        db.session().goals.add_assumption(goal_id, f"Belief {HOSTILE}")
    at = open_section(open_assumptions(), f"fit_sentences_{goal_id}")
    raw = texts(card(at, goal_id))
    for start in ("Ann ", "Belief "):
        [value] = [t for t in raw if start in t]
        assert inert_markdown("**bold**") in value
        assert inert_markdown("<b>x<") in value
        assert inert_markdown("[link]") in value
        assert inert_markdown(":red[") in value
        assert "<b>" not in value
    assert any(inert_markdown("Why **bold**") in t for t in raw)
    # Shown, not lost: the text reads as typed once the escapes are removed.
    assert f"Ann {HOSTILE}, 2 / 5: Why {HOSTILE}" in shown(at, goal_id)
    # One rating is too few to lean either way.
    assert "| Could I succeed there? | **2.0** / 5 | 1 | :gray-badge[too early to say] |" in (
        shown(at, goal_id)
    )
    # A refusal that quotes the user's text is escaped too.
    add_assumption(at, goal_id, f"belief {HOSTILE}")
    message = message_after(at, f"assumption_form_{goal_id}_0_statement")
    assert message is not None and "already has that assumption" in unescape(message)


def test_a_removal_warning_escapes_the_statement(planner_file):
    goal_id = one_goal(planner_file)
    with session(planner_file) as db:
        assumption = db.session().goals.add_assumption(goal_id, HOSTILE)
    at = open_assumptions()
    press(at, f"remove_assumption_{goal_id}_{assumption}")
    [warning] = [w.value for w in at.warning]
    assert inert_markdown("**bold**") in warning and inert_markdown("<b>") in warning


# -- no goals -------------------------------------------------------------------------------


@pytest.mark.parametrize("loaded", [False, True], ids=["empty", "demo"])
def test_the_page_runs_with_and_without_goals(planner_file, loaded):
    if loaded:
        with_demo(planner_file)
    at = open_assumptions()
    forms = [w.key for w in at.text_input if w.key.startswith("assumption_form_")]
    if loaded:
        assert forms  # one per goal shown
        assert len(forms) == len({k.split("_")[2] for k in forms})
    else:
        assert forms == []
        assert any("No goals yet" in i.value for i in at.info)
