"""A contact's history as the Contacts page lists it: each entry dated, with Edit (its
day, channel and summary) and Delete where it can be corrected (the step's rules and
commands are passed in, bound to the planner and the contact)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import streamlit as st

from planner.ui.escaping import md
from planner.ui.forms import FormFields, submit
from planner.ui.record_edits import done_editing, edit_and_delete


@dataclass(frozen=True)
class HistoryCommands:
    """What may be done to an entry (``can_edit``, ``can_remove``), how it is named
    (``name``, and ``outcome``: what deleting it does besides), and the commands:
    ``remove(entry)`` (says what it did) and ``correct(entry, on=, channel=, summary=)``."""

    can_edit: Callable[[object], bool]
    can_remove: Callable[[object], bool]
    name: Callable[[object], str]
    outcome: Callable[[object], str]
    remove: Callable[[object], str]
    correct: Callable[..., object]


def history_list(entries, commands: HistoryCommands, *, channels: dict, today: date) -> None:
    """Each entry (newest first) on a line of its own."""
    for entry in entries:
        _entry(entry, commands, channels, today)


def _entry(entry, commands: HistoryCommands, channels: dict, today: date) -> None:
    row = st.container(horizontal=True, vertical_alignment="center")
    row.markdown(f"**{entry.happened_at:%Y-%m-%d}** {md(entry.text)}")
    editable, deletable = commands.can_edit(entry), commands.can_remove(entry)
    if not (editable or deletable):
        return
    key = f"history_{entry.id}"
    opened = edit_and_delete(
        row,
        key=key,
        what=commands.name(entry),
        delete=lambda: commands.remove(entry),
        editable=editable,
        deletable=deletable,
        outcome=commands.outcome(entry),
    )
    if not opened:
        return
    f = FormFields(f"{key}_edit")
    with f.form("Save the correction", type="primary"):
        a, b = st.columns(2)
        day = entry.happened_at.date()
        on = a.date_input(
            "When", day, max_value=max(today, day), format="YYYY-MM-DD", key=f"{key}_on"
        )
        channel = f.menu(b, "Channel", {"": "Not relevant", **channels}, entry.channel, "channel")
        summary = f.text(st, "What happened", "summary", entry.summary)
    if f.sent:
        submit(
            lambda: commands.correct(entry, on=on, channel=channel, summary=summary),
            messages=f,
            forget=done_editing(),
            done="Corrected the history entry.",
        )
