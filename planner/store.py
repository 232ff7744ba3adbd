"""The planner's storage: one DuckDB file, one connection per process.

``Database`` owns the process-wide connection, the write lock and the
migrations. ``Store`` is one session's view of it: its own cursor (DuckDB
cursors on one connection must not run queries at the same time), every query
filtered on the owner id, every save one transaction behind the write lock.
All SQL in the project lives here, parameterised.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.compute as pc

from planner import migrations, read_cache
from planner.errors import NotFound, StaleEdit, ValidationError
from planner.goals import OPEN_STATUSES, Goal, GoalDraft, title_clashes, validate_goal
from planner.paths import DATA_DIR
from planner.read_cache import cached_read
from planner.store_metrics import MetricsStore
from planner.store_network import NetworkStore
from planner.store_plans import PlanStore
from planner.store_questions import QuestionStore
from planner.store_reflections import ReflectionStore

LOCAL_OWNER = "local"
DEFAULT_DATABASE = DATA_DIR / "planner.duckdb"
# Bookkeeping tables: not user content, never exported.
INTERNAL_TABLES = frozenset({"schema_migrations", "id_counters"})


def database_path(environ: dict[str, str] | None = None) -> Path:
    """The user's planner file: $PLANNER_DB if set, else data/planner.duckdb."""
    environ = os.environ if environ is None else environ
    configured = environ.get("PLANNER_DB", "").strip()
    return Path(configured).expanduser() if configured else DEFAULT_DATABASE


def demo_database_path(path: Path) -> Path:
    """Where the demo planner lives beside a user's planner, never inside it."""
    return path.with_name(f"{path.stem}.demo{path.suffix or '.duckdb'}")


class PlannerInUse(RuntimeError):
    """Another process has the planner file open."""


class PlannerUnavailable(RuntimeError):
    """The planner file cannot be opened; the message says why and what to do."""


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    nullable: bool


def _goal_fields(draft: GoalDraft) -> list[Any]:
    """A draft's values in the order of the goals table's editable columns."""
    return [
        draft.title,
        draft.kind,
        draft.field,
        draft.target_roles,
        draft.target_organisations,
        draft.learning_aims,
        draft.fit_questions,
        draft.target_interviews,
        draft.target_date,
    ]


