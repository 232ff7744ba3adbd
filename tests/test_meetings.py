"""Scheduling: rules for a meeting's time and length, the pipeline move, the calendar file."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest
from icalendar import Calendar

from planner.calendar_export import calendar_bytes
from planner.contacts import ContactDraft
from planner.errors import NotFound, StaleEdit, ValidationError
from planner.meetings import (
    MeetingDraft,
    default_goal,
    duration_warning,
    stage_after_cancelling,
    validate_meeting,
)

from .conftest import TODAY
from .test_cli import run_planner

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


def draft(**changes) -> MeetingDraft:
    values = {"contact_id": 1, "on": date(2026, 11, 25), "at": time(16), "time_zone": "UTC"}
    return MeetingDraft(**{**values, **changes})


def test_a_future_meeting_of_a_usual_length_is_fine():
    assert validate_meeting(draft(), now=NOW) == {}
    assert duration_warning(30) is None
    assert "20-30 minutes is usual" in duration_warning(90)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"on": date(2026, 11, 21)}, "on"),
        ({"on": None}, "on"),
        ({"at": None}, "at"),
        ({"duration_minutes": 5}, "duration_minutes"),
        ({"duration_minutes": 300}, "duration_minutes"),
        ({"format": "carrier pigeon"}, "format"),
        ({"time_zone": "Nowhere/Land"}, "time_zone"),
        ({"location": "a\nb"}, "location"),
    ],
)
def test_bad_meeting_input_is_named_by_field(changes, field):
    assert field in validate_meeting(draft(**changes), now=NOW)


def test_the_past_is_judged_in_the_meetings_own_zone():
    # 13:30 in Auckland on the 23rd is 00:30 UTC on the 23rd: still ahead of NOW;
    # 12:30 in Berlin today is 11:30 UTC: already past, though it reads later than 12:00.
    late = draft(on=date(2026, 11, 23), at=time(13, 30), time_zone="Pacific/Auckland")
    assert validate_meeting(late, now=NOW) == {}
    early = draft(on=date(2026, 11, 22), at=time(12, 30), time_zone="Europe/Berlin")
    assert "already passed" in validate_meeting(early, now=NOW)["on"]


def test_scheduling_moves_the_contact_and_the_meeting_goes_in_the_calendar(store):
    contact_id = store.contacts.add(ContactDraft(name="Daniel Price"), today=TODAY)
    store.contacts.move(contact_id, "requested", happened_at=datetime(2026, 11, 20, 9))
    interview_id = store.meetings.schedule(
        draft(contact_id=contact_id, location="https://meet.example/d"), now=NOW
    )
    assert store.contacts.get(contact_id).stage == "scheduled"
    [entry] = store.meetings.calendar_entries(since=datetime(2026, 11, 22))
    assert entry.uid == f"interview-{interview_id}-local@interview-planner"
    [event] = Calendar.from_ical(calendar_bytes([entry], now=NOW)).walk("VEVENT")
    assert str(event["summary"]) == "Informational interview: Daniel Price"
    assert str(event["url"]) == "https://meet.example/d"


def test_a_bad_meeting_saves_nothing(store):
    contact_id = store.contacts.add(ContactDraft(name="Daniel"), today=TODAY)
    with pytest.raises(ValidationError):
        store.meetings.schedule(draft(contact_id=contact_id, on=date(2026, 1, 1)), now=NOW)
    assert store.meetings.list() == []
    assert store.contacts.get(contact_id).stage == "identified"


def test_the_calendar_command_writes_upcoming_meetings(tmp_path):
    db, ics = tmp_path / "p.duckdb", tmp_path / "meetings.ics"
    run_planner("demo", "--db", db, "--today", "2026-11-22")
    result = run_planner("calendar", "--db", db, "-o", ics, "--today", "2026-11-22")
    assert result.returncode == 0, result.stderr
    summaries = [str(e["summary"]) for e in Calendar.from_ical(ics.read_bytes()).walk("VEVENT")]
    assert summaries == [
        "Informational interview: Daniel Price (Northwind Health)",
        "Informational interview: Sofia Álvarez (Civic Data Lab)",
    ]


def test_a_meeting_more_than_five_years_ahead_is_a_typo():
    now = datetime(2026, 12, 1, 9, tzinfo=UTC)
    draft = MeetingDraft(1, date(2062, 12, 1), time(10), "UTC")
    assert "Check the year: 2062-12-01" in validate_meeting(draft, now=now)["on"]
    assert validate_meeting(MeetingDraft(1, date(2027, 1, 5), time(10), "UTC"), now=now) == {}


# -- moving and cancelling a meeting -----------------------------------------------------


def booked(store, *, stage_before: str = "requested") -> tuple[int, int]:
    """A contact at ``stage_before`` with one meeting booked on 25 November, 16:00 UTC."""
    contact_id = store.contacts.add(ContactDraft(name="Daniel Price"), today=TODAY)
    if stage_before != "identified":
        store.contacts.move(contact_id, stage_before, happened_at=datetime(2026, 11, 20, 9))
    return contact_id, store.meetings.schedule(draft(contact_id=contact_id), now=NOW)


def the_meeting(store, interview_id: int):
    return next(m for m in store.meetings.list() if m.id == interview_id)


def meeting_entries(store, contact_id: int) -> list[str]:
    return [h.text for h in store.contacts.history(contact_id) if h.kind == "meeting"]


def the_event(store, interview_id: int):
    """The meeting's calendar file parsed back: (calendar, its one event)."""
    entry = store.meetings.calendar_entry(the_meeting(store, interview_id))
    calendar = Calendar.from_ical(calendar_bytes([entry], now=datetime.now(UTC)))
    [event] = calendar.walk("VEVENT")
    return calendar, event


