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
