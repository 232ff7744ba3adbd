"""What waits without a date (referrals, undated actions, organisations to score),
meetings with no question planned and goals behind pace: on the due list and the CLI."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta

from planner.contacts import ContactDraft
from planner.due import due_list, due_overview
from planner.goals import Goal, GoalDraft, behind_pace
from planner.meetings import MeetingDraft
from planner.organisations import OrganisationDraft
from planner.reflection import ActionDraft
from planner.store import Database
from planner.store.repository import utcnow

from .conftest import TODAY
from .test_cli import run_planner


def waiting_of(store, kind, today=TODAY):
    return [item for item in due_list(store, today=today) if item.kind == kind]


def referred(store, name="Nadia", by="Tom") -> int:
    tom = store.contacts.add(ContactDraft(name=by), today=TODAY)
    return store.contacts.add(ContactDraft(name=name, referred_by_id=tom), today=TODAY)


def test_a_referral_waits_until_the_first_message_to_them(store):
    nadia = referred(store)
    [item] = waiting_of(store, "referral")
    assert item.text == "Ask Nadia for a conversation: suggested to you by Tom, never written to."
    assert item.due_on is None and item.context == ("Suggested by Tom.",)
    assert item.destination() == ("contacts", "Write to them", {"contact": str(nadia)})
    store.contacts.record_event(nadia, "message_sent", happened_at=datetime(2026, 11, 20, 9))
    assert waiting_of(store, "referral") == []


def test_a_contact_nobody_suggested_is_not_a_referral(store):
    store.contacts.add(ContactDraft(name="Grace"), today=TODAY)
    assert waiting_of(store, "referral") == []


def test_an_open_action_without_a_due_date_asks_for_one(store):
    store.actions.add(ActionDraft(title="Read the NHS digital plan"))
    dated = store.actions.add(ActionDraft(title="Update my CV", due_on=TODAY + timedelta(9)))
    done = store.actions.add(ActionDraft(title="Join the meetup"))
    store.actions.set_done(done, TODAY)
    [item] = waiting_of(store, "undated_action")
    assert item.text == "Action: Read the NHS digital plan. Give it a due date so it gets done."
    assert item.when(TODAY) == "no due date"
    assert item.destination()[2] == {"reflect_view": "Action items"}
    assert dated and len(due_list(store, today=TODAY)) == 1


def test_an_unscored_organisation_waits_for_research_with_the_goals_naming_it(store):
    store.goals.add(
        GoalDraft(title="Health tech PM", target_organisations=["Babylon"]), today=TODAY
    )
    store.organisations.add(OrganisationDraft(name="Scored", motivation=2))
    [item] = waiting_of(store, "organisation")
    assert item.organisation == "Babylon" and "Motivation 0, research it first" in item.text
    assert item.context == ("Named on your goal: 'Health tech PM'.",)
    assert item.destination() == ("research", "Research and score it", {})


def meeting_in(store, days: int) -> int:
    priya = store.contacts.add(ContactDraft(name="Priya"), today=TODAY)
    draft = MeetingDraft(priya, TODAY + timedelta(days), time(15, 0), "Europe/London")
    return store.meetings.schedule(draft, now=datetime.combine(TODAY, time(9), tzinfo=UTC))


def test_a_meeting_ahead_with_no_question_planned_asks_for_a_plan_once(store):
    interview = meeting_in(store, 3)
    kinds = [item.kind for item in due_list(store, today=TODAY)]
    assert kinds == ["unplanned_meeting"]  # not also listed as a plain meeting
    [item] = waiting_of(store, "unplanned_meeting")
    assert item.text.startswith("Plan your questions for Priya on Wed 25 Nov at 15:00")
    assert item.destination() == ("questions", "Plan the questions", {"interview": str(interview)})
    plan = store.plans.plan_for(interview)  # an empty plan is still no plan
    assert [i.kind for i in due_list(store, today=TODAY)] == ["unplanned_meeting"]
    store.plans.add_written_question(plan, "What does a typical week look like?", minutes=3)
    assert [i.kind for i in due_list(store, today=TODAY)] == ["meeting"]


def test_a_meeting_weeks_ahead_still_asks_for_a_plan(store):
    meeting_in(store, 30)
    [item] = due_list(store, today=TODAY)
    assert item.kind == "unplanned_meeting" and item.due_on == TODAY + timedelta(30)


def goal(done: int, *, set_on: date, by: date, target=4, status="active") -> Goal:
    moment = datetime.combine(set_on, time(9))
    return Goal(1, "UX", "explore", "", [], [], [], [], target, by, status, moment, moment, 1, done)


def test_a_goal_is_behind_pace_when_fewer_are_done_than_the_time_gone_asks():
    start, end = date(2026, 11, 1), date(2026, 12, 31)  # 60 days for 4 interviews
    assert behind_pace(goal(0, set_on=start, by=end), start) is None  # never on day one
    assert behind_pace(goal(0, set_on=start, by=end), date(2026, 11, 15)) is None  # 0.9 due
    gap = behind_pace(goal(0, set_on=start, by=end), date(2026, 11, 16))  # 1 due
    assert gap is not None and gap.expected == 1
    assert gap.describe() == (
        "'UX' is behind pace: 0 of 4 interviews done, 1 expected by now. On pace means the 4 "
        "spread evenly from the day you set the goal to its target date, 2026-12-31."
    )
    assert behind_pace(goal(1, set_on=start, by=end), date(2026, 11, 16)) is None
    assert behind_pace(goal(2, set_on=start, by=end), date(2026, 12, 16)) is not None


def test_only_an_active_goal_with_a_date_still_ahead_can_be_behind():
    start, end = date(2026, 11, 1), date(2026, 12, 31)
    assert behind_pace(goal(0, set_on=start, by=end, status="paused"), end) is None
    assert behind_pace(goal(0, set_on=start, by=end), end + timedelta(1)) is None  # passed
    assert behind_pace(goal(4, set_on=start, by=end), end) is None  # target reached


def test_a_goal_behind_pace_is_on_the_due_list(store):
    today = utcnow().date()
    store.goals.add(GoalDraft(title="UX", target_date=today + timedelta(60)), today=today)
    assert waiting_of(store, "goal_pace", today) == []
    [item] = waiting_of(store, "goal_pace", today + timedelta(30))
    assert item.text.startswith("'UX' is behind pace: 0 of 4 interviews done, 2 expected")
    assert item.destination() == ("goals", "Open your goals", {})


def test_a_large_planner_reads_the_first_few_of_each_kind_and_counts_the_rest(store):
    tom = store.contacts.add(ContactDraft(name="Tom"), today=TODAY)
    for n in range(12):
        store.contacts.add(ContactDraft(name=f"Person {n}", referred_by_id=tom), today=TODAY)
    overview = due_overview(store, today=TODAY, per_kind=5)
    assert [i.name for i in overview.items] == [f"Person {n}" for n in range(5)]
    assert overview.left_out == {"referral": 7}


def test_the_due_command_lists_a_referral_an_undated_action_and_an_unscored_organisation(
    tmp_path,
):
    path = tmp_path / "planner.duckdb"
    with Database(path) as database:
        store = database.session()
        referred(store, name="Nadia Petrova")
        store.actions.add(ActionDraft(title="Read the NHS digital plan"))
        store.organisations.add(OrganisationDraft(name="Babylon"))
    listed = json.loads(run_planner("due", "--db", path, "--today", "2026-11-22", "--json").stdout)
    assert [(item["kind"], item["due_on"], item["page"]) for item in listed] == [
        ("referral", None, "pages/3_Contacts.py"),
        ("undated_action", None, "pages/5_Reflect.py"),
        ("organisation", None, "pages/2_Research.py"),
    ]
    assert "Nadia Petrova" in listed[0]["text"] and listed[0]["context"] == ["Suggested by Tom."]
    assert listed[2]["link"] == "Research and score it"
    text = run_planner("due", "--db", path, "--today", "2026-11-22").stdout.splitlines()
    assert text[0] == (
        "no date     Ask Nadia Petrova for a conversation: suggested to you by Tom, "
        "never written to. [Contacts]"
    )
