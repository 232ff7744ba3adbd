"""Correcting a record where it is shown: Edit and Delete beside it (the edit form, or
the question asked before deleting, opens below), and the fields of an action item."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import streamlit as st

from planner.ui.command_widgets import confirm, sets
from planner.ui.escaping import md
from planner.ui.forms import FieldMessages

EDITING = "record_edits:editing"  # the record whose edit form is open, by key
DELETING = "record_edits:deleting"  # the record asked about before deleting it, by key


def edit_and_delete(
    where,
    *,
    key: str,
    what: str,
    delete: Callable[[], str],
    editable: bool = True,
    deletable: bool = True,
    outcome: str = "",
) -> bool:
    """Edit and Delete buttons in ``where`` for the record ``key`` (``what``, plain
    text, names it: "the action item 'Call Daniel'"); either can be left out
    (``editable``, ``deletable``). Delete asks first, below, saying ``outcome`` (what else
    deleting does); yes runs ``delete``, which returns what it did. Returns whether the
    record's edit form is open (``done_editing`` closes it)."""
    buttons = (("Edit", EDITING, "edit"),) if editable else ()
    buttons += (("Delete", DELETING, "delete"),) if deletable else ()
    for name, state, icon in buttons:
        opens = sets({EDITING: None, DELETING: None, state: key})
        where.button(name, key=f"{name.lower()}_{key}", icon=f":material/{icon}:",
                     help=md(f"{name} {what}"), type="tertiary", **opens)  # fmt: skip
    if st.session_state.get(DELETING) == key:
        confirm(
            " ".join(x for x in (f"Delete {what}?", outcome, "This cannot be undone.") if x),
            "Yes, delete it",
            delete,
            state=DELETING,
            yes_key=f"confirm_delete_{key}",
            keep_key=f"keep_{key}",
        )
    if st.session_state.get(EDITING) != key:
        return False
    st.button("Cancel editing", key=f"cancel_edit_{key}", **sets({EDITING: None}))
    return True


def done_editing() -> list[str]:
    """The session keys to forget once an edit is saved (``ui.submit(..., forget=)``)."""
    return [EDITING]


def title_and_due(
    key: str, messages: FieldMessages, *, title: str, due_on: date | None, today: date
) -> tuple[str, date | None]:
    """Inside a form: what the user will do (``<key>_title``) and when it is due
    (``<key>_due``, empty for no date; a past date already set is kept). Returns both."""
    a, b = st.columns([3, 1])
    typed = a.text_input("What will you do?", title, key=f"{key}_title")
    with a:
        messages.under("title")
    earliest = min(today, due_on) if due_on else today
    label = "Due" if due_on else "Due (optional)"
    day = b.date_input(label, due_on, min_value=earliest, format="YYYY-MM-DD", key=f"{key}_due")
    # A date field can be emptied only when it starts empty.
    if due_on is not None and st.checkbox("No due date", key=f"{key}_undated"):
        day = None
    return typed, day
