"""Scheduling a meeting: the rules its time, length and place keep, and its calendar entry."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from planner.calendar_export import Meeting, meeting_uid, zone
from planner.date_window import day_problem
from planner.errors import ValidationError
from planner.followup import add_business_days
from planner.text import check_text
from planner.vocabulary import INTERVIEW_FORMATS

DURATION_DEFAULT = 30
DURATION_MIN, DURATION_MAX = 10, 240
DURATION_ADVICE = 60  # longer than this asks a lot of a stranger
LOCATION_MAX = 500
THANK_YOU_WITHIN_DAYS = 1


@dataclass(frozen=True)
class MeetingDraft:
    contact_id: int
    on: date | None
    at: time | None
    time_zone: str
    duration_minutes: int = DURATION_DEFAULT
    format: str = "video"
    location: str = ""
    goal_id: int | None = None

    @property
    def starts_at(self) -> datetime | None:
        if self.on is None or self.at is None:
            return None
        return datetime.combine(self.on, self.at)


def validate_meeting(draft: MeetingDraft, *, now: datetime) -> dict[str, str]:
    """{field: message}; ``now`` is an aware datetime (the meeting is compared in its zone)."""
    errors: dict[str, str] = {}
    try:
        where = zone(draft.time_zone)
    except ValueError as error:
        errors["time_zone"] = str(error)
        where = None
    if draft.on is None:
        errors["on"] = "Choose the day of the meeting."
    if draft.at is None:
        errors["at"] = "Choose the start time."
    starts = draft.starts_at
    if where is not None and starts is not None and starts.replace(tzinfo=where) <= now:
        errors["on"] = "This time has already passed; choose a time in the future."
    elif starts is not None and (message := day_problem(starts, now.date())):
        errors["on"] = message
    if not DURATION_MIN <= draft.duration_minutes <= DURATION_MAX:
        errors["duration_minutes"] = (
            f"Choose between {DURATION_MIN} and {DURATION_MAX} minutes; 20-30 is usual."
        )
    if draft.format not in INTERVIEW_FORMATS:
        errors["format"] = "Choose video, phone or in person."
    if message := check_text(draft.location.strip(), limit=LOCATION_MAX, single_line=True):
        errors["location"] = message
    return errors


def check_meeting(draft: MeetingDraft, *, now: datetime) -> None:
    if errors := validate_meeting(draft, now=now):
        raise ValidationError(errors)


def duration_warning(minutes: int) -> str | None:
    if minutes > DURATION_ADVICE:
        return (
            f"{minutes} minutes is a lot to ask of someone helping you for free; "
            "20-30 minutes is usual, and you can offer to stop on time."
        )
    return None


def meeting_details(time_zone: str, duration_minutes: int, format: str, location: str) -> str:
    """'(Europe/London), 30 min, video call, Room 4': a meeting after its start time."""
    how = INTERVIEW_FORMATS.get(format, format).lower()
    details = f"({time_zone}), {duration_minutes} min, {how}"
    return f"{details}, {location}" if location else details


def thank_you_due(on: date, within: int = THANK_YOU_WITHIN_DAYS) -> date:
    """A meeting's thank-you is due ``within`` business days after the meeting day: the
    next business day by default (Friday or Saturday -> Monday, Monday -> Tuesday)."""
    return add_business_days(on + timedelta(days=1), within - 1)


def calendar_entry(
    owner_id: str,
    interview_id: int,
    version: int,
    *,
    name: str,
    organisation: str,
    starts_at: datetime,
    time_zone: str,
    duration_minutes: int,
    format: str,
    location: str,
    notes: str = "",
) -> Meeting:
    """The calendar entry for a scheduled interview."""
    with_org = f" ({organisation})" if organisation else ""
    is_link = location.startswith(("https://", "http://"))
    description = "\n".join(
        x
        for x in (
            f"{INTERVIEW_FORMATS.get(format, format)} with {name}{with_org}.",
            "Bring your question plan; stop on time; send a thank-you within a day.",
            notes,
        )
        if x
    )
    return Meeting(
        uid=meeting_uid(owner_id, interview_id),
        title=f"Informational interview: {name}{with_org}",
        starts_at=starts_at,
        time_zone=time_zone,
        duration_minutes=duration_minutes,
        location=location,
        description=description,
        url=location if is_link else "",
        sequence=max(version - 1, 0),
    )
