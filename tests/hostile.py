"""The hostile-input corpus and a planner with every string in every text field.

The planner is loaded through the backup import, the way a restored file arrives, so
nothing the forms would refuse is filtered out first: every free-text column of every
table holds every string of the corpus (row n holds string n), while keys and choices
hold valid values, so the pages show the text rather than stop at a broken reference.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from planner import backup, row_rules
from planner.goals import FIT_QUESTIONS, GOAL_KINDS, GOAL_STATUSES
from planner.store import Column, Store
from planner.vocabulary import (
    ACTION_KINDS,
    ASSUMPTION_VERDICTS,
    CHANNELS,
    CIRCLES,
    CONTACT_EVENT_KINDS,
    INTEREST_CHANGES,
    INTERVIEW_FORMATS,
    INTERVIEW_STATUSES,
    ORGANISATION_ORIGINS,
    OUTREACH_KINDS,
    QUESTION_CATEGORIES,
    RESEARCH_TOPICS,
    SKILL_STATUSES,
    STAGES,
    TIARA,
    WARMTH,
)

from .fixtures import plain_value

STRINGS: list[str] = json.loads(
    (Path(__file__).parent / "data" / "hostile_strings.json").read_text(encoding="utf-8")
)
SHORT = [s for s in STRINGS if len(s) < 1_000]  # for outputs that lay out every page

# Columns holding a choice, with the values it may take (cycled through the rows).
CHOICES: dict[tuple[str, str], list[str]] = {
    ("action_items", "kind"): list(ACTION_KINDS),
    ("assumption_checks", "verdict"): list(ASSUMPTION_VERDICTS),
    ("contact_events", "kind"): list(CONTACT_EVENT_KINDS),
    ("contact_events", "stage_from"): list(STAGES),
    ("contact_events", "stage_to"): list(STAGES),
    ("contact_events", "channel"): list(CHANNELS),
    ("contacts", "circle"): list(CIRCLES),
    ("contacts", "warmth"): list(WARMTH),
    ("contacts", "stage"): list(STAGES),
    ("goals", "kind"): list(GOAL_KINDS),
    ("goals", "status"): list(GOAL_STATUSES),
    ("interviews", "time_zone"): ["Europe/London", "America/New_York", "Asia/Tokyo", "UTC"],
    ("interviews", "format"): list(INTERVIEW_FORMATS),
    ("interviews", "status"): list(INTERVIEW_STATUSES),
    ("message_templates", "kind"): list(OUTREACH_KINDS),
    ("organisations", "origin"): list(ORGANISATION_ORIGINS),
    ("outreach", "kind"): list(OUTREACH_KINDS),
    ("outreach", "channel"): list(CHANNELS),
    ("questions", "category"): list(QUESTION_CATEGORIES),
    ("questions", "tiara"): list(TIARA),
    ("reflection_fit_ratings", "fit_question"): list(FIT_QUESTIONS),
    ("reflection_skills", "status"): list(SKILL_STATUSES),
    ("reflections", "interest_change"): list(INTEREST_CHANGES),
    ("research_notes", "topic_kind"): list(RESEARCH_TOPICS),
    ("settings", "key"): ["me.name", "me.contact", "me.background"],
}
LIST_CHOICES = {("goals", "fit_questions"): list(FIT_QUESTIONS)}
NO_TEXT = {("plan_questions", "bank_key"), ("questions", "bank_key")}  # a shipped key or none
NUMBERS = {
    "rating": lambda n: 1 + n % 5,
    "motivation": lambda n: n % 4,
    "posting": lambda n: 1 + n % 3,
    "minutes": lambda n: 1 + n % 5,
    "minutes_per_question": lambda n: 3,
    "duration_minutes": lambda n: 30,
    "target_interviews": lambda n: 1 + n % 6,
    "check_in_every_days": lambda n: 90,
    "position": lambda n: n,
    "version": lambda n: 1,
}


def free_text_columns(store: Store) -> list[tuple[str, str]]:
    """(table, column) for every column that holds text a user types."""
    return [
        (table, column.name)
        for table, columns in sorted(store.content.tables().items())
        for column in columns
        if column.type in ("VARCHAR", "VARCHAR[]")
        and (table, column.name) not in CHOICES
        and (table, column.name) not in LIST_CHOICES
        and (table, column.name) not in NO_TEXT
    ]


def _value(
    table: str, column: Column, n: int, strings: list[str], today: date, checked: bool
) -> Any:
    """Row ``n`` (1-based) of ``table``: string n-1 in text, valid values elsewhere (and in
    addresses, phone numbers and time zones too when ``checked``)."""
    key = (table, column.name)
    if checked and isinstance(row_rules.COLUMNS[table][column.name], row_rules.Checked):
        return plain_value(table, column, n)
    text = strings[(n - 1) % len(strings)]
    if column.name == "id":
        return n
    if key == ("contacts", "referred_by_id"):
        return n - 1 if n > 1 else None
    if column.name.endswith("_id"):
        return n  # row n of the other table
    if key in CHOICES:
        choices = CHOICES[key]
        return choices[n % len(choices)]
    if key in LIST_CHOICES:
        return LIST_CHOICES[key][: 1 + n % 4]
    if key in NO_TEXT:
        return None if column.nullable else ""
    if column.name in NUMBERS:
        return NUMBERS[column.name](n)
    kind = column.type
    if kind == "VARCHAR":
        return text
    if kind == "VARCHAR[]":
        return [text, strings[n % len(strings)]]
    if kind in ("BIGINT", "INTEGER"):
        return n
    if kind == "BOOLEAN":
        return n % 2 == 0
    if kind == "DATE":
        return (today + timedelta(days=n - 30)).isoformat()
    if kind == "TIMESTAMP":
        moment = datetime.combine(today, datetime.min.time()) + timedelta(days=n - 30, hours=9)
        return moment.isoformat(timespec="microseconds")
    raise AssertionError(f"no hostile value for {kind}")


def document(
    store: Store, *, today: date, strings: list[str] = STRINGS, checked: bool = False
) -> dict[str, Any]:
    """A backup document with ``len(strings)`` rows in every table. With ``checked`` the
    columns a form checks beyond their text (an email, a web address) hold valid values,
    so the restore judges the strings alone."""
    tables = {}
    for table, columns in sorted(store.content.tables().items()):
        rows = [
            [_value(table, column, n, strings, today, checked) for column in columns]
            for n in range(1, len(strings) + 1)
        ]
        tables[table] = {"columns": [c.name for c in columns], "rows": rows}
    tables["settings"]["rows"] = tables["settings"]["rows"][:3]  # one row per known key
    return {
        "format": backup.FORMAT,
        "format_version": backup.FORMAT_VERSION,
        "schema_version": store.content.schema_version(),
        "tables": tables,
    }


def fill(store: Store, *, today: date, strings: list[str] = STRINGS) -> dict[str, int]:
    """Load the hostile planner into an empty store; returns rows per table.

    The rows go in as a planner file edited by hand would hold them: checked for their
    types only, not by the rules a form or a restore keeps (a restore refuses control
    characters and overlong text, which the corpus holds on purpose). PostgreSQL cannot
    hold a NUL character at all (and nothing the app takes in lets one through), so on
    it the strings holding one are left out."""
    if store.database.backend == "postgres":
        strings = [s for s in strings if "\x00" not in s]
    tables = backup.stage(document(store, today=today, strings=strings), store)
    store.content.replace(tables, replace=False)  # as tests.fixtures.load_as_hand_edited
    return {name: table.num_rows for name, table in tables.items()}
