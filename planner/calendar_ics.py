"""Meetings as an iCalendar (.ics) file that calendar apps import, with a reminder.

The icalendar library writes the file, so line breaks, commas and semicolons in
what the user typed are escaped by it and cannot break the file's structure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Alarm, Calendar, Event

PRODID = "-//Informational interview planner//EN"
# Control characters other than tab and line breaks cannot be carried by iCalendar text.
_UNCARRIED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Meeting:
    uid: str
    title: str
    starts_at: datetime  # wall-clock time in time_zone
    time_zone: str
    duration_minutes: int
    location: str = ""
    description: str = ""
    url: str = ""
    reminder_minutes: int = 30
    sequence: int = 0  # the interview's version, so calendar apps accept an update


def meeting_uid(owner_id: str, interview_id: int) -> str:
    owner = re.sub(r"[^A-Za-z0-9.-]", "-", owner_id) or "local"
    return f"interview-{interview_id}-{owner}@interview-planner"


def zone(name: str) -> ZoneInfo:
    """The time zone called ``name``, or ValueError with a message a user understands."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"'{name}' is not a time zone this computer knows; use a name like Europe/London."
        ) from None


def _text(value: str) -> str:
    return _UNCARRIED.sub("", value)


def calendar_bytes(meetings: Iterable[Meeting], *, now: datetime) -> bytes:
    """One calendar holding every meeting, each with a display reminder."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "Informational interviews")
    stamp = now.astimezone(UTC) if now.tzinfo else now.replace(tzinfo=UTC)
    for meeting in meetings:
        start = meeting.starts_at.replace(tzinfo=zone(meeting.time_zone))
        event = Event()
        event.add("uid", meeting.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(minutes=meeting.duration_minutes))
        event.add("summary", _text(meeting.title))
        if meeting.location:
            event.add("location", _text(meeting.location))
        if meeting.description:
            event.add("description", _text(meeting.description))
        if meeting.url:
            event.add("url", meeting.url)
        event.add("sequence", meeting.sequence)
        event.add("status", "CONFIRMED")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", _text(meeting.title))
        alarm.add("trigger", timedelta(minutes=-meeting.reminder_minutes))
        event.add_component(alarm)
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def ics_filename(prefix: str, today: date) -> str:
    safe = re.sub(r"[^A-Za-z0-9-]+", "-", prefix).strip("-") or "meetings"
    return f"{safe}-{today.isoformat()}.ics"
