"""The pipeline board: every contact as a card in the column of their stage, moved to
an allowed next stage in one action, filtered by goal.

``goals`` lists the goals to filter by; ``load`` reads the counts and, per column, the
newest cards up to how many the user asked to see; ``move_card`` is the one command.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from planner import history
from planner.board import (
    CARDS_SHOWN,
    COLUMNS,
    MORE_CARDS,
    Card,
    Column,
    column_summary,
    move_menu_label,
    moved,
)
from planner.errors import NotFound
from planner.read_cache import cached_read
from planner.store import Store

__all__ = [
    "MORE_CARDS",
    "BoardColumn",
    "BoardView",
    "Card",
    "column_summary",
    "goals",
    "load",
    "move_card",
    "move_menu_label",
    "undo_move",
]


@dataclass(frozen=True)
class BoardColumn:
    column: Column
    total: int  # contacts in this column
    cards: tuple[Card, ...]  # the newest of them, as many as asked for

    @property
    def more(self) -> int:
        """Cards in this column not shown yet."""
        return self.total - len(self.cards)


@dataclass(frozen=True)
class BoardView:
    columns: tuple[BoardColumn, ...]

    @property
    def empty(self) -> bool:
        return not any(c.total for c in self.columns)


@cached_read
def load(store: Store, *, goal_id: int | None = None, shown: dict[str, int] | None = None):
    """The board for one goal (None: everyone); ``shown`` says how many cards each column
    (by key) shows, CARDS_SHOWN where not said."""
    shown = shown or {}
    counts = store.board.counts(goal_id=goal_id)
    limits = {
        stage: shown.get(column.key, CARDS_SHOWN) for column in COLUMNS for stage in column.stages
    }
    cards = store.board.cards(limits, goal_id=goal_id)
    columns = []
    for column in COLUMNS:
        # The closed column merges three stages: newest first across them, then cut.
        found = [c for c in cards if c.stage in column.stages]
        found.sort(key=lambda c: (c.touched, c.id), reverse=True)
        columns.append(
            BoardColumn(
                column=column,
                total=sum(counts.get(stage, 0) for stage in column.stages),
                cards=tuple(found[: shown.get(column.key, CARDS_SHOWN)]),
            )
        )
    return BoardView(columns=tuple(columns))


@cached_read
def goals(store: Store) -> dict[int, str]:
    """The goals to filter the board by: id -> title."""
    return {g.id: g.title for g in store.goals.list()}


def undo_move(store: Store, card: Card, stage: str) -> str:
    """Undo moving ``card`` to ``stage`` (its latest step), unless something moved them
    since; returns what the page says."""
    latest = next((h for h in store.contacts.history(card.id) if h.kind == "stage"), None)
    if latest is None or (latest.stage_from, latest.stage_to) != (card.stage, stage):
        raise NotFound(history.MOVED_SINCE)
    back = store.contacts.undo_step(card.id, latest.id)
    return history.undone(card.name, latest.what, back)


def move_card(store: Store, card: Card, stage: str, *, now: datetime) -> str:
    """Move ``card`` to ``stage`` (refused unless the pipeline allows it, or when the
    contact changed since the board was drawn); returns what the page says."""
    store.contacts.move(card.id, stage, happened_at=now, expected_version=card.version)
    return moved(card.name, stage)
