"""What only the PostgreSQL backend has to keep: owners kept apart by row-level security,
several processes on one planner, migrations under a lock, and backups that move
between the two backends unchanged.

The store, step, backup and durability tests run on both backends already (the
``database`` fixture); these are the ones that need a server to mean anything.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
from datetime import date
from pathlib import Path

import psycopg
import pytest

from planner import backup, demo, migrations
from planner.errors import StaleEdit, retrying
from planner.goals import GoalDraft
from planner.paths import REPO_ROOT
from planner.store import Database, open_database
from planner.store.postgres import translate
from tests.conftest import TODAY
from tests.fixtures import fill_every_table


@pytest.fixture
def planner_url(postgres_url: str) -> str:
    return postgres_url


def test_placeholders_are_translated_outside_quotes_and_comments():
    sql = "SELECT '?', $a -- isn't ?\nFROM t WHERE x = ? AND y LIKE '%' || $b::DATE"
    assert translate(sql) == (
        "SELECT '?', %(a)s -- isn't ?\nFROM t WHERE x = %s AND y LIKE '%%' || %(b)s::DATE"
    )


def test_the_app_connects_as_a_role_that_row_level_security_binds(planner_url):
    with psycopg.connect(planner_url) as connection:
        superuser, bypass = connection.execute(
            "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user"
        ).fetchone()
    assert (superuser, bypass) == (False, False)


def test_every_user_table_has_row_level_security_forced(planner_url):
    with open_database(planner_url) as database:
        tables = set(database.user_tables)
    with psycopg.connect(planner_url) as connection:
        rows = connection.execute(
            "SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class "
            "WHERE relname = ANY(%s)",
            [sorted(tables)],
        ).fetchall()
    assert {name for name, on, forced in rows if on and forced} == tables
    assert len(tables) >= 20


def test_a_query_that_forgets_its_owner_filter_sees_one_owners_rows(planner_url):
    with open_database(planner_url) as database:
        database.session("ann").goals.add(GoalDraft(title="Ann's own goal"), today=TODAY)
        database.session("bob").goals.add(GoalDraft(title="Bob's own goal"), today=TODAY)
        # Through the app's own connection, as a repository would run it, with no filter.
        with database.owner_transaction("ann") as cursor:
            seen = cursor.execute("SELECT title, owner_id FROM goals").fetchall()
            deleted = cursor.execute("DELETE FROM goals RETURNING title").fetchall()
        assert seen == [("Ann's own goal", "ann")]
        assert deleted == [("Ann's own goal",)]
        assert [g.title for g in database.session("bob").goals.list()] == ["Bob's own goal"]


def test_a_row_written_for_another_owner_is_refused(planner_url):
    with open_database(planner_url) as database:
        with (
            pytest.raises(psycopg.errors.InsufficientPrivilege),
            database.owner_transaction("ann", write=True) as cursor,
        ):
            cursor.execute(
                "INSERT INTO settings (id, owner_id, key, value, updated_at) "
                "VALUES (1, 'bob', 'k', 'v', now())"
            )
        assert database.session("bob").content.is_empty()


def test_a_transaction_that_names_no_owner_sees_nothing(planner_url):
    with open_database(planner_url) as database:
        database.session().goals.add(GoalDraft(title="Mine"), today=TODAY)
    with psycopg.connect(planner_url) as connection:
        assert connection.execute("SELECT count(*) FROM goals").fetchone() == (0,)


def test_ids_count_per_owner(planner_url):
    with open_database(planner_url) as database:
        ann, bob = database.session("ann"), database.session("bob")
        first = ann.goals.add(GoalDraft(title="One"), today=TODAY)
        assert bob.goals.add(GoalDraft(title="One"), today=TODAY) == first
        assert ann.goals.add(GoalDraft(title="Two"), today=TODAY) == first + 1


def test_another_servers_write_is_seen_on_the_next_rerun(planner_url):
    with open_database(planner_url) as mine, open_database(planner_url) as theirs:
        reader = mine.session()
        mine.notice_other_writes("local")
        assert reader.goals.list() == []  # remembered until a write is noticed
        theirs.session().goals.add(GoalDraft(title="Saved elsewhere"), today=TODAY)
        assert reader.goals.list() == []  # the same rerun keeps one view
        mine.notice_other_writes("local")  # the next rerun starts
        assert [g.title for g in reader.goals.list()] == ["Saved elsewhere"]


def test_an_edit_opened_before_another_servers_save_is_refused(planner_url):
    with open_database(planner_url) as mine, open_database(planner_url) as theirs:
        goal = mine.session().goals.add(GoalDraft(title="Draft"), today=TODAY)
        opened = mine.session().goals.get(goal)
        theirs.session().goals.update(
            goal, GoalDraft(title="Theirs"), expected_version=opened.version, today=TODAY
        )
        with pytest.raises(StaleEdit):
            mine.session().goals.update(
                goal, GoalDraft(title="Mine"), expected_version=opened.version, today=TODAY
            )
        mine.notice_other_writes("local")
        assert mine.session().goals.get(goal).title == "Theirs"


_WRITER = """
import sys
from datetime import date
from planner.contacts import ContactDraft
from planner.goals import GoalDraft
from planner.store import open_database

