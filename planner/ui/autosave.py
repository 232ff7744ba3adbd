"""The notes field that saves while the user types: a Streamlit component (components v2)
whose HTML, CSS and JavaScript live in ``planner/components/``, with no build step and
nothing fetched."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import streamlit as st

from planner.errors import NotFound, StaleEdit, ValidationError, retrying
from planner.ui.forms import explain
from planner.ui.session import current_place

_COMPONENTS = Path(__file__).parent.parent / "components"
# Registered once, at import: component names are global to the app.
_autosave = st.components.v2.component(
    "planner_autosave_text_area",
    html=(_COMPONENTS / "autosave.html").read_text(encoding="utf-8"),
    css=(_COMPONENTS / "autosave.css").read_text(encoding="utf-8"),
    js=(_COMPONENTS / "autosave.js").read_text(encoding="utf-8"),
)


def autosave_text_area(
    label: str,
    *,
    value: str,
    key: str,
    on_save: Callable[[str, list[str] | None], object],
    record: str,
    placeholder: str = "",
    height: int = 90,
) -> str:
    """A notes field that saves while the user types (st.text_area only sends on blur).

    The browser sends the text 0.7 s after the last keystroke (at least every 3 s while
    typing goes on), at once on blur, and when the tab is hidden or closed; text not yet
    confirmed is also kept in the browser (localStorage) and sent on the next visit, so
    closing the tab mid-sentence loses nothing. ``on_save(text, based_on)`` is the
    command that stores the text; when it refuses it (one of ``planner.errors``), the
    field says "Not saved: " and why. ``based_on`` lists the texts the planner may hold
    from this field (what it was drawn with and what it sent since); saved text outside
    it was written by another window and must not be saved over.
    ``record`` names what is being edited (e.g. "plan-question-7-notes"); it is combined
    with the planner file, so a draft never lands in another planner. Returns the text.
    """
    outcome_key = f"{key}:outcome"

    def changed() -> None:
        state = st.session_state[key]
        based_on = state.get("base")
        if not (isinstance(based_on, list) and all(isinstance(t, str) for t in based_on)):
            based_on = None
        try:
            retrying(lambda: on_save(state["value"], based_on))
        except (ValidationError, NotFound, StaleEdit) as error:
            problem = explain(error)
        else:
            problem = None
        st.session_state[outcome_key] = (state.get("rev"), problem)

    rev, problem = st.session_state.get(outcome_key, (None, None))
    planner = hashlib.sha256(current_place().key.encode()).hexdigest()[:12]
    result = _autosave(
        key=key,
        data={
            "label": label,
            "placeholder": placeholder,
            "value": value,
            "height": int(height),
            "ack": None if problem else rev,
            "failed": rev if problem else None,
            "error": problem or "",
            "draft_id": f"{planner}:{record}",
        },
        on_value_change=changed,
        height="content",
    )
    text = result.get("value")
    return value if text is None else text
