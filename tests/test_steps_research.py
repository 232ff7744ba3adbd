"""The Research step without Streamlit: what its page shows (two loads) and its commands."""

from __future__ import annotations

from dataclasses import replace

import pytest

from planner.contacts import ContactDraft
from planner.errors import NotFound, StaleEdit, ValidationError
from planner.goals import GoalDraft
from planner.organisations import OrganisationDraft
from planner.research import NoteDraft
from planner.steps import research
from planner.vocabulary import ORGANISATION_ORIGINS
from tests.conftest import TODAY


def note(title: str = "Northwind at a glance", **changes) -> NoteDraft:
    return NoteDraft(title=title, noted_on=TODAY, **changes)


# -- load --------------------------------------------------------------------------------


def test_an_empty_planner_has_nothing_to_rank_or_read(store):
    view = research.load(store, today=TODAY)
    assert (view.ranked, view.queue, view.goals, view.organisations) == ((), (), {}, {})
    assert view.new_note == NoteDraft(noted_on=TODAY)
    assert view.organisation(None) is None
    notes = research.load_notes(store)
    assert (notes.notes, notes.filtered) == ([], False)


def test_organisations_are_ranked_or_queued_with_the_people_known_there(store):
    northwind = research.add_organisation(
        store, OrganisationDraft(name="Northwind", motivation=3, posting=3, origin="dream")
    )
    research.add_organisation(store, OrganisationDraft(name="Acme", motivation=1))
    mystery = research.add_organisation(store, OrganisationDraft(name="Mystery", motivation=0))
    store.contacts.add(ContactDraft(name="Ann", organisation_id=northwind), today=TODAY)
    store.contacts.add(ContactDraft(name="Bea", company="Mystery"), today=TODAY)
    store.goals.add(GoalDraft(title="Explore UX"), today=TODAY)

    view = research.load(store, today=TODAY)
    assert [t.organisation.name for t in view.ranked] == ["Northwind", "Acme"]
    first = view.ranked[0]
    assert first.known == ("Ann",)
    assert first.row["Now"] == "Now" and first.row["Rank"] == 1
    assert first.row["People I know there"] == "Ann"
    assert first.row["Came from"] == ORGANISATION_ORIGINS["dream"]
    assert first.row["Website"] is None
    [queued] = view.queue
    assert queued.line == "Mystery (you know Bea)"
    assert list(view.organisations.values()) == ["Northwind", "Acme", "Mystery"]
    assert list(view.goals.values()) == ["Explore UX"]
    assert view.organisation(mystery).name == "Mystery"
    assert view.organisation(999) is None


def test_notes_are_filtered_and_say_so(store):
    goal_id = store.goals.add(GoalDraft(title="Explore UX"), today=TODAY)
    research.add_note(store, note(goal_id=goal_id, facts=["About 180 staff"]), today=TODAY)
    research.add_note(store, note("Salaries", topic_kind="role"), today=TODAY)
    assert len(research.load_notes(store).notes) == 2
    by_goal = research.load_notes(store, goal_id=goal_id)
    assert [n.title for n in by_goal.notes] == ["Northwind at a glance"] and by_goal.filtered
    assert [n.title for n in research.load_notes(store, topic_kind="role").notes] == ["Salaries"]
    searched = research.load_notes(store, search="180 STAFF")
    assert [n.title for n in searched.notes] == ["Northwind at a glance"]
    assert research.load_notes(store, search="nothing like it").filtered
    assert not research.load_notes(store, search="   ").filtered


def test_loads_are_served_from_memory_until_the_next_write(store):
    first, notes = research.load(store, today=TODAY), research.load_notes(store)
    assert research.load(store, today=TODAY) is first
    assert research.load_notes(store) is notes
    research.add_note(store, note(), today=TODAY)
    assert len(research.load_notes(store).notes) == 1


# -- commands ----------------------------------------------------------------------------


def test_an_organisation_is_added_changed_and_deleted(store):
    org_id = research.add_organisation(store, OrganisationDraft(name="Northwind"))
    with pytest.raises(ValidationError):
        research.add_organisation(store, OrganisationDraft(name="northwind"))
    drawn = research.load(store, today=TODAY).organisation(org_id)
    research.update_organisation(store, drawn, OrganisationDraft(name="Northwind", notes="Hiring"))
    with pytest.raises(StaleEdit):  # the form drawn before that save
        research.update_organisation(store, drawn, OrganisationDraft(name="Northwind", notes="x"))
    [saved] = store.organisations.list()
    assert saved.notes == "Hiring"
    contact = store.contacts.add(ContactDraft(name="Ann", organisation_id=org_id), today=TODAY)
    research.delete_organisation(store, org_id)
    assert store.organisations.list() == []
    assert store.contacts.get(contact).name == "Ann"  # kept, unlinked
    with pytest.raises(NotFound):
        research.delete_organisation(store, org_id)


