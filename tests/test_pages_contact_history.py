"""The History tab corrects what was recorded: an entry redated and reworded in place, a
note deleted after a question naming it, the latest step undone (the stage follows), and
an earlier step offered no Delete at all."""

from __future__ import annotations

from datetime import date, datetime

from planner.contacts import ContactDraft
from planner.store import Database

from .apptest_helpers import click, open_page, unescape
from .conftest import TODAY

PAGE = "pages/3_Contacts.py"


def contact_with_history(path) -> tuple[int, dict[str, int]]:
    """Grace, asked on 1 Nov and then given up on (no reply) on 20 Nov, with a note."""
    with Database(path) as db:
        store = db.session()
        grace = store.contacts.add(ContactDraft(name="Grace Hopper"), today=TODAY)
        store.contacts.move(grace, "requested", happened_at=datetime(2026, 11, 1, 9))
        store.contacts.record_event(
            grace, "note", happened_at=datetime(2026, 11, 5, 9), summary="Met at <b>a</b> meetup"
        )
        store.contacts.move(grace, "no_reply", happened_at=datetime(2026, 11, 20, 9))
        ids = {h.summary or h.stage_to: h.id for h in store.contacts.history(grace)}
    return grace, ids


def opened(path, contact: int):
    at = open_page(PAGE)
    at.session_state["contacts_selected"] = contact
    at.run()
    return at


def history(path, contact: int):
    with Database(path) as db:
        return db.session().contacts.history(contact)


def buttons(at) -> list[str]:
    return [b.key for b in at.button]


def test_an_entry_is_redated_and_reworded_in_place(planner_file):
    grace, ids = contact_with_history(planner_file)
    note = ids["Met at <b>a</b> meetup"]
    at = opened(planner_file, grace)
    at.button(key=f"edit_history_{note}").click().run()
    at.date_input(key=f"history_{note}_on").set_value(date(2026, 11, 4))
    at.text_input(key=f"history_{note}_edit_summary").input("Met at the UX meetup")
    click(at, "Save the correction")
    [entry] = [h for h in history(planner_file, grace) if h.id == note]
    assert (entry.happened_at, entry.summary) == (datetime(2026, 11, 4, 9), "Met at the UX meetup")
    assert "Corrected the history entry." in unescape(" ".join(s.value for s in at.success))


def test_a_note_is_deleted_after_a_question_that_names_it(planner_file):
    grace, ids = contact_with_history(planner_file)
    note = ids["Met at <b>a</b> meetup"]
    at = opened(planner_file, grace)
    at.button(key=f"delete_history_{note}").click().run()
    [question] = [w.value for w in at.warning if "Delete" in w.value]
    assert "Delete the entry 'Note: Met at <b>a</b> meetup' of 2026-11-05?" in unescape(question)
    assert note in [h.id for h in history(planner_file, grace)], "nothing deleted yet"
    click(at, "Yes, delete it")
    assert note not in [h.id for h in history(planner_file, grace)]


def test_only_the_latest_step_offers_undo_and_the_stage_follows(planner_file):
    grace, ids = contact_with_history(planner_file)
    at = opened(planner_file, grace)
    assert f"delete_history_{ids['no_reply']}" in buttons(at)
    assert f"delete_history_{ids['requested']}" not in buttons(at), "an earlier step stays"
    at.button(key=f"delete_history_{ids['no_reply']}").click().run()
    question = unescape(" ".join(w.value for w in at.warning))
    assert "They go back to Request sent." in question
    click(at, "Yes, delete it")
    with Database(planner_file) as db:
        assert db.session().contacts.get(grace).stage == "requested"
    assert "Grace Hopper is back at Request sent." in unescape(" ".join(i.value for i in at.info))
    # The step before is now the latest: it can be undone in turn.
    assert f"delete_history_{ids['requested']}" in buttons(at)


def test_a_step_a_meeting_stands_behind_offers_no_delete(planner_file):
    from datetime import UTC, time

    from planner.meetings import MeetingDraft

    grace, _ = contact_with_history(planner_file)
    with Database(planner_file) as db:
        store = db.session()
        store.contacts.move(grace, "requested", happened_at=datetime(2026, 11, 21, 9))
        store.meetings.schedule(
            MeetingDraft(grace, date(2030, 1, 15), time(10), "UTC"),
            now=datetime(2026, 11, 22, tzinfo=UTC),
        )
        [booked] = [h for h in store.contacts.history(grace) if h.stage_to == "scheduled"]
    at = opened(planner_file, grace)
    assert f"edit_history_{booked.id}" in buttons(at)
    assert f"delete_history_{booked.id}" not in buttons(at), "changed through the meeting"
