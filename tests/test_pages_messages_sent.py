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


def test_contact_tags_pasted_one_a_line_are_read_like_comma_separated_ones(planner_file):
    from .apptest_helpers import click, fill, open_page
    from .test_pages_contacts import contacts

    at = open_page("pages/3_Contacts.py")
    prefix = next(t.key for t in at.text_input if t.key.endswith("_tags"))[: -len("_tags")]
    fill(at, prefix, name="Priya Raman", tags="health tech\nnursing")
    click(at, "Save contact")
    [priya] = contacts(planner_file)
    assert priya.tags == ["health tech", "nursing"]
