"""Goals: what the user wants to find out, and the rules a goal must keep.

Plain Python: the Goals page, the command line and the store all call
``validate_goal``; none of them re-implements a rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field as default
from datetime import date, datetime

from planner import date_window, guidance
from planner.organisations import NAME_MAX as ORGANISATION_NAME_MAX
from planner.text import check_text, clean_lines, split_lines, split_list

GOAL_KINDS: dict[str, str] = {
    "explore": "Explore a career",
    "change": "Change careers",
    "employer": "Evaluate an employer",
    "skills": "Build skills",
    "network": "Grow my network",
}

# The four questions every conversation helps answer (see the reference README).
FIT_QUESTIONS: dict[str, str] = {
    "succeed": "Could I succeed there?",
    "fit": "Is it a good fit for me?",
    "want": "Do I want to do this?",
    "future": "Where does it lead?",
}

GOAL_STATUSES: dict[str, str] = {
    "active": "Active",
    "paused": "Paused",
    "achieved": "Achieved",
}

# Goals that still compete for the user's attention; titles must be unique among them.
OPEN_STATUSES = ("active", "paused")

TITLE_MAX = 120
FIELD_MAX = 120
LIST_ITEM_MAX = 200
LIST_MAX_ITEMS = 20
ASSUMPTION_MAX = 200
TARGET_MIN = 1
TARGET_MAX = 20
TARGET_DATE_AHEAD_MAX = date_window.AHEAD  # a target date as far ahead as any date
TARGET_DEFAULT = 4
ADVISED_TARGET = (3, 5)

TARGET_ADVICE = (
    f"Three to five conversations per goal is usually enough to see a pattern; "
    f"allowed: {TARGET_MIN}-{TARGET_MAX}."
)


@dataclass
class GoalDraft:
    """What a user typed into the goal form, before it is checked."""

    title: str = ""
    kind: str = "explore"
    field: str = ""
    target_roles: list[str] = default(default_factory=list)
    target_organisations: list[str] = default(default_factory=list)
    learning_aims: list[str] = default(default_factory=list)
    fit_questions: list[str] = default(default_factory=lambda: list(FIT_QUESTIONS))
    target_interviews: int | None = TARGET_DEFAULT
    target_date: date | None = None

    def normalised(self) -> GoalDraft:
        """The same draft with surrounding spaces and empty list entries removed."""
        return GoalDraft(
            title=self.title.strip(),
            kind=self.kind,
            field=self.field.strip(),
            target_roles=clean_lines(self.target_roles),
            target_organisations=clean_lines(self.target_organisations),
            learning_aims=clean_lines(self.learning_aims),
            fit_questions=[k for k in FIT_QUESTIONS if k in self.fit_questions],
            target_interviews=self.target_interviews,
            target_date=self.target_date,
        )


@dataclass(frozen=True)
class Goal:
    id: int
    title: str
    kind: str
    field: str
    target_roles: list[str]
    target_organisations: list[str]
    learning_aims: list[str]
    fit_questions: list[str]
    target_interviews: int
    target_date: date | None
    status: str
    created_at: datetime
    updated_at: datetime
    version: int
    interviews_done: int = 0

    def __post_init__(self) -> None:
        # Only the four fit questions mean anything; a hand-edited file may hold others.
        known = [k for k in self.fit_questions if k in FIT_QUESTIONS]
        if known != list(self.fit_questions):
            object.__setattr__(self, "fit_questions", known)

    @property
    def kind_label(self) -> str:
        return GOAL_KINDS.get(self.kind, self.kind)

    @property
    def status_label(self) -> str:
        return GOAL_STATUSES.get(self.status, self.status)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def as_draft(self) -> GoalDraft:
        return GoalDraft(
            title=self.title,
            kind=self.kind,
            field=self.field,
            target_roles=list(self.target_roles),
            target_organisations=list(self.target_organisations),
            learning_aims=list(self.learning_aims),
            fit_questions=list(self.fit_questions),
            target_interviews=self.target_interviews,
            target_date=self.target_date,
        )


@dataclass(frozen=True)
class GoalProgress:
    done: int
    target: int

    @property
    def fraction(self) -> float:
        return min(self.done / self.target, 1.0) if self.target > 0 else 0.0

    @property
    def remaining(self) -> int:
        return max(self.target - self.done, 0)

    def describe(self) -> str:
        noun = "interview" if self.target == 1 else "interviews"
        text = f"{self.done} of {self.target} {noun} done"
        if self.done >= self.target:
            return text + " - target reached"
        return text


def progress(goal: Goal) -> GoalProgress:
    return GoalProgress(done=goal.interviews_done, target=goal.target_interviews)


# Which goals the list shows: its views, in the order offered.
GOAL_VIEWS: dict[str, str] = {"open": "Active and paused", "achieved": "Achieved", "all": "All"}


def in_view(goal: Goal, view: str | None) -> bool:
    """Whether ``goal`` belongs in the list view ``view`` (no view: every goal)."""
    if view == "open":
        return goal.is_open
    if view == "achieved":
        return goal.status == "achieved"
    return True


@dataclass(frozen=True)
class StatusChange:
    """A move a goal's card offers: pause, resume, mark achieved or reopen."""

    name: str  # "pause", "resume", "achieve" or "reopen"
    label: str
    status: str  # the status the goal moves to
    done: str  # what is said once it moved, with {title}

    def said(self, title: str) -> str:
        return self.done.format(title=title)


