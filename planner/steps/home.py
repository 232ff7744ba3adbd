"""Home: what is waiting on the user, the next best actions, and where each step stands.

One ``load`` reads everything the page draws; its one command makes the private
calendar feed's link (the demo buttons switch planners, which is the session's business:
see ``planner.ui``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from planner import feed, journey
from planner.due import due_overview, more_waiting
from planner.read_cache import cached_read
from planner.store import Store

DUE_SHOWN = 8  # the first items of the due list; the rest wait on their pages
ACTIONS_SHOWN = 6


@dataclass(frozen=True)
class DueCard:
    """One thing waiting on the user, with where to act on it."""

    kind: str  # a due item's kind: meeting, thank_you, reflection, action, referral, ...
    text: str  # plain text (user text included)
    when: str  # "due today", "3 days overdue", "on Thu 26 Nov"; "" for what has no date
    context: tuple[str, ...]  # who suggested them, the last message, notes, the goal...
    step: journey.Step  # the page where it is done
    label: str  # the link's label
    params: dict[str, str] = field(default_factory=dict)  # the link's query parameters


@dataclass(frozen=True)
class ActionCard:
    text: str  # plain text; may hold the user's goal titles
    step: journey.Step


@dataclass(frozen=True)
class JourneyRow:
    number: int
    step: journey.Step
    summary: str  # what the step holds for this user, e.g. "3 contacts"


@dataclass(frozen=True)
class HomeView:
    due: tuple[DueCard, ...]  # at most DUE_SHOWN
    more_due: str  # the sentence for the items not shown, "" when none
    actions: tuple[ActionCard, ...]  # at most ACTIONS_SHOWN
    all_clear: bool  # nothing due and no action: the page says so
    journey: tuple[JourneyRow, ...]


@cached_read
def load(store: Store, *, today: date) -> HomeView:
    """Everything the Home page shows, on ``today``."""
    steps = {step.key: step for step in journey.STEPS}
    # Each kind is read only as far as the page can show, however large the planner.
    overview = due_overview(store, today=today, per_kind=DUE_SHOWN)
    waiting = overview.items
    actions = journey.next_actions(store.goals.list(), today=today)
    due = []
    for item in waiting[:DUE_SHOWN]:
        step_key, label, params = item.destination()
        due.append(
            DueCard(
                kind=item.kind,
                text=item.text,
                when=item.when(today),
                context=item.context,
                step=steps[step_key],
                label=label,
                params=params,
            )
        )
    states = journey.step_states(store.metrics.journey_counts())
    return HomeView(
        due=tuple(due),
        more_due=more_waiting(
            Counter(item.kind for item in waiting[DUE_SHOWN:]) + overview.left_out
        ),
        actions=tuple(ActionCard(a.text, steps[a.step]) for a in actions[:ACTIONS_SHOWN]),
        all_clear=not actions and not waiting,
        journey=tuple(
            JourneyRow(number, step, states[step.key].summary)
            for number, step in enumerate(journey.STEPS, start=1)
        ),
    )


def calendar_link(store: Store, *, base: str) -> str:
    """The address of the planner's calendar feed on the app at ``base``, or "" before
    one was made."""
    token = feed.stored_token(store)
    return feed.feed_url(base, token) if token else ""


def make_calendar_link(store: Store, *, base: str) -> str:
    """Make the calendar feed's link, replacing any earlier one (which stops working at
    once); returns the new address."""
    return feed.feed_url(base, feed.make_token(store))
