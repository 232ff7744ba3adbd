"""Correcting what was saved: a text reworded where it is shown, a warning's proposed
rewrite applied in one click, and Undo right after something was removed."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from planner.ui.command_widgets import command_button, sets
from planner.ui.escaping import md
from planner.ui.feedback import warning_line
from planner.ui.forms import FormFields, say_if_outdated, submit
from planner.ui.session import flash


def editable_line(
    where,
    shown: str,
    value: str,
    *,
    key: str,
    version: int,
    save,
    name: str,
    label: str = "Question",
    field: str = "text",
):
    """``shown`` (Markdown) in ``where`` with an "Edit wording" button that opens, in its
    place, a one-line form labelled ``label`` holding ``value`` for version ``version``
    of the record (keyed ``key``; ``name``, plain text, says which record to a screen
    reader; ``field`` is the name the record's refusals give the text).
    ``save(text)`` runs on Save: a refusal shows under the field and the form stays
    open; a save, or Cancel, closes it."""
    opened, record = f"{key}_editing", f"{key}_text~"
    if not st.session_state.get(opened):
        where.markdown(shown)
        help = f"Edit the wording of {md(name)}"
        where.button(
            "Edit wording", key=f"{key}_edit", type="tertiary", help=help, **sets({opened: True})
        )
        return
    form = f"{record}{version}"  # one set of fields per version of the record
    f = FormFields(form, text=field)
    with where:
        say_if_outdated(form, record, label.lower())
        with f.form("Save wording", versioned=True, type="primary"):
            text = f.text(st, label, "text", value)
        st.button("Cancel", key=f"{record}cancel", **sets({opened: None}))
    if f.sent:
        submit(lambda: save(text), messages=f, forget=[opened], done="Saved the new wording.")


def warning_with_rewrite(message: str, rewrite: str, *, key: str, apply: Callable[[str], object]):
    """A warning in words, and, when it proposes a ``rewrite``, a button that applies it
    with ``apply(rewrite)`` at once (the next run shows what the new text draws)."""
    st.warning(warning_line(message, rewrite), icon=":material/warning:")
    if rewrite:
        label = f"Use “{md(rewrite)}”"
        command_button(label, key, lambda: apply(rewrite), icon=":material/auto_fix_high:")


def undo_notice(
    sentence: str,
    *,
    key: str,
    undo: Callable[[], object],
    forget: str,
    done: str | None = None,
    icon: str = ":material/delete:",
):
    """What was just done (``sentence``, plain text: a removal by default) with an Undo
    button: ``undo()`` reverts it, then the session key ``forget`` that kept it is
    dropped and ``done`` is said (without ``done``, what ``undo()`` returned)."""
    row = st.container(horizontal=True, vertical_alignment="center")
    row.info(md(sentence), icon=icon)
    if row.button("Undo", key=key, icon=":material/undo:"):
        said = submit(undo, forget=[forget], done=done)
        if said is not None:
            flash(str(said))
            st.rerun()
