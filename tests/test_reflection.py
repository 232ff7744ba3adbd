"""The rules a reflection and an action item keep, before anything is saved."""

from __future__ import annotations

from datetime import date

import pytest

from planner.reflection import (
    ITEM_MAX,
    ITEMS_MAX,
    PROMPT_MAX,
    PROMPTS,
    WHY_MAX,
    ActionDraft,
    FitEvidence,
    FitRating,
    ReflectionDraft,
    SkillHeard,
    gap_action_title,
    gaps_to_offer,
    validate_action,
    validate_reflection,
)


def errors_for(**fields) -> dict[str, str]:
    """The errors for a draft with one prompt answered plus ``fields``, once normalised."""
    draft = ReflectionDraft(**{"advice": "Start small", **fields})
    return validate_reflection(draft.normalised())


# -- the prompts ---------------------------------------------------------------------------


def test_a_reflection_needs_at_least_one_prompt_answered():
    blank = ReflectionDraft(themes=["Data ethics"], takeaways=["Use the guild"])
    assert set(validate_reflection(blank.normalised())) == {"prompts"}
    spaces = ReflectionDraft(**{key: "  \n " for key in PROMPTS})
    assert set(validate_reflection(spaces.normalised())) == {"prompts"}


@pytest.mark.parametrize("prompt", list(PROMPTS))
def test_any_one_prompt_is_enough(prompt):
    draft = ReflectionDraft(**{prompt: " What I remember "}).normalised()
    assert getattr(draft, prompt) == "What I remember"
    assert validate_reflection(draft) == {}


@pytest.mark.parametrize("prompt", list(PROMPTS))
def test_each_prompt_has_its_own_length_limit(prompt):
    assert errors_for(**{prompt: "x" * PROMPT_MAX}) == {}
    too_long = errors_for(**{prompt: "x" * (PROMPT_MAX + 1)})
    assert set(too_long) == {prompt}
    assert "4,000 characters" in too_long[prompt]


def test_a_prompt_keeps_its_line_breaks_but_not_control_characters():
    assert errors_for(learned_field="Line one\nLine two") == {}
    assert set(errors_for(learned_field="bad \x00 byte")) == {"learned_field"}


def test_interest_change_is_up_same_or_down():
    for change in ("up", "same", "down"):
        assert errors_for(interest_change=change) == {}
    assert set(errors_for(interest_change="sideways")) == {"interest_change"}


# -- fit ratings ---------------------------------------------------------------------------


@pytest.mark.parametrize("rating", [1, 2, 3, 4, 5])
def test_ratings_from_one_to_five_are_kept(rating):
    assert errors_for(fit_ratings=[FitRating("succeed", rating)]) == {}


@pytest.mark.parametrize("rating", [0, 6, -1, 10])
def test_a_rating_outside_one_to_five_is_refused(rating):
    errors = errors_for(fit_ratings=[FitRating("want", rating)])
    assert errors == {"fit_want": "Rate it from 1 to 5, or clear the sentence."}


def test_a_fit_question_rated_twice_is_refused():
    errors = errors_for(fit_ratings=[FitRating("fit", 4), FitRating("fit", 2)])
    assert errors == {"fit_ratings": "Rate each fit question once."}


def test_an_unknown_fit_question_is_refused():
    errors = errors_for(fit_ratings=[FitRating("salary", 4)])
    assert errors == {"fit_ratings": "Rate each fit question once."}


def test_every_fit_question_may_be_rated_once_with_a_reason():
    ratings = [FitRating(key, 3, f"  because {key}  ") for key in ("succeed", "fit", "want")]
    draft = ReflectionDraft(advice="x", fit_ratings=ratings).normalised()
    assert [r.why for r in draft.fit_ratings] == ["because succeed", "because fit", "because want"]
    assert validate_reflection(draft) == {}


def test_the_reason_for_a_rating_is_one_short_line():
    assert errors_for(fit_ratings=[FitRating("future", 4, "x" * WHY_MAX)]) == {}
    assert set(errors_for(fit_ratings=[FitRating("future", 4, "x" * (WHY_MAX + 1))])) == {
        "fit_future"
    }
    assert errors_for(fit_ratings=[FitRating("future", 4, "one\ntwo")]) == {
        "fit_future": "Keep it on one line."
    }


# -- skills, themes, takeaways ----------------------------------------------------------------


def test_a_skill_is_one_i_have_or_a_gap():
    assert errors_for(skills=[SkillHeard("SQL", "have"), SkillHeard("Figma", "gap")]) == {}
    errors = errors_for(skills=[SkillHeard("Statistics", "maybe")])
    assert errors == {"skills": "Mark 'Statistics' as one you have or a gap."}


def test_repeated_skills_are_folded_and_the_last_word_wins():
    draft = ReflectionDraft(
        advice="x",
        skills=[
            SkillHeard(" Data  modelling ", "gap"),
            SkillHeard("SQL", "have"),
            SkillHeard("data MODELLING", "have"),
            SkillHeard("   ", "gap"),
        ],
    ).normalised()
    assert draft.skills == [SkillHeard("data MODELLING", "have"), SkillHeard("SQL", "have")]


