"""The "someone they suggested" form, on the interview day and after reflecting."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st

from planner.store.records import SuggestedContact
from planner.ui.forms import FieldMessages, form_key, submit
from planner.ui.navigation import contact_links


def referral_form(
    add: Callable[..., object],
    suggested: Sequence[SuggestedContact],
    referrer: str,
    *,
    form: str,
    button: str,
    links_caption: str,
) -> None:
    """The "someone they suggested" form (on the interview day and after reflecting).
    ``add(name=, role=, organisation=, notes=)`` is the command that saves the person as
    a contact referred by ``referrer`` from this interview, e.g.
    ``lambda **typed: interview_day.add_mentioned_contact(store, interview_id, **typed,
    today=ui.today())``; ``suggested`` lists the people
    already suggested, shown as links to their contact. ``button`` labels the form's
    button."""
    key = form_key(form)
    messages = FieldMessages()
    typed: dict[str, str] = {}
    with st.form(key, enter_to_submit=False):
        columns = st.columns(3)
        for column, field in zip(columns, ("name", "role", "organisation"), strict=True):
            typed[field] = column.text_input(field.capitalize(), key=f"{key}_{field}")
            with column:
                messages.under(field)
        typed["notes"] = st.text_input(
            "What they said about them",
            placeholder="e.g. runs the research guild; mention my name",
            key=f"{key}_notes",
        )
        messages.under("notes")
        added = st.form_submit_button(button, icon=":material/person_add:")
        messages.summary()
    if added:
        by = f", referred by {referrer}" if referrer else ""
        done = f"Added {' '.join(typed['name'].split())} to your contacts{by}."
        submit(lambda: add(**typed), messages=messages, form=form, done=done)
    contact_links(links_caption, list(suggested))
