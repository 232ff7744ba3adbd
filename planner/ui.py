"""The Streamlit side of the planner: the one planner module that imports streamlit.

Every page starts with ``store = ui.page("Title", icon)``: page config, the
shared sidebar, the demo banner, and a Store for this session.

Session state keys (all others belong to a single page):
- ``planner_mode``: "own" or "demo", which planner file this session uses.
- ``planner_store:<path>``: this session's Store (its own cursor) on that file.
- ``flash``: a (kind, message) shown once at the top of the next run.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import TypeVar

import streamlit as st

from planner import demo, guidance, journey
from planner.errors import NotFound, StaleEdit, ValidationError
from planner.paths import DATA_DIR
from planner.store import (
    Database,
    PlannerInUse,
    PlannerUnavailable,
    Store,
    database_path,
    demo_database_path,
)
from planner.store.records import SuggestedContact
from planner.text import inert_markdown

APP_NAME = "Interview planner"
APP_ICON = DATA_DIR / "app_icon.png"
T = TypeVar("T")
_MODE = "planner_mode"
_FLASH = "flash"


@st.cache_resource(show_spinner=False)
def _database(path: str) -> Database:
    """One connection per planner file for the whole server process."""
    return Database(path)


def _paths() -> tuple[Path, Path]:
    own = database_path()
    return own, demo_database_path(own)


def in_demo() -> bool:
    return st.session_state.get(_MODE) == "demo"


def _session_store(path: Path) -> Store:
    key = f"planner_store:{path}"
    store = st.session_state.get(key)
    if store is None:
        store = _database(str(path)).session()
        st.session_state[key] = store
    return store


def _current_path() -> Path:
    own, demo_path = _paths()
    return demo_path if in_demo() else own


def current_store() -> Store:
    """This session's store on the planner it is looking at (own or demo)."""
    return _session_store(_current_path())


def today() -> date:
    return date.today()


def enter_demo() -> None:
    """Write a fresh demo planner into its own file and switch this session to it."""
    _, demo_path = _paths()
    demo.load_demo(_session_store(demo_path), today=today(), replace=True)
    _forget_page_state()
    st.session_state[_MODE] = "demo"


def leave_demo() -> None:
    _forget_page_state()
    st.session_state[_MODE] = "own"


def _forget_page_state() -> None:
    """Drop what the pages remember (widget values, drafts, selections) when the session
    switches planners: ids repeat across planner files, so a key such as "plan_intro_3"
    would otherwise carry one planner's text into the other, and a save would write it."""
    for key in list(st.session_state):
        if key not in (_MODE, _FLASH) and not str(key).startswith("planner_store:"):
            del st.session_state[key]


def flash(message: str, kind: str = "success") -> None:
    """Show ``message`` (plain text, escaped when shown) once at the top of the next run."""
    st.session_state[_FLASH] = (kind, message)


def sidebar() -> None:
    """The table of contents, in journey order, drawn the same on every page."""
    with st.sidebar:
        st.markdown(f"**{APP_NAME}**")
        st.page_link(journey.HOME.page, label=journey.HOME.label, icon=journey.HOME.icon)
        for number, step in enumerate(journey.STEPS, start=1):
            st.page_link(step.page, label=f"{number} {step.label}", icon=step.icon)
        st.divider()
        for tool in journey.TOOLS:
            st.page_link(tool.page, label=tool.label, icon=tool.icon)
        if in_demo():
            st.caption("Showing the demo planner.")
            if st.button("Leave the demo", key="sidebar_leave_demo", icon=":material/logout:"):
                leave_demo()
                st.rerun()
        else:
            st.caption(guidance.text("home.privacy"))


def page(title: str) -> Store:
    """Set up a page: config, sidebar, demo banner, pending flash message. Returns the store."""
    # A local icon: a Material icon here would be fetched from Google's font servers
    # on every load, and the planner promises to stay on this machine.
    st.set_page_config(page_title=f"{title} - {APP_NAME}", page_icon=str(APP_ICON), layout="wide")
    sidebar()
    try:
        store = current_store()
    except (PlannerInUse, PlannerUnavailable) as error:
        st.error(str(error), icon=":material/lock:")
        st.stop()
    if store.database.recovery_note:
        st.warning(md(store.database.recovery_note), icon=":material/healing:")
    if in_demo():
        with st.container(border=True):
            left, right = st.columns([5, 1], vertical_alignment="center")
            left.markdown(guidance.text("home.demo_banner"))
            if right.button("Leave the demo", key="banner_leave_demo"):
                leave_demo()
                st.rerun()
    # Which form (if any) was sent in this run: its button's callback set it just now.
    st.session_state[_SENT_THIS_RUN] = st.session_state.pop(_SENT, None)
    pending = st.session_state.pop(_FLASH, None)
    if pending:
        kind, message = pending
        getattr(st, kind)(md(message))
    return store


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


