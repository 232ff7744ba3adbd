"""Scheduling a meeting: the rules its time, length and place keep, moving or cancelling
it, and its calendar entry."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from planner.calendar_export import Meeting, meeting_uid, zone
from planner.date_window import day_problem
from planner.errors import ValidationError
from planner.followup import add_business_days
from planner.guidance import text as guidance_text
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

    @property
    def described(self) -> str:
        """'Wed 25 Nov 2026, 16:00 (UTC), 30 min, video call, Room 4'."""
        how = meeting_details(self.time_zone, self.duration_minutes, self.format, self.location)
        return f"{self.starts_at:%a %d %b %Y, %H:%M} {how}"

    def same_as(self, other: MeetingDraft) -> bool:
        """Whether ``other`` puts the meeting at the same time, length, format and place."""
        return _slot(self) == _slot(other)


def _slot(draft: MeetingDraft) -> tuple:
    return (
        draft.starts_at,
        draft.time_zone,
        draft.duration_minutes,
        draft.format,
        draft.location.strip(),
    )


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


def check_reschedule(old: MeetingDraft, new: MeetingDraft, *, now: datetime) -> None:
    """Refuse a new time that breaks a scheduling rule, or one that changes nothing."""
    check_meeting(new, now=now)
    if new.same_as(old):
        raise ValidationError(
            {"on": "This is when and where the meeting already is; change what moved."}
        )


def rescheduled(old: MeetingDraft, new: MeetingDraft) -> str:
    """The contact's history entry for a moved meeting."""
    return f"Rescheduled the meeting from {old.described} to {new.described}."


def cancelled(old: MeetingDraft) -> str:
    """The contact's history entry for a cancelled meeting."""
    return f"Cancelled the meeting on {old.described}."


def moved(name: str, new: MeetingDraft) -> str:
    """What the page says once a meeting was moved."""
    return f"Moved the meeting with {name} to {new.starts_at:%a %d %b %Y, %H:%M} ({new.time_zone})."


def cancel_question(name: str, starts_at: datetime, time_zone: str) -> str:
    """The question asked before a meeting is cancelled, naming the person and the day."""
    return f"Cancel the meeting with {name} on {starts_at:%A %d %B %Y at %H:%M} ({time_zone})?"


def called_off(name: str) -> str:
    """What the page says once a meeting was cancelled."""
    return f"Cancelled the meeting with {name}. " + guidance_text("contacts.after_cancel")


def stage_after_cancelling(stage: str, stage_before: str | None, *, still_booked: bool) -> str:
    """The stage a contact is in once one of their meetings is cancelled.

    Cancelling undoes the booking, not what led to it: a contact who was 'scheduled' only
    for this meeting goes back to the stage they had before it was booked (usually
    'requested'; 'keeping in touch' for a second conversation). Someone booked straight
    from 'identified' was evidently asked, so they go to 'requested', where the follow-up
    rule reminds the user to find a new time. A contact with another meeting still booked,
    or who already moved on, keeps their stage.
    """
    if stage != "scheduled" or still_booked:
        return stage
    if stage_before in (None, "identified", "scheduled"):
        return "requested"
    return stage_before


def default_goal(contact_goals: Sequence[int], active_goals: Sequence[int]) -> int | None:
    """The goal a new meeting counts for unless the user picks another: the contact's goal
    when they have exactly one; else the only active goal (among the contact's goals when
    they have several); None when the answer is not obvious."""
    if len(contact_goals) == 1:
        return contact_goals[0]
    candidates = [g for g in active_goals if g in contact_goals] if contact_goals else active_goals
    return candidates[0] if len(candidates) == 1 else None


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
    cancelled: bool = False,
) -> Meeting:
    """The calendar entry for an interview, scheduled or ``cancelled``. Its SEQUENCE is the
    row's version less one: every change to the row adds one to the version, so each file
    made after a change (a new time, a cancellation) supersedes the one made before it."""
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
        cancelled=cancelled,
    )
