"""The one form idiom: fields with a message slot under each, and ``submit``, which runs
the command a form was sent for and shows a refusal under its field, a stale or deleted
record the same way everywhere (``report`` from callbacks, where nothing can be drawn).

A form keyed ``form_key(name)`` starts empty after it saved; a form drawn for one version
of its record is sent with ``submit_button``, so ``say_if_outdated`` can tell the user
when another window changed the record meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import streamlit as st

from planner.errors import NotFound, StaleEdit, ValidationError, retrying
from planner.ui.escaping import md
from planner.ui.session import flash, forget_typed

T = TypeVar("T")

# -- form keys, and which form was sent ------------------------------------------------------


def form_key(name: str) -> str:
    """The key of the form ``name``: it changes only when ``form_saved(name)`` is called
    after that form saved, so the form starts empty while every other form on the page
    keeps what the user typed in it."""
    return f"{name}_{st.session_state.get(f'form_saves:{name}', 0)}"


def form_saved(name: str) -> None:
    st.session_state[f"form_saves:{name}"] = st.session_state.get(f"form_saves:{name}", 0) + 1


_SENT, _SENT_THIS_RUN, _SENT_BEFORE = "forms:sent", "forms:sent_this_run", "forms:sent_before"


def submit_button(label: str, *, form: str, **kwargs) -> bool:
    """``st.form_submit_button`` that remembers which form was sent, so a page can tell
    when the form sent was drawn for an older version of its record (see
    ``say_if_outdated``): its callback runs even if that form is not drawn again."""
    return st.form_submit_button(label, on_click=_remember_sent, args=(form,), **kwargs)


def _remember_sent(form: str) -> None:
    # A form sent a second time is a double click landing after the first one saved
    # (the first send of an outdated form is the only one that is news).
    before = st.session_state.setdefault(_SENT_BEFORE, set())
    st.session_state[_SENT] = None if form in before else form
    before.add(form)


def note_which_form_was_sent() -> None:
    """(At the top of every run, from ``page``.) Which form, if any, was sent in this
    run: its button's callback set it just now."""
    st.session_state[_SENT_THIS_RUN] = st.session_state.pop(_SENT, None)


def say_if_outdated(form: str, record: str, what: str) -> None:
    """Say so when, in this run, the user sent a form for ``record`` (a form key prefix
    such as ``edit_contact_7_``) other than ``form``, the one drawn for the record as it
    is now: another window changed the record after that form was drawn, so what was
    typed in it was not saved. ``what`` names the record ("contact")."""
    sent = st.session_state.get(_SENT_THIS_RUN)
    if sent is not None and sent.startswith(record) and sent != form:
        st.error(
            f"This {what} was changed in another window after you opened the form, so what "
            "you typed was not saved. The form now shows the latest version; make your "
            "change again if it is still needed.",
            icon=":material/sync_problem:",
        )


def form_sent(form: str, button: str) -> bool:
    """Whether the form ``form`` was sent with its button ``button`` in this run, known
    before the form is drawn (Streamlit keys a submit button so)."""
    return bool(st.session_state.get(f"FormSubmitter:{form}-{button}"))


# -- a message under each field -----------------------------------------------------------


def field_error(slot, message: str | None) -> None:
    """Show a message in the slot under a form field, or leave the slot empty."""
    if message:
        slot.error(md(message), icon=":material/error:")


class FieldMessages:
    """Message slots under a form's fields. Call ``under(name)`` right after drawing
    each field and ``summary()`` after the submit button; ``show(errors)`` then puts
    each message next to its field and says that nothing was saved."""

    def __init__(self) -> None:
        self._slots: dict = {}
        self._summary = None
        # Whether to make the slots: a form knows whether it was sent in this run, and
        # a form not sent has nothing to show under its fields (a slot is an element).
        self.slots_wanted = True

    @classmethod
    def for_form(cls, form: str, button: str) -> FieldMessages:
        """The slots for the form ``form`` sent with ``button``: made only in the run it
        was sent (a form not sent has nothing to say under its fields)."""
        messages = cls()
        messages.slots_wanted = form_sent(form, button)
        return messages

    def under(self, name: str) -> None:
        if self.slots_wanted:
            self._slots[name] = st.empty()

    def summary(self) -> None:
        if self.slots_wanted:
            self._summary = st.empty()

    def show(self, errors: dict[str, str]) -> None:
        unplaced = []
        for name, message in errors.items():
            if name in self._slots:
                field_error(self._slots[name], message)
            else:
                unplaced.append(message)
        noun = "field needs" if len(errors) == 1 else "fields need"
        text = f"Nothing was saved: {len(errors)} {noun} attention (see above)."
        if unplaced:
            text += " " + " ".join(unplaced)
        if self._summary is not None:
            self._summary.warning(md(text), icon=":material/warning:")
        else:
            st.warning(md(text), icon=":material/warning:")


