"""Calendar files: what a calendar app reads back from them."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from planner.calendar_ics import Meeting, calendar_bytes, ics_filename, meeting_uid

NOW = datetime(2026, 11, 22, 9, 0)


def meeting(**changes) -> Meeting:
    values = {
        "uid": meeting_uid("local", 6),
        "title": "Informational interview: Daniel Price (Northwind Health)",
        "starts_at": datetime(2026, 11, 25, 16, 0),
        "time_zone": "Europe/London",
        "duration_minutes": 30,
        "location": "https://meet.example/northwind-daniel",
        "description": "Ask about the junior role's first six months.",
    }
    return Meeting(**{**values, **changes})


def events(data: bytes):
    return Calendar.from_ical(data).walk("VEVENT")


def test_a_meeting_reads_back_with_its_zone_reminder_and_text():
    [event] = events(calendar_bytes([meeting()], now=NOW))
    start = event.decoded("dtstart")
    assert start == datetime(2026, 11, 25, 16, 0, tzinfo=ZoneInfo("Europe/London"))
    assert event.decoded("dtend") - start == timedelta(minutes=30)
    assert str(event["summary"]) == "Informational interview: Daniel Price (Northwind Health)"
    [alarm] = event.walk("VALARM")
    assert alarm.decoded("trigger") == timedelta(minutes=-30)
    assert str(event["uid"]) == "interview-6-local@interview-planner"


def test_times_stay_right_across_a_clock_change_and_in_other_zones():
    both = calendar_bytes(
        [
            meeting(uid="a", starts_at=datetime(2026, 10, 25, 9, 0)),  # London's clocks went back
            meeting(uid="b", starts_at=datetime(2026, 11, 2, 9, 0), time_zone="America/New_York"),
        ],
        now=NOW,
    )
    london, new_york = events(both)
    assert london.decoded("dtstart").utcoffset() == timedelta(0)
    assert new_york.decoded("dtstart").astimezone(ZoneInfo("UTC")).hour == 14


def test_an_unknown_zone_is_refused_plainly():
    with pytest.raises(ValueError, match="not a time zone"):
        calendar_bytes([meeting(time_zone="Mars/Olympus")], now=NOW)


def test_the_file_is_well_formed():
    data = calendar_bytes([meeting(description="x" * 400)], now=NOW)
    lines = data.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert calendar_bytes([], now=NOW).startswith(b"BEGIN:VCALENDAR")


printable = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\n,;:\\\t"),
)


@settings(max_examples=60, deadline=None)
@given(description=printable, location=printable)
def test_whatever_the_user_typed_comes_back_unchanged(description, location):
    [event] = events(calendar_bytes([meeting(description=description, location=location)], now=NOW))
    # Empty fields are left out; line ends are normalised to \n by iCalendar readers.
    if description:
        assert str(event["description"]) == description.replace("\r\n", "\n")
    if location:
        assert str(event["location"]) == location


def test_file_names_are_safe():
    assert ics_filename("Daniel Price / Northwind", NOW.date()) == (
        "Daniel-Price-Northwind-2026-11-22.ics"
    )
