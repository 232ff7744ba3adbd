"""Numbered SQL migrations: the only way the schema changes.

Each file in this folder named ``NNNN_name.sql`` is one migration. They run in
number order, each in its own transaction, and each is recorded in
``schema_migrations`` with the time it ran, so ``applied()`` and ``pending()``
say where a database stands.

Rules for writing one: adding a column is done in place (``ALTER TABLE ... ADD
COLUMN``); any other change to a table (every user table has a key) is done by creating
the new table, copying the rows across and swapping the names, as DuckDB cannot drop,
retype or rename a column of such a table in place; never drop user data a later
version could need. ``store.Database`` exports a copy of the planner beside its file
before running any on an existing planner.

Migrations are written in the SQL DuckDB and PostgreSQL share. Where the two must
differ, the file marks it: the lines after ``-- backend: postgres`` (or ``duckdb``) run
on that backend only, until ``-- backend: all``. On PostgreSQL each migration runs under
an advisory lock, so of several app servers starting at once exactly one applies it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

_FOLDER = Path(__file__).parent
_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")
_BACKEND_MARK = re.compile(r"^--\s*backend:\s*(all|duckdb|postgres)\s*$")
# The advisory lock that one migrating process holds on PostgreSQL (any fixed number).
_MIGRATION_LOCK = 7_441_902
# Row-level security shows a transaction one owner's rows; a migration sees them all.
_EVERY_OWNER = "*every-owner*"


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    path: Path

    def sql(self, backend: str = "duckdb") -> str:
        """The statements this backend runs: the shared ones and its own."""
        kept, running = [], True
        for line in self.path.read_text(encoding="utf-8").splitlines():
            marker = _BACKEND_MARK.match(line)
            if marker:
                running = marker.group(1) in ("all", backend)
            elif running:
                kept.append(line)
        return "\n".join(kept) + "\n"


def all_migrations() -> list[Migration]:
    """Every shipped migration, in the order it runs."""
    found = []
    for path in _FOLDER.glob("*.sql"):
        match = _NAME.match(path.name)
        if not match:
            raise RuntimeError(f"migration file {path.name} is not named NNNN_name.sql")
        found.append(Migration(int(match.group(1)), match.group(2), path))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise RuntimeError(f"migration numbers must run 1, 2, 3, ... without gaps: {versions}")
    return found


def latest_version() -> int:
    """The schema version this code expects."""
    return all_migrations()[-1].version


def _ensure_table(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)"
    )


def applied(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Versions already applied to this database, ascending."""
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
        " AND table_catalog = current_database() AND table_schema = current_schema()"
    ).fetchone()[0]
    if not exists:
        return []
    return [
        row[0] for row in con.execute("SELECT version FROM schema_migrations ORDER BY 1").fetchall()
    ]


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    """The schema version of this database; 0 for a new, empty one."""
    done = applied(con)
    return done[-1] if done else 0


def pending(con: duckdb.DuckDBPyConnection) -> list[Migration]:
    """Migrations not yet applied, in the order they would run."""
    done = set(applied(con))
    return [m for m in all_migrations() if m.version not in done]


class SchemaTooNew(RuntimeError):
    """The database was written by a newer planner than this one."""


def migrate(
    con: duckdb.DuckDBPyConnection, *, target: int | None = None, backend: str = "duckdb"
) -> list[int]:
    """Apply pending migrations up to ``target`` (default: all). Returns the versions applied.

    A migration that fails is rolled back whole and the error is raised; the
    versions before it stay applied.
    """
    have = current_version(con)
    newest = latest_version()
    if have > newest:
        raise SchemaTooNew(
            f"This planner database is at schema version {have}, but this version of the "
            f"planner only knows up to {newest}. Update the planner to open it."
        )
    target = newest if target is None else target
    done = []
    for migration in pending(con):
        if migration.version > target:
            break
        con.execute("BEGIN TRANSACTION")
        try:
            if backend == "postgres":
                # Another server may be migrating: wait for it, then look again.
                con.execute("SELECT pg_advisory_xact_lock(?)", [_MIGRATION_LOCK])
                con.execute("SELECT set_config('planner.owner', ?, true)", [_EVERY_OWNER])
                if migration.version in applied(con):
                    con.execute("COMMIT")
                    continue
            _ensure_table(con)
            con.execute(migration.sql(backend))
            con.execute(
                "INSERT INTO schema_migrations VALUES (?, ?, ?)",
                [migration.version, migration.name, datetime.now(UTC).replace(tzinfo=None)],
            )
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        done.append(migration.version)
    if done and backend == "duckdb":
        # Fold the write-ahead log into the file so a copied file is complete.
        con.execute("CHECKPOINT")
    return done
