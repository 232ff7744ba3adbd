"""Account: on a deployment where people sign in, who is signed in, everything they
have to download, and deleting their planner (their own and their demo)."""

from __future__ import annotations

from datetime import date

from planner import accounts, backup
from planner.errors import ValidationError
from planner.paths import download_name
from planner.store import Store

DELETE_WORD = accounts.DELETE_WORD  # what the page asks to be typed


def backup_name(today: date) -> str:
    return download_name("backup", today, "json")


def everything_file(store: Store) -> bytes:
    """The whole planner as one backup file (what Backup downloads): every entry the
    person made, which the Backup page can restore anywhere."""
    return backup.export_text(store).encode("utf-8")


def delete_planner(own: Store, demo: Store, *, typed: str) -> str:
    """Delete everything the person has, own planner and demo, once ``typed`` confirms
    it (a ValidationError for ``confirm`` otherwise, and nothing deleted). Returns the
    sentence to show."""
    if problem := accounts.deletion_problem(typed):
        raise ValidationError({"confirm": problem})
    deleted = own.content.delete_everything()
    demo.content.delete_everything()
    entries = "entry" if deleted == 1 else "entries"
    return (
        f"Your planner was deleted: {deleted} {entries} are gone from the database. "
        "You can start afresh, or sign out."
    )
