"""The Goals step without Streamlit: what its page shows (one load) and its commands."""

from __future__ import annotations

import pytest

from planner.errors import NotFound, StaleEdit, ValidationError
from planner.goals import GoalDraft, in_view
from planner.steps import goals
from tests.conftest import TODAY


def add(store, title: str = "Explore nursing", **changes) -> int:
    return goals.add_goal(store, GoalDraft(title=title, **changes), today=TODAY)


# -- the list views ----------------------------------------------------------------------


def test_the_list_views_split_open_and_achieved_goals(store):
    add(store, "A")
    achieved = add(store, "B")
    store.goals.set_status(achieved, "achieved")
    a, b = sorted(store.goals.list(), key=lambda g: g.title)
    assert (in_view(a, "open"), in_view(b, "open")) == (True, False)
    assert (in_view(a, "achieved"), in_view(b, "achieved")) == (False, True)
    assert in_view(b, "all") and in_view(b, None)


# -- load --------------------------------------------------------------------------------


def test_an_empty_planner_has_no_cards(store):
    view = goals.load(store, today=TODAY)
    assert view.cards == () and view.deleting is None
    assert view.shown("open") == []


def test_a_goal_card_holds_its_progress_fit_evidence_and_assumptions(store, hand_built):
    store.goals.add_assumption(hand_built["ux"], "Research needs a degree")
    view = goals.load(store, today=TODAY)
    ux = next(c for c in view.cards if c.goal.id == hand_built["ux"])
    assert ux.progress.done == ux.goal.interviews_done
    assert ux.target_date == "No target date"
    [succeed] = ux.fit
    assert (succeed.label, succeed.average, succeed.ratings) == ("Could I succeed there?", 2.0, 1)
    assert [(s.who, s.rating) for s in succeed.sentences] == [("Ann", 2)]
    assert succeed.earlier == 0
    [assumption] = ux.assumptions
    assert assumption.statement == "Research needs a degree"
    assert assumption.tally == "Not tested in a conversation yet."
    assert [c.name for c in ux.status_changes] == ["pause", "achieve"]
    teaching = next(c for c in view.cards if c.goal.id == hand_built["teaching"])
    assert teaching.assumptions == ()
    assert [f.label for f in teaching.fit] == ["Could I succeed there?", "Do I want to do this?"]


def test_the_fit_sentences_shown_are_the_newest_ten(store, monkeypatch, hand_built):
    from planner.reflection import FitEvidence

    many = [(f"Person {n}", 3, "") for n in range(12)]
    monkeypatch.setattr(
        store.reflections, "fit_evidence", lambda goal_id: [FitEvidence("succeed", 3.0, 12, many)]
    )
    [line, *_] = goals.load.uncached(store, today=TODAY).cards[0].fit
    assert [s.who for s in line.sentences] == [f"Person {n}" for n in range(10)]
    assert line.earlier == 2


def test_the_goal_being_deleted_comes_with_its_warning(store, hand_built):
    view = goals.load(store, today=TODAY, deleting=hand_built["ux"])
    assert view.deleting.startswith("Delete the goal 'Explore UX'?")
    assert "Linked now: 2 contacts" in view.deleting
    assert goals.load(store, today=TODAY, deleting=999).deleting is None


def test_load_is_served_from_memory_until_the_next_write(store):
    add(store)
    first = goals.load(store, today=TODAY)
    assert goals.load(store, today=TODAY) is first
    add(store, "Explore midwifery")
    assert len(goals.load(store, today=TODAY).cards) == 2


# -- commands ----------------------------------------------------------------------------


def test_adding_and_editing_a_goal(store):
    goal_id = add(store)
    [card] = goals.load(store, today=TODAY).cards
    edit = goals.GoalEdit.of(card.goal)
    assert edit.form == f"edit_goal_{goal_id}_1"
    goals.update_goal(store, edit, GoalDraft(title="Explore nursing", field="Health"), today=TODAY)
    assert store.goals.get(goal_id).field == "Health"
    with pytest.raises(StaleEdit):  # the same form sent again: the goal moved on
        goals.update_goal(store, edit, GoalDraft(title="Explore nursing"), today=TODAY)
    with pytest.raises(ValidationError):
        add(store, "explore NURSING")


def test_a_status_change_carries_an_open_edit_along(store):
    goal_id = add(store)
    edit = goals.GoalEdit.of(store.goals.get(goal_id))
    changed = goals.change_status(store, goal_id, "paused", edit=edit)
    assert (changed.before, changed.after) == (1, 2)
    assert changed.edit == goals.GoalEdit(goal_id, drawn=1, expects=2)
    # The edit form keeps its key (what was typed stays) and now saves.
    goals.update_goal(
        store, changed.edit, GoalDraft(title="Explore nursing", field="X"), today=TODAY
    )
    assert (store.goals.get(goal_id).field, store.goals.get(goal_id).status) == ("X", "paused")


def test_a_status_change_leaves_other_or_outdated_edits_alone(store):
    goal_id, other = add(store), add(store, "Explore midwifery")
    elsewhere = goals.GoalEdit.of(store.goals.get(other))
    assert goals.change_status(store, goal_id, "paused", edit=elsewhere).edit == elsewhere
    outdated = goals.GoalEdit(goal_id, drawn=1, expects=1)  # the goal is at version 2 now
    assert goals.change_status(store, goal_id, "active", edit=outdated).edit == outdated
    assert goals.change_status(store, goal_id, "achieved").edit is None


def test_a_status_change_of_a_deleted_goal_says_so(store):
    goal_id = add(store)
    store.goals.delete(goal_id)
    with pytest.raises(NotFound, match="deleted in another window"):
        goals.change_status(store, goal_id, "paused")


def test_reopening_a_goal_whose_title_is_taken_is_refused(store):
    old = add(store)
    goals.change_status(store, old, "achieved")
    add(store)
    with pytest.raises(ValidationError):
        goals.change_status(store, old, "active")
    assert store.goals.get(old).status == "achieved"


def test_deleting_a_goal_says_what_happened_even_if_it_was_gone(store):
    goal_id = add(store)
    goal = store.goals.get(goal_id)
    assert goals.delete_goal(store, goal) == "Deleted the goal 'Explore nursing'."
    assert store.goals.list() == []
    assert goals.delete_goal(store, goal) == "That goal was already deleted in another window."


def test_adding_and_removing_an_assumption(store):
    goal_id = add(store)
    goals.add_assumption(store, goal_id, "  Nurses work   nights ")
    [line] = goals.load(store, today=TODAY).cards[0].assumptions
    assert line.statement == "Nurses work nights"
    with pytest.raises(ValidationError):
        goals.add_assumption(store, goal_id, "nurses WORK nights")
    assert goals.remove_assumption(store, line) == "Removed the assumption 'Nurses work nights'."
    assert goals.remove_assumption(store, line) == (
        "That assumption was already removed in another window."
    )
    store.goals.delete(goal_id)
    with pytest.raises(NotFound, match="deleted in another window"):
        goals.add_assumption(store, goal_id, "Anything")
