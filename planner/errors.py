"""Errors the store raises that a page shows to the user; nothing was saved when raised."""

from __future__ import annotations


class StaleEdit(RuntimeError):
    """The record changed since the user opened it; their edit was not saved."""


class NotFound(LookupError):
    """No such record for this owner."""
