"""This session's planner: which one it looks at (its own or the demo), its Store, the
message shown once at the top of the next run, and today.

Session state keys (all others belong to a single page, or to the form idiom in
``forms``):
- ``planner_mode``: "own" or "demo", which planner this session uses.
- ``planner_store:<place>``: this session's Store on that planner.
- ``flash``: a (kind, message) shown once at the top of the next run.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import streamlit as st

from planner import demo
from planner.accounts import Account, SignInIncomplete, account_from_claims, sign_in_demanded
from planner.store import (
    LOCAL_OWNER,
    Database,
    PlannerPlace,
    PlannerUnavailable,
    Store,
    database_target,
    demo_place,
    shared_database,
)
from planner.store.postgres import is_database_url
from planner.ui.escaping import md

_MODE = "planner_mode"
_FLASH = "flash"


def _database(target: str | Path) -> Database:
    """One connection (or pool) per planner for the whole server process, shared with
    the calendar feed's route."""
    return shared_database(target)


def sign_in_configured() -> bool:
    """Whether the secrets hold Streamlit's ``[auth]`` section (OpenID Connect). A
    personal install has no secrets at all."""
    try:
        return st.secrets.load_if_toml_exists() and "auth" in st.secrets
    except FileNotFoundError:  # (Streamlit's own "no secrets" error is one)
        return False


def sign_in_required() -> bool:
    """Whether this deployment asks people to sign in: it has an ``[auth]`` section, or
    it was started as a shared deployment (``deploy/start-replica``), which never serves
    a planner without sign-in, whatever became of its secrets."""
    return sign_in_demanded() or sign_in_configured()


def signed_in() -> bool:
    return bool(st.user.is_logged_in)


def signed_in_account() -> Account | None:
    """The signed-in person, or None on a personal install (or before sign-in)."""
    if not sign_in_configured() or not signed_in():
        return None
    return account_from_claims(st.user.to_dict())


def _places() -> tuple[PlannerPlace, PlannerPlace]:
    """This session's own planner and its demo: the signed-in person's where people sign
    in (``page`` lets nobody else this far), else the personal planner."""
    account = signed_in_account()
    if account is None and sign_in_required():  # never the shared planner of 'local'
        raise SignInIncomplete("Sign in to open your planner.")
    own = PlannerPlace(database_target(), account.owner_id if account else LOCAL_OWNER)
    return own, demo_place(own)


def own_and_demo_stores() -> tuple[Store, Store]:
    """This session's stores on its own planner and on its demo (whichever it shows)."""
    own, demo_planner = _places()
    return _session_store(own), _session_store(demo_planner)


def kept_on_a_server() -> bool:
    """Whether the planner is on a database server (PLANNER_DATABASE_URL), not a file."""
    try:
        return is_database_url(database_target())
    except PlannerUnavailable:  # a setting that is no address: the page says so
        return False


def in_demo() -> bool:
    return st.session_state.get(_MODE) == "demo"


def _session_store(place: PlannerPlace) -> Store:
    key = f"planner_store:{place.key}"
    store = st.session_state.get(key)
    if store is None:
        store = _database(place.target).session(place.owner_id)
        st.session_state[key] = store
    return store


def current_place() -> PlannerPlace:
    """The planner this session is looking at (own or demo)."""
    own, demo_planner = _places()
    return demo_planner if in_demo() else own


def current_store() -> Store:
    """This session's store on the planner it is looking at (own or demo)."""
    return _session_store(current_place())


def today() -> date:
    return date.today()


def enter_demo() -> None:
    """Write a fresh demo planner into its own file and switch this session to it."""
    _, demo_planner = _places()
    demo.load_demo(_session_store(demo_planner), today=today(), replace=True)
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


def show_flash() -> None:
    """Show the message ``flash`` left for this run, if any (once: it is forgotten)."""
    pending = st.session_state.pop(_FLASH, None)
    if pending:
        kind, message = pending
        getattr(st, kind)(md(message))


_KEPT = "ui:kept"  # the keys of text fields whose text outlives a run that hides them


def keep_typed(key: str) -> None:
    """Keep what was typed in the field ``key`` (a widget outside any form) through runs
    that do not draw it: a closed tab or section is not built, and Streamlit forgets a
    widget it did not draw. It comes back with the text as the user left it."""
    st.session_state.setdefault(_KEPT, set()).add(key)


def restore_kept() -> None:
    """(At the top of every run, from ``page``.) Copy each kept field's text aside, and
    give a field the last run did not draw (so Streamlit forgot it) its copy back. A
    field still drawn is never set: setting it would send the text to the browser again,
    over whatever the user is typing there."""
    state = st.session_state
    for key in list(state.get(_KEPT, ())):
        copy = f"{key}:kept"
        if key in state:
            state[copy] = state[key]
        elif copy in state:
            state[key] = state[copy]
        else:
            state[_KEPT].discard(key)


def forget_typed(key: str) -> None:
    """Drop the field ``key``'s text and its kept copy: the field starts afresh."""
    st.session_state.pop(key, None)
    st.session_state.pop(f"{key}:kept", None)