def contact_links(caption: str, people: Sequence[SuggestedContact]) -> None:
    """A line of links, each opening one contact on the Contacts page."""
    if not people:
        return
    row = st.container(horizontal=True, horizontal_alignment="left", vertical_alignment="center")
    row.caption(caption)
    for person in people:
        row.page_link(
            "pages/3_Contacts.py",
            label=md(person.name),
            icon=":material/person:",
            query_params={"contact": str(person.contact_id)},
        )


def list_key(prefix: str, items: list[str]) -> str:
    """A widget key that changes whenever the listed items do: a table selection is kept
    as row numbers, so a table whose rows changed must start with no selection."""
    digest = hashlib.sha256("\n".join(items).encode()).hexdigest()[:12]
    return f"{prefix}_{digest}"


PAGE_SIZE = 25


def paged(items: list, key: str, size: int = PAGE_SIZE) -> list:
    """One page of ``items``, with a page picker above it when they fill more than one:
    a long list costs every rerun, however little of it anyone reads."""
    pages = max(1, math.ceil(len(items) / size))
    if pages == 1:
        return items
    picker, where = st.columns([1, 5], vertical_alignment="bottom")
    page = picker.number_input("Page", min_value=1, max_value=pages, step=1, key=key)
    first = (int(page) - 1) * size
    where.caption(f"{first + 1:,}-{min(first + size, len(items)):,} of {len(items):,}")
    return items[first : first + size]


def md(text: str) -> str:
    """User text made inert for st.markdown and widget labels (see text.inert_markdown)."""
    return inert_markdown(text)


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

    def under(self, name: str) -> None:
        self._slots[name] = st.empty()

    def summary(self) -> None:
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


_COMPONENTS = Path(__file__).parent / "components"
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
            on_save(state["value"], based_on)
        except (ValidationError, NotFound, StaleEdit) as error:
            problem = _explain(error)
        else:
            problem = None
        st.session_state[outcome_key] = (state.get("rev"), problem)

    rev, problem = st.session_state.get(outcome_key, (None, None))
    planner = hashlib.sha256(str(_current_path()).encode()).hexdigest()[:12]
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


def _explain(error: ValidationError | NotFound | StaleEdit) -> str:
    """The sentence a refusal carries (every field's message for a ValidationError)."""
    return error.sentence if isinstance(error, ValidationError) else str(error)


def report(action: Callable[[], object]) -> bool:
    """Run ``action`` (a command, usually from a widget callback, where nothing can be
    drawn); a refusal is shown at the top of the next run. Returns whether it went through."""
    try:
        action()
    except (ValidationError, NotFound, StaleEdit) as error:
        flash(_explain(error), "error")
        return False
    return True


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
        result = command()
    except ValidationError as error:
        if messages is not None:
            messages.show(error.errors)
        else:
            st.warning(md(f"Nothing was saved: {error.sentence}"), icon=":material/warning:")
        return None
    except (NotFound, StaleEdit) as error:
        st.error(md(_explain(error)), icon=":material/error:")
        return None
    if form is not None:
        form_saved(form)
    for key in forget:
        st.session_state.pop(key, None)
    if done is not None:
        flash(done)
        st.rerun()
    return result


def filter_bar(
    menus: Sequence[tuple[str, dict, str, str]], *, search: str, key: str
) -> tuple[list, str]:
    """The filter row above a list: a menu per ``(label, choices, everything, key)``
    (``choices`` maps a value to its label, ``everything`` labels no filter), then a
    search box. Returns the value picked in each menu (None for everything) and the
    search text."""
    columns = st.columns([1] * len(menus) + [2])
    picked = [
        column.selectbox(
            label,
            [None, *choices],
            format_func=lambda value, c=choices, e=everything: e if value is None else c[value],
            key=menu_key,
        )
        for column, (label, choices, everything, menu_key) in zip(columns, menus, strict=False)
    ]
    return picked, columns[-1].text_input(search, key=key)


