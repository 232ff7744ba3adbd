"""The errors a command raises for the user to read; nothing was saved when one is raised.

Each carries its own sentence, so every page, the command line and the report say the
same thing: ``ValidationError`` a message per form field, ``NotFound`` which record is
gone, ``StaleEdit`` that another window saved the record first.
"""

from __future__ import annotations


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
