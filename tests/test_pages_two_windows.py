"""Two windows editing the same record: the second save never silently wins or vanishes.

Each form is drawn for the version of its record it shows. When another window saves
first, sending the older form saves nothing and says so on the page, and the form then
shows the latest version.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from planner.contacts import ContactDraft
from planner.meetings import MeetingDraft
from planner.organisations import OrganisationDraft
from planner.store import Database

from .apptest_helpers import click, fill, open_page, unescape

CHANGED = "changed in another window"


def errors(at) -> str:
    return " ".join(unescape(str(e.value)) for e in at.error)


def add_contact(path, name="Priya Raman") -> int:
    with Database(path) as db:
        return db.session().contacts.add(ContactDraft(name=name), today=date(2026, 11, 24))


def open_contact(contact_id):
    at = open_page("pages/3_Contacts.py")
    at.session_state["contacts_selected"] = contact_id
    at.run()
    assert not at.exception
    return at


def stored_contact(path, contact_id):
    with Database(path) as db:
        return db.session().contacts.get(contact_id)


def test_a_contact_edited_in_two_windows_keeps_the_first_save_and_says_so(planner_file):
    contact_id = add_contact(planner_file)
    mine, theirs = open_contact(contact_id), open_contact(contact_id)
    fill(theirs, f"edit_contact_{contact_id}_1", role="Head of Research")
    click(theirs, "Save changes")
    assert stored_contact(planner_file, contact_id).role == "Head of Research"

    fill(mine, f"edit_contact_{contact_id}_1", notes="Met at the meetup.")
    click(mine, "Save changes")
    assert CHANGED in errors(mine)
    person = stored_contact(planner_file, contact_id)
    assert (person.role, person.notes) == ("Head of Research", ""), "their save stands"
    # The form now holds the latest version, and a change made on it saves.
    fill(mine, f"edit_contact_{contact_id}_{person.version}", notes="Met at the meetup.")
    click(mine, "Save changes")
    person = stored_contact(planner_file, contact_id)
    assert (person.role, person.notes) == ("Head of Research", "Met at the meetup.")
    assert CHANGED not in errors(mine)


def test_a_step_recorded_in_another_window_is_not_recorded_twice(planner_file):
    contact_id = add_contact(planner_file)
    mine, theirs = open_contact(contact_id), open_contact(contact_id)
    for at in (theirs, mine):
        fill(at, f"move_{contact_id}", stage="stage:requested", what="Asked by email")
        click(at, "Record this step")
    assert CHANGED in errors(mine)
    with Database(planner_file) as db:
        history = db.session().contacts.history(contact_id)
    assert sum("Asked by email" in entry.summary for entry in history) == 1


def test_an_organisation_edited_in_two_windows_says_so(planner_file):
    with Database(planner_file) as db:
        org_id = db.session().organisations.add(OrganisationDraft(name="Northwind"))
    windows = []
    for _ in range(2):
        at = open_page("pages/2_Research.py")
        at.session_state["research_pick_org"] = org_id
        at.run()
        windows.append(at)
    theirs, mine = windows
    fill(theirs, f"edit_org_{org_id}_1", notes="Hiring in spring.")
    click(theirs, "Save changes")
    fill(mine, f"edit_org_{org_id}_1", notes="Remote first.")
    click(mine, "Save changes")
    assert CHANGED in errors(mine)
    with Database(planner_file) as db:
        [org] = db.session().organisations.list()
    assert org.notes == "Hiring in spring."


def test_a_reflection_saved_in_another_window_is_not_overwritten(planner_file):
    contact_id = add_contact(planner_file)
    with Database(planner_file) as db:
        store = db.session()
        interview = store.meetings.schedule(
            MeetingDraft(contact_id, date(2026, 11, 10), time(10), "UTC"),
            now=datetime(2026, 11, 1, tzinfo=UTC),
        )
        store.meetings.mark_done(interview, now=datetime(2026, 11, 10, 12, tzinfo=UTC))
    windows = []
    for _ in range(2):
        at = open_page("pages/5_Reflect.py")
        windows.append(at)
    theirs, mine = windows
    fill(theirs, f"reflection_{interview}_0", advice="Start with small studies.")
    click(theirs, "Save the reflection")
    with Database(planner_file) as db:
        assert (
            db.session().reflections.for_interview(interview).advice == "Start with small studies."
        )
    fill(mine, f"reflection_{interview}_0", advice="Learn SQL first.")
    click(mine, "Save the reflection")
    assert CHANGED in errors(mine)
    with Database(planner_file) as db:
        assert (
            db.session().reflections.for_interview(interview).advice == "Start with small studies."
        )


def test_a_bank_question_edited_in_two_windows_says_so(planner_file):
    from .test_pages_questions import edit_form, open_bank, select_in_bank

    theirs, mine = open_bank(planner_file), open_bank(planner_file)
    for at in (theirs, mine):
        select_in_bank(at, 0)
    fill(theirs, edit_form(theirs), text="How did you first find this line of work?")
    click(theirs, "Save changes")
    fill(mine, edit_form(mine), text="What first drew you to this work?")
    click(mine, "Save changes")
    assert CHANGED in errors(mine)
    with Database(planner_file) as db:
        first = db.session().bank.entries()[0]
    assert first.text == "How did you first find this line of work?"


def test_a_goal_edit_survives_this_windows_own_pause_but_not_anothers_edit(planner_file):
    from planner.goals import GoalDraft

    from .test_pages import fill_goal_form

    with Database(planner_file) as db:
        goal_id = db.session().goals.add(GoalDraft(title="Explore nursing"), today=date.today())
    mine = open_page("pages/1_Goals.py")
    click(mine, "Edit")
    click(mine, "Pause")  # on the same card, while the edit is open
    fill_goal_form(mine, prefix=f"edit_goal_{goal_id}_1", field="Healthcare")
    click(mine, "Save changes")
    assert CHANGED not in errors(mine)
    with Database(planner_file) as db:
        goal = db.session().goals.get(goal_id)
    assert (goal.field, goal.status) == ("Healthcare", "paused")

    theirs = open_page("pages/1_Goals.py")
    for at in (mine, theirs):
        click(at, "Edit")
    fill_goal_form(theirs, prefix=f"edit_goal_{goal_id}_{goal.version}", field="Midwifery")
    click(theirs, "Save changes")
    fill_goal_form(mine, prefix=f"edit_goal_{goal_id}_{goal.version}", field="Nursing")
    click(mine, "Save changes")
    assert CHANGED in errors(mine)
    with Database(planner_file) as db:
        assert db.session().goals.get(goal_id).field == "Midwifery"


def test_editing_one_bank_question_is_not_stopped_by_an_edit_to_another(planner_file):
    from .test_pages_questions import edit_form, open_bank, select_in_bank

    theirs, mine = open_bank(planner_file), open_bank(planner_file)
    select_in_bank(theirs, 1)
    select_in_bank(mine, 0)
    fill(theirs, edit_form(theirs), text="What surprised you in your first month?")
    click(theirs, "Save changes")
    fill(mine, edit_form(mine), text="What first drew you to this work?")
    click(mine, "Save changes")
    assert CHANGED not in errors(mine)
    with Database(planner_file) as db:
        first, second = db.session().bank.entries()[:2]
    assert (first.text, second.text) == (
        "What first drew you to this work?",
        "What surprised you in your first month?",
    )