STATUS_CHANGES: dict[str, StatusChange] = {
    change.name: change
    for change in (
        StatusChange("pause", "Pause", "paused", "Paused '{title}'."),
        StatusChange("resume", "Resume", "active", "Resumed '{title}'."),
        StatusChange(
            "achieve", "Mark achieved", "achieved", "Well done: '{title}' is marked achieved."
        ),
        StatusChange("reopen", "Reopen", "active", "Reopened '{title}'."),
    )
}


def status_changes(status: str) -> list[StatusChange]:
    """The moves open to a goal in ``status``: pause an active goal or resume a paused
    one, then mark it achieved, or reopen it once achieved."""
    changes = []
    if status == "active":
        changes.append(STATUS_CHANGES["pause"])
    elif status == "paused":
        changes.append(STATUS_CHANGES["resume"])
    changes.append(STATUS_CHANGES["reopen" if status == "achieved" else "achieve"])
    return changes


def deletion_warning(title: str, links: dict[str, int]) -> str:
    """What deleting a goal does, with what refers to it now (``links`` counts each kind)."""
    message = f"Delete the goal '{title}'? " + guidance.text("goals.delete_warning")
    linked = ", ".join(f"{n} {name}" for name, n in links.items() if n)
    return message + (f" Linked now: {linked}." if linked else "")


def assumption_tally(confirmed: int, refuted: int) -> str:
    """How the conversations so far have judged an assumption."""
    if not confirmed and not refuted:
        return "Not tested in a conversation yet."
    noun = "conversation" if max(confirmed, refuted) == 1 else "conversations"
    return f"Confirmed by {confirmed}, refuted by {refuted} {noun}."


def assumption_removal_warning(statement: str, *, tested: bool) -> str:
    """The question asked before removing an assumption; a tested one takes what the
    reflections said about it along."""
    message = f"Remove the assumption '{statement}'?"
    if tested:
        message += " " + guidance.text("goals.assumption_remove_warning")
    return message


def title_clashes(title: str, open_titles: Iterable[str]) -> bool:
    """Whether ``title`` names the same goal as one of ``open_titles``: case and
    runs of spaces do not make two goals different."""

    def normal(text: str) -> str:
        return " ".join(text.split()).casefold()

    return normal(title) in {normal(t) for t in open_titles}


def target_date_text(goal: Goal, today: date) -> str:
    """The goal's target date as a reader wants it: how long is left, or that it passed."""
    if goal.target_date is None:
        return "No target date"
    if goal.status == "achieved":
        return f"Target date {goal.target_date.isoformat()}"
    days = (goal.target_date - today).days
    if days < 0:
        return f"Target date {goal.target_date.isoformat()} has passed"
    if days == 0:
        return f"By {goal.target_date.isoformat()} (today)"
    return f"By {goal.target_date.isoformat()} ({days} day{'' if days == 1 else 's'} left)"


