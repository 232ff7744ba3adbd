"""Nothing saved is lost: a process killed mid-stream, a save that fails halfway, a
migration that fails, an unreadable write-ahead log, and many sessions writing at once."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, date, datetime
from datetime import time as clock
from pathlib import Path

import duckdb
import pytest

from planner import backup, migrations
from planner.contacts import ContactDraft
from planner.goals import GoalDraft
from planner.meetings import MeetingDraft
from planner.paths import REPO_ROOT
from planner.reflection import FitRating, ReflectionDraft, SkillHeard
from planner.store import Database, PlannerUnavailable, open_database
from planner.store.repository import Repository

from .fixtures import fill_every_table

TODAY = date(2026, 11, 24)
KILL_ROUNDS = 6
WRITER = """
import sys
from datetime import date
from planner.contacts import ContactDraft
from planner.store import Database

path, start = sys.argv[1], int(sys.argv[2])
with Database(path) as database:
    store = database.session()
    n = start
    while True:
        name = f"Person {n:05d} \\u00e9\\u20ac\\U0001f680 " + "notes " * (n % 7)
        draft = ContactDraft(name=name.strip(), notes=f"note {n}")
        store.contacts.add(draft, today=date(2026, 11, 24))
        print(n, flush=True)  # reported only once the save has committed
        n += 1
"""


def expected_name(n: int) -> str:
    return (f"Person {n:05d} \u00e9\u20ac\U0001f680 " + "notes " * (n % 7)).strip()


def test_every_reported_save_survives_sigkill(tmp_path):
    path = tmp_path / "planner.duckdb"
    rng = random.Random(8)
    saved: list[int] = []
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    for _ in range(KILL_ROUNDS):
        start = saved[-1] + 1 if saved else 0
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), str(start)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        deadline = time.monotonic() + rng.uniform(0.3, 1.5)
        reported = []
        while time.monotonic() < deadline:
            line = writer.stdout.readline()
            if not line:
                break
            reported.append(int(line))
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        saved += reported
        with Database(path) as database:  # opens cleanly, replaying the log
            store = database.session()
            contacts = {c.name: c for c in store.contacts.list()}
            for n in saved:
                person = contacts[expected_name(n)]
                assert store.contacts.get(person.id).notes == f"note {n}"
            saved = sorted({int(c.notes.split()[1]) for c in contacts.values()})
    assert len(saved) > KILL_ROUNDS  # each round saved something before it was killed


@pytest.fixture
def full_planner_text(store) -> str:
    fill_every_table(store, rows_per_table=20)
    return backup.export_text(store)


RESTORER = """
import os, sys
from planner import backup
from planner.store import Database

Database.checkpoint = lambda self: None  # leave the restores in the write-ahead log
path, text = sys.argv[1], open(sys.argv[2], encoding="utf-8").read()
database = Database(path)
database._connection.execute("SET checkpoint_threshold = '10GB'")
store = database.session()
for _ in range(3):
    backup.import_text(store, text, replace=True)