def test_repeated_themes_are_folded_case_insensitively_keeping_the_first():
    draft = ReflectionDraft(
        advice="x", themes=["Data ethics", "  data   ETHICS ", "", "Ops", "ops"]
    ).normalised()
    assert draft.themes == ["Data ethics", "Ops"]


def test_empty_takeaways_are_dropped_and_the_rest_kept_in_order():
    draft = ReflectionDraft(
        advice="x", takeaways=["", "  Ask about the guild ", "   ", "Read the handbook"]
    ).normalised()
    assert draft.takeaways == ["Ask about the guild", "Read the handbook"]


def test_themes_and_takeaways_have_limits():
    assert errors_for(themes=[f"Theme {n}" for n in range(ITEMS_MAX)]) == {}
    assert set(errors_for(themes=[f"Theme {n}" for n in range(ITEMS_MAX + 1)])) == {"themes"}
    assert set(errors_for(takeaways=[f"Point {n}" for n in range(ITEMS_MAX + 1)])) == {"takeaways"}
    assert set(errors_for(takeaways=["x" * (ITEM_MAX + 1)])) == {"takeaways"}
    folded = ReflectionDraft(advice="x", themes=["one\ntwo"]).normalised()
    assert folded.themes == ["one two"], "a theme typed over two lines becomes one line"
    assert errors_for(takeaways=["one\ntwo"]) == {}, "a takeaway may run over lines"


def test_too_many_skills_or_a_long_skill_is_refused():
    many = [SkillHeard(f"Skill {n}", "gap") for n in range(ITEMS_MAX + 1)]
    assert set(errors_for(skills=many)) == {"skills"}
    assert set(errors_for(skills=[SkillHeard("x" * (ITEM_MAX + 1), "gap")])) == {"skills"}


# -- assumptions ------------------------------------------------------------------------------


def test_an_assumption_is_confirmed_or_refuted_or_left_alone():
    assert errors_for(assumption_verdicts={1: "confirmed", 2: "refuted"}) == {}
    draft = ReflectionDraft(advice="x", assumption_verdicts={1: "", 2: "refuted"}).normalised()
    assert draft.assumption_verdicts == {2: "refuted"}
    errors = errors_for(assumption_verdicts={1: "maybe"})
    assert errors == {"assumptions": "Mark each assumption confirmed or refuted, or leave it."}


def test_several_problems_are_reported_together():
    draft = ReflectionDraft(
        interest_change="?",
        fit_ratings=[FitRating("succeed", 9)],
        skills=[SkillHeard("SQL", "?")],
        assumption_verdicts={1: "true"},
    )
    assert set(validate_reflection(draft.normalised())) == {
        "prompts",
        "interest_change",
        "fit_succeed",
        "skills",
        "assumptions",
    }


# -- action items -----------------------------------------------------------------------------


def test_an_action_needs_a_title():
    assert validate_action(ActionDraft(title="Read the handbook")) == {}
    assert validate_action(ActionDraft(title="  \n ")) == {"title": "Say what you will do."}


def test_an_action_title_is_one_line_of_up_to_two_hundred_characters():
    assert validate_action(ActionDraft(title="x" * 200)) == {}
    assert set(validate_action(ActionDraft(title="x" * 201))) == {"title"}
    assert validate_action(ActionDraft(title="  spread \n over   lines ")) == {}


def test_an_action_kind_comes_from_the_list():
    for kind in ("learn_skill", "read_or_join", "contact", "update_materials", "other"):
        assert (
            validate_action(ActionDraft(title="Do it", kind=kind, due_on=date(2026, 12, 1))) == {}
        )
    assert validate_action(ActionDraft(title="Do it", kind="chore")) == {
        "kind": "Choose a kind from the list."
    }


def test_a_skill_gap_offers_an_action_title():
    assert gap_action_title("  Data   modelling ") == "Build up: Data modelling"
    assert gap_action_title("統計") == "Build up: 統計"


def test_each_gap_heard_is_offered_until_its_action_is_planned():
    heard = ReflectionDraft(
        skills=[
            SkillHeard("Figma", "gap"),
            SkillHeard("Interviewing", "have"),
            SkillHeard("SQL", "gap"),
        ]
    )
    assert gaps_to_offer(heard, []) == ["Figma", "SQL"]
    assert gaps_to_offer(heard, ["build up: FIGMA", "Read a book"]) == ["SQL"], "case aside"
    assert gaps_to_offer(heard, ["Build up: Figma", "Build up: SQL"]) == []
    assert gaps_to_offer(ReflectionDraft(), ["Build up: Figma"]) == []
    assert gaps_to_offer(heard, ["Take an  sql course"]) == ["Figma"], "reworded, still named"


# -- fit evidence -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("average", "leaning"),
    [
        (5.0, "leaning yes"),
        (3.5, "leaning yes"),
        (3.49, "mixed"),
        (3.0, "mixed"),
        (2.51, "mixed"),
        (2.5, "leaning no"),
        (1.0, "leaning no"),
    ],
)
def test_the_evidence_leans_yes_no_or_mixed(average, leaning):
    assert FitEvidence("succeed", average, 2, []).leaning == leaning


def test_the_evidence_is_labelled_with_the_question():
    assert FitEvidence("want", 4.0, 1, []).label == "Do I want to do this?"
    assert FitEvidence("retired", 4.0, 1, []).label == "retired"