url, name, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open_database(url) as database:
    store = database.session()
    for n in range(count):
        store.goals.add(GoalDraft(title=f"{name} goal {n}"), today=date(2026, 11, 20))
        store.contacts.add(ContactDraft(name=f"{name} person {n}"), today=date(2026, 11, 20))
"""


def test_two_processes_writing_to_one_planner_lose_nothing(planner_url):
    open_database(planner_url).close()  # migrated before the race, as a deployment does
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", textwrap.dedent(_WRITER), planner_url, name, "40"],
            cwd=REPO_ROOT,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("first", "second")
    ]
    for writer in writers:
        assert writer.wait(timeout=120) == 0, writer.stderr.read()
    with open_database(planner_url) as database:
        store = database.session()
        titles = {g.title for g in store.goals.list()}
        contacts = store.contacts.list()
    assert titles == {f"{name} goal {n}" for name in ("first", "second") for n in range(40)}
    assert len(contacts) == 80
    assert len({c.id for c in contacts}) == 80


def test_servers_starting_at_once_migrate_once(postgres_server):
    url = postgres_server.create_database("starting_together")
    opened, failed = [], []

    def start() -> None:
        try:
            opened.append(open_database(url))
        except Exception as error:  # reported below
            failed.append(error)

    threads = [threading.Thread(target=start) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert failed == []
    with psycopg.connect(url) as connection:
        versions = [v for (v,) in connection.execute("SELECT version FROM schema_migrations")]
    assert sorted(versions) == list(range(1, migrations.latest_version() + 1))
    for database in opened:
        database.close()
    postgres_server.drop_database("starting_together")


def test_a_failing_migration_changes_nothing_on_postgres(planner_url, monkeypatch, tmp_path):
    with psycopg.connect(planner_url, autocommit=True) as connection:
        connection.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    open_database(planner_url, schema_version=1).close()
    broken = tmp_path / "0002_broken.sql"
    broken.write_text(
        "ALTER TABLE contacts ADD COLUMN company VARCHAR NOT NULL DEFAULT '';\n"
        "CREATE TABLE half_done (x INTEGER);\nSELECT * FROM no_such_table;\n"
    )
    real = migrations.all_migrations()
    monkeypatch.setattr(
        migrations, "all_migrations", lambda: [real[0], migrations.Migration(2, "broken", broken)]
    )
    from planner.store import PlannerUnavailable

    with pytest.raises(PlannerUnavailable, match="as it was at version 1"):
        open_database(planner_url)
    with psycopg.connect(planner_url) as connection:
        tables = {r[0] for r in connection.execute("SELECT tablename FROM pg_tables")}
        columns = {
            r[0]
            for r in connection.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = 'contacts'"
            )
        }
    assert "half_done" not in tables and "company" not in columns


def _demo_in(database) -> str:
    demo.load_demo(database.session(), today=date(2026, 11, 22))
    store = database.session()
    store.goals.add(GoalDraft(title="Fjörd «quoted» 👩‍💻", field="x\ty"), today=TODAY)
    fill_every_table(database.session("other owner"), rows_per_table=3)  # never copied
    return backup.export_text(store)


def test_a_backup_goes_duckdb_to_postgres_to_duckdb_byte_for_byte(planner_url, tmp_path):
    with Database(tmp_path / "first.duckdb") as first:
        text = _demo_in(first)
    with open_database(planner_url) as server:
        backup.import_text(server.session(), text)
        through_server = backup.export_text(server.session())
    with Database(tmp_path / "again.duckdb") as again:
        backup.import_text(again.session(), through_server)
        back = backup.export_text(again.session())
    assert through_server == text
    assert back == text


def test_a_backup_goes_postgres_to_duckdb_to_postgres_byte_for_byte(postgres_server, tmp_path):
    first_url = postgres_server.create_database("round_first")
    second_url = postgres_server.create_database("round_second")
    try:
        with open_database(first_url) as first:
            text = _demo_in(first)
        with Database(tmp_path / "between.duckdb") as between:
            backup.import_text(between.session(), text)
            through_file = backup.export_text(between.session())
        with open_database(second_url) as second:
            backup.import_text(second.session(), through_file)
            back = backup.export_text(second.session())
        assert through_file == text
        assert back == text
    finally:
        postgres_server.drop_database("round_first")
        postgres_server.drop_database("round_second")


def test_the_demo_and_a_restore_replace_only_their_owners_planner(planner_url):
    with open_database(planner_url) as database:
        database.session("ann").goals.add(GoalDraft(title="Ann keeps this"), today=TODAY)
        demo.load_demo(database.session("bob"), today=TODAY)
        demo.load_demo(database.session("bob"), today=TODAY, replace=True)
        assert [g.title for g in database.session("ann").goals.list()] == ["Ann keeps this"]
        assert len(database.session("bob").contacts.list()) == 16


def test_a_server_that_cannot_be_reached_says_so_without_the_password(postgres_server):
    from planner.local_http import free_port
    from planner.store import PlannerUnavailable

    url = f"postgresql://planner:secret-word@127.0.0.1:{free_port()}/planner"
    with pytest.raises(PlannerUnavailable) as refused:
        open_database(url, connect_timeout=2)
    assert "cannot be reached" in str(refused.value)
    assert "secret-word" not in str(refused.value)


def test_the_pool_is_sized_by_a_setting(planner_url, monkeypatch):
    monkeypatch.setenv("PLANNER_DATABASE_POOL", "3")
    with open_database(planner_url) as database:
        assert database.pool_size == 3


def test_cli_every_command_works_on_postgres(planner_url, tmp_path: Path):
    """The command line on a database address: demo, export, import, copy and the rest."""
    from tests.test_cli import run_planner

    made = run_planner("demo", "--database-url", planner_url, "--today", "2026-11-22")
    assert made.returncode == 0, made.stderr
    assert "16 contacts" in made.stdout and "planner-local-only" not in made.stdout
    out = tmp_path / "out"
    for command in (
        ["export", "-o", out / "backup.json"],
        ["due", "--today", "2026-11-22"],
        ["calendar", "-o", out / "meetings.ics"],
        ["interviews"],
        ["report", "--format", "md", "-o", out / "report.md", "--today", "2026-11-22"],
        ["csv", "--what", "contacts", "-o", out / "contacts.csv"],
        ["feed"],
        ["vcard-export", "-o", out / "people.vcf"],
        ["lint", "--goal", "1"],
        ["digest", "--dry-run", "--always", "--to", "me@example.org", "--today", "2026-11-22"],
    ):
        done = run_planner(*command, "--database-url", planner_url)
        assert done.returncode == 0, (command, done.stderr)
    interviews = run_planner("interviews", "--database-url", planner_url).stdout
    first_interview = interviews.split()[0]
    sheet = run_planner(
        "sheet", "--interview", first_interview, "-o", out / "sheet.md",
        "--database-url", planner_url,
    )  # fmt: skip
    assert sheet.returncode == 0, sheet.stderr
    copied = run_planner("copy", "--from", planner_url, "--to", tmp_path / "copy.duckdb")
    assert copied.returncode == 0, copied.stderr
    assert "16 contacts" in copied.stdout and "planner-local-only" not in copied.stdout
    run_planner("export", "--db", tmp_path / "copy.duckdb", "-o", out / "from-file.json")
    assert (out / "from-file.json").read_bytes() == (out / "backup.json").read_bytes()
    again = run_planner("vcard-import", out / "people.vcf", "--database-url", planner_url)
    assert again.returncode == 0, again.stderr
    assert "skipped" in again.stdout.lower() or "already" in again.stdout.lower()


def _refused_for_a_conflict(cursor) -> None:
    """What PostgreSQL does to a transaction that lost a race: a serialization failure."""
    cursor.execute(
        "DO $$ BEGIN RAISE EXCEPTION 'lost a race' USING ERRCODE = 'serialization_failure'; END $$"
    )


def test_a_save_the_server_refuses_for_a_conflict_is_run_again_and_saved_once(planner_url):
    with open_database(planner_url) as database:
        store = database.session()
        tries = []

        def add_a_goal() -> int:
            with store.transaction() as cursor:
                goal = store.goals.add(GoalDraft(title="Saved once"), today=TODAY)
                tries.append(goal)
                if len(tries) == 1:
                    _refused_for_a_conflict(cursor)
                return goal

        retrying(add_a_goal)
        assert len(tries) == 2
        assert [g.title for g in store.goals.list()] == ["Saved once"]


def test_a_conflict_that_keeps_happening_is_said_as_a_stale_edit(planner_url):
    with open_database(planner_url) as database:
        store = database.session()

        def always_refused() -> None:
            with store.transaction() as cursor:
                store.goals.add(GoalDraft(title="Never saved"), today=TODAY)
                _refused_for_a_conflict(cursor)

        with pytest.raises(StaleEdit, match="nothing was saved"):
            retrying(always_refused)
        assert store.goals.list() == []


def test_a_restore_leaves_the_server_statistics_of_how_many_rows_there_are(planner_url):
    """Right after a big restore the server plans with up-to-date statistics (planned for
    empty tables, a page of a large planner took minutes instead of milliseconds)."""
    with open_database(planner_url) as database:
        demo.load_demo(database.session(), today=TODAY)
    with psycopg.connect(planner_url) as connection:
        estimated = dict(
            connection.execute(
                "SELECT relname, reltuples FROM pg_class WHERE relname = ANY(%s)",
                [["contacts", "contact_events"]],
            ).fetchall()
        )
    assert estimated == {"contacts": 16, "contact_events": 73}


def test_an_address_shown_in_a_message_never_holds_a_password():
    from planner.store.postgres import shown_url

    assert shown_url("postgresql://ann:pw@db.example.org:5433/plans?sslmode=require") == (
        "postgresql://ann@db.example.org:5433/plans"
    )
    assert "s3cret" not in shown_url("postgresql://ann@[::1]:5432/p?password=s3cret")
    assert shown_url("postgresql://ann@[::1]:5432/p?password=s3cret") == (
        "postgresql://ann@[::1]:5432/p"
    )


def test_a_setting_that_is_no_postgresql_address_is_refused_not_taken_for_a_file():
    from planner.store import PlannerUnavailable, database_target

    for wrong in ("postgresql+psycopg://u@h/db", "host=db dbname=planner"):
        with pytest.raises(PlannerUnavailable, match="should be a PostgreSQL address"):
            database_target({"PLANNER_DATABASE_URL": wrong})


def test_a_superuser_connection_is_refused(postgres_server, planner_url):
    from planner.store import PlannerUnavailable

    as_superuser = (
        f"postgresql://postgres@127.0.0.1:{postgres_server.port}/" + (planner_url.rsplit("/", 1)[1])
    )
    with pytest.raises(PlannerUnavailable, match="passes through row-level security"):
        open_database(as_superuser)


def test_a_database_that_does_not_exist_is_named_in_the_message(postgres_server):
    from planner.store import PlannerUnavailable

    with pytest.raises(PlannerUnavailable, match='database "no_such_planner" does not exist'):
        open_database(postgres_server.url("no_such_planner"))


def test_no_session_can_take_the_owner_that_sees_every_planner(planner_url):
    with open_database(planner_url) as database, pytest.raises(ValueError):
        database.session("*every-owner*")


def test_copy_refuses_a_missing_or_empty_source_and_leaves_the_target(planner_url, tmp_path):
    from tests.test_cli import run_planner

    assert run_planner("demo", "--database-url", planner_url).returncode == 0
    missing = run_planner(
        "copy", "--from", tmp_path / "typo.duckdb", "--to", planner_url, "--replace"
    )
    assert missing.returncode == 1 and "no planner file" in missing.stderr
    assert not (tmp_path / "typo.duckdb").exists()
    Database(tmp_path / "empty.duckdb").close()
    empty = run_planner(
        "copy", "--from", tmp_path / "empty.duckdb", "--to", planner_url, "--replace"
    )
    assert empty.returncode == 1 and "holds nothing" in empty.stderr
    with open_database(planner_url) as database:
        assert len(database.session().contacts.list()) == 16
