"""Where the planner's own files live: the repository root and its shipped data; and the
names of the files it offers for download."""

from __future__ import annotations

from datetime import date
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "data"


def download_name(what: str, on: date, extension: str, *, demo: bool = False) -> str:
    """A downloaded file's name, e.g. ``interview-planner-backup-2026-11-24.json``; a file
    from the demo planner says so (``interview-planner-demo-...``), so it is not taken for
    one's own. ``what`` is a fixed word of the planner's, never user text."""
    prefix = "interview-planner-demo" if demo else "interview-planner"
    return f"{prefix}-{what}-{on.isoformat()}.{extension}"
