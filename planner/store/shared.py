"""Helpers more than one repository uses."""

from __future__ import annotations


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
