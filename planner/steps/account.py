"""Account: on a deployment where people sign in, deleting the person's planner (their
own and their demo). Downloading everything is the Backup step's file."""

from __future__ import annotations

from planner import accounts
from planner.errors import ValidationError
from planner.store import Store

DELETE_WORD = accounts.DELETE_WORD  # what the page asks to be typed


def delete_planner(own: Store, demo: Store, *, typed: str) -> str:
    """Delete everything the person has, own planner and demo, once ``typed`` confirms
    it (a ValidationError for ``confirm`` otherwise, and nothing deleted). Returns the
    sentence to show."""
    if problem := accounts.deletion_problem(typed):
        raise ValidationError({"confirm": problem})
    demo.content.delete_everything()  # first: a failure then leaves their own whole
    deleted = own.content.delete_everything()
    entries = "1 entry is" if deleted == 1 else f"{deleted} entries are"
    return (
        f"Your planner was deleted: {entries} gone from the database, and your demo "
        "planner with it. You can start afresh, or sign out."
    )
