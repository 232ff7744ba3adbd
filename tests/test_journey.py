"""The Home page's logic: each step's state and the next best actions, on fixed dates."""

from __future__ import annotations

from datetime import datetime, timedelta

from planner import journey
from planner.goals import Goal
from planner.paths import REPO_ROOT

from .conftest import TODAY

EMPTY_COUNTS = {
    "goals": 0,
    "goals_active": 0,
    "goals_paused": 0,
    "goals_achieved": 0,
    "research_notes": 0,
    "organisations": 0,
    "contacts": 0,
    "interviews_scheduled": 0,
    "interviews_done": 0,
    "question_plans": 0,
    "reflections": 0,
}


def goal(title="Explore UX research", *, status="active", target=4, done=0, due=None) -> Goal:
    stamp = datetime(2026, 11, 1, 9, 0)
    return Goal(
        id=1,
        title=title,
        kind="explore",
        field="",
        target_roles=[],
        target_organisations=[],
        learning_aims=[],
        fit_questions=[],
        target_interviews=target,
        target_date=None if due is None else TODAY + timedelta(days=due),
        status=status,
        created_at=stamp,
        updated_at=stamp,
        version=1,
        interviews_done=done,
    )


def test_an_empty_planner_has_not_started_any_step():
    states = journey.step_states(EMPTY_COUNTS)
    assert states["goals"] == journey.StepState("No goals yet", False)
    assert states["research"] == journey.StepState("Nothing researched yet", False)


def test_the_research_step_counts_notes_and_organisations():
    state = journey.step_states({**EMPTY_COUNTS, "research_notes": 1, "organisations": 7})
    assert state["research"] == journey.StepState("1 note, 7 target organisations", True)


def test_the_questions_step_counts_plans_against_meetings():
    counts = {**EMPTY_COUNTS, "interviews_scheduled": 2, "interviews_done": 1}
    assert journey.step_states(counts)["questions"] == journey.StepState(
        "3 meetings, no plan yet", False
    )
    counts["question_plans"] = 1
    assert journey.step_states(counts)["questions"] == journey.StepState(
        "1 plan for 3 meetings", True
    )
    assert journey.step_states(EMPTY_COUNTS)["questions"].summary == "No meetings to plan yet"


def test_the_goals_step_counts_goals_by_status():
    counts = {**EMPTY_COUNTS, "goals": 4, "goals_active": 2, "goals_paused": 1}
    counts["goals_achieved"] = 1
    state = journey.step_states(counts)["goals"]
    assert state.started
    assert state.summary == "2 active, 1 paused, 1 achieved"


def test_a_new_user_is_asked_to_set_a_first_goal():
    [action] = journey.next_actions([], today=TODAY)
    assert action.step == "goals"
    assert "first goal" in action.text


def test_only_paused_goals_prompt_to_resume_or_add():
    actions = journey.next_actions([goal(status="paused")], today=TODAY)
    [action] = actions
    assert action.text == "No goal is active. Resume a paused goal or set a new one."


def test_an_overdue_goal_comes_before_one_due_soon():
    actions = journey.next_actions(
        [goal("Due soon", due=3, done=1), goal("Overdue", due=-2, done=1)], today=TODAY
    )
    assert [a.text.split("'")[1] for a in actions] == ["Overdue", "Due soon"]
    assert "passed its target date (2026-11-20) with 1 of 4 interviews done" in actions[0].text
    assert "due in 3 days: 1 of 4 interviews done, 3 to go" in actions[1].text


def test_a_goal_due_today_says_today():
    [action] = journey.next_actions([goal(due=0)], today=TODAY)
    assert "is due today" in action.text


def test_goals_due_later_or_without_a_date_wait_quietly():
    assert journey.next_actions([goal(due=15), goal("No date")], today=TODAY) == []


def test_a_goal_that_reached_its_target_is_offered_to_be_marked_achieved():
    [action] = journey.next_actions([goal(target=3, done=3, due=-5)], today=TODAY)
    assert "reached its target of 3 interviews" in action.text


def test_achieved_goals_ask_for_nothing():
    assert (
        journey.next_actions([goal(status="achieved", due=-30), goal("Active")], today=TODAY) == []
    )


def test_every_linked_page_exists():
    for step in (journey.HOME, *journey.STEPS, *journey.TOOLS):
        assert (REPO_ROOT / step.page).is_file(), step.page
        assert step.icon.startswith(":material/")
