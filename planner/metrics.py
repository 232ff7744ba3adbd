"""The numbers behind the Progress step: shapes of what the store aggregates, and the
little arithmetic done on top (the weekly pace a goal needs, business days to a reply).

Counting and averaging happen in DuckDB (``planner.store_metrics``); this module only
names the results and does what SQL cannot do plainly (business days, with numpy).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import numpy as np


@dataclass(frozen=True)
class WeekActivity:
    week: date  # the Monday that starts it
    requests: int
    meetings: int
    thank_yous: int


@dataclass(frozen=True)
class ConversationSummary:
    """One interview held, with what its reflection recorded (empty when none yet)."""

    interview_id: int
    met_on: date
    contact_id: int | None
    contact_name: str
    contact_role: str
    organisation: str
    goal_title: str
    thanked: bool
    reflected: bool
    takeaways: list[str]
    advice: str
    learned_field: str
    surprised: str
    still_unknown: str
    interest_change: str
    themes: list[str]
    skills_have: list[str]
    skills_gap: list[str]


@dataclass(frozen=True)
class CareerFit:
    career: str  # the goal's field, or its title when it names none
    fit_question: str
    average: float
    interviews: int


@dataclass(frozen=True)
class StageCount:
    stage: str  # a key of planner.vocabulary.STAGES
    contacts: int


@dataclass(frozen=True)
class ThemeCount:
    theme: str
    conversations: int  # how many conversations back it


@dataclass(frozen=True)
class ReferralShare:
    referred: int  # contacts who came through a referral
    contacts: int  # all contacts


@dataclass(frozen=True)
class Referral:
    """Who led to whom: ``referrer`` suggested ``contact``."""

    referrer_id: int
    referrer: str
    contact_id: int
    contact: str


@dataclass(frozen=True)
class SkillCount:
    skill: str
    have: int
    gap: int

    @property
    def total(self) -> int:
        return self.have + self.gap


@dataclass(frozen=True)
class CircleResponse:
    circle: str
    requested: int
    answered: int

    @property
    def rate(self) -> float:
        return self.answered / self.requested if self.requested else 0.0


def weekly_pace_needed(*, remaining: int, today: date, target_date: date | None) -> float | None:
    """Interviews a week needed to reach a goal's target by its date; None without a date
    or with nothing left to do. A date already passed asks for everything this week."""
    if target_date is None or remaining <= 0:
        return None
    weeks = (target_date - today).days / 7
    return float(remaining) if weeks <= 1 else remaining / weeks


def business_days_between(pairs: list[tuple[date, date]]) -> list[int]:
    """Business days (Monday-Friday) from each first date to its second, in one numpy call."""
    if not pairs:
        return []
    starts = np.array([a for a, _ in pairs], dtype="datetime64[D]")
    ends = np.array([b for _, b in pairs], dtype="datetime64[D]")
    return [int(n) for n in np.busday_count(starts, ends)]


def median(values: list[int]) -> float | None:
    """The median, or None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2


def share(part: int, whole: int) -> float:
    """``part`` of ``whole`` as a fraction 0-1 (0 for nothing)."""
    return part / whole if whole else 0.0


def weeks_to_reach(remaining: int, per_week: float) -> int | None:
    """Whole weeks at ``per_week`` to do ``remaining``; None when the pace is zero."""
    if remaining <= 0:
        return 0
    return math.ceil(remaining / per_week) if per_week > 0 else None
