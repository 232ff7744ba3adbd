"""Rules for research notes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from planner.research import NoteDraft, validate_note

from .conftest import TODAY


def errors(**changes) -> dict[str, str]:
    draft = NoteDraft(**{"title": "Northwind at a glance", "noted_on": TODAY, **changes})
    return validate_note(draft.normalised(), today=TODAY)


def test_a_titled_dated_note_is_valid():
    assert errors() == {}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": "  "}, "title"),
        ({"topic_kind": "gossip"}, "topic_kind"),
        ({"source_url": "northwind.example/about"}, "source_url"),
        ({"source_url": "file:///etc/passwd"}, "source_url"),
        ({"noted_on": None}, "noted_on"),
        ({"noted_on": TODAY + timedelta(days=1)}, "noted_on"),
        ({"facts": ["x" * 201]}, "facts"),
        ({"body": "a\x00b"}, "body"),
    ],
)
def test_bad_note_input_is_named_by_field(changes, field):
    assert field in errors(**changes)


def test_facts_are_one_per_line_with_blanks_dropped():
    draft = NoteDraft(facts=[" About 180 staff ", "", "Founded in 2012"]).normalised()
    assert draft.facts == ["About 180 staff", "Founded in 2012"]


def test_a_note_dated_decades_ago_is_refused_as_a_likely_typo():
    from planner.research import NoteDraft, validate_note

    old = NoteDraft(title="Found", noted_on=date(1926, 11, 24)).normalised()
    assert "Check the year" in validate_note(old, today=date(2026, 11, 24))["noted_on"]


def test_a_note_opens_for_editing_as_it_was_saved(store):
    from planner.goals import GoalDraft

    goal_id = store.goals.add(GoalDraft(title="Explore UX"), today=TODAY)
    draft = NoteDraft(
        topic_kind="role",
        title="Junior researcher",
        body="Runs studies.",
        source_url="https://example.org",
        noted_on=TODAY,
        goal_id=goal_id,
        facts=["Two years", "Hybrid"],
    )
    store.notes.add(draft, today=TODAY)
    [note] = store.notes.list()
    assert note.as_draft() == draft
    assert note.context == ["Explore UX"]


def test_a_queued_organisation_names_the_people_known_there():
    from planner.organisations import with_people_known

    assert with_people_known("Northwind", []) == "Northwind"
    assert with_people_known("Northwind", ["Ann", "Bob"]) == "Northwind (you know Ann, Bob)"
