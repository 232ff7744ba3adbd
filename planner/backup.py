"""Backup export and import: every user table as one versioned JSON document.

The format is documented in docs/backup-format.md. Import is all-or-nothing:
the whole file is checked and staged in an in-memory planner at the file's
schema version, migrated to the current one, and only then copied into the
real planner in a single transaction. Export after import gives the same bytes.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from planner import migrations, row_rules
from planner.feed import TOKEN_SETTING
from planner.store import ARROW_TYPES, Column, Database, Store, integrity_errors

FORMAT = "interview-planner-backup"
FORMAT_VERSION = 1
_MAX_REPORTED_ERRORS = 8

_INT_RANGES = {"BIGINT": (-(2**63), 2**63 - 1), "INTEGER": (-(2**31), 2**31 - 1)}


# The tables a user thinks in, in journey order, with singular and plural names;
# the rest (history, ratings, links) are summed as "linked details".
_SUMMARY_NAMES = {
    "goals": ("goal", "goals"),
    "research_notes": ("research note", "research notes"),
    "organisations": ("organisation", "organisations"),
    "contacts": ("contact", "contacts"),
    "outreach": ("message", "messages"),
    "interviews": ("interview", "interviews"),
    "question_plans": ("question plan", "question plans"),
    "reflections": ("reflection", "reflections"),
    "action_items": ("action item", "action items"),
}


def describe_counts(counts: dict[str, int]) -> str:
    """Rows per table in words a user knows, e.g. '4 goals, 15 contacts and 90 linked details'."""
    parts = [
        f"{counts[t]:,} {one if counts[t] == 1 else many}"
        for t, (one, many) in _SUMMARY_NAMES.items()
        if counts.get(t)
    ]
    other = sum(n for t, n in counts.items() if t not in _SUMMARY_NAMES)
    if other:
        parts.append(f"{other:,} linked detail{'' if other == 1 else 's'}")
    if not parts:
        return "nothing"
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def holds_sentence(counts: dict[str, int]) -> str:
    """What a backup of a planner with these rows per table would hold, in a sentence."""
    if not any(counts.values()):
        return "This planner is empty; the backup will be too."
    return f"Holds {describe_counts(counts)}."


def restored_sentence(counts: dict[str, int]) -> str:
    """What a restore brought in (rows per table), in a sentence."""
    return f"Restored the backup: {describe_counts(counts)}."


class BackupError(ValueError):
    """The file is not a backup this planner can import; nothing was changed."""


# -- export ------------------------------------------------------------------


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    return value


def export_document(store: Store) -> dict[str, Any]:
    """The whole planner of the store's owner as a backup document (a dict). The calendar
    feed's token stays out: a backup is a file people copy and mail, and anyone holding
    the token reads the feed (after a restore, Home offers to make a new link)."""
    tables = {}
    for table, columns in sorted(store.content.tables().items()):
        names = [c.name for c in columns]
        rows = [[_json_value(v) for v in row] for row in store.content.rows(table, names)]
        if table == "settings":  # the feed's token is a live credential, not planner data
            rows = [row for row in rows if row[names.index("key")] != TOKEN_SETTING]
        tables[table] = {"columns": names, "rows": rows}
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema_version": store.content.schema_version(),
        "tables": tables,
    }


def dumps(document: dict[str, Any]) -> str:
    """Serialise a document deterministically, one table row per line.

    Top-level keys beyond the format's own (the demo file's anchor_date) are kept.
    """

    def enc(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False)

    header = ("format", "format_version", "schema_version")
    extra = sorted(k for k in document if k not in (*header, "tables"))
    lines = ["{"]
    for key in (*header, *extra):
        lines.append(f"  {enc(key)}: {enc(document[key])},")
    lines.append('  "tables": {')
    names = sorted(document["tables"])
    for t_index, name in enumerate(names):
        table = document["tables"][name]
        lines.append(f"    {enc(name)}: {{")
        lines.append(f'      "columns": {enc(table["columns"])},')
        if table["rows"]:
            lines.append('      "rows": [')
            rows = [f"        {enc(row)}" for row in table["rows"]]
            lines.append(",\n".join(rows))
            lines.append("      ]")
        else:
            lines.append('      "rows": []')
        lines.append("    }" + ("," if t_index < len(names) - 1 else ""))
    lines.append("  }")
    lines.append("}")
    return "\n".join(lines) + "\n"


def export_text(store: Store) -> str:
    """The backup file's text for the store's owner."""
    return dumps(export_document(store))


def write_file(text: str, path: str | Path) -> None:
    """Write a file atomically: a crash leaves the old file or the new one, never half."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


