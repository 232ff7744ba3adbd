"""The calendar feed's link on Home: shown with a copy button, made or replaced in a click."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

import streamlit as st

from planner.journey import app_base
from planner.ui.forms import submit
from planner.ui.session import in_demo


def app_address() -> str:
    """The planner's address as the browser reaches it ("http://localhost:8501"), for
    links that must work outside the page; PLANNER_BASE_URL wins (behind a proxy)."""
    parts = urlsplit(st.context.url or "")
    seen = f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") else None
    return app_base(seen if parts.netloc else None)


def calendar_feed_section(
    help_text: str, private: str, demo: str, *, link: str, make: Callable[[], str]
) -> None:
    """The expander with ``help_text``, the feed's ``link`` (or a button to make one with
    ``make``) and a button that replaces it, which says what that does first."""
    with st.expander(
        "Get these reminders in your calendar",
        icon=":material/event_upcoming:",
        key="calendar_feed_open",
    ):  # keyed: stays open when the link is made
        st.markdown(help_text)
        if in_demo():
            st.info(demo, icon=":material/info:")
            return
        if not link:
            if st.button("Make my calendar link", icon=":material/link:", key="feed_make"):
                submit(make, done="Made your calendar link: copy it into your calendar app.")
            return
        st.code(link, language=None, wrap_lines=True)
        st.caption(private)
        with st.popover("Make a new link", icon=":material/autorenew:"):
            st.markdown("The current link stops working at once; calendars subscribed to "
                        "it must subscribe to the new one.")  # fmt: skip
            if st.button("Yes, make a new link", type="primary", key="feed_renew"):
                submit(make, done="Made a new calendar link; the old one no longer works.")
