"""Backup: the whole planner as one JSON file to download, and a file to restore from.

The format, the all-or-nothing import and the words for what a file holds are
``planner.backup``'s; this module is what the Backup page reads and does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from planner import backup
from planner.errors import ValidationError
from planner.paths import download_name
from planner.read_cache import cached_read
from planner.store import Store


@dataclass(frozen=True)
class BackupView:
    holds: str  # what a backup made now would hold, in a sentence
    empty: bool  # a restore into an empty planner replaces nothing, so asks nothing first
    file_name: str  # the backup file's name


@cached_read
def load(store: Store, *, today: date, demo: bool = False) -> BackupView:
    """What the Backup page shows; ``demo`` names the file as the demo planner's."""
    counts = store.content.row_counts()
    return BackupView(
        holds=backup.holds_sentence(counts),
        empty=not any(counts.values()),
        file_name=download_name("backup", today, "json", demo=demo),
    )


def backup_file(store: Store) -> bytes:
    """The backup file of the whole planner, built when its download is clicked."""
    return backup.export_text(store).encode("utf-8")


def check(store: Store, *, today: date) -> list[str]:
    """What in this planner breaks the rules the forms keep, as sentences (empty: nothing)."""
    return backup.stored_problems(store, today=today)


def restore(store: Store, data: bytes, *, replace: bool) -> str:
    """Restore the backup file ``data``, all or nothing; with ``replace`` what the planner
    holds is replaced, without it the planner must be empty. Returns the sentence saying
    what was restored. Refused (nothing changed) with a ValidationError for ``file``: not
    a backup this planner can read, or a planner that is no longer empty."""
    try:
        restored = backup.import_text(store, data, replace=replace)
    except (backup.BackupError, backup.PlannerNotEmpty) as error:
        raise ValidationError({"file": str(error)}) from None
    return backup.restored_sentence(restored)
