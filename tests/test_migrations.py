"""Schema changes only through numbered migrations, and they never lose data."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from planner import backup, migrations
from planner.goals import GoalDraft
from planner.store import Database, PlannerUnavailable, open_database
from tests.conftest import TODAY
from tests.fixtures import document_for, fill_every_table


def test_a_new_planner_is_at_the_latest_version_with_every_migration_recorded(db_path: Path):
    with Database(db_path) as db:
        store = db.session()
        assert store.content.schema_version() == migrations.latest_version()
    con = duckdb.connect(str(db_path))
    rows = con.execute("SELECT version, name, applied_at FROM schema_migrations").fetchall()
    con.close()
    assert [r[0] for r in rows] == [m.version for m in migrations.all_migrations()]
    assert all(r[2] is not None for r in rows)


def test_pending_and_applied_say_where_a_database_stands():
    con = duckdb.connect(":memory:")
    assert migrations.applied(con) == []
    assert [m.version for m in migrations.pending(con)] == [
        m.version for m in migrations.all_migrations()
    ]
    migrations.migrate(con, target=1)
    assert migrations.applied(con) == [1]
    assert migrations.current_version(con) == 1
    migrations.migrate(con)
    assert migrations.pending(con) == []


def test_the_schema_covers_the_whole_journey(store):
    tables = set(store.content.tables())
    journey = {
        "goals",
        "goal_assumptions",
        "research_notes",
        "organisations",
        "contacts",
        "contact_goals",
        "contact_events",
        "outreach",
        "interviews",
        "questions",
        "question_plans",
        "plan_questions",
        "reflections",
        "action_items",
    }
    assert journey <= tables
    for table, columns in store.content.tables().items():
        assert columns[0].name == "id", f"{table} needs an id first"


def test_every_user_table_carries_an_owner_id():
    con = duckdb.connect(":memory:")
    migrations.migrate(con)
    rows = con.execute(
        "SELECT table_name, bool_or(column_name = 'owner_id') FROM information_schema.columns"
        " GROUP BY table_name"
    ).fetchall()
    lacking = [t for t, has in rows if not has and t not in ("schema_migrations", "id_counters")]
    assert lacking == []


@pytest.mark.parametrize("start", range(1, migrations.latest_version() + 1))
def test_migrating_from_each_version_keeps_every_row(backend, request, db_path: Path, start):
    """Build a planner at ``start``, fill every table, reopen (migrating to the latest):
    a DuckDB file, and a PostgreSQL database made empty first."""
    if backend == "duckdb":
        target = db_path
    else:
        import psycopg

        target = request.getfixturevalue("postgres_url")  # migrated: start it again
        with psycopg.connect(target, autocommit=True) as connection:
            connection.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    with open_database(target, schema_version=start) as old:
        store = old.session()
        assert store.content.schema_version() == start
        loaded = fill_every_table(store, rows_per_table=4)
    with open_database(target) as new:
        store = new.session()
        assert store.content.schema_version() == migrations.latest_version()
        after = backup.export_document(store)
        added = store.goals.add(GoalDraft(title="After the update"), today=TODAY)
    assert added > max(row[0] for row in loaded["tables"]["goals"]["rows"])
    for table, content in loaded["tables"].items():
        kept = after["tables"][table]
        # Every column that existed before still holds the same values.
        for row_before, row_after in zip(content["rows"], kept["rows"], strict=True):
            before = dict(zip(content["columns"], row_before, strict=True))
            now = dict(zip(kept["columns"], row_after, strict=True))
            assert {k: now[k] for k in before} == before, table


def test_reopening_does_not_run_migrations_again(db_path: Path):
    with Database(db_path) as db:
        fill_every_table(db.session(), rows_per_table=2)
    con = duckdb.connect(str(db_path))
    first = con.execute("SELECT * FROM schema_migrations").fetchall()
    con.close()
    with Database(db_path) as db:
        assert db.session().content.row_counts()["goals"] == 2
    con = duckdb.connect(str(db_path))
    assert con.execute("SELECT * FROM schema_migrations").fetchall() == first
    con.close()


def test_a_database_from_a_newer_planner_is_refused_untouched(db_path: Path):
    with Database(db_path) as db:
        db.session()
    con = duckdb.connect(str(db_path))
    con.execute("INSERT INTO schema_migrations VALUES (999, 'future', now()::TIMESTAMP)")
    con.close()
    with pytest.raises(PlannerUnavailable, match="only knows up to") as refused:
        Database(db_path)
    assert isinstance(refused.value.__cause__, migrations.SchemaTooNew)
    con = duckdb.connect(str(db_path))
    assert con.execute("SELECT max(version) FROM schema_migrations").fetchone()[0] == 999
    con.close()


def test_a_failing_migration_is_rolled_back_whole(monkeypatch, tmp_path: Path):
    con = duckdb.connect(":memory:")
    migrations.migrate(con)
    broken = tmp_path / "9999_broken.sql"
    broken.write_text("CREATE TABLE half_done (x INTEGER); SELECT * FROM no_such_table;")
    real = migrations.all_migrations()
    monkeypatch.setattr(
        migrations,
        "all_migrations",
        lambda: [*real, migrations.Migration(len(real) + 1, "broken", broken)],
    )
    with pytest.raises(duckdb.Error):
        migrations.migrate(con)
    tables = {r[0] for r in con.execute("SHOW TABLES").fetchall()}
    assert "half_done" not in tables
    assert migrations.current_version(con) == len(real)


def test_ids_are_never_reused_after_a_delete(store):
    from planner.goals import GoalDraft
    from tests.conftest import TODAY

    first = store.goals.add(GoalDraft(title="First"), today=TODAY)
    second = store.goals.add(GoalDraft(title="Second"), today=TODAY)
    store.goals.delete(second)
    third = store.goals.add(GoalDraft(title="Third"), today=TODAY)
    assert third > second > first


def test_import_moves_id_counters_past_imported_rows(store):
    document = document_for(store, rows_per_table=5)
    backup.import_document(store, document)
    from planner.goals import GoalDraft
    from tests.conftest import TODAY

    new_id = store.goals.add(GoalDraft(title="After import"), today=TODAY)
    assert new_id == 6


def test_migrations_change_keyed_tables_only_by_adding_columns_or_rebuilding():
    """Past ADD COLUMN, a table with a key is rebuilt and swapped (see the module's rules)."""
    import re

    in_place = re.compile(
        r"ALTER\s+TABLE\s+\S+\s+(DROP|ALTER|RENAME\s+COLUMN)\b|ALTER\s+COLUMN", re.IGNORECASE
    )
    for migration in migrations.all_migrations():
        without_comments = re.sub(r"--[^\n]*", "", migration.sql())
        assert not in_place.search(without_comments), migration.path.name
    assert in_place.search("ALTER TABLE contacts DROP COLUMN company"), "the rule can fail"
    assert in_place.search("alter table goals rename column kind to type")
    assert not in_place.search("ALTER TABLE goals_new RENAME TO goals"), "the swap is allowed"


def test_ids_counted_per_owner_go_on_after_everything_was_deleted(db_path: Path):
    """Migration 0003 starts each owner's counters from the shared ones, the personal
    planner's owner included when it holds nothing any more: no id is given twice."""
    from planner.goals import GoalDraft
    from tests.conftest import TODAY

    with Database(db_path, schema_version=2) as old:
        store = old.session()
        gone = store.goals.add(GoalDraft(title="Deleted before the update"), today=TODAY)
        store.goals.delete(gone)
        assert store.content.is_empty()
    with Database(db_path) as new:
        assert new.session().goals.add(GoalDraft(title="After"), today=TODAY) > gone
