"""The due list: follow-ups from real history, answered organisations, meetings, the CLI."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, datetime

from planner import demo
from planner.contacts import ContactDraft
from planner.due import due_list, more_waiting
from planner.organisations import OrganisationDraft

from .conftest import TODAY
from .test_cli import run_planner

TUESDAY = datetime(2026, 11, 10, 9, 0)


def asked(store, name, org_id, when=TUESDAY) -> int:
    contact_id = store.contacts.add(ContactDraft(name=name, organisation_id=org_id), today=TODAY)
    store.contacts.move(contact_id, "requested", happened_at=when, channel="email")
    return contact_id


def test_an_unanswered_request_becomes_due_after_seven_business_days(store):
    org = store.organisations.add(OrganisationDraft(name="Northwind", motivation=3))
    grace = asked(store, "Grace", org)
    store.contacts.record_event(grace, "message_sent", happened_at=TUESDAY, summary="The request")
    assert due_list(store, today=date(2026, 11, 18)) == []
    [item] = due_list(store, today=date(2026, 11, 19))
    assert (item.kind, item.name, item.due_on) == ("follow_up", "Grace", date(2026, 11, 19))
    assert item.last_message == "Message sent on 2026-11-10: The request"
    assert item.days_late(date(2026, 11, 23)) == 4


def test_a_second_person_is_suggested_then_a_follow_up_ends_in_give_up(store):
    org = store.organisations.add(OrganisationDraft(name="Harbour", motivation=2))
    marcus = asked(store, "Marcus", org)
    store.contacts.add(ContactDraft(name="Kwame", organisation_id=org), today=TODAY)
    [second] = due_list(store, today=date(2026, 11, 13))
    assert second.kind == "second_contact" and "Kwame" in second.text

    store.contacts.record_event(marcus, "message_sent", happened_at=datetime(2026, 11, 19, 10))
    [give_up] = due_list(store, today=date(2026, 11, 26))
    assert (give_up.kind, give_up.due_on) == ("give_up", date(2026, 11, 26))


def test_a_reply_from_the_organisation_cancels_its_reminders(store):
    org = store.organisations.add(OrganisationDraft(name="Northwind", motivation=3))
    asked(store, "Grace", org)
    priya = asked(store, "Priya", org)
    store.contacts.move(priya, "scheduled", happened_at=datetime(2026, 11, 12, 9))
    assert due_list(store, today=date(2026, 12, 31)) == []


DEMO_DUE = [
    "thank_you",
    "reflection",
    "follow_up",
    "second_contact",
    "action",
    "meeting",
    "referral",
    "referral",
    "organisation",
]


def test_the_demo_has_a_thank_you_on_top_then_the_rest_by_date_then_meetings(store):
    demo.load_demo(store, today=TODAY)
    kinds = [item.kind for item in due_list(store, today=TODAY)]
    assert kinds == DEMO_DUE


def test_the_due_command_prints_text_or_json(tmp_path):
    db = tmp_path / "p.duckdb"
    run_planner("demo", "--db", db, "--today", "2026-11-22")
    text = run_planner("due", "--db", db, "--today", "2026-11-22")
    assert text.returncode == 0, text.stderr
    assert "Follow up once with Grace Liu" in text.stdout
    assert "no date     Ask Owen Hughes at Orbital Games for a conversation" in text.stdout
    listed = json.loads(run_planner("due", "--db", db, "--today", "2026-11-22", "--json").stdout)
    assert [item["kind"] for item in listed] == DEMO_DUE
    assert listed[0]["due_on"] == "2026-11-20" and "Thank Aisha Khan" in listed[0]["text"]
    assert (listed[0]["page"], listed[0]["link"]) == ("pages/5_Reflect.py", "Write the thank-you")
    assert listed[-1]["due_on"] is None and listed[-1]["page"] == "pages/2_Research.py"
    empty = run_planner("due", "--db", tmp_path / "empty.duckdb", "--today", "2026-11-22")
    assert empty.stdout.strip() == "Nothing is due on 2026-11-22."


def test_each_item_says_when_in_words(store):
    demo.load_demo(store, today=TODAY)
    thanks, _, follow_up, second, _, meeting, referral, _, organisation = due_list(
        store, today=TODAY
    )
    assert thanks.when(TODAY) == "2 days overdue"
    assert follow_up.when(TODAY) == "3 days overdue"
    assert second.when(TODAY) == "2 days overdue"
    assert meeting.when(TODAY) == "on Wed 25 Nov"
    assert meeting.when(meeting.due_on) == "due today"
    assert referral.when(TODAY) == "" and organisation.when(TODAY) == ""


def test_a_shortened_due_list_says_how_many_it_left_out_and_on_which_pages():
    assert more_waiting(Counter()) == "" and more_waiting(Counter(referral=0)) == ""
    assert more_waiting(Counter(referral=2)) == "And 2 more on the Contacts page."
    assert more_waiting(Counter(follow_up=1, check_in=2)) == (
        "And 3 more on the Contacts and Reflect pages."
    )
    assert more_waiting(Counter(organisation=5, referral=1, undated_action=1)) == (
        "And 7 more on the Research, Contacts and Reflect pages."
    )
