"""The whole planner at once, table by table: for backup, restore and the demo."""

from __future__ import annotations

from typing import Any

import duckdb

from planner import migrations
from planner.read_cache import cached_read
from planner.store.database import Column, quote_identifier
from planner.store.repository import IDS_PER_OWNER_FROM, Repository


class ContentRepository(Repository):
    """The whole planner at once, table by table: for backup, restore and the demo."""

    def tables(self) -> dict[str, list[Column]]:
        """Every table holding user content, with its columns (owner_id left out)."""
        return self.database.user_tables

    def rows(self, table: str, columns: list[str]) -> list[tuple]:
        """All of this owner's rows of a user table, ordered by id."""
        self._check_table(table)
        names = ", ".join(quote_identifier(c) for c in columns)
        return self._rows(
            f"SELECT {names} FROM {quote_identifier(table)} WHERE owner_id = ? ORDER BY id",
            [self.owner_id],
        )

    @cached_read
    def row_counts(self) -> dict[str, int]:
        """How many rows this owner has in each user table."""
        with self._session.reading() as cursor:
            return self._count_rows(cursor, self.tables())

    def _count_rows(self, cursor: duckdb.DuckDBPyConnection, tables: dict) -> dict[str, int]:
        sql = " UNION ALL ".join(
            f"SELECT ?, count(*) FROM {quote_identifier(t)} WHERE owner_id = ?"
            for t in sorted(tables)
        )
        params = [p for t in sorted(tables) for p in (t, self.owner_id)]
        return dict(cursor.execute(sql, params).fetchall()) if tables else {}

    def is_empty(self) -> bool:
        return not any(self.row_counts().values())

    def delete_everything(self) -> int:
        """Delete every row this owner has, in one transaction, and the calendar feed
        filed under it; returns how many rows went. Gone from the database, not hidden.
        The id counters stay: a window still open on the old planner must never find a
        new entry under an id it was editing."""
        deleted = 0
        with self.transaction() as cur:
            for table in sorted(self.tables()):
                gone = cur.execute(
                    f"DELETE FROM {quote_identifier(table)} WHERE owner_id = ? RETURNING id",
                    [self.owner_id],
                ).fetchall()
                deleted += len(gone)
            cur.execute("DELETE FROM feed_tokens WHERE owner_id = ?", [self.owner_id])
        self.database.checkpoint()
        return deleted

    def replace(self, tables: dict[str, Any], *, replace: bool) -> None:
        """Load whole tables (Arrow tables keyed by name, owner_id included) in one transaction.

        With ``replace`` the planner ends up holding exactly these rows: rows the tables
        lack are deleted and the rest are written over in place. Deleting a key and
        inserting it again in one transaction is what DuckDB has failed to replay from
        its write-ahead log after a crash, so a key that stays is never deleted.
        Without ``replace`` the planner must be empty. Id counters move past every
        loaded id.
        """
        import pyarrow.compute as pc  # here: only a restore needs it, not a page

        known = self.tables()
        unknown = set(tables) - set(known)
        if unknown:
            raise ValueError(f"unknown tables: {sorted(unknown)}")
        with self.transaction() as cur:
            if not replace:
                counts = self._count_rows(cur, known)
                if any(counts.values()):
                    raise ValueError("the planner is not empty")
            if replace:  # what the planner was, its calendar link included, goes
                cur.execute("DELETE FROM feed_tokens WHERE owner_id = ?", [self.owner_id])
            for table in known:
                incoming = tables.get(table)
                if incoming is None or incoming.num_rows == 0:
                    if replace:
                        cur.execute(
                            f"DELETE FROM {quote_identifier(table)} WHERE owner_id = ?",
                            [self.owner_id],
                        )
                    continue
                self.database.load_table(cur, table, incoming, self.owner_id, replace=replace)
                self._advance_counter(cur, table, pc.max(incoming.column("id")).as_py())
            self.database.after_bulk_write(cur, list(known))
        if replace:
            self.database.checkpoint()

    def _advance_counter(self, cursor: duckdb.DuckDBPyConnection, table: str, used: int) -> None:
        """Make sure the next id handed out for this owner's ``table`` is above ``used``."""
        if self.database.schema_version < IDS_PER_OWNER_FROM:
            # A planner kept at an older version (a backup on its way in) counts for all.
            row = cursor.execute(
                "UPDATE id_counters SET last_id = greatest(last_id, ?) WHERE table_name = ?"
                " RETURNING last_id",
                [used, table],
            ).fetchone()
            if row is None:
                cursor.execute("INSERT INTO id_counters VALUES (?, ?)", [table, used])
            return
        row = cursor.execute(
            "UPDATE owner_id_counters SET last_id = greatest(last_id, ?)"
            " WHERE owner_id = ? AND table_name = ? RETURNING last_id",
            [used, self.owner_id, table],
        ).fetchone()
        if row is None:
            cursor.execute(
                "INSERT INTO owner_id_counters VALUES (?, ?, ?)", [self.owner_id, table, used]
            )

    def as_arrow(self) -> dict[str, Any]:
        """Every user table of this owner as an Arrow table, owner_id included."""
        with self._session.cursor_lock:
            return {
                table: self._session.cursor.sql(
                    f"SELECT * FROM {quote_identifier(table)} WHERE owner_id = ? ORDER BY id",
                    params=[self.owner_id],
                ).to_arrow_table()
                for table in self.tables()
            }

    def schema_version(self) -> int:
        with self._session.reading() as cursor:
            return migrations.current_version(cursor)

    def _check_table(self, table: str) -> None:
        if table not in self.tables():
            raise ValueError(f"unknown table {table!r}")