print("restored", flush=True)
os._exit(0)  # as if killed: nothing is folded into the file on the way out
"""


def test_a_restore_over_the_same_rows_replays_after_a_crash(tmp_path, full_planner_text):
    """Restoring a backup writes every row again under the same key; replaying that from
    the write-ahead log after a crash must give the backup back."""
    path = tmp_path / "planner.duckdb"
    with Database(path) as database:
        backup.import_text(database.session(), full_planner_text)
    source = tmp_path / "backup.json"
    source.write_text(full_planner_text, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", RESTORER, str(path), str(source)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.stdout.strip() == "restored", done.stderr
    assert Path(f"{path}.wal").stat().st_size > 0, "the restores are still in the log"
    with Database(path) as database:
        assert database.recovery_note == ""
        assert backup.export_text(database.session()) == full_planner_text


def test_a_restore_is_folded_into_the_file_at_once(tmp_path, full_planner_text):
    path = tmp_path / "planner.duckdb"
    with Database(path) as database:
        store = database.session()
        backup.import_text(store, full_planner_text)
        backup.import_text(store, full_planner_text, replace=True)
        wal = Path(f"{path}.wal")
        assert not wal.exists() or wal.stat().st_size == 0


def test_a_save_that_fails_between_two_writes_leaves_nothing(store, monkeypatch):
    contact = store.contacts.add(ContactDraft(name="Ann"), today=TODAY)
    interview = store.meetings.schedule(
        MeetingDraft(contact, date(2026, 11, 10), clock(10), "UTC"),
        now=datetime(2026, 11, 1, tzinfo=UTC),
    )
    store.meetings.mark_done(interview, now=datetime(2026, 11, 10, 12, tzinfo=UTC))
    before = store.content.row_counts()
    real_next_id = Repository._next_id
    calls = []

    def failing_next_id(repository, cursor, table):
        calls.append(table)
        if len(calls) == 3:  # the reflection and its first rating are written by now
            raise RuntimeError("the disk went away")
        return real_next_id(repository, cursor, table)

    monkeypatch.setattr(Repository, "_next_id", failing_next_id)
    draft = ReflectionDraft(
        advice="Start small.",
        fit_ratings=[FitRating("succeed", 4), FitRating("want", 3)],
        skills=[SkillHeard("SQL", "gap")],
    )
    with pytest.raises(RuntimeError):
        store.reflections.save(interview, draft)
    assert len(calls) == 3
    assert store.content.row_counts() == before
    assert store.reflections.for_interview(interview) is None


def test_a_migration_keeps_a_copy_and_a_failed_one_changes_nothing(tmp_path, monkeypatch):
    path = tmp_path / "planner.duckdb"
    with Database(path, schema_version=1) as old:
        old.session().goals.add(GoalDraft(title="Kept safe"), today=TODAY)
    broken = migrations.all_migrations()[1]
    real_sql = migrations.Migration.sql

    def sql(self, backend="duckdb"):
        if self.version == broken.version:
            return real_sql(self, backend) + "\nSELECT * FROM a_table_that_is_not_there;"
        return real_sql(self, backend)

    monkeypatch.setattr(migrations.Migration, "sql", sql)
    with pytest.raises(PlannerUnavailable) as refused:
        Database(path)
    message = str(refused.value)
    assert "The step that failed changed nothing" in message and "version 1" in message
    copy = Path(f"{path}.before-v2")
    assert str(copy) in message and (copy / "schema.sql").exists()
    monkeypatch.undo()

    with duckdb.connect(str(path)) as untouched:
        assert migrations.current_version(untouched) == 1
        assert untouched.execute("SELECT title FROM goals").fetchall() == [("Kept safe",)]
    with duckdb.connect(":memory:") as restored:  # the copy holds the data too
        restored.execute(f"IMPORT DATABASE '{copy}'")
        assert restored.execute("SELECT title FROM goals").fetchall() == [("Kept safe",)]
    with Database(path) as updated:  # and with the migration mended, the update goes through
        assert [g.title for g in updated.session().goals.list()] == ["Kept safe"]


def test_an_unreadable_write_ahead_log_is_moved_aside_and_said(tmp_path, monkeypatch):
    path = tmp_path / "planner.duckdb"
    with Database(path) as database:
        database.session().goals.add(GoalDraft(title="Saved before"), today=TODAY)
    log = Path(f"{path}.wal")
    log.write_bytes(b"changes that will not replay")
    (tmp_path / "interview-planner-backup-2026-11-20.json").write_text("{}")
    real_connect = duckdb.connect
    attempts = []

    def connect(target, *args, **kwargs):
        attempts.append(target)
        if len(attempts) == 1:  # DuckDB's replay failing, as after some crashes
            raise duckdb.InternalException("Failure while replaying WAL file")
        return real_connect(target, *args, **kwargs)

    monkeypatch.setattr(duckdb, "connect", connect)
    with Database(path) as database:
        assert [g.title for g in database.session().goals.list()] == ["Saved before"]
        note = database.recovery_note
    assert not log.exists()
    kept = list(tmp_path.glob("planner.duckdb.wal.unreadable-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == b"changes that will not replay"
    assert str(kept[0]) in note and "interview-planner-backup-2026-11-20.json" in note


def test_a_planner_that_cannot_open_for_another_reason_says_so(tmp_path):
    path = tmp_path / "planner.duckdb"
    path.write_bytes(b"this is not a database file at all" * 100)
    with pytest.raises(PlannerUnavailable, match="cannot be opened"):
        Database(path)
    assert path.read_bytes().startswith(b"this is not")  # left as it was


WRITERS, WRITES_EACH = 8, 40


def test_many_sessions_writing_and_reading_at_once_lose_nothing(backend, tmp_path, request):
    """On a DuckDB file, and on PostgreSQL (where each session's transactions take pooled
    connections of their own)."""
    errors: list[BaseException] = []
    if backend == "duckdb":
        target = tmp_path / "planner.duckdb"
    else:
        target = request.getfixturevalue("postgres_url")
    with open_database(target) as database:

        def session(number: int) -> None:
            store = database.session()
            try:
                goal = store.goals.add(GoalDraft(title=f"Goal of session {number}"), today=TODAY)
                for n in range(WRITES_EACH):
                    store.contacts.add(
                        ContactDraft(name=f"S{number} P{n}", goal_ids=[goal]), today=TODAY
                    )
                    seen = store.contacts.list(goal_id=goal)
                    assert len(seen) == n + 1  # a session always reads its own writes
                    store.metrics.pipeline()
            except BaseException as error:
                errors.append(error)

        threads = [threading.Thread(target=session, args=(i,)) for i in range(WRITERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        store = database.session()
        names = {c.name for c in store.contacts.list()}
        assert len(names) == WRITERS * WRITES_EACH
        assert sum(s.contacts for s in store.metrics.pipeline()) == WRITERS * WRITES_EACH
