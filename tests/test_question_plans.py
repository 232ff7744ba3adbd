"""Question plans: fitting the time, ending with a referral, fit coverage, introductions."""

from __future__ import annotations

from datetime import datetime

from planner.question_plans import (
    PlanInterview,
    PlannedQuestion,
    PlanQuestion,
    added_sentence,
    draft_introduction,
    ends_with_referral,
    fit_coverage,
    question_name,
    referral_problem,
    timing,
    written_sentence,
)

ASKS = [
    PlannedQuestion("How did you get started?", 4, must_ask=True),
    PlannedQuestion("What does a normal week look like?", 3),
    PlannedQuestion("What do you enjoy most about the work?", 3),
    PlannedQuestion("Which skills matter most here?", 3, must_ask=True),
    PlannedQuestion("What would you read in my place?", 3),
    PlannedQuestion("Who else would you suggest I talk to?", 2, must_ask=True),
]


def test_a_plan_within_the_meeting_fits():
    fitted = timing(ASKS, 30)
    assert (fitted.planned_minutes, fitted.fits, fitted.drop_first) == (20, True, [])


def test_an_over_long_plan_drops_the_lowest_optional_questions_first():
    tight = timing(ASKS, 15)
    assert tight.over_by == 5
    assert tight.drop_first == [4, 2]  # the last optional ones, never a must-ask while others go


def test_must_ask_questions_go_last_when_nothing_else_is_left():
    only_musts = [q for q in ASKS if q.must_ask]
    assert timing(only_musts, 8).drop_first == [2, 1]  # from the end of the order


def test_the_referral_question_must_be_near_the_end():
    assert ends_with_referral(ASKS)
    assert not ends_with_referral([ASKS[-1], *ASKS[:-1]])
    assert ends_with_referral([PlannedQuestion("Is there anyone else you'd suggest I speak with?")])


def test_fit_coverage_shows_what_the_goal_cares_about():
    covered = fit_coverage(ASKS, ["succeed", "want", "future"])
    assert covered == {"succeed": True, "want": True, "future": False}


def test_the_introduction_is_three_short_sentences():
    text = draft_introduction(
        my_background="I teach chemistry and I am exploring user research",
        their_name="Priya Raman",
        why_them="Anjali said you moved into research from a different field",
        hope_to_learn="what the first year in research is like",
        minutes=20,
    )
    assert text.startswith("Thank you for making time, Priya.")
    assert "In the next 20 minutes I hope to learn what the first year" in text


def test_the_drafted_introduction_uses_the_goal_and_the_contact():
    from datetime import datetime

    from planner.goals import Goal
    from planner.question_plans import introduction_for

    stamp = datetime(2026, 11, 1)
    goal = Goal(
        1,
        "Explore UX",
        "explore",
        "UX research",
        [],
        [],
        ["What a normal week looks like"],
        [],
        4,
        None,
        "active",
        stamp,
        stamp,
        1,
        0,
    )
    cold = introduction_for(
        background="I teach chemistry",
        contact_name="Sofia Álvarez",
        contact_role="User Researcher",
        organisation="Civic Data Lab",
        referred_by="",
        goal=goal,
        minutes=45,
    )
    assert cold == (
        "Thank you for making time, Sofia. I teach chemistry. I asked you because you work as "
        "User Researcher at Civic Data Lab, which is the work I am exploring. In the next 45 "
        "minutes I hope to learn what a normal week looks like."
    )
    warm = introduction_for(
        background="",
        contact_name="",
        contact_role="",
        organisation="",
        referred_by="Anjali",
        goal=None,
        minutes=20,
    )
    assert warm == (
        "Thank you for making time. I asked you because Anjali suggested I talk to you. "
        "In the next 20 minutes I hope to learn how your work really goes, day to day."
    )


# -- what the plan says about itself --------------------------------------------------------


def planned(*texts: str) -> list[PlanQuestion]:
    return [PlanQuestion(n, t, 3, False, False, "", "", None, 1) for n, t in enumerate(texts, 1)]


def meeting(**changes) -> PlanInterview:
    values = dict(
        interview_id=7, contact_id=3, contact_name="Priya Raman", contact_role="Researcher",
        organisation_id=None, organisation="Northwind", goal_id=None, goal_title="",
        starts_at=datetime(2030, 1, 15, 16), time_zone="UTC", duration_minutes=30,
        format="video", location="", status="scheduled", general_notes="", plan_id=None,
        questions=0, planned_minutes=0, asked=0, version=1,
    )  # fmt: skip
    return PlanInterview(**{**values, **changes})


def test_the_time_a_plan_takes_is_said_with_what_to_drop():
    fitted = timing(ASKS, 30)
    assert fitted.summary() == "20 of 30 minutes planned (2 for introductions and thanks)"
    assert fitted.share == 20 / 30 and fitted.overrun() is None
    tight = timing(ASKS, 15)
    assert tight.share == 1.0
    assert tight.overrun() == (
        "The plan runs 5 minutes over the 15-minute meeting. Drop these first: questions 5, 3."
    )
    assert timing(ASKS[:1], 5).overrun() == (
        "The plan runs 1 minutes over the 5-minute meeting. Drop these first: question 1."
    )


def test_the_referral_question_is_missing_or_asked_too_early():
    assert referral_problem([]) == ("missing", None)
    assert referral_problem(planned("How did you start?")) == ("missing", None)
    early = planned("Who else should I talk to?", "A?", "B?", "C?")
    assert referral_problem(early) == ("too_early", 1)
    assert referral_problem(planned("A?", "Who else should I talk to?")) is None


def test_what_adding_questions_says():
    assert added_sentence(1) == "Added 1 question to the plan."
    assert added_sentence(3) == "Added 3 questions to the plan."
    assert written_sentence(keep=False, banked=False, warned=False) == "Added to the plan."
    assert written_sentence(keep=True, banked=True, warned=False) == (
        "Added to the plan and to your bank."
    )
    assert written_sentence(keep=True, banked=False, warned=True) == (
        "Added to the plan (your bank already had it). Look at the warning under it."
    )


def test_a_meeting_is_named_in_the_menu_and_above_the_plan():
    item = meeting(goal_title="Explore **research**")
    assert item.menu_label() == "Priya Raman (Northwind), Tue 15 Jan 2030 16:00 · Scheduled"
    line = item.summary()
    assert line.startswith("**Priya Raman**, Researcher, Northwind · Tuesday 15 January 2030")
    assert "30 minutes, video" in line and "\\*\\*research" in line.replace(":color[]", "")
    gone = meeting(contact_name="", contact_role="", organisation="")
    assert gone.summary().startswith("**A deleted contact** · ")
    assert "with Priya Raman done" in item.done_sentence()
    assert "with your contact done" in gone.done_sentence()


def test_a_long_question_is_named_short_and_cut_at_a_word():
    assert question_name("How did you start?") == "“How did you start?”"
    long = "What surprised you most when you moved into research from teaching?"
    assert question_name(long) == "“What surprised you most when you moved…”"
