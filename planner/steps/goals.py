"""The Goals step: each goal's card (progress, what the conversations say so far, its
assumptions) and what the user can do to a goal: add, edit, pause or achieve, delete,
and add or remove an assumption."""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import date

from planner.errors import NotFound
from planner.goals import (
    Goal,
    GoalDraft,
    GoalProgress,
    StatusChange,
    assumption_removal_warning,
    assumption_tally,
    deletion_warning,
    in_view,
    progress,
    status_changes,
    target_date_text,
)
from planner.goals import parse_list as parse_list  # the form's list fields
from planner.progress import FIT_READING_AFTER
from planner.read_cache import cached_read
from planner.reflection import FitEvidence
from planner.store import Store

SENTENCES_SHOWN = 10  # per fit question, newest first; the report has them all
GOAL_GONE = "This goal was deleted in another window."


# -- the view ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FitSentence:
    """One conversation's rating of a fit question, and why."""

    who: str  # empty when the contact is gone
    rating: int
    why: str


@dataclass(frozen=True)
class FitLine:
    """A fit question across a goal's conversations."""

    label: str
    average: float
    ratings: int
    leaning: str
    sentences: tuple[FitSentence, ...]  # the newest SENTENCES_SHOWN
    earlier: int  # sentences not shown


@dataclass(frozen=True)
class AssumptionLine:
    id: int
    statement: str
    tally: str
    removal_warning: str

    @property
    def version(self) -> int:
        """Which wording an edit form was opened on. Assumptions keep no version number;
        the wording itself tells a form opened before another window reworded it."""
        return zlib.crc32(self.statement.encode("utf-8"))


@dataclass(frozen=True)
class GoalCard:
    goal: Goal
    progress: GoalProgress
    target_date: str  # how long is left, or that it passed
    fit: tuple[FitLine, ...]
    assumptions: tuple[AssumptionLine, ...]
    status_changes: tuple[StatusChange, ...]


@dataclass(frozen=True)
class GoalsView:
    cards: tuple[GoalCard, ...]  # every goal: active first, then paused, then achieved
    deleting: str | None  # the warning for the goal being confirmed for deletion

    def shown(self, view: str | None) -> list[GoalCard]:
        """The cards in the list view ``view`` ("open", "achieved"; None or "all": all)."""
        return [card for card in self.cards if in_view(card.goal, view)]


@dataclass(frozen=True)
class GoalEdit:
    """A goal's edit form open in this window."""

    goal_id: int
    drawn: int  # the version the form was drawn for: its key, so what is typed stays
    expects: int  # the version a save expects; this window's own status changes move it

    @classmethod
    def of(cls, goal: Goal) -> GoalEdit:
        return cls(goal.id, goal.version, goal.version)

    @property
    def form(self) -> str:
        return f"edit_goal_{self.goal_id}_{self.drawn}"


@dataclass(frozen=True)
class StatusChanged:
    """A goal moved to another status; ``edit`` is the edit form open in this window,
    following the change when it was open on that goal."""

    goal_id: int
    before: int  # the goal's version before the change
    after: int
    edit: GoalEdit | None


@cached_read
def load(store: Store, *, today: date, deleting: int | None = None) -> GoalsView:
    """Every goal's card; with ``deleting``, the warning for deleting that goal."""
    goals = store.goals.list()
    assumptions = store.goals.assumptions()
    cards = tuple(
        GoalCard(
            goal=goal,
            progress=progress(goal),
            target_date=target_date_text(goal, today),
            fit=tuple(_fit_line(item) for item in store.reflections.fit_evidence(goal.id)),
            assumptions=tuple(
                AssumptionLine(
                    id=a.id,
                    statement=a.statement,
                    tally=assumption_tally(a.confirmed, a.refuted),
                    removal_warning=assumption_removal_warning(
                        a.statement, tested=bool(a.confirmed or a.refuted)
                    ),
                )
                for a in assumptions
                if a.goal_id == goal.id
            ),
            status_changes=tuple(status_changes(goal.status)),
        )
        for goal in goals
    )
    warning = None
    doomed = next((g for g in goals if g.id == deleting), None)
    if doomed is not None:
        warning = deletion_warning(doomed.title, store.goals.links(doomed.id))
    return GoalsView(cards=cards, deleting=warning)


TOO_EARLY = "too early to say"  # the leaning shown before FIT_READING_AFTER ratings


def _fit_line(item: FitEvidence) -> FitLine:
    """The store's fit evidence, its (who, rating, why) sentences named."""
    sentences = [FitSentence(who, rating, why) for who, rating, why in item.sentences]
    return FitLine(
        label=item.label,
        average=item.average,
        ratings=item.ratings,
        # One conversation is an anecdote, not a leaning: the same rule as the charts.
        leaning=item.leaning if item.ratings >= FIT_READING_AFTER else TOO_EARLY,
        sentences=tuple(sentences[:SENTENCES_SHOWN]),
        earlier=max(len(sentences) - SENTENCES_SHOWN, 0),
    )


# -- commands ----------------------------------------------------------------------------


def add_goal(store: Store, draft: GoalDraft, *, today: date) -> int:
    return store.goals.add(draft, today=today)


def update_goal(store: Store, edit: GoalEdit, draft: GoalDraft, *, today: date) -> None:
    """Save the goal's edit form; StaleEdit when another window saved the goal since."""
    store.goals.update(edit.goal_id, draft, expected_version=edit.expects, today=today)


def change_status(
    store: Store, goal_id: int, status: str, *, edit: GoalEdit | None = None
) -> StatusChanged:
    """Pause, resume, mark achieved or reopen a goal. ``edit``, the edit form open in this
    window (if any), follows the change when it is on this goal and was up to date: a
    window's own pause does not make its open edit stale."""
    try:
        versions = store.goals.set_status(goal_id, status)
    except NotFound:
        raise NotFound(GOAL_GONE) from None
    if edit is not None and edit.goal_id == goal_id and edit.expects == versions.before:
        edit = GoalEdit(goal_id, edit.drawn, versions.after)
    return StatusChanged(goal_id, versions.before, versions.after, edit=edit)


def delete_goal(store: Store, goal: Goal) -> str:
    """Delete a goal (see ``Store.delete_goal``); returns what to say: that it was
    deleted, or that another window already did."""
    try:
        store.goals.delete(goal.id)
    except NotFound:
        return "That goal was already deleted in another window."
    return f"Deleted the goal '{goal.title}'."


def add_assumption(store: Store, goal_id: int, statement: str) -> int:
    try:
        return store.goals.add_assumption(goal_id, statement)
    except NotFound:
        raise NotFound(GOAL_GONE) from None


def reword_assumption(store: Store, assumption: AssumptionLine, statement: str) -> None:
    """Reword an assumption; the checks reflections made of it stay with it."""
    store.goals.reword_assumption(assumption.id, statement, was=assumption.statement)


def remove_assumption(store: Store, assumption: AssumptionLine) -> str:
    """Remove an assumption and what reflections said of it; returns what to say."""
    try:
        store.goals.remove_assumption(assumption.id)
    except NotFound:
        return "That assumption was already removed in another window."
    return f"Removed the assumption '{assumption.statement}'."
