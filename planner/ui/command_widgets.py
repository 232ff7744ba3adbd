"""Widgets that run a step's command when used: a checkbox or a button that saves at once,
any widget saving each new value, buttons setting page state, up/down/remove buttons
for an ordered list, and the question asked before something is removed for good."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from planner.ui.escaping import md
from planner.ui.forms import report, submit
from planner.ui.session import flash


def sets(state: dict) -> dict:
    """Keyword arguments for a button that sets page state (a value of None forgets it)
    in its callback, so the run it starts already draws the new state:
    ``st.button("Edit", key=..., **ui.sets({EDITING: 7}))``."""
    return {"on_click": st.session_state.update, "args": (state,)}


def saves(key: str, command: Callable[[object], object]) -> dict:
    """The ``key`` and ``on_change`` of a widget that saves each new value at once, e.g.
    ``st.checkbox("Asked", **ui.saves("asked_7", partial(step.set_asked, store, 7)))``:
    ``command(value)`` runs as a callback (see ``report``)."""
    return {"key": key, "on_change": lambda: report(lambda: command(st.session_state[key]))}


def command_checkbox(label: str, value: bool, key: str, command: Callable[[bool], object]):
    """A checkbox whose every tick or untick runs ``command(ticked)`` at once (through
    ``report``: a refusal is shown at the top of the next run)."""
    return st.checkbox(
        label, value, key, on_change=lambda: report(lambda: command(st.session_state[key]))
    )


def command_button(
    label: str, key: str, command: Callable[[], object], *, where=None, **kwargs
) -> bool:
    """A button that runs ``command`` when clicked (through ``report``, before the next
    run draws anything: a refusal is shown at its top)."""
    return (where or st).button(label, key=key, on_click=report, args=(command,), **kwargs)


# Buttons in a row keyed "icon_buttons_..." show only their icon: the label stays in the
# page for screen readers (Streamlit would otherwise name them "arrow_upward icon").
_ICON_ONLY = (
    "<style>[class*='st-key-icon_buttons_'] button [data-testid='stMarkdownContainer']"
    "{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);"
    "white-space:nowrap}</style>"
)


def order_buttons(where, *, key: str, index: int, count: int, move, remove, name: str):
    """Up, down and remove buttons for item ``index`` of ``count`` in an ordered list:
    ``move(step)`` (-1 up, +1 down) and ``remove()`` run as callbacks (see ``report``).
    Each shows an icon; its label, read by screen readers and shown as its tooltip,
    names the item, ``name`` (plain text): "Move “What surprised you…” up"."""
    st.html(_ICON_ONLY)
    buttons = where.container(horizontal=True, key=f"icon_buttons_{key}", width="content")
    for suffix, icon, label, action, disabled in (
        ("up", "arrow_upward", f"Move {name} up", lambda: move(-1), index == 0),
        ("down", "arrow_downward", f"Move {name} down", lambda: move(+1), index == count - 1),
        ("remove", "delete", f"Remove {name}", remove, False),
    ):
        buttons.button(
            md(label),
            icon=f":material/{icon}:",
            help=md(label),
            key=f"{key}_{suffix}",
            disabled=disabled,
            on_click=report,
            args=(action,),
        )


def confirm(
    question: str,
    yes: str,
    command: Callable[[], str],
    *,
    state: str,
    yes_key: str,
    keep_key: str,
) -> None:
    """Ask before something is removed for good: ``question`` (plain text) with a ``yes``
    button and "Keep it". Yes runs ``command`` through ``submit``; the sentence it returns
    (what it did) is shown at the top of the next run, which starts at once; a refusal
    is shown here. "Keep it", and a removal that went through, forget the question: the
    session key ``state`` that asked it."""
    st.warning(md(question), icon=":material/warning:")
    choice = st.container(horizontal=True)
    if choice.button(yes, key=yes_key, type="primary"):
        said = submit(command, forget=[state])
        if said:
            flash(said, "info")
            st.rerun()
    choice.button("Keep it", key=keep_key, **sets({state: None}))
