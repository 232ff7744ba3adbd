"""The demo planner: a realistic, consistent sample that stays current whenever it is opened."""

from __future__ import annotations

import importlib.util
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


def test_the_demo_file_is_what_its_story_script_writes():
    spec = importlib.util.spec_from_file_location(
        "build_demo_planner", REPO_ROOT / "scripts" / "build_demo_planner.py"
    )
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    assert demo.DEMO_FILE.read_text(encoding="utf-8") == script.build(), (
        "data/demo_planner.json is out of date: run scripts/build_demo_planner.py"
    )


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
