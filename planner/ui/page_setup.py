"""What every page draws first: page config, the sidebar, the demo banner and the
message left for this run; ``page()`` returns the session's Store."""

from __future__ import annotations

import streamlit as st

from planner import guidance, journey
from planner.accounts import SignInIncomplete
from planner.paths import DATA_DIR
from planner.store import PlannerInUse, PlannerUnavailable, Store
from planner.ui.escaping import md
from planner.ui.forms import note_which_form_was_sent
from planner.ui.session import (
    current_store,
    in_demo,
    kept_on_a_server,
    leave_demo,
    restore_kept,
    show_flash,
    sign_in_configured,
    sign_in_required,
    signed_in,
    signed_in_account,
)

APP_NAME = "Interview planner"
APP_ICON = DATA_DIR / "app_icon.png"


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
        elif sign_in_required():
            st.caption(guidance.text("account.privacy"))
        else:
            kept = "home.privacy_server" if kept_on_a_server() else "home.privacy"
            st.caption(guidance.text(kept))
        if sign_in_required():
            _signed_in_as()


def _signed_in_as() -> None:
    """Who is signed in, their account page and the way out (the sidebar's foot)."""
    try:
        account = signed_in_account()
    except SignInIncomplete:
        account = None
    if account is None:  # a sign-in that did not say who it is: the way out only
        if signed_in():
            st.button("Sign out", key="sidebar_sign_out", icon=":material/logout:",
                      on_click=st.logout)  # fmt: skip
        return
    st.divider()
    who = account.name or account.email or "Signed in"
    st.markdown(f":material/account_circle: **{md(who)}**")
    if account.email and account.email != who:
        st.caption(md(account.email))
    st.page_link(journey.ACCOUNT.page, label=journey.ACCOUNT.label, icon=journey.ACCOUNT.icon)
    st.button("Sign out", key="sidebar_sign_out", icon=":material/logout:", on_click=st.logout)


def _welcome() -> None:
    """All a signed-out visitor sees where people sign in: what this is, and the way in."""
    _, middle, _ = st.columns([1, 2, 1])
    with middle:
        st.image(str(APP_ICON), width=72)
        st.title(APP_NAME)
        st.markdown(guidance.text("account.welcome"))
        st.button("Sign in", type="primary", icon=":material/login:", on_click=st.login)
        st.caption(guidance.text("account.welcome_privacy"))


def page(title: str) -> Store:
    """Set up a page: config, sidebar, demo banner, pending flash message. Returns the store."""
    # A local icon: a Material icon here would be fetched from Google's font servers
    # on every load, and the planner promises to stay on this machine.
    st.set_page_config(page_title=f"{title} - {APP_NAME}", page_icon=str(APP_ICON), layout="wide")
    if sign_in_required():
        if not sign_in_configured():  # started as a shared deployment, secrets broken
            st.error(guidance.text("account.not_configured"), icon=":material/lock:")
            st.stop()
        if not signed_in():
            _welcome()
            st.stop()
    sidebar()
    try:
        store = current_store()
        store.database.notice_other_writes(store.owner_id)  # another server's saves
    except (PlannerInUse, PlannerUnavailable, SignInIncomplete) as error:
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
    note_which_form_was_sent()
    restore_kept()
    show_flash()
    return store
