"""Question plans: fitting the time, ending with a referral, fit coverage, introductions."""

from __future__ import annotations

from planner.question_plans import (
    PlannedQuestion,
    draft_introduction,
    ends_with_referral,
    fit_coverage,
    timing,
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
