"""The demo planner: a realistic, consistent sample that stays current whenever it is opened."""

from __future__ import annotations

import importlib.util
import re
from datetime import date, datetime, timedelta

import pytest

from planner import backup, demo, goals, vocabulary
from planner.paths import REPO_ROOT
from planner.store import Store

from .conftest import TODAY

# Which table each reference column points into.
REFERENCES = {
    "goal_id": "goals",
    "organisation_id": "organisations",
    "contact_id": "contacts",
    "referred_by_id": "contacts",
    "referred_in_interview_id": "interviews",
    "interview_id": "interviews",
    "plan_id": "question_plans",
    "question_id": "questions",
    "reflection_id": "reflections",
    "assumption_id": "goal_assumptions",
}

# Columns holding a key of one of the vocabularies.
CHOICES = {
    ("goals", "kind"): goals.GOAL_KINDS,
    ("goals", "status"): goals.GOAL_STATUSES,
    ("contacts", "circle"): vocabulary.CIRCLES,
    ("contacts", "stage"): vocabulary.STAGES,
    ("contacts", "warmth"): vocabulary.WARMTH,
    ("contact_events", "kind"): vocabulary.CONTACT_EVENT_KINDS,
    ("outreach", "kind"): vocabulary.OUTREACH_KINDS,
    ("outreach", "channel"): vocabulary.CHANNELS,
    ("message_templates", "kind"): vocabulary.OUTREACH_KINDS,
    ("interviews", "format"): vocabulary.INTERVIEW_FORMATS,
    ("interviews", "status"): vocabulary.INTERVIEW_STATUSES,
    ("research_notes", "topic_kind"): vocabulary.RESEARCH_TOPICS,
    ("organisations", "origin"): vocabulary.ORGANISATION_ORIGINS,
    ("questions", "category"): vocabulary.QUESTION_CATEGORIES,
    ("reflections", "interest_change"): vocabulary.INTEREST_CHANGES,
    ("reflection_fit_ratings", "fit_question"): goals.FIT_QUESTIONS,
    ("reflection_skills", "status"): vocabulary.SKILL_STATUSES,
    ("assumption_checks", "verdict"): vocabulary.ASSUMPTION_VERDICTS,
    ("action_items", "kind"): vocabulary.ACTION_KINDS,
}


def rows_of(store: Store) -> dict[str, list[dict]]:
    tables = backup.export_document(store)["tables"]
    return {
        name: [dict(zip(table["columns"], row, strict=True)) for row in table["rows"]]
        for name, table in tables.items()
    }


@pytest.fixture
def demo_rows(store: Store) -> dict[str, list[dict]]:
    demo.load_demo(store, today=TODAY)
    return rows_of(store)


