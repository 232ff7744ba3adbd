"""What every repository stands on: one session's cursor, owner and transactions."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import duckdb

if TYPE_CHECKING:
    from planner.store import Store
    from planner.store.database import Database


def utcnow() -> datetime:
    """Now in UTC, without a zone: how the planner stores moments."""
    return datetime.now(UTC).replace(tzinfo=None)


class Session:
    """One user session on a planner file: its own cursor (DuckDB cursors on one
    connection must not run queries at the same time), its owner, its transactions."""

    def __init__(self, database: Database, cursor: duckdb.DuckDBPyConnection, owner_id: str):
        self.database = database
        self.owner_id = owner_id
        self.cursor = cursor
        # A session's own reruns must not share its cursor at the same moment.
        self.cursor_lock = threading.RLock()
        self._in_transaction = False

    @contextmanager
    def reading(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """The cursor to read through, for a few statements in a row."""
        with self.cursor_lock:
            yield self.cursor

    def rows(self, sql: str, params: list[Any] | tuple | dict = ()) -> list[tuple]:
        with self.cursor_lock:
            return self.cursor.execute(sql, params).fetchall()

    def one(self, sql: str, params: list[Any] | tuple | dict = ()) -> tuple | None:
        with self.cursor_lock:
            return self.cursor.execute(sql, params).fetchone()

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """One all-or-nothing write: commits on success, rolls back on any error.

        A transaction opened inside another joins it, so a command (one user action)
        can make several writes that are saved together or not at all. Reads remembered
        by ``cached_read`` are not refreshed until the outermost one commits."""
        with self.database.write_lock, self.cursor_lock:
            if self._in_transaction:
                yield self.cursor
                return
            self.cursor.execute("BEGIN TRANSACTION")
            self._in_transaction = True
            try:
                yield self.cursor
            except BaseException:
                self._in_transaction = False
                self.cursor.execute("ROLLBACK")  # nothing changed: what was read still holds
                raise
            self._in_transaction = False
            try:
                self.cursor.execute("COMMIT")
            finally:
                self.database.reads.changed(self.owner_id)


# The schema version from which ids are counted per owner (migration 0003).
IDS_PER_OWNER_FROM = 3


def next_ids(cursor: duckdb.DuckDBPyConnection, owner_id: str, table: str, count: int) -> list[int]:
    """``count`` fresh ids for ``table`` in one statement (see ``next_id``)."""
    if count <= 0:
        return []
    last = next_id(cursor, owner_id, table) + count - 1
    cursor.execute(
        "UPDATE owner_id_counters SET last_id = ? WHERE owner_id = ? AND table_name = ?",
        [last, owner_id, table],
    )
    return list(range(last - count + 1, last + 1))


def next_id(cursor: duckdb.DuckDBPyConnection, owner_id: str, table: str) -> int:
    """A fresh id for one owner's ``table``; ids are never reused, even after deletes."""
    row = cursor.execute(
        "UPDATE owner_id_counters SET last_id = last_id + 1"
        " WHERE owner_id = ? AND table_name = ? RETURNING last_id",
        [owner_id, table],
    ).fetchone()
    if row is not None:
        return row[0]
    cursor.execute("INSERT INTO owner_id_counters VALUES (?, ?, 1)", [owner_id, table])
    return 1


def _next_shared_ids(cursor: duckdb.DuckDBPyConnection, table: str, count: int) -> list[int]:
    """Fresh ids from the one counter all owners shared before ids were counted per owner:
    a planner kept at an older version (a backup on its way in, an old planner in a test)."""
    if count <= 0:
        return []
    row = cursor.execute(
        "UPDATE id_counters SET last_id = last_id + ? WHERE table_name = ? RETURNING last_id",
        [count, table],
    ).fetchone()
    if row is None:
        cursor.execute("INSERT INTO id_counters VALUES (?, ?)", [table, count])
        row = (count,)
    return list(range(row[0] - count + 1, row[0] + 1))


class Repository:
    """One aggregate's queries and writes, for one session. A repository reaches another
    only through the store it belongs to (``self._store.contacts``) and public methods;
    a write that spans several takes the caller's transaction (a cursor argument)."""

    def __init__(self, session: Session, store: Store):
        self._session = session
        self._store = store

    @property
    def owner_id(self) -> str:
        return self._session.owner_id

    @property
    def database(self) -> Database:
        return self._session.database

    def _rows(self, sql: str, params: list[Any] | tuple | dict = ()) -> list[tuple]:
        return self._session.rows(sql, params)

    def _one(self, sql: str, params: list[Any] | tuple | dict = ()) -> tuple | None:
        return self._session.one(sql, params)

    def transaction(self):
        return self._session.transaction()

    def _next_id(self, cursor, table: str) -> int:
        if self.database.schema_version < IDS_PER_OWNER_FROM:
            return _next_shared_ids(cursor, table, 1)[0]
        return next_id(cursor, self.owner_id, table)

    def _next_ids(self, cursor, table: str, count: int) -> list[int]:
        if self.database.schema_version < IDS_PER_OWNER_FROM:
            return _next_shared_ids(cursor, table, count)
        return next_ids(cursor, self.owner_id, table, count)

    def _insert_rows(self, cursor, table: str, columns: list[str], rows: list[tuple]) -> None:
        """Many rows in one go (an import's thousands), the fastest way the backend has."""
        self.database.insert_rows(cursor, table, columns, rows)

    _now = staticmethod(utcnow)