def test_a_rescheduled_meeting_updates_the_same_calendar_event(store):
    contact_id, interview_id = booked(store)
    _, before = the_event(store, interview_id)
    version = the_meeting(store, interview_id).version
    moved = draft(
        contact_id=contact_id,
        on=date(2026, 11, 27),
        at=time(9, 30),
        time_zone="Europe/London",
        duration_minutes=45,
        format="phone",
        location="+44 113 496 0123",
    )
    store.meetings.reschedule(interview_id, moved, expected_version=version, now=NOW)

    meeting = the_meeting(store, interview_id)
    assert (meeting.starts_at, meeting.time_zone, meeting.duration_minutes) == (
        datetime(2026, 11, 27, 9, 30),
        "Europe/London",
        45,
    )
    assert (meeting.format, meeting.location, meeting.status) == (
        "phone",
        "+44 113 496 0123",
        "scheduled",
    )
    _, after = the_event(store, interview_id)
    assert str(after["uid"]) == str(before["uid"])
    assert int(after["sequence"]) > int(before["sequence"])
    assert after.decoded("dtstart").strftime("%Y-%m-%d %H:%M") == "2026-11-27 09:30"
    assert after.decoded("dtstamp") >= before.decoded("dtstamp")
    assert meeting_entries(store, contact_id) == [
        "Meeting: Rescheduled the meeting from Wed 25 Nov 2026, 16:00 (UTC), 30 min, "
        "video call to Fri 27 Nov 2026, 09:30 (Europe/London), 45 min, phone call, "
        "+44 113 496 0123."
    ]
    assert store.contacts.get(contact_id).stage == "scheduled"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"on": date(2026, 11, 21)}, "already passed"),
        ({"on": date(2032, 1, 5)}, "more than 5 years away"),
        ({}, "already is"),
        ({"location": "  "}, "already is"),
        ({"duration_minutes": 5}, "Choose between 10 and 240 minutes"),
    ],
)
def test_a_bad_new_time_moves_nothing(store, changes, message):
    contact_id, interview_id = booked(store)
    version = the_meeting(store, interview_id).version
    with pytest.raises(ValidationError) as refused:
        store.meetings.reschedule(
            interview_id, draft(contact_id=contact_id, **changes), expected_version=version, now=NOW
        )
    assert message in refused.value.sentence
    assert the_meeting(store, interview_id).version == version
    assert not any("Rescheduled" in h.summary for h in store.contacts.history(contact_id))