def _utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Database:
    """The process-wide connection to one planner file (or ``:memory:``)."""

    def __init__(self, path: str | Path, *, schema_version: int | None = None):
        """Open (creating if needed) and migrate to ``schema_version`` (default: latest).

        Before a migration changes an existing planner, a copy of it is exported beside
        the file; a migration that fails leaves the planner as it was and says so.
        """
        self.path = str(path)
        self.recovery_note = ""  # set when the planner opened only after a repair
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._connection = self._connect()
        self.write_lock = threading.RLock()
        self.reads = read_cache.for_file(self.path)
        self.reads.changed()  # the file may be new, or changed while nobody here held it
        try:
            with self.write_lock:
                self._migrate(schema_version)
                self._user_tables = _read_user_tables(self._connection)
        except Exception:
            self._connection.close()
            raise

    def _connect(self) -> duckdb.DuckDBPyConnection:
        try:
            return duckdb.connect(self.path)
        except duckdb.IOException as error:
            if "lock" in str(error).lower():
                raise PlannerInUse(
                    f"The planner at {self.path} is open in another program (another "
                    "planner window or command). Close it there, then try again."
                ) from error
            return self._open_without_log(error)
        except duckdb.Error as error:
            return self._open_without_log(error)

    def _open_without_log(self, error: duckdb.Error) -> duckdb.DuckDBPyConnection:
        """The file would not open. If a write-ahead log (changes not yet folded into the
        file) is what fails to replay, move it aside (never delete it), open what the file
        holds, and say so; otherwise report the error."""
        log = Path(self.path + ".wal")
        if self.path == ":memory:" or not log.exists():
            raise PlannerUnavailable(
                f"The planner at {self.path} cannot be opened: {error}"
            ) from error
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        kept = log.with_name(f"{log.name}.unreadable-{stamp}")
        log.rename(kept)
        try:
            connection = duckdb.connect(self.path)
        except duckdb.Error as second:
            kept.rename(log)  # leave everything as it was found
            raise PlannerUnavailable(
                f"The planner at {self.path} cannot be opened: {second}"
            ) from second
        backups = sorted(Path(self.path).parent.glob("*backup*.json"))
        offer = f" Your latest backup file is {backups[-1]}." if backups else ""
        self.recovery_note = (
            "The planner's last changes could not be read back after the program stopped "
            f"unexpectedly ({error}). The planner opened with everything saved before them; "
            f"the unreadable log was kept as {kept}."
            + offer
            + " If something is missing, restore a backup on the Backup page."
        )
        return connection

    def _migrate(self, schema_version: int | None) -> None:
        current = migrations.current_version(self._connection)
        waiting = [m for m in migrations.pending(self._connection)
                   if schema_version is None or m.version <= schema_version]  # fmt: skip
        copy = None
        if current and waiting and self.path != ":memory:":
            copy = Path(f"{self.path}.before-v{waiting[0].version}")
            if not copy.exists():
                # EXPORT DATABASE reads through the connection, so changes still in the
                # write-ahead log are in the copy too (a file copy could miss them).
                self._connection.execute(f"EXPORT DATABASE '{_sql_path(copy)}' (FORMAT parquet)")
        try:
            migrations.migrate(self._connection, target=schema_version)
        except migrations.SchemaTooNew:
            raise
        except Exception as error:
            now_at = migrations.current_version(self._connection)
            kept = f" A copy made before the update is in {copy}." if copy else ""
            raise PlannerUnavailable(
                f"Updating the planner at {self.path} to this version of the program failed "
                f"({error}). The step that failed changed nothing: the planner is as it was "
                f"at version {now_at}.{kept}"
            ) from error

    def upgrade(self) -> list[int]:
        """Apply every pending migration; returns the versions applied."""
        with self.write_lock:
            done = migrations.migrate(self._connection)
            self._user_tables = _read_user_tables(self._connection)
            self.reads.changed()
            return done

    @property
    def user_tables(self) -> dict[str, list[Column]]:
        """Every table holding user content, with its columns (owner_id left out)."""
        return self._user_tables

    def session(self, owner_id: str = LOCAL_OWNER) -> Store:
        """A store for one user session, with its own cursor."""
        return Store(self, self._connection.cursor(), owner_id)

    def checkpoint(self) -> None:
        """Fold the write-ahead log into the file now, so a crash leaves nothing of a big
        change to replay. Best effort: while another session is reading, DuckDB refuses,
        and it checkpoints on its own later."""
        with self.write_lock, suppress(duckdb.Error):
            self._connection.execute("CHECKPOINT")

    def close(self) -> None:
        self._connection.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Store(NetworkStore, PlanStore, QuestionStore, ReflectionStore, MetricsStore):
    """One session's operations on the planner. Create with ``Database.session()``."""

    _now = staticmethod(_utcnow)

    def __init__(self, database: Database, cursor: duckdb.DuckDBPyConnection, owner_id: str):
        self.database = database
        self.owner_id = owner_id
        self._cursor = cursor
        # A session's own reruns must not share its cursor at the same moment.
        self._cursor_lock = threading.RLock()
        self._in_transaction = False

    # -- plumbing -----------------------------------------------------------

    def _rows(self, sql: str, params: list[Any] | tuple = ()) -> list[tuple]:
        with self._cursor_lock:
            return self._cursor.execute(sql, params).fetchall()

    def _one(self, sql: str, params: list[Any] | tuple = ()) -> tuple | None:
        with self._cursor_lock:
            return self._cursor.execute(sql, params).fetchone()

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """One all-or-nothing write: commits on success, rolls back on any error.

        A transaction opened inside another joins it, so a command (one user action)
        can make several writes that are saved together or not at all. Reads remembered
        by ``cached_read`` are not refreshed until the outermost one commits."""
        with self.database.write_lock, self._cursor_lock:
            if self._in_transaction:
                yield self._cursor
                return
            self._cursor.execute("BEGIN TRANSACTION")
            self._in_transaction = True
            try:
                yield self._cursor
            except BaseException:
                self._cursor.execute("ROLLBACK")
                raise
            else:
                self._cursor.execute("COMMIT")
            finally:
                self._in_transaction = False
                self.database.reads.changed()

    @staticmethod
    def _next_id(cursor: duckdb.DuckDBPyConnection, table: str) -> int:
        """A fresh id for ``table``; ids are never reused, even after deletes."""
        row = cursor.execute(
            "UPDATE id_counters SET last_id = last_id + 1 WHERE table_name = ? RETURNING last_id",
            [table],
        ).fetchone()
        if row is not None:
            return row[0]
        cursor.execute("INSERT INTO id_counters VALUES (?, 1)", [table])
        return 1

    # -- goals --------------------------------------------------------------

    _GOAL_COLUMNS = (
        "g.id, g.title, g.kind, g.field, g.target_roles, g.target_organisations, "
        "g.learning_aims, g.fit_questions, g.target_interviews, g.target_date, g.status, "
        "g.created_at, g.updated_at, g.version"
    )

    @cached_read
    def list_goals(self, *, statuses: tuple[str, ...] | None = None) -> list[Goal]:
        """Goals with their interviews done; active first, then paused, then achieved."""
        sql = f"""
            SELECT {self._GOAL_COLUMNS}, coalesce(done.n, 0) AS interviews_done
            FROM goals g
            LEFT JOIN (
                SELECT goal_id, count(*) AS n FROM interviews
                WHERE owner_id = ? AND status = 'done' GROUP BY goal_id
            ) done ON done.goal_id = g.id
            WHERE g.owner_id = ?
        """
        params: list[Any] = [self.owner_id, self.owner_id]
        if statuses is not None:
            if not statuses:
                return []
            sql += " AND g.status IN (SELECT unnest(?::VARCHAR[]))"
            params.append(list(statuses))
        sql += """
            ORDER BY CASE g.status WHEN 'active' THEN 0 WHEN 'paused' THEN 1 ELSE 2 END,
                     g.target_date NULLS LAST, g.id
        """
        return [Goal(*row) for row in self._rows(sql, params)]

    @cached_read
    def get_goal(self, goal_id: int) -> Goal:
        """One goal, or NotFound."""
        row = self._one(
            f"""
            SELECT {self._GOAL_COLUMNS},
                   (SELECT count(*) FROM interviews i WHERE i.owner_id = g.owner_id
                      AND i.goal_id = g.id AND i.status = 'done')
            FROM goals g WHERE g.owner_id = ? AND g.id = ?
            """,
            [self.owner_id, goal_id],
        )
        if row is None:
            raise NotFound(f"No goal {goal_id}.")
        return Goal(*row)

    def _open_titles(self, cursor: duckdb.DuckDBPyConnection, exclude_id: int | None) -> list[str]:
        rows = cursor.execute(
            "SELECT title FROM goals WHERE owner_id = ? AND status IN (SELECT unnest(?::VARCHAR[]))"
            " AND id IS DISTINCT FROM ?",
            [self.owner_id, list(OPEN_STATUSES), exclude_id],
        ).fetchall()
        return [r[0] for r in rows]

    def add_goal(self, draft: GoalDraft, *, today: date) -> int:
        """Save a new active goal; returns its id. Raises ValidationError and saves nothing."""
        draft = draft.normalised()
        with self.transaction() as cur:
            errors = validate_goal(draft, today=today, open_titles=self._open_titles(cur, None))
            if errors:
                raise ValidationError(errors)
            goal_id = self._next_id(cur, "goals")
            now = _utcnow()
            cur.execute(
                """
                INSERT INTO goals (id, owner_id, title, kind, field, target_roles,
                    target_organisations, learning_aims, fit_questions, target_interviews,
                    target_date, status, created_at, updated_at, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, 1)
                """,
                [
                    goal_id,
                    self.owner_id,
                    *_goal_fields(draft),
                    now,
                    now,
                ],
            )
        return goal_id

    def update_goal(
        self, goal_id: int, draft: GoalDraft, *, expected_version: int, today: date
    ) -> None:
        """Save an edited goal. On ValidationError, StaleEdit or NotFound nothing is saved."""
        draft = draft.normalised()
        with self.transaction() as cur:
            current = cur.execute(
                "SELECT status, target_date, version FROM goals WHERE owner_id = ? AND id = ?",
                [self.owner_id, goal_id],
            ).fetchone()
            if current is None:
                raise NotFound(f"No goal {goal_id}.")
            status, saved_date, version = current
            if version != expected_version:
                raise StaleEdit.of("goal")
            titles = self._open_titles(cur, goal_id) if status in OPEN_STATUSES else []
            errors = validate_goal(
                draft, today=today, open_titles=titles, original_target_date=saved_date
            )
            if errors:
                raise ValidationError(errors)
            cur.execute(
                """
                UPDATE goals SET title = ?, kind = ?, field = ?, target_roles = ?,
                    target_organisations = ?, learning_aims = ?, fit_questions = ?,
                    target_interviews = ?, target_date = ?, updated_at = ?, version = version + 1
                WHERE owner_id = ? AND id = ?
                """,
                [
                    *_goal_fields(draft),
                    _utcnow(),
                    self.owner_id,
                    goal_id,
                ],
            )

    def set_goal_status(self, goal_id: int, status: str) -> tuple[int, int]:
        """Pause, resume, mark achieved or reopen a goal; returns its version before and
        after, so an edit open in the same window can follow the change.

        Reopening refuses (ValidationError on 'title') when another open goal
        already has the same title.
        """
        if status not in ("active", "paused", "achieved"):
            raise ValueError(f"unknown goal status {status!r}")
        with self.transaction() as cur:
            row = cur.execute(
                "SELECT title, status, version FROM goals WHERE owner_id = ? AND id = ?",
                [self.owner_id, goal_id],
            ).fetchone()
            if row is None:
                raise NotFound(f"No goal {goal_id}.")
            title, old_status, version = row
            reopening = status in OPEN_STATUSES and old_status not in OPEN_STATUSES
            if reopening and title_clashes(title, self._open_titles(cur, goal_id)):
                raise ValidationError(
                    {
                        "title": "Another active or paused goal has this title; "
                        "rename one of them before reopening this goal."
                    }
                )
            cur.execute(
                "UPDATE goals SET status = ?, updated_at = ?, version = version + 1"
                " WHERE owner_id = ? AND id = ?",
                [status, _utcnow(), self.owner_id, goal_id],
            )
        return version, version + 1

    @cached_read
    def goal_links(self, goal_id: int) -> dict[str, int]:
        """What refers to a goal, counted, so deleting it can say what it affects."""
        row = self._one(
            """
            SELECT
              (SELECT count(*) FROM contact_goals WHERE owner_id = ? AND goal_id = ?),
              (SELECT count(*) FROM interviews WHERE owner_id = ? AND goal_id = ?),
              (SELECT count(*) FROM research_notes WHERE owner_id = ? AND goal_id = ?),
              (SELECT count(*) FROM action_items WHERE owner_id = ? AND goal_id = ?),
              (SELECT count(*) FROM goal_assumptions WHERE owner_id = ? AND goal_id = ?)
            """,
            [self.owner_id, goal_id] * 5,
        )
        names = ("contacts", "interviews", "research notes", "action items", "assumptions")
        return dict(zip(names, row, strict=True))

    def delete_goal(self, goal_id: int) -> None:
        """Delete a goal and its assumptions; contacts, interviews, notes and
        action items that referred to it stay, no longer linked to any goal."""
        with self.transaction() as cur:
            found = cur.execute(
                "SELECT count(*) FROM goals WHERE owner_id = ? AND id = ?", [self.owner_id, goal_id]
            ).fetchone()[0]
            if not found:
                raise NotFound(f"No goal {goal_id}.")
            params = [self.owner_id, goal_id]
            cur.execute(
                """
                DELETE FROM assumption_checks WHERE owner_id = ? AND assumption_id IN
                  (SELECT id FROM goal_assumptions WHERE owner_id = ? AND goal_id = ?)
                """,
                [self.owner_id, *params],
            )
            cur.execute("DELETE FROM goal_assumptions WHERE owner_id = ? AND goal_id = ?", params)
            cur.execute("DELETE FROM contact_goals WHERE owner_id = ? AND goal_id = ?", params)
            for table in ("interviews", "research_notes", "action_items"):
                cur.execute(
                    f"UPDATE {table} SET goal_id = NULL WHERE owner_id = ? AND goal_id = ?", params
                )
            cur.execute("DELETE FROM goals WHERE owner_id = ? AND id = ?", params)

    # -- the journey at a glance -------------------------------------------

    @cached_read
    def journey_counts(self) -> dict[str, int]:
        """Counts the Home page and step states are built from, in one query."""
        owner = self.owner_id
        row = self._one(
            """
            SELECT
              (SELECT count(*) FROM goals WHERE owner_id = $o),
              (SELECT count(*) FROM goals WHERE owner_id = $o AND status = 'active'),
              (SELECT count(*) FROM goals WHERE owner_id = $o AND status = 'paused'),
              (SELECT count(*) FROM goals WHERE owner_id = $o AND status = 'achieved'),
              (SELECT count(*) FROM research_notes WHERE owner_id = $o),
              (SELECT count(*) FROM organisations WHERE owner_id = $o),
              (SELECT count(*) FROM contacts WHERE owner_id = $o),
              (SELECT count(*) FROM interviews WHERE owner_id = $o AND status = 'scheduled'),
              (SELECT count(*) FROM interviews WHERE owner_id = $o AND status = 'done'),
              (SELECT count(DISTINCT plan_id) FROM plan_questions WHERE owner_id = $o),
              (SELECT count(*) FROM reflections WHERE owner_id = $o)
            """,
            {"o": owner},
        )
        names = (
            "goals",
            "goals_active",
            "goals_paused",
            "goals_achieved",
            "research_notes",
            "organisations",
            "contacts",
            "interviews_scheduled",
            "interviews_done",
            "question_plans",
            "reflections",
        )
        return dict(zip(names, row, strict=True))

    # -- whole-planner access for backup and demo ---------------------------

    def user_tables(self) -> dict[str, list[Column]]:
        """Every table holding user content, with its columns (owner_id left out)."""
        return self.database.user_tables

    def table_rows(self, table: str, columns: list[str]) -> list[tuple]:
        """All of this owner's rows of a user table, ordered by id."""
        self._check_table(table)
        names = ", ".join(_quote(c) for c in columns)
        return self._rows(
            f"SELECT {names} FROM {_quote(table)} WHERE owner_id = ? ORDER BY id", [self.owner_id]
        )

    @cached_read
    def row_counts(self) -> dict[str, int]:
        """How many rows this owner has in each user table."""
        with self._cursor_lock:
            return self._count_rows(self._cursor, self.user_tables())

    def _count_rows(self, cursor: duckdb.DuckDBPyConnection, tables: dict) -> dict[str, int]:
        sql = " UNION ALL ".join(
            f"SELECT ?, count(*) FROM {_quote(t)} WHERE owner_id = ?" for t in sorted(tables)
        )
        params = [p for t in sorted(tables) for p in (t, self.owner_id)]
        return dict(cursor.execute(sql, params).fetchall()) if tables else {}

    def is_empty(self) -> bool:
        return not any(self.row_counts().values())

    def replace_content(self, tables: dict[str, Any], *, replace: bool) -> None:
        """Load whole tables (Arrow tables keyed by name, owner_id included) in one transaction.

        With ``replace`` the planner ends up holding exactly these rows: rows the tables
        lack are deleted and the rest are written over in place. Deleting a key and
        inserting it again in one transaction is what DuckDB has failed to replay from
        its write-ahead log after a crash, so a key that stays is never deleted.
        Without ``replace`` the planner must be empty. Id counters move past every
        loaded id.
        """
        known = self.user_tables()
        unknown = set(tables) - set(known)
        if unknown:
            raise ValueError(f"unknown tables: {sorted(unknown)}")
        with self.transaction() as cur:
            if not replace:
                counts = self._count_rows(cur, known)
                if any(counts.values()):
                    raise ValueError("the planner is not empty")
            for table in known:
                incoming = tables.get(table)
                if incoming is None or incoming.num_rows == 0:
                    if replace:
                        cur.execute(
                            f"DELETE FROM {_quote(table)} WHERE owner_id = ?", [self.owner_id]
                        )
                    continue
                cur.register("incoming_rows", incoming)
                try:
                    names = ", ".join(_quote(n) for n in incoming.column_names)
                    if replace:
                        cur.execute(
                            f"DELETE FROM {_quote(table)} WHERE owner_id = ? "
                            "AND id NOT IN (SELECT id FROM incoming_rows)",
                            [self.owner_id],
                        )
                    verb = "INSERT OR REPLACE" if replace else "INSERT"
                    cur.execute(
                        f"{verb} INTO {_quote(table)} ({names}) SELECT {names} FROM incoming_rows"
                    )
                finally:
                    cur.unregister("incoming_rows")
                self._advance_counter(cur, table, pc.max(incoming.column("id")).as_py())
        if replace:
            self.database.checkpoint()

    @staticmethod
    def _advance_counter(cursor: duckdb.DuckDBPyConnection, table: str, used: int) -> None:
        """Make sure the next id handed out for ``table`` is above ``used``."""
        row = cursor.execute(
            "UPDATE id_counters SET last_id = greatest(last_id, ?) WHERE table_name = ?"
            " RETURNING last_id",
            [used, table],
        ).fetchone()
        if row is None:
            cursor.execute("INSERT INTO id_counters VALUES (?, ?)", [table, used])

    def content_as_arrow(self) -> dict[str, Any]:
        """Every user table of this owner as an Arrow table, owner_id included."""
        with self._cursor_lock:
            return {
                table: self._cursor.sql(
                    f"SELECT * FROM {_quote(table)} WHERE owner_id = ? ORDER BY id",
                    params=[self.owner_id],
                ).to_arrow_table()
                for table in self.user_tables()
            }

    def schema_version(self) -> int:
        with self._cursor_lock:
            return migrations.current_version(self._cursor)

    def _check_table(self, table: str) -> None:
        if table not in self.user_tables():
            raise ValueError(f"unknown table {table!r}")


def _read_user_tables(connection: duckdb.DuckDBPyConnection) -> dict[str, list[Column]]:
    rows = connection.execute(
        """
        SELECT table_name, column_name, data_type, is_nullable = 'YES'
        FROM information_schema.columns
        WHERE table_catalog = current_database() AND table_schema = 'main'
        ORDER BY table_name, ordinal_position
        """
    ).fetchall()
    tables: dict[str, list[Column]] = {}
    for table, column, type_, nullable in rows:
        if table in INTERNAL_TABLES or column == "owner_id":
            continue
        tables.setdefault(table, []).append(Column(column, type_, nullable))
    return tables


def _sql_path(path: Path) -> str:
    """A path inside a single-quoted SQL string."""
    return str(path).replace("'", "''")


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def open_store(path: str | Path, owner_id: str = LOCAL_OWNER) -> Store:
    """A store on its own Database, for the command line and tests."""
    return Database(path).session(owner_id)
