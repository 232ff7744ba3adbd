"""The errors a command raises for the user to read; nothing was saved when one is raised.

Each carries its own sentence, so every page, the command line and the report say the
same thing: ``ValidationError`` a message per form field, ``NotFound`` which record is
gone, ``StaleEdit`` that another window saved the record first.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


class ValidationError(ValueError):
    """Bad input, as a message per form field; nothing was saved."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors

    @property
    def sentence(self) -> str:
        """Every message in one line, for a place with no field to put them under."""
        return " ".join(self.errors.values())


class StaleEdit(RuntimeError):
    """The record changed since the user opened it; their edit was not saved."""

    @classmethod
    def of(cls, what: str) -> StaleEdit:
        """The refusal of an edit to ``what`` ("goal", "contact", ...), in one wording."""
        return cls(
            f"This {what} was changed in another window since you opened it. Your edit was "
            "not saved; reload the page to see the latest version."
        )


class NotFound(LookupError):
    """No such record for this owner."""


class WriteConflict(StaleEdit):
    """The database stopped a save because another one got in its way (on PostgreSQL, a
    serialization failure or a deadlock); nothing of it was saved, and running the same
    command again is safe. ``retrying`` does so; if it keeps happening, the user reads
    the same sentence as for any edit another window saved first."""

    def __init__(self, message: str = ""):
        super().__init__(
            message or "Another window saved at the same moment, so nothing was saved. Try again."
        )


RETRIES = 3  # tries of a command that meets a WriteConflict


def retrying(command: Callable[[], T], attempts: int = RETRIES) -> T:
    """Run ``command`` (one user action: its writes are one transaction), again when the
    database refused it for a conflict, up to ``attempts`` times in all."""
    for attempt in range(1, attempts + 1):
        try:
            return command()
        except WriteConflict:
            if attempt == attempts:
                raise
    raise AssertionError("unreachable")
