"""Scheduled interviews as one iCalendar (.ics) file that calendar apps import.

The icalendar library writes the file: it escapes TEXT values, folds long lines at 75
octets, ends lines with CRLF and builds the VTIMEZONE components. This module only
decides what goes in.

Times: ``Meeting.starts_at`` is the wall-clock time in ``Meeting.time_zone`` (an IANA
name, or "UTC"). DTSTART/DTEND carry a TZID and the calendar holds the matching
VTIMEZONE. The end is computed on the real time line, so a meeting across a DST change
lasts exactly ``duration_minutes``. RFC 5545 reads an ambiguous local time as its first
occurrence, so an end falling in the repeated hour after clocks go back is written in UTC
instead; a start inside a skipped hour is read with the offset before the gap (as RFC 5545
says) and written as the equivalent valid time.

What iCalendar text cannot carry (RFC 5545 section 3.3.11, TEXT): control characters
U+0000-U+001F and U+007F, except TAB and line breaks. A line break can only be carried as
LF, so CRLF and a lone CR become LF. Lone surrogates cannot be written as UTF-8, and
readers drop a byte-order mark (U+FEFF) that starts a value.
``carriable_text`` removes those characters and normalises line breaks; every other
character (commas, semicolons, colons, backslashes, quotes, emoji, any other Unicode)
reads back exactly. A URL is not TEXT and is written unescaped: it loses whitespace and
control characters (a line break would start a new property), and any character a URI
cannot hold (non-ASCII, backslash, quotes, ...) is percent-encoded.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache
from urllib.parse import quote
from zoneinfo import ZoneInfo, available_timezones

from icalendar import Alarm, Calendar, Event, vText

__all__ = [
    "CALENDAR_NAME",
    "PRODID",
    "AllDay",
    "Meeting",
    "calendar_bytes",
    "carriable_text",
    "ics_filename",
    "meeting_uid",
    "time_zone_names",
    "zone",
]

PRODID = "-//Informational interview planner//Calendar export 1.0//EN"
CALENDAR_NAME = "Informational interviews"

# Control characters other than TAB (0x09) and LF (0x0A), and lone surrogates. CR is
# handled first, as part of a line break.
_UNCARRIED = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")
_URL_UNCARRIED = re.compile(r"[\s\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_URI_SAFE = "!#$%&'()*+,/:;=?@[]"  # RFC 3986 reserved characters, and % of an escape
_STRAY_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_FILENAME_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


@dataclass(frozen=True)
class Meeting:
    """One interview as a calendar event."""

    uid: str  # stable across exports, see meeting_uid
    title: str
    starts_at: datetime  # naive wall-clock time in time_zone (an aware one is converted)
    time_zone: str  # IANA name such as "Europe/London", or "UTC"
    duration_minutes: int
    location: str  # a link or a place; may be empty
    description: str  # free text
    url: str = ""  # a video link when the location is one
    reminder_minutes: int = 30
    sequence: int = 0  # the interview row's version, so calendar apps accept an update
    cancelled: bool = False  # written as STATUS:CANCELLED, without a reminder


def meeting_uid(owner_id: str, interview_id: int) -> str:
    """A UID that stays the same for one owner's interview, and differs between any two.

    The owner id is percent-encoded, so distinct owners never collide and the UID holds
    only URL-safe ASCII.
    """
    return f"interview-{int(interview_id)}-{quote(owner_id, safe='')}@interview-planner"


def carriable_text(text: str) -> str:
    """``text`` as a calendar app will read it back: line breaks as LF, controls removed,
    and no byte-order mark (U+FEFF, invisible) at the start, which readers drop."""
    carried = _UNCARRIED.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return carried.lstrip("\ufeff")


def ics_filename(prefix: str, today: date) -> str:
    """A file name such as ``interviews-2026-11-22.ics`` (ASCII letters, digits, - and _)."""
    safe = _FILENAME_UNSAFE.sub("-", prefix).strip("-_")[:60] or "interviews"
    return f"{safe}-{today.isoformat()}.ics"


class _Text(vText):
    """TEXT whose literal backslash-N survives.

    icalendar 7.3 turns a backslash followed by "N" into a line break before escaping
    (so "C:\\Notes" would come back as "C:" and "otes" on a new line). Each piece between
    such pairs is escaped by the library and the pair is written as an escaped backslash
    followed by "N".
    """

    __slots__ = ()

    def to_ical(self) -> bytes:
        return b"\\\\N".join(vText(piece).to_ical() for piece in str(self).split("\\N"))


def _uri(url: str) -> str:
    encoded = quote(_URL_UNCARRIED.sub("", url), safe=_URI_SAFE)
    return _STRAY_PERCENT.sub("%25", encoded)


def _text(value: str) -> _Text:
    return _Text(carriable_text(value))


@cache
def _known_zones() -> frozenset[str]:
    # The system's zoneinfo directory also holds files that are not IANA zone names.
    return frozenset(available_timezones() - {"localtime", "posixrules", "Factory"})


def time_zone_names() -> list[str]:
    """Every time zone name ``zone`` accepts, sorted."""
    return sorted(_known_zones())


def zone(name: str) -> ZoneInfo:
    """The IANA time zone called ``name``; ValueError with a plain message otherwise."""
    return _zone(name)


def _zone(name: str) -> ZoneInfo:
    if name not in _known_zones():
        raise ValueError(
            f"Unknown time zone {name!r}: use an IANA name such as 'Europe/London', "
            "'America/New_York' or 'UTC'."
        )
    return ZoneInfo(name)


def _written(instant: datetime, zone: ZoneInfo) -> datetime:
    """``instant`` as local time in ``zone``, or in UTC when the local time is ambiguous."""
    local = instant.astimezone(zone)
    if local.fold and local.replace(fold=0).utcoffset() != local.utcoffset():
        return instant.astimezone(UTC)
    return local


def _event(meeting: Meeting, stamp: datetime) -> tuple[Event, datetime, datetime]:
    if meeting.duration_minutes <= 0:
        raise ValueError(f"A meeting must last at least a minute, not {meeting.duration_minutes}.")
    if meeting.reminder_minutes < 0:
        raise ValueError(f"A reminder cannot come after the start ({meeting.reminder_minutes}).")
    if meeting.sequence < 0:
        raise ValueError(f"A sequence number cannot be negative ({meeting.sequence}).")
    zone = _zone(meeting.time_zone)
    if meeting.starts_at.tzinfo is None:
        start = meeting.starts_at.replace(tzinfo=zone, fold=0).astimezone(UTC)
    else:
        start = meeting.starts_at.astimezone(UTC)
    end = start + timedelta(minutes=meeting.duration_minutes)

    event = Event()
    event.add("uid", meeting.uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", _written(start, zone))
    event.add("dtend", _written(end, zone))
    event.add("summary", _text(meeting.title))
    location = carriable_text(meeting.location)
    if location:
        event.add("location", _Text(location))
    description = carriable_text(meeting.description)
    if description:
        event.add("description", _Text(description))
    url = _uri(meeting.url)
    if url:
        event.add("url", url)
    event.add("sequence", meeting.sequence)
    event.add("status", "CANCELLED" if meeting.cancelled else "CONFIRMED")
    if meeting.cancelled:
        return event, start, end

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", timedelta(minutes=-meeting.reminder_minutes))
    alarm.add("description", _text(f"Reminder: {meeting.title}"))
    event.add_component(alarm)
    return event, start, end


@dataclass(frozen=True)
class AllDay:
    """A reminder shown as an all-day event on ``day`` (a thank-you owed, a follow-up),
    free time in the calendar, with a link to where it is done."""

    uid: str
    title: str
    day: date
    description: str
    url: str = ""


def _all_day(entry: AllDay, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", entry.uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", entry.day)  # a date: VALUE=DATE, all day
    event.add("dtend", entry.day + timedelta(days=1))
    event.add("summary", _text(entry.title))
    if description := carriable_text(entry.description):
        event.add("description", _Text(description))
    if url := _uri(entry.url):
        event.add("url", url)
    event.add("transp", "TRANSPARENT")  # a reminder does not make the user busy
    return event


def calendar_bytes(
    meetings: Iterable[Meeting],
    *,
    now: datetime,
    all_day: Iterable[AllDay] = (),
    refresh_minutes: int | None = None,
) -> bytes:
    """One VCALENDAR with a VEVENT (and a display reminder) per meeting.

    A file of cancelled meetings only is a cancellation (METHOD:CANCEL), which calendar
    apps apply to the events with the same UID; any other file is published
    (METHOD:PUBLISH), a cancelled event in it marked STATUS:CANCELLED all the same.
    ``now`` (timezone-aware) becomes every event's DTSTAMP, in UTC. ``all_day`` adds
    reminders as all-day events; ``refresh_minutes`` marks a subscribed feed, telling
    calendar apps how often to fetch it again. Raises ValueError for an unknown time
    zone, a naive ``now`` or a meeting that cannot be scheduled.
    """
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be a timezone-aware datetime, e.g. datetime.now(UTC).")
    stamp = now.astimezone(UTC).replace(microsecond=0)

    meetings, all_day = list(meetings), list(all_day)
    cancelling = bool(meetings) and all(m.cancelled for m in meetings) and not all_day
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "CANCEL" if cancelling else "PUBLISH")
    calendar.add("x-wr-calname", CALENDAR_NAME)
    if refresh_minutes is not None:
        calendar.add("refresh-interval", timedelta(minutes=refresh_minutes),
                     parameters={"VALUE": "DURATION"})  # fmt: skip
        calendar.add("x-published-ttl", f"PT{refresh_minutes}M")  # Outlook's name for it

    first: datetime | None = None
    last: datetime | None = None
    for meeting in meetings:
        event, start, end = _event(meeting, stamp)
        calendar.add_component(event)
        first = start if first is None else min(first, start)
        last = end if last is None else max(last, end)

    if first is not None and last is not None:
        # Zone rules from a year before the first meeting to two after the last, so an
        # event moved later in the calendar app still has its offsets.
        calendar.add_missing_timezones(
            first_date=date(first.year - 1, 1, 1), last_date=date(last.year + 2, 1, 1)
        )
        missing = calendar.get_missing_tzids()
        if missing:
            names = ", ".join(sorted(missing))
            raise ValueError(f"Could not describe the time zone(s) {names} in the calendar.")
    # All-day events have no time zone: added after the zones are worked out from the
    # meetings, so a feed's thousands of reminders are not walked for time zones.
    for entry in all_day:
        calendar.add_component(_all_day(entry, stamp))
    return calendar.to_ical()
