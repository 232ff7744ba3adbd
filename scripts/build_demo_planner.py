"""Write data/demo_planner.json, the demo planner, from the story in data/demo_story.toml.

The story is one person's search told as rows of the planner's tables; the data file's
header says how it is written. This script spells out its shorthands, hands out ids per
table in the order rows are told, resolves keys to ids and day offsets to dates.

Run after changing the story or the schema:

    .venv/bin/python scripts/build_demo_planner.py

tests/test_demo_data.py fails when the JSON and the story disagree.
"""

from __future__ import annotations

import re
import sys
import tomllib
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from planner import backup  # noqa: E402
from planner.store import Column, Database  # noqa: E402

STORY = REPO / "data" / "demo_story.toml"
OUTPUT = REPO / "data" / "demo_planner.json"

# A reference is a column's name without "_id" and holds the key of a row of this table.
REFERENCES = {
    "goal": "goals",
    "organisation": "organisations",
    "contact": "contacts",
    "referred_by": "contacts",
    "referred_in_interview": "interviews",
    "interview": "interviews",
    "question": "questions",
    "reflection": "reflections",
    "assumption": "goal_assumptions",
}
MOMENT = re.compile(r"([+-]?\d+) (\d\d):(\d\d)")
MINUTE = timedelta(minutes=1)
Rows = dict[str, list[dict[str, Any]]]


class StoryError(ValueError):
    """The story says something that cannot become a row; the message says where."""


def read_story(path: Path = STORY) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def moment(anchor: date, value: str | datetime, where: str) -> datetime:
    """A moment written as days from the anchor and a time of day: "-30 12:30"."""
    if isinstance(value, datetime):
        return value
    match = MOMENT.fullmatch(value) if isinstance(value, str) else None
    if not match:
        raise StoryError(f'{where} = {value!r}: write a moment as days and a time, "-30 12:30"')
    days, hour, minute = map(int, match.groups())
    return datetime.combine(anchor + timedelta(days=days), time(hour, minute))


def spelled_out(story: dict[str, Any]) -> Rows:
    """The story's rows per table in the order told, with the shorthands made rows."""
    anchor = story["anchor_date"]
    rows: Rows = defaultdict(list)
    stages: dict[str, str] = {}  # each contact's stage so far, by key

    def add(table: str, row: dict[str, Any]) -> int:
        rows[table].append(row)
        return len(rows[table])

    for table, told in story.items():
        if table == "anchor_date":
            continue
        for row in told:
            row = dict(row)
            goals = row.pop("goals", []) if table == "contacts" else []
            new_stage = row.pop("new_stage", None) if table == "contact_events" else None
            questions = row.pop("questions", []) if table == "question_plans" else []
            fits = row.pop("fit_ratings", {}) if table == "reflections" else {}
            skills = row.pop("skills", {}) if table == "reflections" else {}
            number = add(table, row)
            for goal in goals:
                add("contact_goals", {"contact_id": number, "goal": goal})
            if new_stage is not None:
                contact = row["contact"]
                at = moment(anchor, row["happened_at"], f"contact_events #{number}.happened_at")
                stage = {"contact": contact, "happened_at": at + MINUTE, "kind": "stage"}
                previous = stages.get(contact, "identified")
                add("contact_events", {**stage, "stage_from": previous, "stage_to": new_stage})
                stages[contact] = new_stage
            for position, question in enumerate(questions, 1):
                child = {"plan_id": number, "position": position, **question}
                add("plan_questions", {"created": row.get("created"), **child})
            for fit_question, rating in fits.items():
                child = {"reflection_id": number, "fit_question": fit_question, **rating}
                add("reflection_fit_ratings", child)
            for skill, status in skills.items():
                child = {"reflection_id": number, "skill": skill, "status": status}
                add("reflection_skills", child)
    return rows


def story_rows(story: dict[str, Any], tables: dict[str, list[Column]]) -> Rows:
    """Rows ready to insert: ids handed out per table in the order told, keys resolved to
    ids, dates and moments counted from the anchor. Raises StoryError naming the row."""
    anchor = story["anchor_date"]
    told = spelled_out(story)
    ids: dict[tuple[str, str], int] = {}
    for table, rows in told.items():
        for number, row in enumerate(rows, 1):
            if "key" in row:
                if (table, row["key"]) in ids:
                    raise StoryError(f"{table}: the key {row['key']!r} names two rows")
                ids[table, row["key"]] = number
    ready: Rows = {}
    for table, rows in told.items():
        if table not in tables:
            raise StoryError(f"the planner has no table {table!r}")
        types = {column.name: column.type for column in tables[table]}
        ready[table] = []
        for number, row in enumerate(rows, 1):
            where = f"{table} #{number}"
            values: dict[str, Any] = {"id": number}
            for name, value in row.items():
                if name in ("key", "created"):
                    continue
                if name in REFERENCES:
                    target = REFERENCES[name]
                    if not isinstance(value, str) or (target, value) not in ids:
                        raise StoryError(f"{where}.{name}: {target} has no row keyed {value!r}")
                    name, value = f"{name}_id", ids[target, value]
                elif types.get(name) == "DATE":
                    if type(value) is not int:
                        raise StoryError(f"{where}.{name} = {value!r}: write a date as days, +45")
                    value = anchor + timedelta(days=value)
                elif types.get(name) == "TIMESTAMP":
                    value = moment(anchor, value, f"{where}.{name}")
                values[name] = value
            unknown = set(values) - set(types)
            if unknown:
                raise StoryError(f"{where}: {table} has no column(s) {sorted(unknown)}")
            when = row.get("created") or row.get("happened_at") or row.get("sent_at")
            for stamp in ("created_at", "updated_at"):
                if stamp in types:  # `created` left out: entered when it happened or was sent
                    values.setdefault(stamp, moment(anchor, when, f"{where}.created"))
            ready[table].append(values)
    return ready


def build(path: Path = STORY) -> str:
    """The demo planner's file text."""
    story = read_story(path)
    with Database(":memory:") as database:
        store = database.session()
        rows = story_rows(story, store.content.tables())
        with store.transaction() as cursor:
            for table, told in rows.items():
                for row in told:
                    names = ["owner_id", *row]
                    cursor.execute(
                        f"INSERT INTO {table} ({', '.join(names)}) "
                        f"VALUES ({', '.join('?' * len(names))})",
                        [store.owner_id, *row.values()],
                    )
        document = backup.export_document(store)
    document["anchor_date"] = story["anchor_date"].isoformat()
    return backup.dumps(document)


def main() -> None:
    backup.write_file(build(), OUTPUT)
    print(f"Wrote {OUTPUT.relative_to(REPO)}")


if __name__ == "__main__":
    main()
