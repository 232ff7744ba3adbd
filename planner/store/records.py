"""The records repositories return (dataclasses)."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as default
from datetime import date


@dataclass
class ImportReport:
    added: list[str] = default(default_factory=list)
    skipped: list[str] = default(default_factory=list)  # already in the planner or the file
    problems: list[str] = default(default_factory=list)


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