def open_from_link(param: str, known, *, current_key: str, menu_key: str) -> None:
    """A link such as ``?interview=5`` opens that record: remember it under
    ``current_key`` (the page's own choice) and let the menu ``menu_key`` follow it.
    An unknown id is ignored; the parameter is removed either way."""
    wanted = st.query_params.get(param)
    if wanted is None:
        return
    if wanted.isdigit() and int(wanted) in known:
        st.session_state[current_key] = int(wanted)
        st.session_state.pop(menu_key, None)
    del st.query_params[param]


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


def sets(state: dict) -> dict:
    """Keyword arguments for a button that sets page state (a value of None forgets it)
    in its callback, so the run it starts already draws the new state:
    ``st.button("Edit", key=..., **ui.sets({EDITING: 7}))``."""
    return {"on_click": st.session_state.update, "args": (state,)}


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


def pick(label: str, options, value, key: str, labels=None, *, where=None, radio=False, **kwargs):
    """A select box (or with ``radio``, a row of radio buttons) over ``options`` (a list,
    or a dict from each option to its label) that starts at ``value``; ``labels`` names
    each option (by default the dict's label), ``where`` is the container."""
    labels = labels or (options.get if isinstance(options, dict) else str)
    options = list(options)
    where = where or st
    if radio:
        kwargs.setdefault("horizontal", True)
    widget = where.radio if radio else where.selectbox
    return widget(label, options, index=options.index(value), format_func=labels, key=key, **kwargs)


def record_menu(label: str, labels: dict, *, param: str, current_key: str, menu_key: str):
    """The menu choosing the record a page shows (``labels`` maps its id to its label);
    a link with ``?<param>=<id>`` opens that one (see ``open_from_link``). The choice is
    kept under ``current_key`` too, so it survives Streamlit drawing a new menu when the
    labels change. Returns the id chosen, None when there is nothing to choose."""
    open_from_link(param, labels, current_key=current_key, menu_key=menu_key)
    if not labels:
        return None
    current = st.session_state.get(current_key)
    current = current if current in labels else next(iter(labels))
    st.session_state[current_key] = pick(label, labels, current, menu_key)
    return st.session_state[current_key]


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


def follow_draft(key: str, draft: str, *, redraft: bool = False) -> None:
    """Let the text field ``key`` (drawn after this call) hold ``draft``, a text written
    from other fields, and follow it as they change until the user edits it; with
    ``redraft`` it takes the draft again, edited or not."""
    drafted = f"{key}:drafted"  # the last draft, to tell whether the user edited it
    untouched = st.session_state.get(key) == st.session_state.get(drafted)
    if redraft or untouched or key not in st.session_state:
        st.session_state[key] = draft
    st.session_state[drafted] = draft


def mail_button(email: str, subject: str, body: str, *, where=None) -> None:
    """A button opening the message in the user's mail program (none without an address)."""
    from planner.messages import mailto_link

    if email:
        link = mailto_link(email, subject, body)
        (where or st).link_button("Open in my mail program", link, icon=":material/mail:")


# -- small widgets that save at once (added with the Questions step) --------------------------


def saves(key: str, command: Callable[[object], object]) -> dict:
    """The ``key`` and ``on_change`` of a widget that saves each new value at once, e.g.
    ``st.checkbox("Asked", **ui.saves("asked_7", partial(step.set_asked, store, 7)))``:
    ``command(value)`` runs as a callback (see ``report``)."""
    return {"key": key, "on_change": lambda: report(lambda: command(st.session_state[key]))}


def menu(where, label: str, choices: dict, *, key: str, chosen=None, everything: str = ""):
    """A selectbox over ``choices`` (value -> label) starting at ``chosen``; with
    ``everything``, a first entry (None, no choice) labelled so. Returns the value."""
    options = [None, *choices] if everything else list(choices)
    return where.selectbox(
        label,
        options,
        options.index(chosen) if chosen in options else 0,
        format_func=lambda value: everything if value is None else choices[value],
        key=key,
    )


