"""The store's question plans: created on first use, ordered, checked for time."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from planner.contacts import ContactDraft
from planner.errors import NotFound, StaleEdit, ValidationError
from planner.meetings import MeetingDraft
from planner.question_plans import ends_with_referral, timing

from .conftest import TODAY


@pytest.fixture
def plan(store) -> int:
    contact_id = store.add_contact(ContactDraft(name="Daniel"), today=TODAY)
    interview = store.schedule_meeting(
        MeetingDraft(contact_id, date(2030, 1, 15), time(16), "UTC", duration_minutes=20),
        now=datetime(2026, 11, 22, tzinfo=UTC),
    )
    plan_id = store.plan_for(interview)
    assert store.plan_for(interview) == plan_id, "one plan per interview"
    return plan_id


def test_questions_keep_their_order_and_can_be_moved(store, plan):
    first = store.add_plan_question(plan, "Who else should I talk to?", minutes=2)
    store.add_plan_question(plan, "How did you start?", minutes=4, must_ask=True)
    store.add_plan_question(plan, "What is a normal week like?")
    store.move_plan_question(first, +1)
    store.move_plan_question(first, +1)
    store.move_plan_question(first, +1)  # already last: stays
    texts = [q.text for q in store.plan_questions(plan)]
    assert texts == [
        "How did you start?",
        "What is a normal week like?",
        "Who else should I talk to?",
    ]
    planned = store.planned(plan)
    assert ends_with_referral(planned)
    assert timing(planned, 20).planned_minutes == 11


def test_a_bad_question_is_refused_and_nothing_added(store, plan):
    with pytest.raises(ValidationError) as refused:
        store.add_plan_question(plan, "  ", minutes=40)
    assert set(refused.value.errors) == {"text", "minutes"}
    assert store.plan_questions(plan) == []


def test_removing_a_question(store, plan):
    question = store.add_plan_question(plan, "How did you start?")
    store.remove_plan_question(question)
    assert store.plan_questions(plan) == []
    with pytest.raises(NotFound):
        store.remove_plan_question(question)
    with pytest.raises(NotFound):
        store.plan_for(999)


# -- adding and editing -------------------------------------------------------------


def test_new_questions_take_the_plans_minutes_per_question(store, plan):
    store.save_plan_settings(plan, minutes_per_question=5)
    store.add_plan_question(plan, "What does a normal week look like?")
    store.add_plan_question(plan, "Who else should I talk to?", minutes=2)
    assert [q.minutes for q in store.plan_questions(plan)] == [5, 2]


def test_adding_several_questions_is_all_or_nothing(store, plan):
    from planner.store_plans import NewPlanQuestion

    store.add_plan_question(plan, "How did you start?")
    with pytest.raises(ValidationError) as refused:
        store.add_plan_questions(
            plan,
            [NewPlanQuestion("What is a normal week like?"), NewPlanQuestion("how did you START")],
        )
    assert "Already in the plan: how did you START" in refused.value.errors["text"]
    assert [q.text for q in store.plan_questions(plan)] == ["How did you start?"]


def test_minutes_must_ask_and_asked_are_saved(store, plan):
    question = store.add_plan_question(plan, "How did you start?")
    store.update_plan_question(question, minutes=6, must_ask=True)
    store.update_plan_question(question, asked=True)
    [saved] = store.plan_questions(plan)
    assert (saved.minutes, saved.must_ask, saved.asked) == (6, True, True)
    with pytest.raises(ValidationError):
        store.update_plan_question(question, minutes=0)
    with pytest.raises(NotFound):
        store.update_plan_question(999, asked=True)


# -- the interview day --------------------------------------------------------------


@pytest.fixture
def meeting(store):
    from planner.goals import GoalDraft
    from planner.organisations import OrganisationDraft

    goal = store.add_goal(GoalDraft(title="Explore research"), today=TODAY)
    org = store.add_organisation(OrganisationDraft(name="Northwind Health"))
    contact = store.add_contact(
        ContactDraft(name="Priya Raman", organisation_id=org, goal_ids=[goal]), today=TODAY
    )
    interview = store.schedule_meeting(
        MeetingDraft(contact, date(2026, 12, 1), time(16), "Europe/London", goal_id=goal),
        now=datetime(2026, 11, 22, tzinfo=UTC),
    )
    return interview, contact, goal, org


def test_notes_keep_exactly_what_was_typed(store, plan):
    question = store.add_plan_question(plan, "How did you start?")
    typed = "Started in <b>support</b> & ops;\n  *then* research — 研究 🙂\n"
    store.save_answer_notes(question, typed)
    assert store.plan_questions(plan)[0].answer_notes == typed
    with pytest.raises(ValidationError):
        store.save_answer_notes(question, "bad \x00 byte")
    assert store.plan_questions(plan)[0].answer_notes == typed


def test_general_notes_are_saved_on_the_interview(store, meeting):
    interview, *_ = meeting
    store.save_interview_notes(interview, "Warm, generous.\nAsk about guilds.")
    assert store.plan_interview(interview).general_notes == "Warm, generous.\nAsk about guilds."


def test_notes_written_in_another_window_are_not_saved_over(store, meeting):
    interview, *_ = meeting
    question = store.add_plan_question(store.plan_for(interview), "How did you start?")
    store.save_answer_notes(question, "Support desk first.", based_on=[""])
    # A second window, drawn with the same empty field, types its own notes.
    with pytest.raises(StaleEdit) as refused:
        store.save_answer_notes(question, "Research from day one.", based_on=[""])
    assert "another window" in str(refused.value)
    assert store.plan_questions(store.plan_for(interview))[0].answer_notes == (
        "Support desk first."
    )
    # The first window goes on typing from what it saved (or from a text still in flight).
    store.save_answer_notes(
        question, "Support desk first. Then QA.", based_on=["", "Support desk first."]
    )
    store.save_interview_notes(interview, "Warm.", based_on=[""])
    with pytest.raises(StaleEdit):
        store.save_interview_notes(interview, "Cold.", based_on=["", "Cool."])
    store.save_interview_notes(
        interview, "Warm.", based_on=["Something else"]
    )  # same text: no loss
    assert store.plan_interview(interview).general_notes == "Warm."


def test_an_introduction_saved_elsewhere_is_not_saved_over(store, meeting):
    interview, *_ = meeting
    store.save_introduction(interview, "Hello, I teach chemistry.", background="", based_on="")
    with pytest.raises(StaleEdit) as refused:
        store.save_introduction(interview, "Hi there.", background="Teacher", based_on="")
    assert "another window" in str(refused.value)
    plan_id = store.plan_interview(interview).plan_id
    assert store.get_plan(plan_id).introduction == "Hello, I teach chemistry."
    assert store.settings().get("me.background", "") == "", "a refused save changes nothing"
    store.save_introduction(
        interview, "Hi there.", background="Teacher", based_on=" Hello, I teach chemistry. "
    )
    assert store.get_plan(plan_id).introduction == "Hi there."


def test_an_interview_is_marked_done_only_once_it_has_started(store, meeting):
    interview, contact, *_ = meeting
    before = datetime(2026, 12, 1, 15, 59, tzinfo=UTC)  # 15:59 in London, one minute early
    with pytest.raises(ValidationError) as refused:
        store.mark_interview_done(interview, now=before)
    assert "mark it done once it has happened" in refused.value.errors["status"]
    store.mark_interview_done(interview, now=datetime(2026, 12, 1, 16, 40, tzinfo=UTC))
    assert store.plan_interview(interview).status == "done"
    person = store.get_contact(contact)
    assert person.stage == "interviewed"
    kinds = [(kind, stage_to) for _, kind, _, stage_to, _, _ in store.contact_history(contact)]
    assert ("meeting", None) in kinds and ("stage", "interviewed") in kinds
    with pytest.raises(ValidationError) as again:
        store.mark_interview_done(interview, now=datetime(2026, 12, 2, tzinfo=UTC))
    assert again.value.errors == {"status": "This interview is already marked done."}


def test_someone_they_mentioned_becomes_a_referred_contact(store, meeting):
    interview, contact, goal, org = meeting
    new = store.add_mentioned_contact(
        interview,
        name=" Daniel  Price ",
        role="Head of Research",
        organisation="northwind health",
        notes="Runs the guild",
        today=TODAY,
    )
    person = store.get_contact(new)
    assert (person.name, person.referred_by_id, person.referred_by, person.circle) == (
        "Daniel Price",
        contact,
        "Priya Raman",
        "referral",
    )
    assert (person.organisation_id, person.goal_ids, person.warmth) == (org, [goal], "warm")
    assert store.mentioned_in(interview) == [(new, "Daniel Price")]
    other = store.add_mentioned_contact(
        interview, name="Sam", organisation="Civic Lab", today=TODAY
    )
    assert (store.get_contact(other).organisation_id, store.get_contact(other).company) == (
        None,
        "Civic Lab",
    )


def test_a_mention_with_no_name_or_of_someone_known_is_refused(store, meeting):
    interview, *_ = meeting
    count = len(store.list_contacts())
    with pytest.raises(ValidationError) as nameless:
        store.add_mentioned_contact(interview, name="  ", today=TODAY)
    assert nameless.value.errors == {"name": "Enter the person's name."}
    with pytest.raises(ValidationError) as known:
        store.add_mentioned_contact(
            interview, name="priya raman", organisation="Northwind Health", today=TODAY
        )
    assert "already in your contacts" in known.value.errors["name"]
    assert len(store.list_contacts()) == count


# -- the overview and the sheet -----------------------------------------------------


def test_the_overview_lists_upcoming_meetings_first_with_their_plans_counted(store, meeting):
    interview, contact, *_ = meeting
    later = store.schedule_meeting(
        MeetingDraft(contact, date(2027, 1, 5), time(9), "UTC"),
        now=datetime(2026, 11, 22, tzinfo=UTC),
    )
    plan_id = store.plan_for(later)
    store.add_plan_question(plan_id, "How did you start?", minutes=4)
    store.add_plan_question(plan_id, "Who else should I talk to?", minutes=2)
    store.update_plan_question(store.plan_questions(plan_id)[0].id, asked=True)
    overview = store.planning_overview()
    assert [i.interview_id for i in overview] == [interview, later]
    assert (overview[1].questions, overview[1].planned_minutes, overview[1].asked) == (2, 6, 1)
    assert overview[0].plan_id is None and overview[0].organisation == "Northwind Health"


def test_the_sheet_holds_the_plan_and_the_goal(store, meeting):
    interview, *_ = meeting
    store.save_introduction(interview, "I teach chemistry.", background="")
    plan_id = store.plan_for(interview)
    store.add_plan_question(plan_id, "How did you start?", must_ask=True)
    sheet = store.interview_sheet(interview)
    assert (sheet.contact_name, sheet.organisation, sheet.goal_title) == (
        "Priya Raman",
        "Northwind Health",
        "Explore research",
    )
    assert sheet.introduction == "I teach chemistry."
    assert [(q.text, q.must_ask) for q in sheet.questions] == [("How did you start?", True)]
    assert sheet.fit_questions[0] == "Could I succeed there?"
    with pytest.raises(NotFound):
        store.interview_sheet(999)


def test_a_refused_introduction_saves_neither_it_nor_my_background(store, meeting):
    interview, *_ = meeting
    with pytest.raises(ValidationError) as refused:
        store.save_introduction(interview, "x" * 1501, background="I teach chemistry")
    assert set(refused.value.errors) == {"introduction"}
    assert "me.background" not in store.settings()
    assert store.plan_interview(interview).plan_id is None, "no empty plan left behind"
    store.save_introduction(interview, " Hello. ", background=" I teach chemistry ")
    plan_id = store.plan_interview(interview).plan_id
    assert store.get_plan(plan_id).introduction == "Hello."
    assert store.settings()["me.background"] == "I teach chemistry"


def test_a_written_question_goes_to_the_plan_and_my_bank_together(store, meeting):
    interview, *_ = meeting
    assert store.add_written_question(
        interview, "What would you automate first?", minutes=4, bank_category="role"
    )
    plan_id = store.plan_interview(interview).plan_id
    assert [(q.text, q.minutes) for q in store.plan_questions(plan_id)] == [
        ("What would you automate first?", 4)
    ]
    assert store.question_bank()[-1].text == "What would you automate first?"
    shipped = store.question_bank()[0].text
    assert not store.add_written_question(interview, shipped, minutes=3, bank_category="advice")
    with pytest.raises(ValidationError):
        store.add_written_question(interview, shipped, minutes=3, bank_category="advice")
    assert len(store.own_questions()) == 1
    assert len(store.plan_questions(plan_id)) == 2
