"""The store's question plans: created on first use, ordered, checked for time."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from planner.contacts import ContactDraft
from planner.errors import NotFound, StaleEdit, ValidationError
from planner.meetings import MeetingDraft
from planner.question_plans import ends_with_referral, timing
from planner.store.records import SuggestedContact

from .conftest import TODAY


@pytest.fixture
def plan(store) -> int:
    contact_id = store.contacts.add(ContactDraft(name="Daniel"), today=TODAY)
    interview = store.meetings.schedule(
        MeetingDraft(contact_id, date(2030, 1, 15), time(16), "UTC", duration_minutes=20),
        now=datetime(2026, 11, 22, tzinfo=UTC),
    )
    plan_id = store.plans.plan_for(interview)
    assert store.plans.plan_for(interview) == plan_id, "one plan per interview"
    return plan_id


def test_questions_keep_their_order_and_can_be_moved(store, plan):
    first = store.plans.add_question(plan, "Who else should I talk to?", minutes=2)
    store.plans.add_question(plan, "How did you start?", minutes=4, must_ask=True)
    store.plans.add_question(plan, "What is a normal week like?")
    store.plans.move_question(first, +1)
    store.plans.move_question(first, +1)
    store.plans.move_question(first, +1)  # already last: stays
    texts = [q.text for q in store.plans.questions(plan)]
    assert texts == [
        "How did you start?",
        "What is a normal week like?",
        "Who else should I talk to?",
    ]
    planned = store.plans.planned(plan)
    assert ends_with_referral(planned)
    assert timing(planned, 20).planned_minutes == 11


def test_a_bad_question_is_refused_and_nothing_added(store, plan):
    with pytest.raises(ValidationError) as refused:
        store.plans.add_question(plan, "  ", minutes=40)
    assert set(refused.value.errors) == {"text", "minutes"}
    assert store.plans.questions(plan) == []


def test_removing_a_question(store, plan):
    question = store.plans.add_question(plan, "How did you start?")
    store.plans.remove_question(question)
    assert store.plans.questions(plan) == []
    with pytest.raises(NotFound):
        store.plans.remove_question(question)
    with pytest.raises(NotFound):
        store.plans.plan_for(999)


# -- adding and editing -------------------------------------------------------------


def test_new_questions_take_the_plans_minutes_per_question(store, plan):
    store.plans.save_settings(plan, minutes_per_question=5)
    store.plans.add_question(plan, "What does a normal week look like?")
    store.plans.add_question(plan, "Who else should I talk to?", minutes=2)
    assert [q.minutes for q in store.plans.questions(plan)] == [5, 2]


def test_adding_several_questions_is_all_or_nothing(store, plan):
    from planner.store.records import NewPlanQuestion

    store.plans.add_question(plan, "How did you start?")
    with pytest.raises(ValidationError) as refused:
        store.plans.add_questions(
            plan,
            [NewPlanQuestion("What is a normal week like?"), NewPlanQuestion("how did you START")],
        )
    assert "Already in the plan: how did you START" in refused.value.errors["text"]
    assert [q.text for q in store.plans.questions(plan)] == ["How did you start?"]


def test_minutes_must_ask_and_asked_are_saved(store, plan):
    question = store.plans.add_question(plan, "How did you start?")
    store.plans.update_question(question, minutes=6, must_ask=True)
    store.plans.update_question(question, asked=True)
    [saved] = store.plans.questions(plan)
    assert (saved.minutes, saved.must_ask, saved.asked) == (6, True, True)
    with pytest.raises(ValidationError):
        store.plans.update_question(question, minutes=0)
    with pytest.raises(NotFound):
        store.plans.update_question(999, asked=True)


# -- the interview day --------------------------------------------------------------


@pytest.fixture
def meeting(store):
    from planner.goals import GoalDraft
    from planner.organisations import OrganisationDraft

    goal = store.goals.add(GoalDraft(title="Explore research"), today=TODAY)
    org = store.organisations.add(OrganisationDraft(name="Northwind Health"))
    contact = store.contacts.add(
        ContactDraft(name="Priya Raman", organisation_id=org, goal_ids=[goal]), today=TODAY
    )
    interview = store.meetings.schedule(
        MeetingDraft(contact, date(2026, 12, 1), time(16), "Europe/London", goal_id=goal),
        now=datetime(2026, 11, 22, tzinfo=UTC),
    )
    return interview, contact, goal, org


def test_notes_keep_exactly_what_was_typed(store, plan):
    question = store.plans.add_question(plan, "How did you start?")
    typed = "Started in <b>support</b> & ops;\n  *then* research — 研究 🙂\n"
    store.plans.save_answer_notes(question, typed)
    assert store.plans.questions(plan)[0].answer_notes == typed
    with pytest.raises(ValidationError):
        store.plans.save_answer_notes(question, "bad \x00 byte")
    assert store.plans.questions(plan)[0].answer_notes == typed


def test_general_notes_are_saved_on_the_interview(store, meeting):
    interview, *_ = meeting
    store.plans.save_interview_notes(interview, "Warm, generous.\nAsk about guilds.")
    assert store.plans.interview(interview).general_notes == "Warm, generous.\nAsk about guilds."


def test_notes_written_in_another_window_are_not_saved_over(store, meeting):
    interview, *_ = meeting
    question = store.plans.add_question(store.plans.plan_for(interview), "How did you start?")
    store.plans.save_answer_notes(question, "Support desk first.", based_on=[""])
    # A second window, drawn with the same empty field, types its own notes.
    with pytest.raises(StaleEdit) as refused:
        store.plans.save_answer_notes(question, "Research from day one.", based_on=[""])
    assert "another window" in str(refused.value)
    assert store.plans.questions(store.plans.plan_for(interview))[0].answer_notes == (
        "Support desk first."
    )
    # The first window goes on typing from what it saved (or from a text still in flight).
    store.plans.save_answer_notes(
        question, "Support desk first. Then QA.", based_on=["", "Support desk first."]
    )
    store.plans.save_interview_notes(interview, "Warm.", based_on=[""])
    with pytest.raises(StaleEdit):
        store.plans.save_interview_notes(interview, "Cold.", based_on=["", "Cool."])
    store.plans.save_interview_notes(
        interview, "Warm.", based_on=["Something else"]
    )  # same text: no loss
    assert store.plans.interview(interview).general_notes == "Warm."


def test_an_introduction_saved_elsewhere_is_not_saved_over(store, meeting):
    interview, *_ = meeting
    store.plans.save_introduction(
        interview, "Hello, I teach chemistry.", background="", based_on=""
    )
    with pytest.raises(StaleEdit) as refused:
        store.plans.save_introduction(interview, "Hi there.", background="Teacher", based_on="")
    assert "another window" in str(refused.value)
    plan_id = store.plans.interview(interview).plan_id
    assert store.plans.get(plan_id).introduction == "Hello, I teach chemistry."
    assert store.settings.all().get("me.background", "") == "", "a refused save changes nothing"
    store.plans.save_introduction(
        interview, "Hi there.", background="Teacher", based_on=" Hello, I teach chemistry. "
    )
    assert store.plans.get(plan_id).introduction == "Hi there."


def test_an_interview_is_marked_done_only_once_it_has_started(store, meeting):
    interview, contact, *_ = meeting
    before = datetime(2026, 12, 1, 15, 59, tzinfo=UTC)  # 15:59 in London, one minute early
    with pytest.raises(ValidationError) as refused:
        store.meetings.mark_done(interview, now=before)
    assert "mark it done once it has happened" in refused.value.errors["status"]
    store.meetings.mark_done(interview, now=datetime(2026, 12, 1, 16, 40, tzinfo=UTC))
    assert store.plans.interview(interview).status == "done"
    person = store.contacts.get(contact)
    assert person.stage == "interviewed"
    kinds = [(e.kind, e.stage_to) for e in store.contacts.history(contact)]
    assert ("meeting", None) in kinds and ("stage", "interviewed") in kinds
    with pytest.raises(ValidationError) as again:
        store.meetings.mark_done(interview, now=datetime(2026, 12, 2, tzinfo=UTC))
    assert again.value.errors == {"status": "This interview is already marked done."}


def test_someone_they_mentioned_becomes_a_referred_contact(store, meeting):
    interview, contact, goal, org = meeting
    new = store.plans.add_mentioned_contact(
        interview,
        name=" Daniel  Price ",
        role="Head of Research",
        organisation="northwind health",
        notes="Runs the guild",
        today=TODAY,
    )
    person = store.contacts.get(new)
    assert (person.name, person.referred_by_id, person.referred_by, person.circle) == (
        "Daniel Price",
        contact,
        "Priya Raman",
        "referral",
    )
    assert (person.organisation_id, person.goal_ids, person.warmth) == (org, [goal], "warm")
    assert store.plans.mentioned_in(interview) == [SuggestedContact(new, "Daniel Price")]
    other = store.plans.add_mentioned_contact(
        interview, name="Sam", organisation="Civic Lab", today=TODAY
    )
    assert (store.contacts.get(other).organisation_id, store.contacts.get(other).company) == (
        None,
        "Civic Lab",
    )


def test_a_mention_with_no_name_or_of_someone_known_is_refused(store, meeting):
    interview, *_ = meeting
    count = len(store.contacts.list())
    with pytest.raises(ValidationError) as nameless:
        store.plans.add_mentioned_contact(interview, name="  ", today=TODAY)
    assert nameless.value.errors == {"name": "Enter the person's name."}
    with pytest.raises(ValidationError) as known:
        store.plans.add_mentioned_contact(
            interview, name="priya raman", organisation="Northwind Health", today=TODAY
        )
    assert "already in your contacts" in known.value.errors["name"]
    assert len(store.contacts.list()) == count


# -- the overview and the sheet -----------------------------------------------------


def test_the_overview_lists_upcoming_meetings_first_with_their_plans_counted(store, meeting):
    interview, contact, *_ = meeting
    later = store.meetings.schedule(
        MeetingDraft(contact, date(2027, 1, 5), time(9), "UTC"),
        now=datetime(2026, 11, 22, tzinfo=UTC),
    )
    plan_id = store.plans.plan_for(later)
    store.plans.add_question(plan_id, "How did you start?", minutes=4)
    store.plans.add_question(plan_id, "Who else should I talk to?", minutes=2)
    store.plans.update_question(store.plans.questions(plan_id)[0].id, asked=True)
    overview = store.plans.overview()
    assert [i.interview_id for i in overview] == [interview, later]
    assert (overview[1].questions, overview[1].planned_minutes, overview[1].asked) == (2, 6, 1)
    assert overview[0].plan_id is None and overview[0].organisation == "Northwind Health"


def test_the_sheet_holds_the_plan_and_the_goal(store, meeting):
    interview, *_ = meeting
    store.plans.save_introduction(interview, "I teach chemistry.", background="")
    plan_id = store.plans.plan_for(interview)
    store.plans.add_question(plan_id, "How did you start?", must_ask=True)
    sheet = store.plans.sheet(interview)
    assert (sheet.contact_name, sheet.organisation, sheet.goal_title) == (
        "Priya Raman",
        "Northwind Health",
        "Explore research",
    )
    assert sheet.introduction == "I teach chemistry."
    assert [(q.text, q.must_ask) for q in sheet.questions] == [("How did you start?", True)]
    assert sheet.fit_questions[0] == "Could I succeed there?"
    with pytest.raises(NotFound):
        store.plans.sheet(999)


def test_a_refused_introduction_saves_neither_it_nor_my_background(store, meeting):
    interview, *_ = meeting
    with pytest.raises(ValidationError) as refused:
        store.plans.save_introduction(interview, "x" * 1501, background="I teach chemistry")
    assert set(refused.value.errors) == {"introduction"}
    assert "me.background" not in store.settings.all()
    assert store.plans.interview(interview).plan_id is None, "no empty plan left behind"
    store.plans.save_introduction(interview, " Hello. ", background=" I teach chemistry ")
    plan_id = store.plans.interview(interview).plan_id
    assert store.plans.get(plan_id).introduction == "Hello."
    assert store.settings.all()["me.background"] == "I teach chemistry"


def test_a_written_question_goes_to_the_plan_and_my_bank_together(store, meeting):
    interview, *_ = meeting
    assert store.plans.add_written_question(
        interview, "What would you automate first?", minutes=4, bank_category="role"
    )
    plan_id = store.plans.interview(interview).plan_id
    assert [(q.text, q.minutes) for q in store.plans.questions(plan_id)] == [
        ("What would you automate first?", 4)
    ]
    assert store.bank.entries()[-1].text == "What would you automate first?"
    shipped = store.bank.entries()[0].text
    assert not store.plans.add_written_question(
        interview, shipped, minutes=3, bank_category="advice"
    )
    with pytest.raises(ValidationError):
        store.plans.add_written_question(interview, shipped, minutes=3, bank_category="advice")
    assert len(store.bank.own()) == 1
    assert len(store.plans.questions(plan_id)) == 2


def test_a_question_is_reworded_with_the_plans_checks(store, plan):
    first = store.plans.add_question(plan, "How did you start?", minutes=4, must_ask=True)
    store.plans.add_question(plan, "What is a normal week like?")
    [question, _] = store.plans.questions(plan)
    store.plans.edit_question_text(first, " How did   you begin? ", expected_version=1)
    reworded = store.plans.questions(plan)[0]
    assert (reworded.text, reworded.minutes, reworded.must_ask) == ("How did you begin?", 4, True)
    for text, message in (("  ", "Write the question."), ("what is a normal week like", "already")):
        with pytest.raises(ValidationError, match=message):
            store.plans.edit_question_text(first, text, expected_version=reworded.version)
    with pytest.raises(StaleEdit):
        store.plans.edit_question_text(first, "Older?", expected_version=question.version)
    assert store.plans.questions(plan)[0].text == "How did you begin?"


def test_a_removed_question_is_put_back_where_it_was_as_it_was(store, plan):
    store.plans.add_question(plan, "How did you start?")
    middle = store.plans.add_question(plan, "What is a normal week like?", minutes=7, must_ask=True)
    store.plans.add_question(plan, "Who else should I talk to?")
    store.plans.update_question(middle, asked=True)
    store.plans.save_answer_notes(middle, "Long days.")
    removed = store.plans.remove_question(middle)
    assert removed.index == 1
    store.plans.restore_question(removed)
    back = store.plans.questions(plan)
    assert [q.text for q in back] == [
        "How did you start?",
        "What is a normal week like?",
        "Who else should I talk to?",
    ]
    assert (back[1].minutes, back[1].must_ask, back[1].asked, back[1].answer_notes) == (
        7,
        True,
        True,
        "Long days.",
    )
    with pytest.raises(ValidationError):
        store.plans.restore_question(removed)  # it is there again: not twice