def table_rows(columns: dict[str, list], *, key: str, height: int, multi=False, column_config=None):
    """A table of ``columns`` whose rows the user selects (one, or several with
    ``multi``); returns the rows selected. Give a key that changes with the rows
    (``list_key``): a selection is kept as row numbers."""
    import pandas as pd

    picked = st.dataframe(
        pd.DataFrame(columns),
        hide_index=True,
        width="stretch",
        height=height,
        on_select="rerun",
        selection_mode="multi-row" if multi else "single-row",
        column_config=column_config,
        key=key,
    )
    count = len(next(iter(columns.values()), []))
    return [r for r in (picked.selection.rows if picked else []) if r < count]


class DraftArea:
    """A text area holding text the planner drafts for the user to edit and save with a
    button (an introduction, a note). It starts from the saved text (the draft when none
    is saved) and remembers the saved text it started from, ``based_on``: a save over
    a different one, which another window saved meanwhile, can then be refused. Left
    untouched here while another window saved, it shows what was saved."""

    def __init__(self, key: str, *, saved: str, drafted: str) -> None:
        self.key, self.saved, self.drafted = key, saved, drafted
        self._based_on = f"{key}:based_on"
        state = st.session_state
        if key not in state or (
            state.get(self._based_on) != saved
            and state[key] in (state.get(self._based_on), drafted)
        ):
            self.load_saved()

    def area(self, label: str, *, height: int) -> str:
        return st.text_area(label, height=height, key=self.key)

    @property
    def based_on(self) -> str:
        return st.session_state.get(self._based_on, self.saved)

    def saved_as(self, text: str) -> None:
        """After a save: the box now starts from ``text``."""
        st.session_state[self._based_on] = text.strip()

    def redraft(self) -> None:
        """(A button's callback.) The draft again, in place of what was typed."""
        st.session_state[self.key] = self.drafted

    def load_saved(self) -> None:
        """(A button's callback.) What is saved now, in place of what was typed."""
        st.session_state[self.key] = self.saved or self.drafted
        st.session_state[self._based_on] = self.saved

    def unsaved_note(self, text: str) -> None:
        """Say so under the box when ``text`` is not what is saved."""
        if text.strip() != self.saved.strip():
            st.caption(":orange[Not saved yet.]")


def record_menu_keyed(label: str, labels: dict[int, str], *, key: str, current: str, param: str):
    """The menu (keyed ``key``) picking which record (id -> label) the page opens; None
    when there is none. The choice is kept by id under ``current``: a label that changes
    (a meeting planned, a reflection saved) makes Streamlit draw a new menu, which would
    otherwise fall back to the first record. A link ``?<param>=<id>`` opens that record."""
    open_from_link(param, labels, current_key=current, menu_key=key)
    if not labels:
        return None
    chosen = menu(st, label, labels, key=key, chosen=st.session_state.get(current))
    st.session_state[current] = chosen
    return chosen


def order_buttons(where, *, key: str, index: int, count: int, move, remove, remove_tip: str):
    """Up, down and remove buttons for item ``index`` of ``count`` in an ordered list:
    ``move(step)`` (-1 up, +1 down) and ``remove()`` run as callbacks (see ``report``)."""
    buttons = where.container(horizontal=True)
    for name, tip, action, disabled in (
        ("up", "Move up", lambda: move(-1), index == 0),
        ("down", "Move down", lambda: move(+1), index == count - 1),
        ("remove", remove_tip, remove, False),
    ):
        icon = "delete" if name == "remove" else f"arrow_{name}ward"
        buttons.button(
            "",
            icon=f":material/{icon}:",
            help=tip,
            key=f"{key}_{name}",
            disabled=disabled,
            on_click=report,
            args=(action,),
        )


class FormFields(FieldMessages):
    """The fields of one form, each drawn with the slot for its message right under it:
    a widget keyed ``<prefix>_<suffix>`` answers for the form field ``names.get(suffix,
    suffix)`` (so ``FormFields("meet_7", zone="time_zone")`` puts a time-zone refusal
    under the widget ``meet_7_zone``)."""

    def __init__(self, prefix: str, **names: str) -> None:
        super().__init__()
        self.prefix, self.names = prefix, names

    def draw(self, where, widget: str, label: str, suffix: str, *args, **kwargs):
        """``where.<widget>(label, ...)`` (``where`` is st or a column), then the slot."""
        kwargs.setdefault("key", f"{self.prefix}_{suffix}")
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