class FormFields(FieldMessages):
    """The fields of one form, each drawn with the slot for its message right under it:
    a widget keyed ``<prefix>_<suffix>`` answers for the form field ``names.get(suffix,
    suffix)`` (so ``FormFields("meet_7", zone="time_zone")`` puts a time-zone refusal
    under the widget ``meet_7_zone``). ``form`` draws the form around them::

        f = ui.FormFields("meet_7", zone="time_zone")
        with f.form("Schedule it", type="primary"):
            zone = f.menu(st, "Time zone", zones, "UTC", "zone")
        if f.sent:
            ui.submit(lambda: step.schedule(store, zone), messages=f, forget=f.widget_keys)
    """

    def __init__(self, prefix: str, **names: str) -> None:
        super().__init__()
        self.prefix, self.names = prefix, names
        self.sent = False  # whether the form drawn by ``form`` was sent in this run
        self.widget_keys: list[str] = []  # the keys of the widgets drawn, in order

    @contextmanager
    def form(
        self, button: str, *, key: str | None = None, versioned: bool = False, **options
    ) -> Iterator[FormFields]:
        """``st.form`` keyed ``key`` (by default the prefix) around the fields drawn in
        the ``with`` block, then its ``button`` (``options`` such as ``type`` go to it)
        and the slot for the summary; ``sent`` then says whether it was sent. A
        ``versioned`` form, drawn for one version of its record, is sent with
        ``submit_button`` (see ``say_if_outdated``)."""
        key = key or self.prefix
        self.slots_wanted = form_sent(key, button)
        with st.form(key, enter_to_submit=False):
            yield self
            if versioned:
                self.sent = submit_button(button, form=key, **options)
            else:
                self.sent = st.form_submit_button(button, **options)
            self.summary()

    def draw(self, where, widget: str, label: str, suffix: str, *args, **kwargs):
        """``where.<widget>(label, ...)`` (``where`` is st or a column), then the slot."""
        kwargs.setdefault("key", f"{self.prefix}_{suffix}")
        self.widget_keys.append(kwargs["key"])
        value = getattr(where, widget)(label, *args, **kwargs)
        if where is st:
            self.under(self.names.get(suffix, suffix))
        else:
            with where:
                self.under(self.names.get(suffix, suffix))
        return value

    def text(self, where, label: str, suffix: str, value: str = "", **kwargs) -> str:
        return self.draw(where, "text_input", label, suffix, value=value, **kwargs)

    def menu(self, where, label: str, labels: dict, value, suffix: str, **kwargs):
        """A menu of ``labels``' keys, each shown by its label, starting at ``value``."""
        options = list(labels)
        index = options.index(value) if value in options else 0
        kwargs |= {"index": index, "format_func": labels.get}
        return self.draw(where, "selectbox", label, suffix, options, **kwargs)


# -- running the command a form or a button was sent for ---------------------------------------


def explain(error: ValidationError | NotFound | StaleEdit) -> str:
    """The sentence a refusal carries (every field's message for a ValidationError)."""
    return error.sentence if isinstance(error, ValidationError) else str(error)


def report(action: Callable[[], object]) -> bool:
    """Run ``action`` (a command, usually from a widget callback, where nothing can be
    drawn); a refusal is shown at the top of the next run. Returns whether it went through."""
    try:
        retrying(action)
    except (ValidationError, NotFound, StaleEdit) as error:
        flash(explain(error), "error")
        return False
    return True


def announce(outcome) -> None:
    """Say what a command did, ``outcome`` (with a ``message`` and its ``kind``, "success"
    or "warning"; None when it did nothing), at the top of the next run, which starts at
    once: ``ui.announce(ui.submit(add, messages=f))`` for a command that returns one."""
    if outcome is not None:
        flash(outcome.message, outcome.kind)
        st.rerun()


def submit(
    command: Callable[[], T],
    *,
    messages: FieldMessages | None = None,
    form: str | None = None,
    done: str | None = None,
    forget: Iterable[str] = (),
) -> T | None:
    """Run the command a form (or a button) was sent for, and show the outcome the same
    way on every page. This is the one place a page's refusals are caught.

    Refused (nothing was saved): a ValidationError puts each message under its field
    (``messages``) or says them all in one warning; a record that is gone (NotFound) or
    that another window saved first (StaleEdit) is said in an error. Returns None.

    Done: the form ``form`` starts empty next run, the session keys in ``forget`` are
    dropped; with ``done`` that sentence is shown at the top of the next run, which
    starts at once (nothing after this call is drawn). Without ``done`` the command's
    result is returned and the page carries on.
    """
    try:
        result = retrying(command)  # a save the database refused for a conflict runs again
    except ValidationError as error:
        if messages is not None:
            messages.show(error.errors)
        else:
            st.warning(md(f"Nothing was saved: {error.sentence}"), icon=":material/warning:")
        return None
    except (NotFound, StaleEdit) as error:
        st.error(md(explain(error)), icon=":material/error:")
        return None
    if form is not None:
        form_saved(form)
    for key in forget:
        forget_typed(key)
    if done is not None:
        flash(done)
        st.rerun()
    return result
