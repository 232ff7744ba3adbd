"""A message drafted here and sent by the user themselves: the box to copy it from, the
button opening it in their mail program, and the form recording that it was sent."""

from __future__ import annotations

from datetime import date

import streamlit as st

from planner.messages import mailto_link
from planner.ui.forms import FieldMessages
from planner.ui.session import today


def mail_button(email: str, subject: str, body: str, *, where=None) -> None:
    """A button opening the message in the user's mail program (none without an address)."""
    if email:
        link = mailto_link(email, subject, body)
        (where or st).link_button("Open in my mail program", link, icon=":material/mail:")


def copy_and_mail(body: str, *, what: str, email: str, subject: str) -> None:
    """``body`` in a box with a copy icon (the caption says so; ``what`` names the text,
    e.g. "message"), then the button opening it in the mail program (none without an
    ``email``)."""
    st.caption(f"To copy the {what}, use the copy icon at the top right of this box.")
    st.code(body, language=None, wrap_lines=True)
    mail_button(email, subject, body)


def sent_form(
    button: str,
    messages: FieldMessages,
    channels: dict[str, str],
    *,
    form: str,
    key_prefix: str | None = None,
    **button_options,
) -> tuple[bool, str, date]:
    """The form ``form`` saying the message was sent: by which of ``channels`` (value ->
    label; the first to start with) and on which day (today or before), then its
    ``button`` (``button_options`` such as ``type`` go to it), the slot for a refusal of
    the message itself (``body``) and the summary. Its widgets are keyed
    ``<key_prefix>_channel`` and ``<key_prefix>_on`` (``key_prefix`` is ``form`` by
    default). Returns whether it was sent, the channel and the day."""
    keys, day = key_prefix or form, today()
    with st.form(form, enter_to_submit=False):
        a, b = st.columns(2)
        choices = list(channels)
        channel = a.selectbox(
            "Sent by", choices, index=0, format_func=channels.get, key=f"{keys}_channel"
        )
        with a:
            messages.under("channel")
        sent_on = b.date_input(
            "Sent on", value=day, max_value=day, format="YYYY-MM-DD", key=f"{keys}_on"
        )
        sent = st.form_submit_button(button, **button_options)
        messages.under("body")
        messages.summary()
    return sent, channel, sent_on
