"""The Contacts page under AppTest: adding people, duplicates, bad input, pipeline steps."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from planner.contacts import ContactDraft
from planner.store import Database
from planner.text import inert_markdown

from .apptest_helpers import REPO, click, fill, message_after, open_page, open_section, unescape

PAGE = "pages/3_Contacts.py"
NEW = "new_contact_0"


def contacts(path):
    with Database(path) as db:
        return db.session().contacts.list()


def add(path, **values) -> int:
    from .conftest import TODAY

    with Database(path) as db:
        return db.session().contacts.add(ContactDraft(**values), today=TODAY)


def test_a_contact_added_with_a_new_organisation_is_stored(planner_file):
    at = open_page(PAGE)
    fill(
        at,
        NEW,
        name="Priya Raman",
        role="Senior UX Researcher",
        new_org="Northwind Health",
        email="priya@example.org",
        circle="friends",
        warmth="warm",
        tags="research, health",
    )
    click(at, "Save contact")
    [saved] = contacts(planner_file)
    assert (saved.name, saved.organisation, saved.circle, saved.warmth, saved.tags) == (
        "Priya Raman",
        "Northwind Health",
        "friends",
        "warm",
        ["research", "health"],
    )
    assert any("Added Priya Raman" in unescape(s.value) for s in at.success)
    assert list(at.dataframe[0].value["Name"]) == ["Priya Raman"]


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"name": " "}, "name", "Enter the person's name."),
        ({"email": "priya.example.org"}, "email", "Enter an email address"),
        ({"li": "linkedin.com/in/priya"}, "li", "Enter a full web address"),
        ({"phone": "ring me"}, "phone", "Use digits, spaces"),
    ],
)
def test_bad_contact_input_is_refused_next_to_the_field(planner_file, values, field, message):
    at = open_page(PAGE)
    fill(at, NEW, **{"name": "Priya", "new_org": "Northwind", **values})
    click(at, "Save contact")
    shown = message_after(at, f"{NEW}_{field}")
    assert shown is not None and message in unescape(shown)
    assert contacts(planner_file) == []
    with Database(planner_file) as db:
        assert db.session().organisations.list() == [], "nothing partial: no organisation"


def test_a_likely_duplicate_is_saved_only_when_the_user_says_so(planner_file):
    add(planner_file, name="Priya Raman", email="priya@example.org")
    at = open_page(PAGE)
    fill(at, NEW, name="P. Raman", email="PRIYA@example.org")
    click(at, "Save contact")
    assert any("already in your planner" in unescape(w.value) for w in at.warning)
    assert len(contacts(planner_file)) == 1
    click(at, "Save anyway, it is someone else")
    assert sorted(c.name for c in contacts(planner_file)) == ["P. Raman", "Priya Raman"]


def test_recording_a_step_moves_the_contact_and_keeps_history(planner_file):
    contact_id = add(planner_file, name="Tom <i>Okafor</i>")
    at = open_page(PAGE)
    at.session_state["contacts_selected"] = contact_id
    at.run()
    assert any(inert_markdown("Tom <i>Okafor</i>") in h.value for h in at.subheader)
    fill(
        at, f"move_{contact_id}", stage="stage:requested", channel="email", what="Asked for 20 min"
    )
    click(at, "Record this step")
    [tom] = contacts(planner_file)
    assert tom.stage == "requested"
    history = " ".join(m.value for m in at.markdown)
    assert "Identified → Request sent" in unescape(history)
    assert "Asked for 20 min" in unescape(history)


def test_a_follow_up_can_be_recorded_without_changing_the_stage(planner_file):
    contact_id = add(planner_file, name="Grace")
    with Database(planner_file) as db:
        from datetime import datetime

        db.session().contacts.move(contact_id, "requested", happened_at=datetime(2026, 11, 2, 9))
    at = open_page(PAGE)
    at.session_state["contacts_selected"] = contact_id
    at.run()
    fill(at, f"move_{contact_id}", stage="event:message_sent", what="Followed up in thread")
    click(at, "Record this step")
    [grace] = contacts(planner_file)
    assert grace.stage == "requested"
    assert "Followed up in thread" in unescape(" ".join(m.value for m in at.markdown))


def _open_contact(planner_file, contact_id):
    at = open_page(PAGE)
    at.session_state["contacts_selected"] = contact_id
    at.run()
    return at


def test_scheduling_a_meeting_stores_it_and_offers_a_calendar_file(planner_file):
    from datetime import date, time, timedelta

    contact_id = add(planner_file, name="Daniel Price")
    at = _open_contact(planner_file, contact_id)
    day = date.today() + timedelta(days=3)
    fill(at, f"meet_{contact_id}_0", on=day, zone="Europe/London", where="https://meet.example/d")
    at.time_input(key=f"meet_{contact_id}_0_at").set_value(time(16, 0))
    click(at, "Schedule it")
    with Database(planner_file) as db:
        [meeting] = db.session().meetings.list()
    assert meeting.starts_at.date() == day and meeting.time_zone == "Europe/London"
    [daniel] = contacts(planner_file)
    assert daniel.stage == "scheduled"
    labels = [b.label for b in at.get("download_button")]
    assert "Calendar file" in labels and "All 1 upcoming meetings (.ics)" in labels


def test_a_meeting_in_the_past_is_refused_next_to_the_day(planner_file):
    from datetime import date, time

    contact_id = add(planner_file, name="Daniel Price")
    at = _open_contact(planner_file, contact_id)
    fill(at, f"meet_{contact_id}_0", on=date.today(), zone="UTC")
    at.time_input(key=f"meet_{contact_id}_0_at").set_value(time(0, 0))
    click(at, "Schedule it")
    assert "already passed" in unescape(message_after(at, f"meet_{contact_id}_0_on") or "")
    with Database(planner_file) as db:
        assert db.session().meetings.list() == []


def test_drafting_a_request_checks_it_and_marking_it_sent_moves_the_contact(planner_file):
    priya = add(planner_file, name="Priya Raman", role="UX Researcher", email="p@example.org")
    daniel = add(planner_file, name="Daniel Price", referred_by_id=priya)
    at = _open_contact(planner_file, daniel)
    fill(at, f"msg_{daniel}", interest="how the team plans research", times="Any Tuesday.")
    at.text_input(key="msg_my_name").input("Maya")
    click(at, "Fill in the template")
    draft = at.text_area(key=f"msg_{daniel}_draft").value
    assert draft.startswith("Hello Daniel,") and "Priya Raman suggested" in draft
    shown = unescape(" ".join(m.value for m in at.markdown))
    assert "Request check: 6 of 7" in shown  # blanks are left: the check fails until filled
    assert "No [blank] left to fill in: Replace what is still in square brackets" in shown
    assert "✗ To fix:" in shown and "✓ Done:" in shown
    assert ":material/" not in shown, "each check says done or to fix in words, not an icon"
    [blanks] = [unescape(w.value) for w in at.warning]
    assert blanks == "Still to fill in: their role; their organisation; your contact line."

    edited = draft.replace("Would you have", "Are you hiring? Would you have")
    at.text_area(key=f"msg_{daniel}_draft").input(edited).run()
    assert "Asks for insight, not a job: Ask for their insight" in unescape(
        " ".join(m.value for m in at.markdown)
    )
    click(at, "Mark this request as sent")
    [_, daniel_now] = sorted(contacts(planner_file), key=lambda c: c.id)
    assert daniel_now.stage == "requested"
    with Database(planner_file) as db:
        assert db.session().settings.all()["me.name"] == "Maya"


def test_a_request_nobody_answered_shows_up_on_home(planner_file):
    from datetime import datetime, timedelta

    grace = add(planner_file, name="Grace Liu")
    with Database(planner_file) as db:
        db.session().contacts.move(
            grace, "requested", happened_at=datetime.now() - timedelta(days=15)
        )
    at = open_page("app.py")
    assert "Follow up once with Grace Liu" in unescape(" ".join(m.value for m in at.markdown))


def test_linkedin_connections_import_through_the_page_and_only_once(planner_file):
    from pathlib import Path

    sample = (Path(__file__).parent / "data" / "linkedin_connections.csv").read_bytes()
    at = open_page(PAGE)
    for _ in range(2):
        at.file_uploader(key="linkedin_file").set_value(("Connections.csv", sample, "text/csv"))
        at.run()
        click(at, "Import these connections")
    shown = unescape(" ".join(str(s.value) for s in at.success))
    assert "Imported 0 new contacts from LinkedIn." in shown, "the second time adds nobody"
    assert sorted(c.name for c in contacts(planner_file)) == [
        "Aisha Khan",
        "Jonas Weber",
        "Priya Raman",
    ]
    assert sorted(at.dataframe[0].value["Name"]) == ["Aisha Khan", "Jonas Weber", "Priya Raman"]


def test_an_address_book_imports_through_the_page_and_only_once(planner_file):
    from .test_vcard import APPLE, GOOGLE

    cards = (GOOGLE + APPLE).encode("utf-8")
    at = open_page(PAGE)
    assert not at.get("download_button"), "nothing to download from an empty planner"
    for _ in range(2):
        at.file_uploader(key="vcard_file").set_value(("contacts.vcf", cards, "text/vcard"))
        at.run()
        click(at, "Import these contacts")
    shown = unescape(" ".join(str(s.value) for s in at.success))
    assert "Imported 0 new contacts from your address book. Skipped 2" in shown
    notes = unescape(" ".join(str(c.value) for c in at.caption))
    assert "Already in your planner: Marta Kowalska (card 1, line 1), Dr Chidi" in notes
    assert sorted(c.name for c in contacts(planner_file)) == ["Dr Chidi Okonkwo", "Marta Kowalska"]
    (download,) = [d for d in at.get("download_button") if "(.vcf)" in d.proto.label]
    assert download.proto.label == "Download every contact (.vcf)"


def test_a_file_that_is_not_an_address_book_is_refused_on_the_page(planner_file):
    at = open_page(PAGE)
    at.file_uploader(key="vcard_file").set_value(("notes.vcf", b"hello", "text/vcard"))
    at.run()
    click(at, "Import these contacts")
    assert "no line says BEGIN:VCARD" in unescape(message_after(at, "vcard_file"))
    assert contacts(planner_file) == []


def date_today():
    from datetime import date

    return date.today()


def test_the_follow_up_rule_is_a_setting_the_page_saves(planner_file):
    at = open_section(open_page(PAGE), "contacts_follow_up_rule")
    inputs = {n.label: n for n in at.number_input}
    inputs["Follow up after (business days)"].set_value(5)
    click(at, "Save the rule")
    with Database(planner_file) as db:
        rule = db.session().settings.follow_up_rule()
    assert (rule.second_contact_after, rule.follow_up_after, rule.give_up_after_days) == (3, 5, 7)


# -- moving and cancelling a meeting ---------------------------------------------------------


def book(path, contact_id: int, days_ahead: int = 3) -> int:
    from datetime import UTC, date, datetime, time, timedelta

    from planner.meetings import MeetingDraft

    on = date.today() + timedelta(days=days_ahead)
    with Database(path) as db:
        return db.session().meetings.schedule(
            MeetingDraft(contact_id, on, time(16), "UTC", location="https://meet.example/d"),
            now=datetime.now(UTC),
        )


def stored_meeting(path, interview_id: int):
    with Database(path) as db:
        return next(m for m in db.session().meetings.list() if m.id == interview_id)


def test_a_meeting_is_rescheduled_from_its_prefilled_form(planner_file):
    from datetime import date, time, timedelta

    contact_id = add(planner_file, name="Daniel Price")
    interview_id = book(planner_file, contact_id)
    at = _open_contact(planner_file, contact_id)
    form = f"resched_{interview_id}_1"
    assert at.text_input(key=f"{form}_where").value == "https://meet.example/d"
    assert at.time_input(key=f"{form}_at").value == time(16)
    new_day = date.today() + timedelta(days=4)
    fill(at, form, on=new_day, zone="Europe/Berlin", minutes=45, where="Room 4")
    at.time_input(key=f"{form}_at").set_value(time(9, 30))
    click(at, "Save the new time")
    meeting = stored_meeting(planner_file, interview_id)
    assert (meeting.starts_at.date(), meeting.starts_at.time()) == (new_day, time(9, 30))
    assert (meeting.time_zone, meeting.duration_minutes, meeting.location) == (
        "Europe/Berlin",
        45,
        "Room 4",
    )
    assert any("Moved the meeting with Daniel Price" in unescape(s.value) for s in at.success)
    history = unescape(" ".join(m.value for m in at.markdown))
    assert f"{new_day:%a %d %b %Y}, 09:30 (Europe/Berlin), 45 min, video call, Room 4" in history
    assert at.text_input(key=f"resched_{interview_id}_2_where").value == "Room 4"


def test_a_new_time_years_away_is_refused_next_to_the_day(planner_file):
    from datetime import date

    contact_id = add(planner_file, name="Daniel Price")
    interview_id = book(planner_file, contact_id)
    at = _open_contact(planner_file, contact_id)
    form = f"resched_{interview_id}_1"
    fill(at, form, on=date(date.today().year + 6, 1, 5))
    click(at, "Save the new time")
    assert "more than 5 years away" in unescape(message_after(at, f"{form}_on") or "")
    assert stored_meeting(planner_file, interview_id).version == 1


def test_a_cancelled_meeting_stays_listed_with_its_cancellation_file(planner_file):
    contact_id = add(planner_file, name="Daniel Price")
    with Database(planner_file) as db:
        from datetime import datetime

        db.session().contacts.move(contact_id, "requested", happened_at=datetime(2026, 11, 2, 9))
    interview_id = book(planner_file, contact_id)
    at = _open_contact(planner_file, contact_id)
    question = " ".join(m.value for m in at.markdown)
    assert "Cancel the meeting with Daniel Price on" in unescape(question)
    click(at, "Yes, cancel the meeting")
    assert stored_meeting(planner_file, interview_id).status == "cancelled"
    [daniel] = contacts(planner_file)
    assert daniel.stage == "requested"
    assert any("Cancelled the meeting with Daniel Price" in unescape(s.value) for s in at.success)
    labels = [b.label for b in at.get("download_button") if "(.vcf)" not in b.label]
    assert labels == ["Cancellation file"], "no calendar file and no 'all upcoming' any more"
    assert "Cancelled" in " ".join(m.value for m in at.markdown)
    assert [
        b for b in at.button if b.label in ("Save the new time", "Yes, cancel the meeting")
    ] == []


def test_the_meeting_form_starts_at_the_obvious_goal_and_the_browsers_zone(planner_file):
    from planner.goals import GoalDraft

    from .conftest import TODAY

    with Database(planner_file) as db:
        goal = db.session().goals.add(GoalDraft(title="Learn UX research"), today=TODAY)
    linked = add(planner_file, name="Priya Raman", goal_ids=[goal])
    unlinked = add(planner_file, name="Daniel Price")
    for contact_id in (linked, unlinked):
        at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
        at.context = {"timezone": "America/New_York"}
        at.run()
        at.switch_page(PAGE)
        at.session_state["contacts_selected"] = contact_id
        at.run()
        assert at.selectbox(key=f"meet_{contact_id}_0_goal").value == goal
        assert at.selectbox(key=f"meet_{contact_id}_0_zone").value == "America/New_York"


def test_a_meeting_left_in_the_past_can_still_be_moved_to_a_new_day(planner_file):
    from datetime import UTC, date, datetime, time, timedelta

    from planner.meetings import MeetingDraft

    contact_id = add(planner_file, name="Daniel Price")
    last_week = date.today() - timedelta(days=7)
    with Database(planner_file) as db:
        booked_then = datetime.combine(last_week - timedelta(days=3), time(9), tzinfo=UTC)
        interview_id = db.session().meetings.schedule(
            MeetingDraft(contact_id, last_week, time(16), "UTC"), now=booked_then
        )
    at = _open_contact(planner_file, contact_id)
    form = f"resched_{interview_id}_1"
    assert at.date_input(key=f"{form}_on").value == last_week
    click(at, "Save the new time")
    assert "already passed" in unescape(message_after(at, f"{form}_on") or "")
    fill(at, form, on=date.today() + timedelta(days=2))
    click(at, "Save the new time")
    assert stored_meeting(planner_file, interview_id).starts_at.date() > date.today()


def test_a_meeting_moved_in_another_window_is_not_moved_again_from_an_old_form(planner_file):
    from datetime import UTC, date, datetime, time, timedelta

    from planner.meetings import MeetingDraft

    contact_id = add(planner_file, name="Daniel Price")
    interview_id = book(planner_file, contact_id)
    at = _open_contact(planner_file, contact_id)
    elsewhere = date.today() + timedelta(days=9)
    with Database(planner_file) as db:
        db.session().meetings.reschedule(
            interview_id,
            MeetingDraft(contact_id, elsewhere, time(10), "UTC"),
            expected_version=1,
            now=datetime.now(UTC),
        )
    fill(at, f"resched_{interview_id}_1", on=date.today() + timedelta(days=5))
    click(at, "Save the new time")
    assert any("changed in another window" in e.value for e in at.error)
    assert stored_meeting(planner_file, interview_id).starts_at.date() == elsewhere