def test_a_note_is_added_edited_and_deleted(store):
    note_id = research.add_note(store, note(), today=TODAY)
    [saved] = research.load_notes(store).notes
    edit = research.NoteEdit.of(saved)
    assert edit.form == f"edit_note_{note_id}_1"
    research.update_note(store, edit, note("Northwind, revisited"), today=TODAY)
    assert [n.title for n in store.notes.list()] == ["Northwind, revisited"]
    with pytest.raises(StaleEdit):
        research.update_note(store, edit, note("Again"), today=TODAY)
    with pytest.raises(ValidationError):
        research.add_note(store, note(source_url="javascript:alert(1)"), today=TODAY)
    research.delete_note(store, note_id)
    assert store.notes.list() == []
    with pytest.raises(NotFound):
        research.delete_note(store, note_id)


def test_only_a_web_address_becomes_a_link_in_the_ranked_table(store):
    """A website that got in from a hand-edited file is shown as text, never a link."""
    research.add_organisation(
        store,
        OrganisationDraft(name="Northwind", motivation=2, website="https://northwind.example"),
    )
    [target] = research.load.uncached(store, today=TODAY).ranked
    assert target.row["Website"] == "https://northwind.example"
    assert research.NOT_A_LINK not in target.row
    for smuggled in ("javascript:alert(1)", "data:text/html,<b>x</b>", "file:///etc/passwd"):
        organisation = replace(target.organisation, website=smuggled)
        row = replace(target, organisation=organisation).row
        assert row["Website"] is None and row[research.NOT_A_LINK] == smuggled


# -- type nothing twice ------------------------------------------------------------------


def test_the_organisations_a_goal_names_wait_in_the_queue_with_the_goal(store):
    store.organisations.add(OrganisationDraft(name="Northwind Health", motivation=3))
    goal = GoalDraft(
        title="Health tech PM", target_organisations=["northwind  health", "Babylon", "BABYLON"]
    )
    store.goals.add(goal, today=TODAY)
    view = research.load(store, today=TODAY)
    assert [t.organisation.name for t in view.ranked] == ["Northwind Health"]  # linked
    assert [t.line for t in view.queue] == ["Babylon, from your goal 'Health tech PM'"]
    assert view.ranked[0].line == "Northwind Health, from your goal 'Health tech PM'"


def test_editing_a_goal_adds_the_organisations_it_now_names(store):
    goal_id = store.goals.add(GoalDraft(title="UX"), today=TODAY)
    store.goals.add(GoalDraft(title="PM", target_organisations=["Babylon"]), today=TODAY)
    draft = GoalDraft(title="UX", target_organisations=["Babylon", "Orbital Games"])
    store.goals.update(goal_id, draft, expected_version=1, today=TODAY)
    queue = research.load(store, today=TODAY).queue
    assert [t.line for t in queue] == [
        "Babylon, from your goals 'PM', 'UX'",
        "Orbital Games, from your goal 'UX'",
    ]


def test_a_goal_refused_creates_no_organisation(store):
    with pytest.raises(ValidationError) as refused:
        store.goals.add(GoalDraft(title="", target_organisations=["Babylon"]), today=TODAY)
    assert "title" in refused.value.errors
    too_long = GoalDraft(title="PM", target_organisations=["x" * 121])
    with pytest.raises(ValidationError) as refused:
        store.goals.add(too_long, today=TODAY)
    assert refused.value.errors["target_organisations"].startswith("Line 1:")
    assert store.organisations.list() == []


def test_a_new_note_is_for_the_only_active_goal(store):
    ux = store.goals.add(GoalDraft(title="UX"), today=TODAY)
    assert research.load(store, today=TODAY).new_note.goal_id == ux
    pm = store.goals.add(GoalDraft(title="PM"), today=TODAY)
    assert research.load(store, today=TODAY).new_note.goal_id is None  # the user chooses
    store.goals.set_status(pm, "paused")
    assert research.load(store, today=TODAY).new_note.goal_id == ux
