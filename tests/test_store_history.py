"""Correcting a contact's history: an entry redated or reworded, a note deleted, the
latest step undone (and what came with it), and what is refused with a reason."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from planner.contacts import ContactDraft
from planner.errors import NotFound, ValidationError
from planner.history import NOT_THE_LATEST_STEP, STEP_CAME_WITH_A_MEETING
from planner.meetings import MeetingDraft

from .conftest import TODAY


def person(store, name="Priya Raman") -> int:
    return store.contacts.add(ContactDraft(name=name), today=TODAY)


def entries(store, contact: int, kind: str):
    """The contact's entries of ``kind``, newest first ("Added" aside)."""
    return [h for h in store.contacts.history(contact) if h.kind == kind and h.summary != "Added"]


def send(store, contact: int, kind: str, day: date, interview: int | None = None) -> datetime:
    sent_at = datetime.combine(day, time(9, 15))
    store.outreach.record_message(contact, kind, channel="email", subject="Hello",
                                  body="Words as sent", sent_at=sent_at,
                                  interview_id=interview)  # fmt: skip
    return sent_at


def test_a_note_is_redated_and_reworded_keeping_its_time_of_day(store):
    contact = person(store)
    when = datetime(2026, 11, 20, 14, 5)
    store.contacts.record_event(contact, "note", happened_at=when, summary="Met at a meetup")
    [note] = entries(store, contact, "note")
    moved = datetime(2026, 11, 18, 14, 5)
    store.contacts.correct_event(
        contact, note.id, happened_at=moved, channel="in_person", summary="Met at the meetup"
    )
    [note] = entries(store, contact, "note")
    assert (note.happened_at, note.channel, note.summary) == (
        moved,
        "in_person",
        "Met at the meetup",
    )


def test_a_correction_is_checked_like_a_new_entry(store):
    contact = person(store)
    store.contacts.record_event(contact, "note", happened_at=datetime(2026, 11, 20), summary="x")
    [note] = entries(store, contact, "note")
    with pytest.raises(ValidationError) as refused:
        store.contacts.correct_event(
            contact, note.id, happened_at=note.happened_at, channel="pigeon", summary="x"
        )
    assert "channel" in refused.value.errors
    assert entries(store, contact, "note")[0].channel == ""


def test_a_note_is_deleted_and_a_deleted_one_is_reported_gone(store):
    contact = person(store)
    store.contacts.record_event(contact, "reply", happened_at=datetime(2026, 11, 20), summary="Yes")
    [reply] = entries(store, contact, "reply")
    store.contacts.delete_event(contact, reply.id)
    assert entries(store, contact, "reply") == []
    with pytest.raises(NotFound):
        store.contacts.delete_event(contact, reply.id)


def test_undoing_a_request_sent_puts_them_back_and_removes_the_message(store):
    contact = person(store)
    send(store, contact, "request", date(2026, 11, 20))
    assert store.contacts.get(contact).stage == "requested"
    [step] = entries(store, contact, "stage")
    assert store.contacts.undo_step(contact, step.id) == "identified"
    assert store.contacts.get(contact).stage == "identified"
    assert entries(store, contact, "stage") == []
    assert store.outreach.sent(contact_id=contact) == []


def test_only_the_latest_step_can_be_undone(store):
    contact = person(store)
    store.contacts.move(contact, "requested", happened_at=datetime(2026, 11, 1, 9))
    store.contacts.move(contact, "no_reply", happened_at=datetime(2026, 11, 20, 9))
    latest, earlier = entries(store, contact, "stage")
    with pytest.raises(ValidationError) as refused:
        store.contacts.undo_step(contact, earlier.id)
    assert refused.value.errors == {"history": NOT_THE_LATEST_STEP}
    with pytest.raises(ValidationError):
        store.contacts.delete_event(contact, earlier.id)  # a step is undone, not deleted
    assert store.contacts.undo_step(contact, latest.id) == "requested"
    [left] = entries(store, contact, "stage")
    assert store.contacts.undo_step(contact, left.id) == "identified"


def test_a_step_a_meeting_stands_behind_is_changed_through_the_meeting(store):
    contact = person(store)
    store.contacts.move(contact, "requested", happened_at=datetime(2026, 11, 1, 9))
    store.meetings.schedule(
        MeetingDraft(contact, date(2030, 1, 15), time(10), "UTC"),
        now=datetime(2026, 11, 2, tzinfo=UTC),
    )
    step = entries(store, contact, "stage")[0]
    assert step.stage_to == "scheduled"
    with pytest.raises(ValidationError) as refused:
        store.contacts.undo_step(contact, step.id)
    assert refused.value.errors == {"history": STEP_CAME_WITH_A_MEETING}
    assert store.contacts.get(contact).stage == "scheduled"


def test_undoing_a_thank_you_makes_it_owed_again(store):
    contact = person(store)
    interview = store.meetings.schedule(
        MeetingDraft(contact, date(2026, 11, 10), time(10), "UTC"),
        now=datetime(2026, 11, 1, tzinfo=UTC),
    )
    store.meetings.mark_done(interview, now=datetime(2026, 11, 10, 12, tzinfo=UTC))
    assert [o.interview_id for o in store.outreach.thank_yous_owed()] == [interview]
    send(store, contact, "thank_you", date(2026, 11, 11), interview)
    assert store.outreach.thank_yous_owed() == []
    step = entries(store, contact, "stage")[0]
    assert (step.stage_from, step.stage_to) == ("interviewed", "thanked")
    store.contacts.undo_step(contact, step.id)
    assert store.contacts.get(contact).stage == "interviewed"
    assert [o.interview_id for o in store.outreach.thank_yous_owed()] == [interview]


def test_a_redated_message_keeps_its_words_with_it(store):
    contact = person(store)
    send(store, contact, "request", date(2026, 11, 20))
    [step] = entries(store, contact, "stage")
    earlier = datetime(2026, 11, 19, 9, 15)
    store.contacts.correct_event(
        contact, step.id, happened_at=earlier, channel="email", summary=step.summary
    )
    [sent] = store.outreach.sent(contact_id=contact)
    assert sent.sent_at == earlier


def test_a_meeting_entry_is_not_corrected_here(store):
    contact = person(store)
    interview = store.meetings.schedule(
        MeetingDraft(contact, date(2026, 11, 10), time(10), "UTC"),
        now=datetime(2026, 11, 1, tzinfo=UTC),
    )
    store.meetings.mark_done(interview, now=datetime(2026, 11, 10, 12, tzinfo=UTC))
    [held] = entries(store, contact, "meeting")
    with pytest.raises(ValidationError):
        store.contacts.correct_event(
            contact, held.id, happened_at=held.happened_at, channel="", summary="x"
        )
    with pytest.raises(ValidationError):
        store.contacts.delete_event(contact, held.id)
    assert entries(store, contact, "meeting") == [held]
