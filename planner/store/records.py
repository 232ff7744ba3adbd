"""The records repositories return (dataclasses)."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as default
from datetime import date, datetime
from typing import Generic, TypeVar

from planner.contacts import event_label
from planner.meetings import meeting_details
from planner.vocabulary import CHANNELS, INTERVIEW_STATUSES

T = TypeVar("T")


@dataclass
class ImportReport:
    added: list[str] = default(default_factory=list)
    skipped: list[str] = default(default_factory=list)  # already in the planner
    problems: list[str] = default(default_factory=list)
    repeated: list[str] = default(default_factory=list)  # the same person earlier in the file


@dataclass(frozen=True)
class NewPlanQuestion:
    text: str
    minutes: int | None = None  # None: the plan's minutes per question
    must_ask: bool = False
    bank_key: str = ""
    question_id: int | None = None


@dataclass(frozen=True)
class Assumption:
    id: int
    goal_id: int
    statement: str
    confirmed: int
    refuted: int


@dataclass(frozen=True)
class ActionItem:
    id: int
    title: str
    kind: str
    due_on: date | None
    done_on: date | None
    goal_id: int | None
    goal_title: str
    reflection_id: int | None
    contact_name: str  # whose conversation it came from, "" when none
    version: int


@dataclass(frozen=True)
class FirstFew(Generic[T]):
    """The first few records of a long list, and how many the list holds in all: what
    Home reads of each kind of waiting work, however large the planner."""

    items: list[T]
    total: int

    @classmethod
    def of(cls, rows: list[tuple], record: type[T]) -> FirstFew[T]:
        """From rows whose last column is how many there are in all (``count(*) OVER ()``)."""
        return cls([record(*row[:-1]) for row in rows], rows[0][-1] if rows else 0)


@dataclass(frozen=True)
class ReferralWaiting:
    """Someone suggested to the user who was never written to."""

    contact_id: int
    name: str
    organisation: str
    referred_by: str  # "" when the referrer is gone
    referred_on: date | None  # the day of the conversation they came up in, if any
    notes: str


@dataclass(frozen=True)
class OrganisationToScore:
    """A target organisation whose Motivation is not scored yet (the research queue)."""

    organisation_id: int
    name: str
    goals: list[str]  # titles of the goals naming it among their target organisations


@dataclass(frozen=True)
class MeetingWithoutPlan:
    """A scheduled meeting still ahead with no question planned for it."""

    interview_id: int
    contact_id: int
    name: str
    organisation: str
    starts_at: datetime  # wall-clock time in time_zone
    time_zone: str


@dataclass(frozen=True)
class ReflectionDue:
    """A done interview with no reflection yet."""

    interview_id: int
    contact_id: int | None
    contact_name: str
    organisation: str
    met_on: date


@dataclass(frozen=True)
class ThankYouDue:
    interview_id: int
    contact_id: int
    contact_name: str
    organisation: str
    met_on: date
    due_on: date
    email: str


@dataclass(frozen=True)
class CheckInDue:
    contact_id: int
    contact_name: str
    organisation: str
    due_on: date
    last_contact: date
    last_conversation: date | None
    advice: str  # their advice, from the latest reflection on them
    done_since: list[str]  # action items from their conversations, done since last contact
    email: str
    every_days: int


@dataclass(frozen=True)
class HistoryEntry:
    """One line of a contact's history."""

    happened_at: datetime
    kind: str  # stage, message_sent, reply, meeting, note
    stage_from: str | None
    stage_to: str | None
    channel: str
    summary: str
    id: int = default(default=0, compare=False)  # the entry's id, to correct it

    @property
    def what(self) -> str:
        return event_label(self.kind, self.stage_from, self.stage_to)

    @property
    def via(self) -> str:
        """The channel's label, or "" when none was given."""
        return CHANNELS.get(self.channel, self.channel) if self.channel else ""

    @property
    def text(self) -> str:
        """'Identified → Request sent (Email): asked for 20 minutes'."""
        via = f" ({self.via})" if self.via else ""
        said = f": {self.summary}" if self.summary else ""
        return f"{self.what}{via}{said}"


@dataclass(frozen=True)
class LastMessage:
    """The latest message or reply with a contact (or a stage change with a summary)."""

    happened_at: datetime
    kind: str
    channel: str
    summary: str


@dataclass(frozen=True)
class SentMessage:
    """A message as the user sent it: what it was, how, when, and its words."""

    id: int
    kind: str  # a planner.vocabulary.OUTREACH_KINDS key
    channel: str
    subject: str
    body: str
    sent_at: datetime | None
    interview_id: int | None


@dataclass(frozen=True)
class OpenRequests:
    """The follow-up routine's inputs."""

    requests: list  # list[planner.followup.Request]: asked and not answered
    prospects: list  # list[planner.followup.Prospect]: not asked yet, at an organisation
    answered: set[int]  # organisations that answered since their latest request


@dataclass(frozen=True)
class UpcomingMeeting:
    interview_id: int
    contact_id: int
    name: str
    organisation: str
    starts_at: datetime  # wall-clock time in time_zone
    time_zone: str
    format: str
    location: str


@dataclass(frozen=True)
class MeetingEntry:
    """One interview with a contact."""

    id: int
    contact_id: int
    name: str
    organisation: str
    starts_at: datetime  # wall-clock time in time_zone
    time_zone: str
    duration_minutes: int
    format: str
    location: str
    status: str
    version: int
    notes: str  # the contact's notes

    @property
    def details(self) -> str:
        return meeting_details(self.time_zone, self.duration_minutes, self.format, self.location)

    @property
    def status_label(self) -> str:
        return INTERVIEW_STATUSES.get(self.status, self.status)


@dataclass(frozen=True)
class MotivationChange:
    changed_at: datetime
    motivation: int
    moved_by: str  # whose conversation moved it, "" when the user changed it by hand


@dataclass(frozen=True)
class SuggestedContact:
    """Someone an interviewee suggested, now a contact."""

    contact_id: int
    name: str


@dataclass(frozen=True)
class VersionChange:
    """A record's version before and after a change, so an edit open in the same window
    can follow it."""

    before: int
    after: int
