"""The demo planner: a realistic sample search to explore without touching one's own data.

The sample is ``data/demo_planner.json``, a backup document written as if
"today" were its ``anchor_date``; loading it moves every date by the days
between that anchor and the real today, so upcoming meetings stay upcoming.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from planner import backup
from planner.paths import DATA_DIR
from planner.store import Store

DEMO_FILE = DATA_DIR / "demo_planner.json"


def demo_document(path: Path = DEMO_FILE) -> dict:
    """The parsed demo planner, with its anchor date checked."""
    document = backup.parse(path.read_bytes())
    try:
        date.fromisoformat(document["anchor_date"])
    except (KeyError, TypeError, ValueError):
        raise backup.BackupError(f"{path} has no valid 'anchor_date'.") from None
    return document


def load_demo(store: Store, *, today: date, replace: bool = False) -> dict[str, int]:
    """Write the demo planner into ``store``, dated around ``today``. Returns rows per table.

    Without ``replace`` the store must be empty (backup.PlannerNotEmpty otherwise).
    """
    document = demo_document()
    shift = today - date.fromisoformat(document["anchor_date"])
    return backup.import_document(store, document, replace=replace, shift=shift)
