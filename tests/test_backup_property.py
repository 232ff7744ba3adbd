"""Property: any planner content survives export -> import -> export unchanged."""

from __future__ import annotations

from datetime import date, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner import backup, row_rules
from planner.store import Column, Database

# Any Unicode a person could type or paste: letters, emoji, right-to-left
# scripts, combining marks, zero-width characters, line breaks, NUL and other
# controls. Lone surrogates are excluded: they are not valid text anywhere.
any_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))
moments = st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2200, 12, 31))

_SCHEMA = Database(":memory:").session().content.tables()


def _value(column: Column):
    nullable = st.none() if column.nullable else st.nothing()
    kind = column.type
    if kind == "BIGINT":
        base = st.integers(-(2**63), 2**63 - 1)
    elif kind == "INTEGER":
        base = st.integers(-(2**31), 2**31 - 1)
    elif kind == "VARCHAR":
        base = any_text
    elif kind == "BOOLEAN":
        base = st.booleans()
    elif kind == "DATE":
        base = dates.map(date.isoformat)
    elif kind == "TIMESTAMP":
        base = moments.map(lambda m: m.isoformat(timespec="microseconds"))
    elif kind == "VARCHAR[]":
        base = st.lists(any_text, max_size=4)
    else:  # pragma: no cover - test_backup checks every type has a strategy
        raise AssertionError(kind)
    return base | nullable


def _table(columns: list[Column]):
    others = [_value(c) for c in columns[1:]]
    row = st.tuples(*others)
    return st.dictionaries(st.integers(1, 2**40), row, max_size=3).map(
        lambda by_id: {
            "columns": [c.name for c in columns],
            "rows": [[i, *values] for i, values in sorted(by_id.items())],
        }
    )


planners = st.fixed_dictionaries(
    {name: _table(columns) for name, columns in sorted(_SCHEMA.items())}
).map(
    lambda tables: {
        "format": backup.FORMAT,
        "format_version": backup.FORMAT_VERSION,
        "schema_version": Database(":memory:").session().content.schema_version(),
        "tables": tables,
    }
)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(planners)
def test_any_planner_the_restore_accepts_survives_export_import_export(document):
    first = Database(":memory:").session()
    try:
        backup.import_document(first, document)
    except backup.BackupError:  # values no form accepts: refused, nothing changed
        assert not any(first.content.row_counts().values())
        return
    exported = backup.export_text(first)
    assert backup.parse(exported)["tables"] == document["tables"]

    second = Database(":memory:").session()
    backup.import_text(second, exported)
    assert backup.export_text(second) == exported


# -- random planners judged by the planner's rules, shown on every page ------------------

TODAY = date.today()
_VALID_CHECKED = {
    "email_problem": ["", "ada@example.org"],
    "phone_problem": ["", "+44 113 496 0123"],
    "web_address_problem": ["", "https://example.org/a"],
    "time_zone_problem": ["UTC", "Europe/London", "Asia/Kolkata"],
    "bank_key_problem": ["", "role.typical_day"],
}


_LETTERS = st.characters(exclude_categories=["Cs", "Cc", "Zl", "Zp"])
_WILD = st.sampled_from(
    [-100, 77, 2**31 - 1, "weird", "", "a\x00b", ["bogus"], "0001-01-01", "javascript:x()"]
)


def _valid(rule, column: Column, rows: int):
    """Values the column's rule accepts, in a planner of ``rows`` rows per table."""
    if isinstance(rule, row_rules.Reference):
        return st.integers(1, rows)
    if isinstance(rule, row_rules.Text):
        low, high = int(rule.required), min(rule.limit, 30)
        return st.text(_LETTERS, min_size=low, max_size=high).filter(
            lambda t: not rule.required or t.strip()
        )
    if isinstance(rule, row_rules.Lines):
        return st.lists(st.text(_LETTERS, max_size=20), max_size=3)
    if isinstance(rule, row_rules.Choice):
        return st.sampled_from(rule.options + (("",) if rule.may_be_empty else ()))
    if isinstance(rule, row_rules.Keys):
        return st.lists(st.sampled_from(rule.options), unique=True)
    if isinstance(rule, row_rules.Whole):
        return st.integers(rule.low, min(rule.high, rule.low + 400))
    if isinstance(rule, row_rules.Day):
        latest = TODAY.replace(year=TODAY.year + 4)
        days = st.dates(min_value=date(1970, 1, 1), max_value=latest)
        if column.type == "DATE":
            return days.map(date.isoformat)
        return days.map(lambda d: datetime(d.year, d.month, d.day, 10).isoformat())
    if isinstance(rule, row_rules.Checked):
        return st.sampled_from(_VALID_CHECKED[rule.check.__name__])
    return _value(column)  # no rule: the type says it all


@st.composite
def ruled_planners(draw):
    """A planner that keeps every rule (1-3 rows in every table, references to rows
    that exist), then at most one cell set to something no form accepts."""
    rows = draw(st.integers(1, 3))
    tables = {}
    for name, columns in sorted(_SCHEMA.items()):
        rules = row_rules.COLUMNS[name]
        table_rows = []
        for row_id in range(1, rows + 1):
            row = [row_id]
            for column in columns[1:]:
                values = _valid(rules[column.name], column, rows)
                if column.nullable:
                    values = values | st.none()
                row.append(draw(values))
            table_rows.append(row)
        tables[name] = {"columns": [c.name for c in columns], "rows": table_rows}
    at = tables["contacts"]["columns"].index("referred_by_id")
    for row in tables["contacts"]["rows"]:  # nobody refers themselves
        row[at] = None if row[at] == row[0] else row[at]
    if draw(st.booleans()):
        name = draw(st.sampled_from(sorted(tables)))
        column = draw(st.integers(1, len(tables[name]["columns"]) - 1))
        tables[name]["rows"][draw(st.integers(0, rows - 1))][column] = draw(_WILD)
    return {
        "format": backup.FORMAT,
        "format_version": backup.FORMAT_VERSION,
        "schema_version": Database(":memory:").session().content.schema_version(),
        "tables": tables,
    }


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ruled_planners())
def test_any_backup_the_restore_accepts_renders_every_page_and_report(document):
    """Refused: the planner is unchanged and the message names table, row and column.
    Accepted: it round-trips, every page opens and every report format renders."""
    import os
    import tempfile
    from pathlib import Path

    from planner import journey, report

    from .apptest_helpers import open_page

    folder = Path(tempfile.mkdtemp(prefix="planner-property-"))
    path = folder / "planner.duckdb"
    with Database(path) as database:
        store = database.session()
        try:
            backup.import_document(store, document, today=TODAY)
        except backup.BackupError as error:
            assert not any(store.content.row_counts().values())
            assert "nothing was changed" in str(error) and "table " in str(error)
            return
        exported = backup.export_text(store)
        for kind in report.FORMATS:
            if kind != "pdf" or report.pdf_problem() is None:
                assert report.render(report.build(store, today=TODAY), kind)
    second = Database(":memory:").session()
    backup.import_text(second, exported)
    assert backup.export_text(second) == exported

    previous = os.environ.get("PLANNER_DB")
    os.environ["PLANNER_DB"] = str(path)
    try:
        for step in (journey.HOME, *journey.STEPS, *journey.TOOLS):
            open_page(step.page)  # asserts no exception
    finally:
        if previous is None:
            os.environ.pop("PLANNER_DB", None)
        else:
            os.environ["PLANNER_DB"] = previous
