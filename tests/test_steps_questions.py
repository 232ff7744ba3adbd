"""The Questions step without Streamlit: what its three tabs load, and each command, whole
or not at all."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from planner.contacts import ContactDraft
from planner.errors import NotFound, StaleEdit, ValidationError
from planner.goals import GoalDraft
from planner.meetings import MeetingDraft
from planner.question_bank import shipped_bank
from planner.questions import QuestionDraft
from planner.steps import interview_day, question_bank, questions
from planner.store.records import SuggestedContact

from .conftest import TODAY

LATER = datetime(2031, 1, 1, tzinfo=UTC)


def meeting(store, *, on=date(2030, 1, 15), minutes=20, goal=True, name="Priya Raman") -> int:
    title = f"Explore research with {name}"
    goals = [store.goals.add(GoalDraft(title=title), today=TODAY)] if goal else []
    contact = store.contacts.add(ContactDraft(name=name, goal_ids=goals), today=TODAY)
    return store.meetings.schedule(
        MeetingDraft(contact, on, time(16), "UTC", duration_minutes=minutes,
                     goal_id=goals[0] if goals else None),
        now=datetime.combine(on, time(), UTC) - timedelta(days=30),  # booked a month ahead
    )  # fmt: skip


def texts(store, interview) -> list[str]:
    return [q.text for q in questions.load_plan(store, interview_id=interview).questions]


# -- the meetings and the plan --------------------------------------------------------------


def test_an_empty_planner_has_no_meeting_to_plan(store):
    assert questions.load(store).meetings == {}
    assert questions.load(store).labels == {}


def test_meetings_are_listed_upcoming_first_with_their_label(store):
    later = meeting(store, on=date(2030, 2, 1), name="Daniel Price")
    sooner = meeting(store)
    view = questions.load(store)
    assert list(view.meetings) == [sooner, later]
    assert view.labels[sooner].startswith("Priya Raman, ")
    assert view.labels[sooner].endswith(" · Scheduled")


def test_a_new_plan_is_empty_and_asks_for_the_referral_question(store):
    interview = meeting(store)
    plan = questions.load_plan(store, interview_id=interview)
    assert (plan.plan, plan.questions, plan.introduction) == (None, [], "")
    assert plan.minutes_per_question == 3
    assert plan.timing.summary() == "2 of 20 minutes planned (2 for introductions and thanks)"
    assert plan.referral == "missing" and plan.referral_to_move is None
    assert plan.referral_suggestion is not None and plan.referral_suggestion.text.startswith("Who")
    assert [f.question for f in plan.coverage] and not any(f.covered for f in plan.coverage)
    assert len(plan.offered(None)) == len(shipped_bank())
    assert plan.drafted_introduction("I teach chemistry").startswith(
        "Thank you for making time, Priya. I teach chemistry."
    )
    assert plan.sheet.contact_name == "Priya Raman"


def test_a_meeting_without_a_goal_has_no_fit_coverage(store):
    plan = questions.load_plan(store, interview_id=meeting(store, goal=False))
    assert plan.coverage is None and plan.goal is None


def test_a_deleted_meeting_is_not_found(store):
    with pytest.raises(NotFound):
        questions.load_plan(store, interview_id=999)


def test_a_filled_plan_shows_time_warnings_and_what_is_left_in_the_bank(store):
    interview = meeting(store, minutes=10)
    bank = shipped_bank()
    questions.add_from_bank(store, interview, store.bank.entries()[:2])
    done = questions.add_written_question(
        store, interview, "What is the salary?", minutes=5, bank_category="career_path"
    )
    assert (done.kind, done.message) == (
        "warning", "Added to the plan and to your bank. Look at the warning under it."
    )  # fmt: skip
    plan = questions.load_plan(store, interview_id=interview)
    assert [q.text for q in plan.questions] == [bank[0].text, bank[1].text, "What is the salary?"]
    assert plan.timing.overrun() is not None and plan.drop_first(2)
    salary = plan.questions[2]
    assert [w.rule for w in plan.warnings[salary.id]] == ["pay"]
    assert [w.rule for w in plan.lint("Are you hiring?")] != []
    assert bank[0].text not in [e.text for e in plan.offered(None)]


def test_an_early_referral_question_is_offered_to_move_to_the_end(store):
    interview = meeting(store, minutes=60)
    for text in ("Who else should I talk to?", "A?", "B?", "C?"):
        questions.add_written_question(store, interview, text, minutes=3)
    plan = questions.load_plan(store, interview_id=interview)
    assert plan.referral == "too_early" and plan.referral_suggestion is None
    questions.move_question(store, plan.referral_to_move, len(plan.questions))
    assert texts(store, interview)[-1] == "Who else should I talk to?"
    assert questions.load_plan(store, interview_id=interview).referral is None


def test_the_referral_question_is_added_as_a_must_ask(store):
    interview = meeting(store)
    suggestion = questions.load_plan(store, interview_id=interview).referral_suggestion
    questions.add_referral_question(store, interview, suggestion)
    [question] = questions.load_plan(store, interview_id=interview).questions
    assert (question.text, question.must_ask) == (suggestion.text, True)


def test_changing_moving_and_removing_planned_questions(store):
    interview = meeting(store)
    for text in ("How did you start?", "What is a normal week like?"):
        questions.add_written_question(store, interview, text, minutes=3)
    first, second = questions.load_plan(store, interview_id=interview).questions
    questions.set_minutes(store, first.id, 7)
    questions.set_must_ask(store, first.id, True)
    questions.move_question(store, first.id, +1)
    plan = questions.load_plan(store, interview_id=interview)
    assert [(q.id, q.minutes, q.must_ask) for q in plan.questions] == [
        (second.id, 3, False), (first.id, 7, True),
    ]  # fmt: skip
    with pytest.raises(ValidationError):
        questions.set_minutes(store, first.id, 99)
    questions.remove_question(store, first.id)
    with pytest.raises(NotFound):
        questions.remove_question(store, first.id)
    assert texts(store, interview) == ["What is a normal week like?"]


def test_the_introduction_is_saved_and_another_windows_is_not_overwritten(store):
    interview = meeting(store)
    questions.save_introduction(store, interview, "Hello.", background="I teach.", based_on="")
    plan = questions.load_plan(store, interview_id=interview)
    assert (plan.introduction, plan.background) == ("Hello.", "I teach.")
    assert not plan.saved_elsewhere("Hello.", "Hi there.")
    assert plan.saved_elsewhere("", "Hi there."), "this box started before 'Hello.' was saved"
    with pytest.raises(ValidationError) as refused:
        questions.save_introduction(store, interview, "Mine.", background="", based_on="")
    assert "another window" in refused.value.errors["introduction"]
    assert isinstance(refused.value.__cause__, StaleEdit)
    assert questions.load_plan(store, interview_id=interview).introduction == "Hello."


def test_the_minutes_setting_makes_the_plan_and_reaches_new_questions(store):
    interview = meeting(store)
    questions.save_minutes_per_question(store, interview, 6)
    assert questions.load_plan(store, interview_id=interview).minutes_per_question == 6


# -- all or nothing ----------------------------------------------------------------------------


def failing(*args, **kwargs):
    raise ValidationError({"text": "Refused on purpose."})


@pytest.mark.parametrize(
    ("command", "second_write"),
    [
        (lambda s, i: questions.add_from_bank(s, i, s.bank.entries()[:2]), "add_questions"),
        (lambda s, i: questions.add_referral_question(s, i, s.bank.entries()[0]), "add_question"),
        (lambda s, i: questions.save_minutes_per_question(s, i, 6), "save_settings"),
    ],
    ids=["from the bank", "referral question", "minutes"],
)  # fmt: skip
def test_a_command_that_fails_halfway_makes_no_plan(store, monkeypatch, command, second_write):
    interview = meeting(store)
    monkeypatch.setattr(store.plans, second_write, failing)
    with pytest.raises(ValidationError):
        command(store, interview)
    assert store.plans.interview(interview).plan_id is None, "the plan made first is undone"


# -- the interview day ------------------------------------------------------------------------


def test_the_day_view_of_a_new_meeting(store):
    interview = meeting(store)
    day = interview_day.load(store, interview_id=interview)
    assert (day.introduction, day.questions, day.suggested, day.done) == ("", [], [], False)
    with pytest.raises(NotFound):
        interview_day.load(store, interview_id=999)


def test_notes_ticks_and_people_suggested_on_the_day(store):
    interview = meeting(store, on=date(2024, 3, 1))
    questions.add_written_question(store, interview, "How did you start?", minutes=3)
    [question] = interview_day.load(store, interview_id=interview).questions
    interview_day.set_asked(store, question.id, True)
    interview_day.save_answer_notes(store, question.id, "Support desk first.", [""])
    interview_day.save_interview_notes(store, interview, "Warm.", [""])
    with pytest.raises(StaleEdit):
        interview_day.save_interview_notes(store, interview, "Mine.", ["Something else."])
    new = interview_day.add_mentioned_contact(
        store, interview, name="Daniel Price", organisation="Northwind", today=TODAY
    )
    day = interview_day.load(store, interview_id=interview)
    [saved] = day.questions
    assert (saved.asked, saved.answer_notes, day.meeting.general_notes) == (
        True, "Support desk first.", "Warm.",
    )  # fmt: skip
    assert day.suggested == [SuggestedContact(new, "Daniel Price")]
    assert interview_day.people_suggested(store, interview) == day.suggested
    with pytest.raises(ValidationError):
        interview_day.add_mentioned_contact(store, interview, name=" ", today=TODAY)
    interview_day.mark_done(store, interview, now=LATER)
    assert interview_day.load(store, interview_id=interview).done


def test_a_meeting_still_to_come_cannot_be_marked_done(store):
    interview = meeting(store, on=date(2030, 1, 15))
    with pytest.raises(ValidationError):
        interview_day.mark_done(store, interview, now=datetime(2026, 1, 1, tzinfo=UTC))
    assert not interview_day.load(store, interview_id=interview).done


# -- the bank ---------------------------------------------------------------------------------


def test_the_bank_is_loaded_whole_or_filtered(store):
    whole = question_bank.load(store)
    assert len(whole.listed) == whole.total == len(shipped_bank())
    assert (
        whole.caption()
        == f"{whole.total:,} of {whole.total:,} questions. Select one to edit or retire it."
    )
    advice = question_bank.load(store, category="advice")
    assert advice.listed and {e.category for e in advice.listed} == {"advice"}
    assert question_bank.load(store, search="zzzz-nothing").listed == []


def test_editing_retiring_and_adding_bank_questions(store):
    first = question_bank.load(store).listed[0]
    question_bank.edit_question(
        store, first.ref, QuestionDraft("How did you first find this work?", first.category),
        expected_version=first.version,
    )  # fmt: skip
    with pytest.raises(StaleEdit):
        question_bank.edit_question(
            store, first.ref, QuestionDraft("Another wording?", first.category),
            expected_version=first.version,
        )  # fmt: skip
    question_bank.set_retired(store, first.ref, True)
    assert first.ref not in [e.ref for e in question_bank.load(store).listed]
    retired = question_bank.load(store, include_retired=True).listed[0]
    assert (retired.text, retired.retired) == ("How did you first find this work?", True)
    done = question_bank.add_question(store, QuestionDraft("What do you wish you had known?"))
    assert (done.message, done.kind) == ("Added to your bank.", "success")
    warned = question_bank.add_question(store, QuestionDraft("Is the pay good?"))
    assert warned.kind == "warning" and warned.message.startswith("Added to your bank. Note: ")
    with pytest.raises(ValidationError):
        question_bank.add_question(store, QuestionDraft("   "))
    assert [w.rule for w in question_bank.warnings("Are you hiring?")]
