"""Backup export and import: complete, exact, all-or-nothing, with clear refusals."""

from __future__ import annotations

import json

import pytest

from planner import backup, migrations
from planner.goals import GoalDraft
from planner.store import ARROW_TYPES, Database
from tests.conftest import TODAY
from tests.fixtures import document_for, fill_every_table


@pytest.fixture
def full_text(store) -> str:
    fill_every_table(store, rows_per_table=3)
    return backup.export_text(store)


def fresh_store():
    return Database(":memory:").session()


def test_export_holds_every_user_table_and_no_owner_ids(store, full_text):
    document = json.loads(full_text)
    assert document["format"] == backup.FORMAT
    assert document["schema_version"] == migrations.latest_version()
    assert set(document["tables"]) == set(store.content.tables())
    for table in document["tables"].values():
        assert "owner_id" not in table["columns"]
        assert len(table["rows"]) == 3


def test_export_import_export_gives_the_same_bytes(full_text):
    target = fresh_store()
    counts = backup.import_text(target, full_text)
    assert set(counts.values()) == {3}
    assert backup.export_text(target) == full_text


def test_import_refuses_a_planner_that_holds_data(full_text):
    target = fresh_store()
    target.goals.add(GoalDraft(title="Mine"), today=TODAY)
    with pytest.raises(backup.PlannerNotEmpty, match="already holds data"):
        backup.import_text(target, full_text)
    assert [g.title for g in target.goals.list()] == ["Mine"]


def test_import_with_replace_swaps_the_whole_planner(full_text):
    target = fresh_store()
    target.goals.add(GoalDraft(title="Mine"), today=TODAY)
    backup.import_text(target, full_text, replace=True)
    assert "Mine" not in [g.title for g in target.goals.list()]
    assert backup.export_text(target) == full_text


def test_replace_writes_over_the_same_ids_and_drops_the_rest(full_text):
    target = fresh_store()
    backup.import_text(target, full_text)
    for title in ("Edited after the backup", "Added after the backup"):
        target.goals.add(GoalDraft(title=title), today=TODAY)
    first = target.goals.list()[0]
    target.goals.update(
        first.id,
        GoalDraft(title="Renamed after the backup"),
        expected_version=first.version,
        today=TODAY,
    )
    backup.import_text(target, full_text, replace=True)
    assert backup.export_text(target) == full_text
    titles = [g.title for g in target.goals.list()]
    assert not {"Renamed after the backup", "Added after the backup"} & set(titles)


def test_replace_leaves_other_owners_alone(full_text):
    database = Database(":memory:")
    other = database.session("other")
    other.goals.add(GoalDraft(title="Not yours"), today=TODAY)
    mine = database.session("me")
    backup.import_text(mine, full_text, replace=True)
    assert [g.title for g in other.goals.list()] == ["Not yours"]


def _mutated(text: str, change) -> str:
    document = json.loads(text)
    change(document)
    return json.dumps(document)


def _set_cell(table: str, row: int, column: str, value):
    def change(document):
        t = document["tables"][table]
        t["rows"][row][t["columns"].index(column)] = value

    return change


