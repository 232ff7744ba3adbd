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
