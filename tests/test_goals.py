"""The rules a goal must keep, checked without any database or Streamlit."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from planner.goals import (
    FIELD_MAX,
    LIST_ITEM_MAX,
    LIST_MAX_ITEMS,
    TITLE_MAX,
    Goal,
    GoalDraft,
    assumption_removal_warning,
    assumption_tally,
    deletion_warning,
    parse_list,
    progress,
    status_changes,
    target_date_text,
    validate_goal,
)
from tests.conftest import TODAY


def errors_for(**changes) -> dict[str, str]:
    draft = GoalDraft(title="Is UX research for me?", **changes).normalised()
    return validate_goal(draft, today=TODAY)


def test_a_plain_goal_is_valid():
    assert errors_for() == {}


def test_the_defaults_are_four_interviews_and_all_four_fit_questions():
    draft = GoalDraft()
    assert draft.target_interviews == 4
    assert draft.fit_questions == ["succeed", "fit", "want", "future"]


@pytest.mark.parametrize("title", ["", "   ", "\n\t"])
def test_an_empty_title_is_refused(title):
    errors = validate_goal(GoalDraft(title=title).normalised(), today=TODAY)
    assert "Give the goal a title" in errors["title"]


def test_a_title_over_the_limit_is_refused_not_cut():
    long_title = "x" * (TITLE_MAX + 1)
    errors = validate_goal(GoalDraft(title=long_title).normalised(), today=TODAY)
    assert f"{TITLE_MAX}" in errors["title"]
    assert validate_goal(GoalDraft(title="x" * TITLE_MAX).normalised(), today=TODAY) == {}


def test_over_long_field_and_list_entries_are_refused():
    assert "Keep it to" in errors_for(field="f" * (FIELD_MAX + 1))["field"]
    errors = errors_for(learning_aims=["fine", "a" * (LIST_ITEM_MAX + 1)])
    assert errors["learning_aims"].startswith("Line 2:")
    errors = errors_for(target_roles=[f"role {i}" for i in range(LIST_MAX_ITEMS + 1)])
    assert f"{LIST_MAX_ITEMS} entries" in errors["target_roles"]


@pytest.mark.parametrize("target", [0, -3, 21, 100])
def test_a_target_out_of_range_is_refused(target):
    assert "between 1 and 20" in errors_for(target_interviews=target)["target_interviews"]


@pytest.mark.parametrize("target", [1, 3, 5, 20])
def test_targets_in_range_are_accepted(target):
    assert errors_for(target_interviews=target) == {}


def test_a_missing_target_is_refused():
    assert "how many" in errors_for(target_interviews=None)["target_interviews"]


def test_a_past_target_date_is_refused_today_and_later_are_not():
    assert "in the past" in errors_for(target_date=TODAY - timedelta(days=1))["target_date"]
    assert errors_for(target_date=TODAY) == {}
    assert errors_for(target_date=TODAY + timedelta(days=60)) == {}
    assert errors_for(target_date=None) == {}


def test_editing_may_keep_a_target_date_that_has_since_passed():
    passed = TODAY - timedelta(days=10)
    draft = GoalDraft(title="Old goal", target_date=passed).normalised()
    assert validate_goal(draft, today=TODAY, original_target_date=passed) == {}
    other = TODAY - timedelta(days=3)
    draft = GoalDraft(title="Old goal", target_date=other).normalised()
    assert "target_date" in validate_goal(draft, today=TODAY, original_target_date=passed)


@pytest.mark.parametrize("typed", ["Is UX research for me?", "  is ux RESEARCH   for me?  "])
def test_a_duplicate_open_title_is_refused_ignoring_case_and_spacing(typed):
    draft = GoalDraft(title=typed).normalised()
    errors = validate_goal(draft, today=TODAY, open_titles=["Is UX research for me?"])
    assert "already have" in errors["title"]


def test_an_unknown_kind_or_fit_question_is_refused():
    assert "kind" in errors_for(kind="get rich")
    draft = GoalDraft(title="t", fit_questions=["succeed"])
    draft.fit_questions.append("salary")
    assert "fit_questions" in validate_goal(draft, today=TODAY)


def test_normalising_drops_blank_lines_and_orders_fit_questions():
    draft = GoalDraft(
        title="  Title  ",
        target_roles=["", "  Analyst ", "   "],
        fit_questions=["future", "succeed"],
    ).normalised()
    assert draft.title == "Title"
    assert draft.target_roles == ["Analyst"]
    assert draft.fit_questions == ["succeed", "future"]


def test_control_characters_are_refused_with_a_message():
    errors = errors_for(field="bad\x00byte")
    assert "control characters" in errors["field"]


def test_roles_are_read_per_line_and_comma_but_a_learning_aim_keeps_its_commas():
    typed = "UX researcher, Service designer\n\n  Data analyst \r\n"
    assert parse_list("target_roles", typed) == [
        "UX researcher",
        "Service designer",
        "Data analyst",
    ]
    aims = "What a week looks like, and who they work with\nHow they got in"
    assert parse_list("learning_aims", aims) == [
        "What a week looks like, and who they work with",
        "How they got in",
    ]


def _goal(done: int, target: int) -> Goal:
    stamp = date(2026, 1, 1)
    return Goal(
        1, "t", "explore", "", [], [], [], [], target, None, "active", stamp, stamp, 1, done
    )


def test_progress_counts_interviews_done_against_the_target():
    assert progress(_goal(0, 4)).describe() == "0 of 4 interviews done"
    assert progress(_goal(2, 4)).fraction == 0.5
    assert progress(_goal(5, 4)).fraction == 1.0
    assert progress(_goal(4, 4)).describe().endswith("target reached")
    assert progress(_goal(0, 1)).describe() == "0 of 1 interview done"


@pytest.mark.parametrize(
    ("due", "status", "shown"),
    [
        (None, "active", "No target date"),
        (10, "active", "By 2026-12-02 (10 days left)"),
        (1, "active", "By 2026-11-23 (1 day left)"),
        (0, "active", "By 2026-11-22 (today)"),
        (-1, "paused", "Target date 2026-11-21 has passed"),
        (-1, "achieved", "Target date 2026-11-21"),
    ],
)
def test_the_target_date_reads_as_time_left(due, status, shown):
    goal = Goal(
        id=1,
        title="t",
        kind="explore",
        field="",
        target_roles=[],
        target_organisations=[],
        learning_aims=[],
        fit_questions=[],
        target_interviews=4,
        target_date=None if due is None else TODAY + timedelta(days=due),
        status=status,
        created_at=None,
        updated_at=None,
        version=1,
    )
    assert target_date_text(goal, TODAY) == shown


def test_a_target_date_years_away_is_refused_as_a_likely_typo():
    far = GoalDraft(title="Explore", target_date=date(2036, 1, 1)).normalised()
    errors = validate_goal(far, today=date(2026, 11, 24), open_titles=[])
    assert errors["target_date"].startswith("Check the year: 2036-01-01")
    near = GoalDraft(title="Explore", target_date=date(2027, 6, 1)).normalised()
    assert validate_goal(near, today=date(2026, 11, 24), open_titles=[]) == {}


def test_an_assumption_tally_says_how_conversations_judged_it():
    assert assumption_tally(0, 0) == "Not tested in a conversation yet."
    assert assumption_tally(1, 0) == "Confirmed by 1, refuted by 0 conversation."
    assert assumption_tally(2, 1) == "Confirmed by 2, refuted by 1 conversations."


def test_removing_a_tested_assumption_warns_that_its_checks_go_too():
    assert assumption_removal_warning("X", tested=False) == "Remove the assumption 'X'?"
    tested = assumption_removal_warning("X", tested=True)
    assert tested.startswith("Remove the assumption 'X'? ") and "reflections" in tested


def test_the_deletion_warning_counts_only_what_is_linked():
    none = deletion_warning("Explore", {"contacts": 0, "interviews": 0})
    assert none.startswith("Delete the goal 'Explore'? ") and "Linked now" not in none
    some = deletion_warning("Explore", {"contacts": 2, "interviews": 0, "assumptions": 1})
    assert some.endswith(" Linked now: 2 contacts, 1 assumptions.")


def test_each_status_offers_its_moves():
    names = {status: [c.name for c in status_changes(status)] for status in ("active", "paused")}
    assert names == {"active": ["pause", "achieve"], "paused": ["resume", "achieve"]}
    assert [c.name for c in status_changes("achieved")] == ["reopen"]
    [reopen] = status_changes("achieved")
    assert (reopen.status, reopen.said("A")) == ("active", "Reopened 'A'.")