def validate_goal(
    draft: GoalDraft,
    *,
    today: date,
    open_titles: list[str] = (),
    original_target_date: date | None = None,
) -> dict[str, str]:
    """Check a normalised draft; return {field: message}, empty when it may be saved.

    ``open_titles`` are the titles of the user's other active or paused goals.
    ``original_target_date`` is the saved date when editing: a goal whose date
    has passed may keep it, so editing something else is never blocked.
    """
    errors: dict[str, str] = {}

    if not draft.title:
        errors["title"] = "Give the goal a title, for example 'Is UX research right for me?'."
    elif message := check_text(draft.title, limit=TITLE_MAX, single_line=True):
        errors["title"] = message
    elif title_clashes(draft.title, open_titles):
        errors["title"] = (
            "You already have an active or paused goal with this title. "
            "Choose another title, or edit that goal instead."
        )

    if draft.kind not in GOAL_KINDS:
        errors["kind"] = "Choose one of the listed kinds of goal."

    if message := check_text(draft.field, limit=FIELD_MAX, single_line=True):
        errors["field"] = message

    for name, values, limit in (
        ("target_roles", draft.target_roles, LIST_ITEM_MAX),
        # Each becomes a target organisation on Research, so it keeps that name's limit.
        ("target_organisations", draft.target_organisations, ORGANISATION_NAME_MAX),
        ("learning_aims", draft.learning_aims, LIST_ITEM_MAX),
    ):
        if message := _check_list(values, limit):
            errors[name] = message

    unknown = [k for k in draft.fit_questions if k not in FIT_QUESTIONS]
    if unknown:
        errors["fit_questions"] = "Choose among the four fit questions."

    target = draft.target_interviews
    if target is None:
        errors["target_interviews"] = "Say how many interviews you aim for (3-5 is typical)."
    elif isinstance(target, bool) or not isinstance(target, int):
        errors["target_interviews"] = "The target must be a whole number."
    elif not TARGET_MIN <= target <= TARGET_MAX:
        errors["target_interviews"] = (
            f"Choose between {TARGET_MIN} and {TARGET_MAX} interviews; 3-5 is usually enough."
        )

    if (
        draft.target_date is not None
        and draft.target_date < today
        and draft.target_date != original_target_date
    ):
        errors["target_date"] = (
            f"The target date {draft.target_date.isoformat()} is in the past; "
            "choose today or later, or leave it empty."
        )
    elif draft.target_date is not None and draft.target_date > today + TARGET_DATE_AHEAD_MAX:
        errors["target_date"] = (
            f"Check the year: {draft.target_date.isoformat()} is more than five years away. "
            "A search is planned in weeks or months."
        )
    return errors


def _check_list(values: list[str], limit: int) -> str | None:
    if len(values) > LIST_MAX_ITEMS:
        return f"Keep it to {LIST_MAX_ITEMS} entries or fewer (you have {len(values)})."
    for number, value in enumerate(values, start=1):
        if message := check_text(value, limit=limit, single_line=True):
            return f"Line {number}: {message}"
    return None


# The goal form's list fields: roles and organisations are names (one a line or
# comma-separated); what to learn is questions, one a line, commas kept.
_LIST_READERS = {
    "target_roles": split_list,
    "target_organisations": split_list,
    "learning_aims": split_lines,
}


def parse_list(field: str, text: str) -> list[str]:
    """The entries typed in the goal form's list field ``field``."""
    return _LIST_READERS[field](text)


@dataclass(frozen=True)
class PaceGap:
    """An active goal with fewer interviews done than its target date needs by now."""

    goal: Goal
    expected: int  # interviews the even pace asks for by today

    def describe(self) -> str:
        done, target = self.goal.interviews_done, self.goal.target_interviews
        return (
            f"'{self.goal.title}' is behind pace: {done} of {target} interviews done, "
            f"{self.expected} expected by now. On pace means the {target} spread evenly "
            f"from the day you set the goal to its target date, "
            f"{self.goal.target_date.isoformat()}."
        )


def behind_pace(goal: Goal, today: date) -> PaceGap | None:
    """The gap when ``goal`` is behind the even pace its target date needs, else None.

    Only an active goal with a target date still ahead (or today) and its target not
    reached can be behind; the share of its target expected by today is the share of
    the days from setting it to its target date that have gone, rounded down, so a goal
    is never behind on the day it is set."""
    if goal.status != "active" or goal.target_date is None:
        return None
    start = goal.created_at.date()
    days_left = (goal.target_date - today).days
    if days_left < 0 or goal.interviews_done >= goal.target_interviews:
        return None
    span = max((goal.target_date - start).days, 1)
    gone = min(max((today - start).days, 0), span)
    expected = goal.target_interviews * gone // span
    return PaceGap(goal, expected) if goal.interviews_done < expected else None
