"""Planners built for tests: real databases, filled through the real import path."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from planner import backup
from planner.store import Column, Store

ValueFor = Callable[[str, Column, int], Any]


def plain_value(table: str, column: Column, row: int) -> Any:
    """A valid, readable value of the column's type for row number ``row`` (1-based)."""
    if column.name == "id":
        return row
    if column.name.endswith("_id"):
        return row  # references point at the same-numbered row of the other table
    kind = column.type
    if kind in ("BIGINT", "INTEGER"):
        return row
    if kind == "VARCHAR":
        return f"{table}.{column.name} #{row}"
    if kind == "BOOLEAN":
        return row % 2 == 0
    if kind == "DATE":
        return (date(2026, 1, 1) + timedelta(days=row)).isoformat()
    if kind == "TIMESTAMP":
        moment = datetime(2026, 1, 1, 9, 30) + timedelta(hours=row, microseconds=row)
        return moment.isoformat(timespec="microseconds")
    if kind == "VARCHAR[]":
        return [f"{column.name} {row}.{i}" for i in range(row % 3)]
    raise AssertionError(f"no sample value for {kind}")


def document_for(
    store: Store, rows_per_table: int = 3, value_for: ValueFor = plain_value
) -> dict[str, Any]:
    """A backup document at the store's schema with ``rows_per_table`` rows in every table."""
    tables = {}
    for table, columns in sorted(store.user_tables().items()):
        rows = [
            [value_for(table, column, n) for column in columns]
            for n in range(1, rows_per_table + 1)
        ]
        tables[table] = {"columns": [c.name for c in columns], "rows": rows}
    return {
        "format": backup.FORMAT,
        "format_version": backup.FORMAT_VERSION,
        "schema_version": store.schema_version(),
        "tables": tables,
    }


def fill_every_table(store: Store, rows_per_table: int = 3) -> dict[str, Any]:
    """Put ``rows_per_table`` rows in every user table; returns the document loaded."""
    document = document_for(store, rows_per_table)
    backup.import_document(store, document)
    return document
