"""The pipeline board: contacts as cards in columns by stage, newest first.

The open stages are a column each, in pipeline order; the closed ones (declined, no
reply, not pursuing) share the last column, as they are where a conversation stopped,
not steps to plan. A card moves only to a stage the pipeline allows next
(``planner.contacts.NEXT_STAGES``), the same rule the contact's "Record a step" keeps.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from planner.contacts import NEXT_STAGES, OPEN_STAGES
from planner.vocabulary import CLOSED_STAGES, STAGES

CLOSED_COLUMN = "closed"
CARDS_SHOWN = 6  # per column at first: a board of 10,000 cards helps nobody
MORE_CARDS = 12  # added by each "Show more"


@dataclass(frozen=True)
class Column:
    key: str  # a stage, or CLOSED_COLUMN
    label: str
    stages: tuple[str, ...]


COLUMNS: tuple[Column, ...] = (
    *(Column(stage, STAGES[stage], (stage,)) for stage in OPEN_STAGES),
    Column(CLOSED_COLUMN, "Closed", CLOSED_STAGES),
)


@dataclass(frozen=True)
class Card:
    """One contact on the board."""

    id: int
    name: str
    role: str
    organisation: str
    stage: str
    version: int
    last_activity: date | None
    touched: datetime  # the newest history entry, else the last change: newest first

    @property
    def headline(self) -> str:
        """'Researcher at Northwind', or '' when neither is known."""
        return " at ".join(x for x in (self.role, self.organisation) if x)

    @property
    def moves(self) -> dict[str, str]:
        """Where this card may go next: {stage: label}."""
        return {stage: STAGES[stage] for stage in NEXT_STAGES.get(self.stage, ())}

    @property
    def closed_as(self) -> str:
        """How a closed card ended ('Declined'), '' for an open one."""
        return STAGES.get(self.stage, self.stage) if self.stage in CLOSED_STAGES else ""


def move_menu_label(name: str) -> str:
    """The move menu's label: hidden on the card, it names whom it moves for a screen
    reader or a keyboard user, as every card has one."""
    return f"Move {name} to the next stage"


def column_summary(shown: int, total: int) -> str:
    """'3 of 120 shown, newest first', or '' when every card is shown."""
    return "" if shown >= total else f"{shown:,} of {total:,} shown, newest first"


def moved(name: str, stage: str) -> str:
    """What the page says after a move."""
    return f"Moved {name} to {STAGES.get(stage, stage)}."
