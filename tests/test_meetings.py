"""Scheduling: rules for a meeting's time and length, the pipeline move, the calendar file."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest
from icalendar import Calendar

from planner.calendar_export import calendar_bytes
from planner.contacts import ContactDraft
from planner.errors import ValidationError
from planner.meetings import MeetingDraft, duration_warning, validate_meeting

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
