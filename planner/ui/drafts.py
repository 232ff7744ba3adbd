"""Text the planner drafts for the user to edit: a field that follows its draft until
edited, and a text area saved with a button that knows what it started from."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from planner.ui.forms import FieldMessages, submit
from planner.ui.session import keep_typed


def follow_draft(key: str, draft: str, *, redraft: bool = False) -> None:
    """Let the text field ``key`` (drawn after this call) hold ``draft``, a text written
    from other fields, and follow it as they change until the user edits it; with
    ``redraft`` it takes the draft again, edited or not."""
    drafted = f"{key}:drafted"  # the last draft, to tell whether the user edited it
    keep_typed(key)
    untouched = st.session_state.get(key) == st.session_state.get(drafted)
    if redraft or untouched or key not in st.session_state:
        st.session_state[key] = draft
    st.session_state[drafted] = draft


class DraftArea:
    """A text area holding text the planner drafts for the user to edit and save with a
    button (an introduction, a note). It starts from the saved text (the draft when none
    is saved) and remembers the saved text it started from, ``based_on``: a save over
    a different one, which another window saved meanwhile, can then be refused. Left
    untouched here while another window saved, it shows what was saved."""

    def __init__(self, key: str, *, saved: str, drafted: str) -> None:
        self.key, self.saved, self.drafted = key, saved, drafted
        keep_typed(key)
        self._based_on = f"{key}:based_on"
        self._redraft = f"{key}:redraft"  # "Draft it again" was pressed
        state = st.session_state
        if state.pop(self._redraft, False):
            # Here, not in the button's callback: the callback belongs to the previous
            # run, whose draft misses a field typed just before the click.
            state[key] = drafted
        elif key not in state or (
            state.get(self._based_on) != saved
            and state[key] in (state.get(self._based_on), drafted)
        ):
            self.load_saved()

    def area(self, label: str, *, height: int) -> str:
        return st.text_area(label, height=height, key=self.key)

    @property
    def based_on(self) -> str:
        return st.session_state.get(self._based_on, self.saved)

    def edit(
        self,
        label: str,
        noun: str,
        save: Callable[..., object],
        *,
        messages: FieldMessages,
        keys: str,
        height: int,
    ) -> str:
        """The box (``label``) with the message slot for the field ``noun`` under it, then
        "Save the <noun>" and "Draft it again" (keyed ``<keys>_save``, ``<keys>_redraft``)
        and the summary slot. Saving runs ``save(text, based_on=...)`` through ``submit``;
        saved, the box starts from the text. Refused because another window saved a
        different text since the box started, it offers "Load the saved <noun>". Under it
        all, whether the text is saved. Returns the text."""
        text = self.area(label, height=height)
        messages.under(noun)
        buttons = st.container(horizontal=True)
        pressed = buttons.button(f"Save the {noun}", key=f"{keys}_save", type="primary")
        buttons.button("Draft it again", key=f"{keys}_redraft", on_click=self.redraft_next_run)
        messages.summary()
        if pressed:
            started = self.based_on

            def save_it() -> None:
                save(text, based_on=started)
                self.saved_as(text)

            submit(save_it, messages=messages, done=f"Saved the {noun}.")
            if self.saved_elsewhere(started, text):
                label = f"Load the saved {noun}"
                st.button(label, key=f"{keys}_load_saved", on_click=self.load_saved)
        self.unsaved_note(text)
        return text

    def saved_elsewhere(self, based_on: str, text: str) -> bool:
        """Whether the saved text is neither the one the box started from (``based_on``)
        nor ``text``: another window saved it meanwhile."""
        return self.saved not in (based_on.strip(), text.strip())

    def saved_as(self, text: str) -> None:
        """After a save: the box now starts from ``text``."""
        st.session_state[self._based_on] = text.strip()

    def redraft_next_run(self) -> None:
        """(A button's callback.) The draft again, in place of what was typed, drafted in
        the run the click starts (from every field as it is now)."""
        st.session_state[self._redraft] = True

    def load_saved(self) -> None:
        """(A button's callback.) What is saved now, in place of what was typed."""
        st.session_state[self.key] = self.saved or self.drafted
        st.session_state[self._based_on] = self.saved

    def unsaved_note(self, text: str) -> None:
        """Say so under the box when ``text`` is not what is saved."""
        if text.strip() != self.saved.strip():
            st.caption(":orange[Not saved yet.]")