def test_a_meeting_changed_elsewhere_or_no_longer_booked_is_not_moved(store):
    contact_id, interview_id = booked(store)
    version = the_meeting(store, interview_id).version
    later = draft(contact_id=contact_id, on=date(2026, 11, 26))
    with pytest.raises(StaleEdit):
        store.meetings.reschedule(interview_id, later, expected_version=version - 1, now=NOW)
    store.meetings.cancel(interview_id, expected_version=version, now=NOW)
    with pytest.raises(ValidationError, match="was cancelled"):
        store.meetings.reschedule(interview_id, later, expected_version=version + 1, now=NOW)
    with pytest.raises(NotFound):
        store.meetings.cancel(999, expected_version=1, now=NOW)


def test_a_cancelled_meeting_gives_a_cancellation_calendar_file(store):
    _, interview_id = booked(store)
    _, before = the_event(store, interview_id)
    store.meetings.cancel(
        interview_id, expected_version=the_meeting(store, interview_id).version, now=NOW
    )
    assert the_meeting(store, interview_id).status == "cancelled"
    calendar, after = the_event(store, interview_id)
    assert str(calendar["method"]) == "CANCEL"
    assert str(after["status"]) == "CANCELLED"
    assert str(after["uid"]) == str(before["uid"])
    assert int(after["sequence"]) > int(before["sequence"])
    assert after.walk("VALARM") == [], "no reminder for a meeting that will not happen"


def test_cancelling_the_only_meeting_takes_the_contact_back_to_the_stage_before(store):
    contact_id, interview_id = booked(store)
    store.meetings.cancel(interview_id, expected_version=1, now=NOW)
    assert store.contacts.get(contact_id).stage == "requested"
    moves = [h.text for h in store.contacts.history(contact_id) if h.kind == "stage"]
    assert moves[0] == "Scheduled → Request sent: Meeting cancelled"
    assert meeting_entries(store, contact_id) == [
        "Meeting: Cancelled the meeting on Wed 25 Nov 2026, 16:00 (UTC), 30 min, video call."
    ]


def test_a_contact_with_another_meeting_booked_stays_scheduled(store):
    contact_id, first = booked(store)
    store.meetings.schedule(draft(contact_id=contact_id, on=date(2026, 12, 2)), now=NOW)
    store.meetings.cancel(first, expected_version=1, now=NOW)
    assert store.contacts.get(contact_id).stage == "scheduled"


def test_a_cancelled_meeting_leaves_every_upcoming_list_and_count(store):
    from planner.due import due_list
    from planner.steps import questions

    _, interview_id = booked(store)
    store.meetings.cancel(interview_id, expected_version=1, now=NOW)
    week = (datetime(2026, 11, 22), datetime(2026, 12, 2))
    assert store.meetings.upcoming(*week) == []
    assert store.meetings.calendar_entries(since=week[0]) == []
    assert [d for d in due_list(store, today=TODAY) if d.interview_id == interview_id] == []
    assert questions.load(store).meetings == {}, "the Questions picker leaves it out"
    assert store.metrics.journey_counts()["interviews_scheduled"] == 0
    requests = sum(w.requests for w in store.metrics.weekly_activity())
    assert requests == 1, "moving back to 'Request sent' is not a second request"


@pytest.mark.parametrize(
    ("stage", "before", "still_booked", "after"),
    [
        ("scheduled", "requested", False, "requested"),
        ("scheduled", "keeping_in_touch", False, "keeping_in_touch"),
        ("scheduled", "identified", False, "requested"),
        ("scheduled", None, False, "requested"),
        ("scheduled", "requested", True, "scheduled"),
        ("interviewed", "requested", False, "interviewed"),
    ],
)
def test_the_stage_after_a_cancellation(stage, before, still_booked, after):
    assert stage_after_cancelling(stage, before, still_booked=still_booked) == after


@pytest.mark.parametrize(
    ("contact_goals", "active", "expected"),
    [
        ([7], [1, 2], 7),
        ([], [3], 3),
        ([], [3, 4], None),
        ([], [], None),
        ([3, 4], [4], 4),
        ([3, 4], [5], None),
    ],
)
def test_a_new_meeting_counts_for_the_obvious_goal(contact_goals, active, expected):
    assert default_goal(contact_goals, active) == expected