# -- import ------------------------------------------------------------------


def parse(text: str | bytes) -> dict[str, Any]:
    """Read a backup file's text and check its envelope. Raises BackupError."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as error:
            raise BackupError(
                f"This is not a planner backup: it is not UTF-8 text ({error})."
            ) from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise BackupError(
            f"This is not a readable planner backup: the JSON is broken at line {error.lineno}, "
            f"column {error.colno} ({error.msg}). The file may be truncated or edited."
        ) from None
    except RecursionError:
        # A planner backup nests four levels deep; thousands mean a broken or hostile file.
        raise BackupError(
            "This is not a planner backup: its values are nested far deeper than a backup's."
        ) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise BackupError(f"This is not a planner backup (its 'format' is not {FORMAT!r}).")
    format_version = document.get("format_version")
    schema_version = document.get("schema_version")
    for name, value in (("format_version", format_version), ("schema_version", schema_version)):
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise BackupError(f"This backup's {name} is missing or not a positive whole number.")
    newest = migrations.latest_version()
    if format_version > FORMAT_VERSION or schema_version > newest:
        raise BackupError(
            f"This backup was made by a newer version of the planner (schema {schema_version}, "
            f"format {format_version}; this planner reads up to schema {newest}, format "
            f"{FORMAT_VERSION}). Update the planner, then import it."
        )
    if not isinstance(document.get("tables"), dict):
        raise BackupError("This backup has no 'tables' object.")
    return document


class _BadValue(ValueError):
    """A value of the wrong kind for its column; the message says what was expected."""


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise _BadValue("expected text")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise _BadValue("broken text (an unpaired surrogate)") from None
    return value


def _converter(column: Column, shift: timedelta) -> Callable[[Any], Any]:
    """A function that checks one JSON value for ``column`` and returns it as Python."""
    kind = column.type
    if kind in _INT_RANGES:
        low, high = _INT_RANGES[kind]

        def whole_number(value: Any) -> int:
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                raise _BadValue("expected a whole number")
            return value

        return whole_number
    if kind == "VARCHAR":
        return _text
    if kind == "BOOLEAN":

        def boolean(value: Any) -> bool:
            if not isinstance(value, bool):
                raise _BadValue("expected true or false")
            return value

        return boolean
    if kind == "DATE":

        def day(value: Any) -> date:
            try:
                if len(value) != 10:
                    raise ValueError
                return date.fromisoformat(value) + shift
            except (TypeError, ValueError, OverflowError):
                raise _BadValue("expected a date like 2026-01-31") from None

        return day
    if kind == "TIMESTAMP":

        def moment(value: Any) -> datetime:
            try:
                parsed = datetime.fromisoformat(value)
                if parsed.tzinfo is not None:
                    raise ValueError
                return parsed + shift
            except (TypeError, ValueError, OverflowError):
                raise _BadValue("expected a time like 2026-01-31T09:30:00.000000") from None

        return moment
    if kind == "VARCHAR[]":

        def texts(value: Any) -> list[str]:
            if not isinstance(value, list):
                raise _BadValue("expected a list of texts")
            return [_text(v) for v in value]

        return texts
    raise AssertionError(f"backup cannot carry column type {kind}")


def _arrow_tables(
    document: dict[str, Any],
    schema: dict[str, list[Column]],
    owner_id: str,
    shift: timedelta,
) -> dict[str, pa.Table]:
    """Check every table of the document against ``schema`` and convert it to Arrow."""
    tables = document["tables"]
    errors: list[str] = []
    missing = sorted(set(schema) - set(tables))
    extra = sorted(set(tables) - set(schema))
    if missing:
        errors.append(f"tables missing: {', '.join(missing)}")
    if extra:
        errors.append(f"tables this planner does not know: {', '.join(extra)}")
    result: dict[str, pa.Table] = {}
    for name in sorted(set(schema) & set(tables)):
        table = tables[name]
        columns = schema[name]
        by_name = {c.name: c for c in columns}
        if not isinstance(table, dict) or not isinstance(table.get("rows"), list):
            errors.append(f"table {name}: expected an object with 'columns' and 'rows'")
            continue
        given = table.get("columns")
        if not isinstance(given, list) or sorted(map(str, given)) != sorted(by_name):
            errors.append(f"table {name}: columns should be {sorted(by_name)}, found {given}")
            continue
        converters = [_converter(by_name[c], shift) for c in given]
        values: list[list[Any]] = [[] for _ in given]
        seen_ids: set[int] = set()
        for number, row in enumerate(table["rows"], start=1):
            if len(errors) >= _MAX_REPORTED_ERRORS:
                break
            if not isinstance(row, list) or len(row) != len(given):
                errors.append(f"table {name}, row {number}: expected {len(given)} values")
                continue
            for index, (column, value) in enumerate(zip(given, row, strict=True)):
                if value is None:
                    if not by_name[column].nullable:
                        errors.append(f"table {name}, row {number}, {column}: may not be empty")
                    values[index].append(None)
                    continue
                try:
                    values[index].append(converters[index](value))
                except _BadValue as error:
                    found = row_rules.shown(value)
                    errors.append(f"table {name}, row {number}, {column}: {error}, found {found}")
                    values[index].append(None)
            row_id = row[given.index("id")]
            if isinstance(row_id, int) and row_id in seen_ids:
                errors.append(f"table {name}, row {number}: id {row_id} appears twice")
            if isinstance(row_id, int):
                seen_ids.add(row_id)
        if errors:
            continue
        arrays = [
            pa.array(v, type=ARROW_TYPES[by_name[c].type])
            for c, v in zip(given, values, strict=True)
        ]
        arrays.append(pa.array([owner_id] * len(table["rows"]), type=pa.string()))
        result[name] = pa.Table.from_arrays(arrays, names=[*given, "owner_id"])
    if errors:
        _refuse(errors, more=max(len(errors) - _MAX_REPORTED_ERRORS, 0))
    return result


def stage(document: dict[str, Any], store: Store, *, shift: timedelta = timedelta(0)) -> dict:
    """Check a parsed document and bring it to the store's schema.

    Returns Arrow tables ready for ``store.content.replace``. Raises BackupError.
    A backup from an older schema goes through an in-memory planner at its
    version and the same migrations a planner file would.
    """
    version = document["schema_version"]
    if version == store.content.schema_version():
        return _arrow_tables(document, store.content.tables(), store.owner_id, shift)
    with Database(":memory:", schema_version=version) as staging:
        old = staging.session(store.owner_id)
        tables = _arrow_tables(document, old.content.tables(), store.owner_id, shift)
        try:
            old.content.replace(tables, replace=False)
            staging.upgrade()
        except Exception as error:  # a constraint the file breaks
            raise BackupError(
                f"This backup cannot be imported; nothing was changed: {error}"
            ) from error
        return old.content.as_arrow()


def check_rules(document: dict[str, Any], tables: dict[str, pa.Table], *, today: date) -> None:
    """Raise BackupError naming the first rows that break the planner's rules, if any.

    ``tables`` are the staged ones (at this planner's schema); rows are numbered as in
    the file where the file's table has an id column, so the user can find them.
    """
    numbers = {}
    for name, table in document["tables"].items():
        columns, rows = table["columns"], table["rows"]
        if "id" in columns:
            at = columns.index("id")
            numbers[name] = {row[at]: n for n, row in enumerate(rows, start=1)}
    rows = {name: tables[name].to_pylist() for name in sorted(tables)}
    found = row_rules.problems(
        rows, today=today, row_numbers=numbers, limit=_MAX_REPORTED_ERRORS + 1
    )
    if found:
        _refuse([p.sentence() for p in found], more=len(found) > _MAX_REPORTED_ERRORS)


def stored_problems(store: Store, *, today: date, limit: int = 20) -> list[str]:
    """The first ``limit`` rows of this planner that break a rule a form keeps (a file
    edited by hand, or written before a rule existed), each as a sentence naming table,
    row (as in a backup exported now: rows by id) and column. Empty when all is well."""
    tables = {}
    for name, columns in sorted(store.content.tables().items()):
        names = [c.name for c in columns]
        tables[name] = [
            dict(zip(names, row, strict=True)) for row in store.content.rows(name, names)
        ]
    return [p.sentence() for p in row_rules.problems(tables, today=today, limit=limit)]


def _refuse(errors: list[str], *, more: bool | int = False) -> None:
    shown = errors[:_MAX_REPORTED_ERRORS]
    if more is True:
        tail = " (and more)"
    elif more:
        tail = f" (and {more} more)"
    else:
        tail = ""
    raise BackupError(
        "This backup cannot be imported; nothing was changed:\n- " + "\n- ".join(shown) + tail
    )


class PlannerNotEmpty(RuntimeError):
    """Import without replace into a planner that already holds data."""


def import_document(
    store: Store,
    document: dict[str, Any],
    *,
    replace: bool = False,
    shift: timedelta = timedelta(0),
    today: date | None = None,
) -> dict[str, int]:
    """Load a parsed backup into the store, all or nothing. Returns rows per table.

    Every row must keep the rules a form keeps (``row_rules``; dates are checked
    against ``today``, the real date by default). Without ``replace`` the planner must
    be empty (PlannerNotEmpty otherwise).
    """
    document = _without_feed_token(document)
    tables = stage(document, store, shift=shift)
    check_rules(document, tables, today=today or date.today())
    if not replace:
        counts = {k: v for k, v in store.content.row_counts().items() if v}
        if counts:
            raise PlannerNotEmpty(
                f"This planner already holds data ({describe_counts(counts)}). Nothing was changed."
            )
    try:
        store.content.replace(tables, replace=replace)
    except (duckdb.ConstraintException, *integrity_errors()) as error:
        raise BackupError(f"This backup cannot be imported; nothing was changed: {error}") from None
    return {name: table.num_rows for name, table in tables.items()}


def _without_feed_token(document: dict[str, Any]) -> dict[str, Any]:
    """The document without a calendar feed token (backups made before the token was
    left out carry one): a restored link would be filed nowhere, so would not work,
    and a token belongs to the planner that made it. Home offers a new link instead."""
    settings = document.get("tables", {}).get("settings") if isinstance(document, dict) else None
    if not isinstance(settings, dict) or not isinstance(settings.get("columns"), list):
        return document  # not this function's to judge: ``stage`` says what is wrong
    if "key" not in settings["columns"] or not isinstance(settings.get("rows"), list):
        return document
    key = settings["columns"].index("key")
    rows = [r for r in settings["rows"]
            if not (isinstance(r, list) and len(r) > key and r[key] == TOKEN_SETTING)]  # fmt: skip
    tables = {**document["tables"], "settings": {**settings, "rows": rows}}
    return {**document, "tables": tables}


def import_text(store: Store, text: str | bytes, *, replace: bool = False) -> dict[str, int]:
    """Parse and import a backup file's text. Raises BackupError or PlannerNotEmpty."""
    return import_document(store, parse(text), replace=replace)