@pytest.fixture(scope="module")
def script():
    """scripts/build_demo_planner.py, which turns data/demo_story.toml into the demo file."""
    spec = importlib.util.spec_from_file_location(
        "build_demo_planner", REPO_ROOT / "scripts" / "build_demo_planner.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_demo_file_is_what_its_story_script_writes(script):
    assert demo.DEMO_FILE.read_text(encoding="utf-8") == script.build(), (
        "data/demo_planner.json is out of date: run scripts/build_demo_planner.py"
    )


def test_every_key_in_the_demo_story_resolves_to_a_told_row(script, store):
    rows = script.story_rows(script.read_story(), store.content.tables())
    resolved = 0
    for table, told in rows.items():
        for row in told:
            for name, target in script.REFERENCES.items():
                if f"{name}_id" in row:
                    assert 1 <= row[f"{name}_id"] <= len(rows[target]), f"{table} #{row['id']}"
                    resolved += 1
    assert resolved > 100, "the story refers to its rows by key"
    aisha = next(c for c in rows["contacts"] if c["name"] == "Aisha Khan")
    met_in = rows["interviews"][aisha["referred_in_interview_id"] - 1]
    assert met_in["contact_id"] == aisha["referred_by_id"], "a key told further down resolves too"


def test_an_unknown_key_in_the_story_is_named_with_its_table(script, store):
    story = {
        "anchor_date": TODAY,
        "goals": [{"key": "ux", "created": "-2 19:00", "title": "Try research"}],
        "goal_assumptions": [{"created": "-1 19:00", "goal": "u_x", "statement": "A belief"}],
    }
    message = "goal_assumptions #1.goal: goals has no row keyed 'u_x'"
    with pytest.raises(script.StoryError, match=re.escape(message)):
        script.story_rows(story, store.content.tables())


def test_a_key_names_one_row_of_its_table(script, store):
    story = {
        "anchor_date": TODAY,
        "goals": [{"key": "ux", "created": "-2 19:00", "title": f"Goal {n}"} for n in (1, 2)],
    }
    with pytest.raises(script.StoryError, match="goals: the key 'ux' names two rows"):
        script.story_rows(story, store.content.tables())


def test_the_demo_has_a_whole_search_in_it(demo_rows):
    statuses = {g["status"] for g in demo_rows["goals"]}
    assert len(demo_rows["goals"]) >= 3
    assert {"active", "paused", "achieved"} <= statuses

    contacts = demo_rows["contacts"]
    assert len(contacts) >= 10
    assert {c["stage"] for c in contacts} == set(vocabulary.STAGES), "a contact in every stage"

    interviews = demo_rows["interviews"]
    now = datetime.combine(TODAY, datetime.min.time())
    past = [i for i in interviews if i["status"] == "done"]
    scheduled = [i for i in interviews if i["status"] == "scheduled"]
    upcoming = [i for i in scheduled if datetime.fromisoformat(i["starts_at"]) > now]
    held = [i for i in scheduled if datetime.fromisoformat(i["starts_at"]) < now]
    assert len(past) >= 3 and all(datetime.fromisoformat(i["starts_at"]) < now for i in past)
    assert len(upcoming) >= 2
    assert len(held) == 1, "one meeting has happened and waits to be marked done"

    reflected = {r["interview_id"] for r in demo_rows["reflections"]}
    assert len(reflected) >= 3 and reflected <= {i["id"] for i in past}
    waiting = [i for i in past if i["id"] not in reflected]
    assert any(i["thank_you_sent_at"] is None for i in waiting), (
        "one finished meeting still needs its thank-you and reflection, so the nudges show"
    )
    for table in ("research_notes", "organisations", "question_plans", "action_items"):
        assert demo_rows[table], f"the demo shows {table}"


def test_every_reference_in_the_demo_points_at_a_real_row(demo_rows):
    ids = {table: {row["id"] for row in rows} for table, rows in demo_rows.items()}
    for table, rows in demo_rows.items():
        for row in rows:
            for column, target in REFERENCES.items():
                if row.get(column) is not None:
                    assert row[column] in ids[target], f"{table} #{row['id']}.{column}"


def test_every_choice_in_the_demo_is_a_known_key(demo_rows):
    for (table, column), allowed in CHOICES.items():
        for row in demo_rows[table]:
            assert row[column] in allowed, f"{table} #{row['id']}.{column} = {row[column]!r}"
    for goal in demo_rows["goals"]:
        assert set(goal["fit_questions"]) <= set(goals.FIT_QUESTIONS)


def test_the_demo_goals_keep_the_goal_rules(demo_rows):
    for goal in demo_rows["goals"]:
        draft = goals.GoalDraft(
            title=goal["title"],
            kind=goal["kind"],
            field=goal["field"],
            target_roles=goal["target_roles"],
            target_organisations=goal["target_organisations"],
            learning_aims=goal["learning_aims"],
            fit_questions=goal["fit_questions"],
            target_interviews=goal["target_interviews"],
            target_date=date.fromisoformat(goal["target_date"]) if goal["target_date"] else None,
        )
        assert goals.validate_goal(draft.normalised(), today=TODAY) == {}, goal["title"]


@pytest.mark.parametrize("days_later", [0, 1, 400])
def test_loading_the_demo_moves_its_dates_to_today(store, days_later):
    today = TODAY + timedelta(days=days_later)
    demo.load_demo(store, today=today)
    interviews = rows_of(store)["interviews"]

    def starts(status):
        return [
            datetime.fromisoformat(i["starts_at"]).date()
            for i in interviews
            if i["status"] == status
        ]

    assert max(starts("scheduled")) > today > max(starts("done"))
    assert min(starts("scheduled")) == today - timedelta(days=1), "held yesterday, still open"
    anchored = date.fromisoformat(demo.demo_document()["anchor_date"])
    assert anchored == TODAY


def test_the_demo_is_written_only_into_an_empty_planner_unless_replacing(store):
    demo.load_demo(store, today=TODAY)
    with pytest.raises(backup.PlannerNotEmpty):
        demo.load_demo(store, today=TODAY)
    counts = demo.load_demo(store, today=TODAY, replace=True)
    assert counts["contacts"] == len(rows_of(store)["contacts"])


def test_the_demo_templates_use_only_fields_the_planner_fills(demo_rows):
    from planner.messages import MERGE_FIELDS, fields_in

    for template in demo_rows["message_templates"]:
        used = set(fields_in(template["subject"] + template["body"]))
        assert used <= set(MERGE_FIELDS), template["name"]
