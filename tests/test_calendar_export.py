"""Calendar export: what a calendar app reads back from the file."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from planner.calendar_export import (
    CALENDAR_NAME,
    Meeting,
    calendar_bytes,
    carriable_text,
    ics_filename,
    meeting_uid,
)

NOW = datetime(2026, 11, 22, 9, 15, 42, 123456, tzinfo=UTC)
LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
AWKWARD = 'Line one\nline two, with; semicolons: colons \\ backslashes C:\\Notes "quoted" 🎉 ñ 中文'

# What iCalendar TEXT cannot carry: C0 controls except TAB and LF (CR included: a line
# break can only be carried as LF), DEL, and lone surrogates (category Cs: not UTF-8).
UNCARRIED = "".join(chr(c) for c in [*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F])
# Text a calendar carries as it is: no controls, no lone surrogates, and no byte-order
# mark at the start (see planner.calendar_export.carriable_text).
carriable = st.text(
    st.characters(exclude_categories=("Cs",), exclude_characters=UNCARRIED), max_size=300
).map(lambda text: text.lstrip("\ufeff"))


def meeting(**changes) -> Meeting:
    values = {
        "uid": meeting_uid("local", 6),
        "title": "Informational interview: Priya Raman (Northwind Health)",
        "starts_at": datetime(2026, 11, 25, 16, 0),
        "time_zone": "Europe/London",
        "duration_minutes": 30,
        "location": "https://meet.example/northwind-priya",
        "description": "Ask about the first six months in the role.",
    }
    return Meeting(**{**values, **changes})


def parse(data: bytes) -> Calendar:
    calendar = Calendar.from_ical(data)
    assert not calendar.errors
    return calendar


def only_event(data: bytes):
    [event] = parse(data).walk("VEVENT")
    assert not event.errors
    return event


def text(event, name: str) -> str:
    return str(event.get(name, ""))


def utc(value: datetime) -> datetime:
    assert value.tzinfo is not None
    return value.astimezone(UTC)


def test_calendar_header_and_one_event_per_meeting():
    meetings = [meeting(uid=meeting_uid("local", n)) for n in (1, 2, 3)]
    calendar = parse(calendar_bytes(meetings, now=NOW))
    assert "Informational interview planner" in str(calendar["prodid"])
    assert str(calendar["version"]) == "2.0"
    assert str(calendar["method"]) == "PUBLISH"
    assert str(calendar["x-wr-calname"]) == CALENDAR_NAME == "Informational interviews"
    events = calendar.walk("VEVENT")
    assert [str(e["uid"]) for e in events] == [m.uid for m in meetings]


def test_no_meetings_is_a_valid_empty_calendar():
    data = calendar_bytes([], now=NOW)
    calendar = parse(data)
    assert str(calendar["version"]) == "2.0"
    assert calendar.walk("VEVENT") == []
    assert calendar.walk("VTIMEZONE") == []
    assert data.startswith(b"BEGIN:VCALENDAR\r\n")
    assert data.endswith(b"END:VCALENDAR\r\n")


def test_event_fields_a_calendar_app_shows():
    m = meeting(url="https://meet.example/northwind-priya", sequence=3)
    event = only_event(calendar_bytes([m], now=NOW))
    assert text(event, "summary") == m.title
    assert text(event, "location") == m.location
    assert text(event, "description") == m.description
    assert text(event, "url") == "https://meet.example/northwind-priya"
    assert event.decoded("sequence") == 3
    assert text(event, "status") == "CONFIRMED"
    assert event.decoded("dtstamp") == datetime(2026, 11, 22, 9, 15, 42, tzinfo=UTC)
    assert b"DTSTAMP:20261122T091542Z\r\n" in calendar_bytes([m], now=NOW)


def test_no_url_and_no_location_are_left_out():
    event = only_event(calendar_bytes([meeting(location="", description="")], now=NOW))
    assert "url" not in event
    assert "location" not in event
    assert "description" not in event


def test_start_and_end_in_the_meeting_zone_with_its_vtimezone():
    data = calendar_bytes([meeting()], now=NOW)
    event = only_event(data)
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    assert utc(start) == datetime(2026, 11, 25, 16, 0, tzinfo=UTC)  # GMT in November
    assert utc(end) == datetime(2026, 11, 25, 16, 30, tzinfo=UTC)
    assert event["dtstart"].params["TZID"] == "Europe/London"
    assert b"DTSTART;TZID=Europe/London:20261125T160000\r\n" in data
    [zone] = parse(data).walk("VTIMEZONE")
    assert str(zone["tzid"]) == "Europe/London"


def test_new_york_meeting():
    m = meeting(starts_at=datetime(2026, 7, 14, 9, 30), time_zone="America/New_York")
    data = calendar_bytes([m], now=NOW)
    event = only_event(data)
    assert event.decoded("dtstart") == datetime(2026, 7, 14, 9, 30, tzinfo=NEW_YORK)
    assert utc(event.decoded("dtstart")) == datetime(2026, 7, 14, 13, 30, tzinfo=UTC)  # EDT
    assert utc(event.decoded("dtend")) == datetime(2026, 7, 14, 14, 0, tzinfo=UTC)
    assert b"DTSTART;TZID=America/New_York:20260714T093000\r\n" in data
    assert [str(z["tzid"]) for z in parse(data).walk("VTIMEZONE")] == ["America/New_York"]


def test_meeting_across_clocks_going_back_in_london_lasts_its_duration():
    # 2026-10-25: 02:00 BST becomes 01:00 GMT. 00:30 BST + 2 h is 01:30 GMT (the second
    # 01:30 that day); the end is written in UTC because local 01:30 is ambiguous.
    m = meeting(starts_at=datetime(2026, 10, 25, 0, 30), duration_minutes=120)
    event = only_event(calendar_bytes([m], now=NOW))
    start, end = utc(event.decoded("dtstart")), utc(event.decoded("dtend"))
    assert start == datetime(2026, 10, 24, 23, 30, tzinfo=UTC)
    assert end == datetime(2026, 10, 25, 1, 30, tzinfo=UTC)
    assert end - start == timedelta(hours=2)
    assert end.astimezone(LONDON).replace(tzinfo=None) == datetime(2026, 10, 25, 1, 30)


def test_meeting_across_clocks_going_back_ending_after_the_repeat():
    m = meeting(starts_at=datetime(2026, 10, 25, 0, 30), duration_minutes=180)
    data = calendar_bytes([m], now=NOW)
    event = only_event(data)
    assert utc(event.decoded("dtend")) - utc(event.decoded("dtstart")) == timedelta(hours=3)
    assert b"DTEND;TZID=Europe/London:20261025T023000\r\n" in data  # 02:30 GMT


def test_meeting_across_clocks_going_forward_in_new_york():
    # 2026-03-08: 02:00 EST becomes 03:00 EDT.
    m = meeting(
        starts_at=datetime(2026, 3, 8, 1, 30), time_zone="America/New_York", duration_minutes=60
    )
    data = calendar_bytes([m], now=NOW)
    event = only_event(data)
    assert utc(event.decoded("dtstart")) == datetime(2026, 3, 8, 6, 30, tzinfo=UTC)
    assert utc(event.decoded("dtend")) == datetime(2026, 3, 8, 7, 30, tzinfo=UTC)
    assert b"DTEND;TZID=America/New_York:20260308T033000\r\n" in data


def test_ambiguous_start_is_the_first_occurrence_and_skipped_start_uses_offset_before():
    # RFC 5545 3.3.5: ambiguous -> first occurrence; in a gap -> the offset before the gap.
    ambiguous = meeting(starts_at=datetime(2026, 10, 25, 1, 30))
    skipped = meeting(uid="other", starts_at=datetime(2026, 3, 29, 1, 30))
    first, second = parse(calendar_bytes([ambiguous, skipped], now=NOW)).walk("VEVENT")
    assert utc(first.decoded("dtstart")) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert utc(second.decoded("dtstart")) == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    assert second.decoded("dtstart").replace(tzinfo=None) == datetime(2026, 3, 29, 2, 30)


def test_utc_meeting_and_several_zones_in_one_file():
    meetings = [
        meeting(uid="a", time_zone="UTC"),
        meeting(uid="b", time_zone="America/New_York"),
        meeting(uid="c"),
        meeting(uid="d"),
    ]
    data = calendar_bytes(meetings, now=NOW)
    calendar = parse(data)
    assert b"DTSTART:20261125T160000Z\r\n" in data
    assert sorted(str(z["tzid"]) for z in calendar.walk("VTIMEZONE")) == [
        "America/New_York",
        "Europe/London",
    ]
    starts = [utc(e.decoded("dtstart")) for e in calendar.walk("VEVENT")]
    assert starts == [
        datetime(2026, 11, 25, 16, 0, tzinfo=UTC),
        datetime(2026, 11, 25, 21, 0, tzinfo=UTC),
        datetime(2026, 11, 25, 16, 0, tzinfo=UTC),
        datetime(2026, 11, 25, 16, 0, tzinfo=UTC),
    ]


def test_aware_start_is_converted_to_the_meeting_zone():
    m = meeting(starts_at=datetime(2026, 11, 25, 11, 0, tzinfo=NEW_YORK))
    event = only_event(calendar_bytes([m], now=NOW))
    assert event["dtstart"].params["TZID"] == "Europe/London"
    assert utc(event.decoded("dtstart")) == datetime(2026, 11, 25, 16, 0, tzinfo=UTC)


@pytest.mark.parametrize("reminder", [0, 15, 30, 24 * 60])
def test_alarm_fires_n_minutes_before(reminder):
    event = only_event(calendar_bytes([meeting(reminder_minutes=reminder)], now=NOW))
    [alarm] = event.walk("VALARM")
    assert text(alarm, "action") == "DISPLAY"
    assert alarm.decoded("trigger") == timedelta(minutes=-reminder)
    assert event.decoded("dtstart") + alarm.decoded("trigger") == datetime(
        2026, 11, 25, 16, 0, tzinfo=LONDON
    ) - timedelta(minutes=reminder)
    assert "Priya Raman" in text(alarm, "description")


def test_alarm_trigger_is_written_as_a_negative_duration():
    assert b"TRIGGER:-PT30M\r\n" in calendar_bytes([meeting()], now=NOW)


def test_uids_are_stable_distinct_and_valid():
    assert meeting_uid("local", 6) == meeting_uid("local", 6)
    assert meeting_uid("local", 6) == "interview-6-local@interview-planner"
    owners = ["local", "a b", "a-b", "a%20b", "Zoë", "a/b", "a@b", ""]
    uids = [meeting_uid(owner, n) for owner in owners for n in (1, 2, 12)]
    assert len(set(uids)) == len(uids)
    for uid in uids:
        assert uid.isascii()
        assert uid.isprintable()
        assert " " not in uid
        assert uid.count("@") == 1
        assert uid.endswith("@interview-planner")
    meetings = [meeting(uid=uid) for uid in uids]
    events = parse(calendar_bytes(meetings, now=NOW)).walk("VEVENT")
    assert [str(e["uid"]) for e in events] == uids


def test_same_input_gives_the_same_bytes():
    meetings = [meeting(), meeting(uid="b", time_zone="America/New_York")]
    assert calendar_bytes(meetings, now=NOW) == calendar_bytes(iter(meetings), now=NOW)


@pytest.mark.parametrize("zone", ["Mars/Olympus_Mons", "Europe/Londn", "", "../etc", "localtime"])
def test_unknown_zone_raises_value_error(zone):
    with pytest.raises(ValueError, match="time zone"):
        calendar_bytes([meeting(time_zone=zone)], now=NOW)


def test_naive_now_and_impossible_meetings_raise_value_error():
    with pytest.raises(ValueError, match="aware"):
        calendar_bytes([meeting()], now=datetime(2026, 11, 22, 9, 0))
    for bad in (
        meeting(duration_minutes=0),
        meeting(reminder_minutes=-5),
        meeting(sequence=-1),
    ):
        with pytest.raises(ValueError):
            calendar_bytes([bad], now=NOW)


def test_awkward_text_round_trips_exactly():
    m = meeting(title=AWKWARD, location=AWKWARD, description=AWKWARD * 5)
    event = only_event(calendar_bytes([m], now=NOW))
    assert text(event, "summary") == AWKWARD
    assert text(event, "location") == AWKWARD
    assert text(event, "description") == AWKWARD * 5


@pytest.mark.parametrize("value", ["C:\\Notes", "\\N", "\\n", "\\\\N", "a\\", "\\,\\;", "\t x \t"])
def test_backslash_sequences_round_trip(value):
    event = only_event(calendar_bytes([meeting(description=value, title=value)], now=NOW))
    assert text(event, "description") == value
    assert text(event, "summary") == value


def test_uncarried_characters_are_removed_and_line_breaks_normalised():
    raw = "a\r\nb\rc\nd\x00e\x07f\x1bg\x7fh\ti"
    assert carriable_text(raw) == "a\nb\nc\nde" + "fgh\ti"
    event = only_event(calendar_bytes([meeting(description=raw, location=raw)], now=NOW))
    assert text(event, "description") == carriable_text(raw)
    assert text(event, "location") == carriable_text(raw)


def test_url_cannot_inject_a_property():
    data = calendar_bytes(
        [meeting(url="https://meet.example/x\r\nATTENDEE:mailto:evil@example.com")], now=NOW
    )
    event = only_event(data)
    assert "attendee" not in event
    assert text(event, "url") == "https://meet.example/xATTENDEE:mailto:evil@example.com"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://meet.example/a?b=c&d=e#f", "https://meet.example/a?b=c&d=e#f"),
        (" https://meet.example/zoë \n", "https://meet.example/zo%C3%AB"),
        ("https://meet.example/a b\\N", "https://meet.example/ab%5CN"),
        ("https://meet.example/%20x", "https://meet.example/%20x"),
        ("https://meet.example/100%", "https://meet.example/100%25"),
    ],
)
def test_url_is_a_valid_uri(url, expected):
    event = only_event(calendar_bytes([meeting(url=url)], now=NOW))
    assert text(event, "url") == expected


def assert_wire_format(data: bytes) -> None:
    assert data.endswith(b"\r\n")
    lines = data[:-2].split(b"\r\n")
    for line in lines:
        assert b"\r" not in line
        assert b"\n" not in line
        assert len(line) <= 75, line
        line.decode("utf-8")  # folding never splits a character
        assert not any((byte < 0x20 and byte != 0x09) or byte == 0x7F for byte in line), line


def test_crlf_line_endings_and_long_lines_folded():
    m = meeting(description="word, " * 100 + "🎉" * 40, location="ñ" * 80)
    data = calendar_bytes([m], now=NOW)
    assert_wire_format(data)
    assert any(line.startswith(b" ") for line in data.split(b"\r\n"))  # folded
    event = only_event(data)
    assert text(event, "description") == "word, " * 100 + "🎉" * 40
    assert text(event, "location") == "ñ" * 80


@settings(max_examples=300, deadline=None)
@given(title=carriable, location=carriable, description=carriable)
def test_carriable_text_round_trips_exactly(title, location, description):
    m = meeting(title=title, location=location, description=description)
    data = calendar_bytes([m], now=NOW)
    assert_wire_format(data)
    event = only_event(data)
    assert text(event, "summary") == title
    assert text(event, "location") == location
    assert text(event, "description") == description


@settings(max_examples=200, deadline=None)
@given(value=st.text(max_size=200), url=st.text(max_size=60))
def test_any_text_yields_a_valid_file_reading_back_as_carriable_text(value, url):
    data = calendar_bytes(
        [meeting(title=value, location=value, description=value, url=url)], now=NOW
    )
    assert_wire_format(data)
    event = only_event(data)
    assert text(event, "summary") == carriable_text(value)
    assert text(event, "location") == carriable_text(value)
    assert text(event, "description") == carriable_text(value)
    assert len(event.walk("VALARM")) == 1
    written = text(event, "url")
    assert written.isascii()
    assert not any(c.isspace() or c == "\\" for c in written)


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("interviews", "interviews-2026-11-22.ics"),
        ("My interviews: Priya/Raman", "My-interviews-Priya-Raman-2026-11-22.ics"),
        ("../../etc/passwd", "etc-passwd-2026-11-22.ics"),
        ("", "interviews-2026-11-22.ics"),
        ("Zoë's calls", "Zo-s-calls-2026-11-22.ics"),
    ],
)
def test_ics_filename(prefix, expected):
    assert ics_filename(prefix, date(2026, 11, 22)) == expected


@pytest.mark.parametrize("value", ["\ufeff", "\ufeffPriya", "\ufeff\ufeff", "Priya\ufeff"])
def test_a_byte_order_mark_at_the_start_is_not_carried_but_elsewhere_is(value):
    event = only_event(
        calendar_bytes([meeting(title=value, location=value, description=value)], now=NOW)
    )
    assert text(event, "summary") == carriable_text(value) == value.lstrip("\ufeff")


def test_a_file_of_cancelled_meetings_is_a_cancellation_without_reminders():
    gone = meeting(sequence=3, cancelled=True)
    calendar = parse(calendar_bytes([gone], now=NOW))
    assert str(calendar["method"]) == "CANCEL"
    [event] = calendar.walk("VEVENT")
    assert (str(event["uid"]), str(event["status"]), int(event["sequence"])) == (
        gone.uid,
        "CANCELLED",
        3,
    )
    assert event.walk("VALARM") == []


def test_a_file_mixing_kept_and_cancelled_meetings_is_published_with_each_status():
    kept, gone = meeting(), meeting(uid=meeting_uid("local", 7), cancelled=True)
    calendar = parse(calendar_bytes([kept, gone], now=NOW))
    assert str(calendar["method"]) == "PUBLISH"
    statuses = {str(e["uid"]): str(e["status"]) for e in calendar.walk("VEVENT")}
    assert statuses == {kept.uid: "CONFIRMED", gone.uid: "CANCELLED"}
