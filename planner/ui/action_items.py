"""Action items as a page lists them: the form adding one, and each one ticked off,
edited or deleted where it is listed (the step's commands are passed in, bound to the
planner)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial

import streamlit as st

from planner.reflection import ActionDraft
from planner.ui.command_widgets import command_checkbox
from planner.ui.escaping import md
from planner.ui.forms import FieldMessages, form_key, submit
from planner.ui.record_edits import done_editing, edit_and_delete, title_and_due
from planner.ui.widgets import pick
from planner.vocabulary import ACTION_KINDS

DONE_OPEN = "actions_done_open"  # whether the "Done" list is open


@dataclass(frozen=True)
class ActionCommands:
    """What can be done to action items: ``add(draft)``, ``set_done(id, day or None)``,
    ``edit(action, title, due_on)`` and ``delete(action)`` (which says what it did)."""

    add: Callable[[ActionDraft], object]
    set_done: Callable[[int, date | None], object]
    edit: Callable[[object, str, date | None], object]
    delete: Callable[[object], str]


def new_action_form(add: Callable[[ActionDraft], object], *, link, who: str, today: date):
    """The form adding an action item; ``link`` (goal id, reflection id) ties it to the
    conversation open, with ``who`` (their name), when the user leaves that ticked."""
    key, messages = form_key("action_new"), FieldMessages()
    linkable = bool(who)
    with st.form(key, enter_to_submit=False):
        a, b, c = st.columns([3, 1, 1])
        title = a.text_input("What will you do?", key=f"{key}_title")
        with a:
            messages.under("title")
        kind = pick("Kind", ACTION_KINDS, "other", f"{key}_kind", where=b)
        due_on = c.date_input("Due", None, min_value=today, format="YYYY-MM-DD", key=f"{key}_due")
        label = f"From this conversation ({md(who)})" if who else "From this conversation"
        linked = st.checkbox(label, linkable, disabled=not linkable, key=f"{key}_link")
        sent = st.form_submit_button("Add the action item", type="primary")
        messages.summary()
    if sent:
        draft = ActionDraft(title, kind, due_on, *(link if linked and linkable else ()))
        done = f"Added the action item: {' '.join(title.split())}."
        submit(partial(add, draft), messages=messages, form="action_new", done=done)


def action_list(actions, commands: ActionCommands, *, today: date) -> None:
    """The open action items soonest due first, then those done (``actions``, the
    Reflect step's ActionsView), each with its box, Edit and Delete."""
    if actions.empty:
        st.info("No action items yet: add what you decided to do after a conversation.")
    for line in actions.open:
        action = line.action
        source = f" · from {md(action.contact_name)}" if action.contact_name else ""
        goal = f" · {md(action.goal_title)}" if action.goal_title else ""
        when = f":red[{line.when}]" if line.late else line.when
        label = f"{md(action.title)} :gray[({line.kind}, {when}{source}{goal})]"
        _action_row(action, label, today, commands, today)
    if actions.more_open:
        st.caption(f"And {actions.more_open} more, due later or undated: tick off these first.")
    if actions.done_count:
        # Drawn only while open: a long list of done items costs every rerun otherwise.
        done = st.expander(f"Done ({actions.done_count})", icon=":material/task_alt:",
                           key=DONE_OPEN, on_change="rerun")  # fmt: skip
        with done:
            for action in actions.done if done.open else ():
                label = f"{md(action.title)} :gray[(done {action.done_on:%d %b %Y})]"
                _action_row(action, label, None, commands, today)


def _action_row(action, label: str, done_on, commands: ActionCommands, today: date) -> None:
    """One action item: its box ticks it off on ``done_on`` (None reopens it)."""
    row = st.container(horizontal=True, vertical_alignment="center")
    key = f"action_{action.id}_{action.version}"
    with row:
        command_checkbox(
            label, done_on is None, key, lambda _: commands.set_done(action.id, done_on)
        )
    what, delete = f"the action item '{action.title}'", partial(commands.delete, action)
    if not edit_and_delete(row, key=key, what=what, delete=delete):
        return
    messages = FieldMessages()
    with st.form(f"{key}_edit", enter_to_submit=False):
        title, due_on = title_and_due(
            f"{key}_edit", messages, title=action.title, due_on=action.due_on, today=today
        )
        save = st.form_submit_button("Save changes", type="primary")
        messages.summary()
    if save:
        done = f"Saved the action item: {' '.join(title.split())}."
        edit = partial(commands.edit, action, title, due_on)
        submit(edit, messages=messages, forget=done_editing(), done=done)
