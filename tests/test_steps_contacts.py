"""The Contacts step without Streamlit: its reads (load, load_list, load_contact,
load_message) on an empty and a filled planner, and each command."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest

from planner.contacts import ContactDraft
from planner.errors import NotFound, StaleEdit, ValidationError
from planner.followup import FollowUpRule
from planner.goals import GoalDraft
from planner.meetings import MeetingDraft, meeting_details
from planner.steps import contacts, outreach

from .conftest import TODAY

SAMPLE = Path(__file__).parent / "data" / "linkedin_connections.csv"


def test_an_empty_planner_loads_with_nothing_in_it(store):
    view = contacts.load(store, today=TODAY)
    assert (view.people, view.organisations, view.goals, view.upcoming) == ({}, {}, {}, ())
    assert all(count == 0 for _, count in view.open_counts + view.closed_counts)
    assert view.open_counts[0] == ("Identified", 0)
    assert [label for label, _ in view.closed_counts] == ["Declined", "No reply", "Not pursuing"]
    assert view.rule == FollowUpRule()
    assert view.upcoming_file == f"interviews-{TODAY.isoformat()}.ics"
    assert contacts.load_list(store) == []
    assert contacts.load_contact(store, 1) is None


@pytest.fixture
def filled(store):
    """Priya (with an organisation and a goal) referred Daniel, who has a meeting booked."""
    goal = store.goals.add(GoalDraft(title="Learn UX research", target_interviews=3), today=TODAY)
    priya = store.contacts.add(
        ContactDraft(name="Priya Raman", role="Researcher", goal_ids=[goal]),
        today=TODAY,
        new_organisation="Northwind",
    )
    daniel = store.contacts.add(
        ContactDraft(name="Daniel Price", referred_by_id=priya), today=TODAY
    )
    store.contacts.move(priya, "requested", happened_at=datetime(2026, 11, 2, 9), channel="email")
    day = date.today() + timedelta(days=3)
    interview = store.meetings.schedule(
        MeetingDraft(daniel, day, time(16), "Europe/London", location="Room 4"),
        now=datetime.now(UTC),
    )
    return {"goal": goal, "priya": priya, "daniel": daniel, "interview": interview, "day": day}


def test_a_filled_planner_loads_its_pipeline_menus_and_upcoming_meetings(store, filled):
    view = contacts.load(store, today=date.today())
    assert view.people == {filled["daniel"]: "Daniel Price", filled["priya"]: "Priya Raman"}
    assert list(view.organisations.values()) == ["Northwind"]
    assert view.goals == {filled["goal"]: "Learn UX research"}
    counts = dict(view.open_counts)
    assert (counts["Request sent"], counts["Scheduled"], counts["Identified"]) == (1, 1, 0)
    assert len(view.upcoming) == 1
    [org] = view.organisations
    assert [c.name for c in contacts.load_list(store, organisation_id=org)] == ["Priya Raman"]
    assert [c.name for c in contacts.load_list(store, stage="scheduled")] == ["Daniel Price"]
    assert [c.name for c in contacts.load_list(store, search="dan")] == ["Daniel Price"]
    table = contacts.table_columns(contacts.load_list(store))
    assert table["Name"] == ["Daniel Price", "Priya Raman"]
    assert table["Stage"] == ["Scheduled", "Request sent"]


def test_load_is_served_from_memory_until_the_next_write(store, filled):
    first = contacts.load(store, today=TODAY)
    assert contacts.load(store, today=TODAY) is first
    contacts.add_contact(store, ContactDraft(name="Grace Liu"), today=TODAY)
    assert "Grace Liu" in contacts.load(store, today=TODAY).people.values()


def test_one_contact_comes_with_named_history_and_meetings(store, filled):
    opened = contacts.load_contact(store, filled["priya"])
    assert opened.person.name == "Priya Raman"
    # the contact's history, as named records
    [newest] = [h for h in opened.history if h.kind == "stage"]
    assert (newest.kind, newest.stage_from, newest.stage_to, newest.via) == (
        "stage",
        "identified",
        "requested",
        "Email",
    )
    assert newest.text == "Identified → Request sent (Email)"
    assert next(iter(opened.steps)) == "stage:scheduled"

    daniel = contacts.load_contact(store, filled["daniel"])
    [meeting] = daniel.meetings  # store.meetings' 12 columns, as a named record
    assert (meeting.id, meeting.time_zone, meeting.location, meeting.status_label) == (
        filled["interview"],
        "Europe/London",
        "Room 4",
        "Scheduled",
    )
    assert meeting.details == meeting_details("Europe/London", 30, "video", "Room 4")
    assert daniel.calendar[meeting.id].title == "Informational interview: Daniel Price"
    assert daniel.calendar_files[meeting.id] == f"Daniel-Price-{filled['day'].isoformat()}.ics"
    assert b"BEGIN:VCALENDAR" in contacts.calendar_file([daniel.calendar[meeting.id]])


def test_the_message_tab_knows_the_template_and_the_merge_fields(store, filled):
    store.settings.save({"me.name": "Maya"})
    message = outreach.load_message(store, filled["daniel"])
    assert message.suggested in message.templates
    assert message.templates[message.suggested].kind == "confirmation"  # he is scheduled
    assert message.values["their_name"] == "Daniel"
    assert message.values["connection"] == "Priya Raman"
    assert message.values["meeting_place"] == "Room 4"
    assert message.values["meeting_when"].endswith("at 16:00 (Europe/London)")
    assert (message.my_name, message.my_contact) == ("Maya", "")
    _, body = outreach.draft(message.templates[message.suggested], message.values)
    assert "Daniel" in body

    priya = outreach.load_message(store, filled["priya"])
    assert priya.templates[priya.suggested].kind == "follow_up"
    assert "meeting_when" not in priya.values


def test_adding_a_contact_with_a_new_organisation_saves_both_or_neither(store, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(type(store.contacts), "insert", broken)
    with pytest.raises(RuntimeError):
        contacts.add_contact(
            store, ContactDraft(name="Aisha"), today=TODAY, new_organisation="Acme"
        )
    assert store.organisations.list() == [], "the organisation went with the failed contact"
    monkeypatch.undo()
    cid = contacts.add_contact(
        store, ContactDraft(name="Aisha"), today=TODAY, new_organisation="Acme"
    )
    assert store.contacts.get(cid).organisation == "Acme"
    assert contacts.likely_duplicates(store, ContactDraft(name="aisha")) == []
    assert contacts.likely_duplicates(
        store, ContactDraft(name="Aisha", organisation_id=store.contacts.get(cid).organisation_id)
    ) == ["Aisha (Acme)"]


def test_a_contact_is_refused_field_by_field_and_edits_check_the_version(store):
    with pytest.raises(ValidationError) as refused:
        contacts.add_contact(store, ContactDraft(name=" ", email="x"), today=TODAY)
    assert set(refused.value.errors) == {"name", "email"}
    cid = contacts.add_contact(store, ContactDraft(name="Tom"), today=TODAY)
    contacts.update_contact(store, cid, ContactDraft(name="Tom Okafor"), expected_version=1)
    with pytest.raises(StaleEdit):
        contacts.update_contact(store, cid, ContactDraft(name="Tom O."), expected_version=1)
    assert contacts.delete_contact(store, cid) == cid
    with pytest.raises(NotFound):
        contacts.update_contact(store, cid, ContactDraft(name="Tom"), expected_version=2)


def test_recording_a_step_moves_the_contact_or_keeps_an_entry(store):
    cid = contacts.add_contact(store, ContactDraft(name="Grace"), today=TODAY)
    contacts.record_step(
        store, cid, "stage:requested", on=TODAY, summary="Asked", expected_version=1
    )
    assert store.contacts.get(cid).stage == "requested"
    with pytest.raises(StaleEdit):  # the form was drawn for version 1
        contacts.record_step(store, cid, "stage:declined", on=TODAY, expected_version=1)
    contacts.record_step(store, cid, "event:reply", on=TODAY, summary="Said yes")
    history = contacts.load_contact(store, cid).history
    assert [h.kind for h in history] == ["reply", "stage", "note"]
    assert history[0].happened_at.date() == TODAY
    with pytest.raises(ValidationError):
        contacts.record_step(store, cid, "event:meeting", on=TODAY)
    with pytest.raises(ValidationError):
        contacts.record_step(store, cid, "stage:thanked", on=TODAY)
    assert contacts.step_recorded("Grace", "stage:declined", "Move to: Declined").startswith(
        "Recorded for Grace: Move to: Declined. "
    )
    assert contacts.step_recorded("Grace", "event:note", "A note") == "Recorded for Grace: A note."


def test_scheduling_a_meeting_stores_it_and_moves_the_contact(store):
    cid = contacts.add_contact(store, ContactDraft(name="Daniel"), today=TODAY)
    day = date.today() + timedelta(days=2)
    contacts.schedule_meeting(store, MeetingDraft(cid, day, time(10), "UTC"))
    assert store.contacts.get(cid).stage == "scheduled"
    with pytest.raises(ValidationError) as refused:
        contacts.schedule_meeting(store, MeetingDraft(cid, None, None, "UTC"))
    assert set(refused.value.errors) == {"on", "at"}
    assert contacts.duration_warning(90) and contacts.duration_warning(30) is None


def test_a_meeting_is_moved_then_cancelled_and_the_views_follow(store, filled):
    daniel, interview = filled["daniel"], filled["interview"]
    later = MeetingDraft(daniel, filled["day"] + timedelta(days=1), time(9), "Europe/London")
    with pytest.raises(StaleEdit):
        contacts.reschedule_meeting(store, interview, later, expected_version=7)
    contacts.reschedule_meeting(store, interview, later, expected_version=1)
    moved = contacts.load_contact(store, daniel)
    assert moved.calendar[interview].sequence == 1
    assert moved.calendar_files[interview] == f"Daniel-Price-{later.on.isoformat()}.ics"

    contacts.cancel_meeting(store, interview, expected_version=2)
    gone = contacts.load_contact(store, daniel)
    assert gone.calendar[interview].cancelled and gone.calendar[interview].sequence == 2
    name = f"Daniel-Price-cancelled-{later.on.isoformat()}.ics"
    assert gone.calendar_files[interview] == name
    assert b"METHOD:CANCEL" in contacts.calendar_file([gone.calendar[interview]])
    assert contacts.load(store, today=date.today()).upcoming == ()


def test_a_new_meetings_goal_menu_offers_the_contacts_and_the_active_goals(store, filled):
    priya = contacts.load_contact(store, filled["priya"])
    assert priya.meeting_goals == {None: "No goal", filled["goal"]: "Learn UX research"}
    assert priya.meeting_goal == filled["goal"]
    daniel = contacts.load_contact(store, filled["daniel"])
    assert daniel.meeting_goal == filled["goal"], "the only active goal, though not linked"


def test_the_follow_up_rule_is_saved_as_settings_and_checked(store):
    contacts.save_follow_up_rule(store, FollowUpRule(2, 5, 9))
    assert contacts.load(store, today=TODAY).rule == FollowUpRule(2, 5, 9)
    with pytest.raises(ValidationError):
        contacts.save_follow_up_rule(store, FollowUpRule(0, 5, 9))
    assert store.settings.follow_up_rule() == FollowUpRule(2, 5, 9)


def test_linkedin_connections_import_once_and_a_wrong_file_is_refused(store):
    report = contacts.import_connections(store, SAMPLE.read_bytes(), today=TODAY)
    assert len(report.added) == 3 and contacts.import_notes(None) == []
    again = contacts.import_connections(store, SAMPLE.read_bytes(), today=TODAY)
    assert again.added == [] and len(again.skipped) >= 3
    assert contacts.import_notes(again)[0].startswith("Already in your planner: ")
    with pytest.raises(ValidationError) as refused:
        contacts.import_connections(store, b"\x00\x01 not a csv", today=TODAY)
    assert list(refused.value.errors) == ["file"]


def test_my_details_are_saved_only_when_they_change(store, monkeypatch):
    outreach.save_my_details(store, "Maya", "maya@example.org")
    assert store.settings.all()["me.name"] == "Maya"
    monkeypatch.setattr(type(store.settings), "save", lambda *a, **k: pytest.fail("saved again"))
    assert outreach.save_my_details(store, "Maya", "maya@example.org") == (
        "Maya",
        "maya@example.org",
    )


def test_a_message_sent_moves_the_contact_and_a_template_is_kept(store):
    cid = contacts.add_contact(store, ContactDraft(name="Priya"), today=TODAY)
    outreach.send_message(
        store, cid, "request", channel="email", subject="Hello", body="Could we talk?",
        sent_on=TODAY,
    )  # fmt: skip
    assert store.contacts.get(cid).stage == "requested"
    with pytest.raises(ValidationError) as refused:
        outreach.send_message(store, cid, "request", channel="", subject="", body="", sent_on=TODAY)
    assert set(refused.value.errors) == {"channel", "body"}
    outreach.add_template(store, "request", "Mine", "Hi", "Hello {their_name}")
    assert "Mine (mine)" in outreach.load_message(store, cid).labels.values()
    with pytest.raises(ValidationError):
        outreach.add_template(store, "request", "", "Hi", "Hello {nobody}")
