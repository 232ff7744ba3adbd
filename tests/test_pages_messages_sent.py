"""A contact's History under AppTest shows each message as it was sent (issue 17)."""

from __future__ import annotations

from datetime import datetime

from planner.store import Database

from .apptest_helpers import unescape
from .test_pages_contacts import _open_contact, add


def test_the_history_shows_each_message_sent_with_its_subject_and_body(planner_file):
    priya = add(planner_file, name="Priya Raman")
    with Database(planner_file) as db:
        db.session().outreach.record_message(
            priya,
            "request",
            channel="email",
            subject="A question about *research*",
            body="Hello Priya,\n\n<b>Could</b> you spare 20 minutes?",
            sent_at=datetime(2026, 11, 20, 9, 30),
        )
    at = _open_contact(planner_file, priya)
    [sent] = [e for e in at.expander if "Request" in e.label]
    assert unescape(sent.label) == "2026-11-20 · Request (Email): A question about *research*"
    body = unescape(sent.markdown[0].value)
    assert "Hello Priya," in body and "<b>Could</b> you spare 20 minutes?" in body
    assert "\\<b" in sent.markdown[0].value  # shown as typed, not as HTML