BAD_FILES = {
    "not json": (lambda text: "hello, I am not a backup", "not a readable planner backup"),
    "truncated": (lambda text: text[: len(text) // 2], "truncated"),
    "binary": (lambda text: b"\xff\xfe\x00garbage", "not UTF-8"),
    "another format": (
        lambda text: _mutated(text, lambda d: d.update(format="spreadsheet")),
        "not a planner backup",
    ),
    "newer schema": (
        lambda text: _mutated(text, lambda d: d.update(schema_version=999)),
        "newer version of the planner",
    ),
    "newer format": (
        lambda text: _mutated(text, lambda d: d.update(format_version=2)),
        "newer version of the planner",
    ),
    "missing table": (
        lambda text: _mutated(text, lambda d: d["tables"].pop("contacts")),
        "tables missing: contacts",
    ),
    "unknown table": (
        lambda text: _mutated(
            text, lambda d: d["tables"].update(secrets={"columns": ["id"], "rows": []})
        ),
        "does not know: secrets",
    ),
    "wrong columns": (
        lambda text: _mutated(text, lambda d: d["tables"]["goals"]["columns"].pop()),
        "table goals: columns should be",
    ),
    "text where a number goes": (
        lambda text: _mutated(text, _set_cell("goals", 1, "target_interviews", "four")),
        "table goals, row 2, target_interviews: expected a whole number",
    ),
    "bad date": (
        lambda text: _mutated(text, _set_cell("goals", 0, "target_date", "31/12/2026")),
        "expected a date",
    ),
    "empty required value": (
        lambda text: _mutated(text, _set_cell("goals", 2, "title", None)),
        "title: may not be empty",
    ),
    "duplicate id": (
        lambda text: _mutated(text, _set_cell("contacts", 1, "id", 1)),
        "id 1 appears twice",
    ),
    "short row": (
        lambda text: _mutated(text, lambda d: d["tables"]["goals"]["rows"][0].pop()),
        "table goals, row 1: expected",
    ),
    "broken text": (
        lambda text: text.replace('"goals.title #1"', '"\\ud800"'),
        "broken text",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_a_bad_file_is_rejected_with_a_clear_message_and_no_change(case, full_text):
    make_bad, message = BAD_FILES[case]
    target = fresh_store()
    target.goals.add(GoalDraft(title="Mine"), today=TODAY)
    before = backup.export_text(target)
    with pytest.raises(backup.BackupError) as caught:
        backup.import_text(target, make_bad(full_text), replace=True)
    assert message in str(caught.value)
    assert backup.export_text(target) == before


def test_a_backup_from_an_older_schema_is_migrated_on_import(store):
    # A document written at version 1 (the first schema) imports into the latest.
    with Database(":memory:", schema_version=1) as old:
        old_store = old.session()
        fill_every_table(old_store, rows_per_table=2)
        old_text = backup.export_text(old_store)
    assert json.loads(old_text)["schema_version"] == 1
    backup.import_text(store, old_text)
    assert store.content.row_counts()["goals"] == 2
    assert json.loads(backup.export_text(store))["schema_version"] == migrations.latest_version()


def test_write_file_replaces_atomically(tmp_path):
    target = tmp_path / "backup.json"
    backup.write_file("first", target)
    backup.write_file("second", target)
    assert target.read_text() == "second"
    assert [p.name for p in tmp_path.iterdir()] == ["backup.json"]


def test_the_documented_format_matches_the_code():
    from pathlib import Path

    doc = (Path(__file__).parent.parent / "docs" / "backup-format.md").read_text()
    assert f'"format": "{backup.FORMAT}"' in doc
    assert f'"format_version": {backup.FORMAT_VERSION}' in doc


def test_fixture_documents_cover_every_column_type(store):
    types = {c.type for columns in store.content.tables().values() for c in columns}
    assert types <= set(ARROW_TYPES)
    document_for(store, rows_per_table=1)  # raises for a type the filler cannot make


def test_counts_are_described_in_the_words_a_user_knows():
    assert backup.describe_counts({}) == "nothing"
    assert backup.describe_counts({"goals": 1, "contact_events": 0}) == "1 goal"
    assert (
        backup.describe_counts(
            {"contacts": 15, "goals": 4, "contact_events": 60, "reflection_skills": 9}
        )
        == "4 goals, 15 contacts and 69 linked details"
    )
    assert backup.describe_counts({"settings": 1}) == "1 linked detail"


def test_what_a_backup_holds_and_what_a_restore_brought_are_said_in_a_sentence():
    assert backup.holds_sentence({}) == "This planner is empty; the backup will be too."
    assert backup.holds_sentence({"goals": 0}) == "This planner is empty; the backup will be too."
    assert backup.holds_sentence({"goals": 1, "contacts": 0}) == "Holds 1 goal."
    assert backup.restored_sentence({"goals": 2, "contacts": 1}) == (
        "Restored the backup: 2 goals and 1 contact."
    )
