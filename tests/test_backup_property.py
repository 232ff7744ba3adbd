"""Property: any planner content survives export -> import -> export unchanged."""

from __future__ import annotations

from datetime import date, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner import backup
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
def test_any_planner_survives_export_import_export(document):
    first = Database(":memory:").session()
    backup.import_document(first, document)
    exported = backup.export_text(first)
    assert backup.parse(exported)["tables"] == document["tables"]

    second = Database(":memory:").session()
    backup.import_text(second, exported)
    assert backup.export_text(second) == exported


# -- random planners that hang together, shown on every page ------------------------------

texts = st.lists(
    st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=60),
    min_size=1,
    max_size=5,
)


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_every_page_renders_any_planner_and_it_round_trips(strings):
    import os
    import tempfile
    from pathlib import Path

    from planner import journey

    from . import hostile
    from .apptest_helpers import open_page

    folder = Path(tempfile.mkdtemp(prefix="planner-property-"))
    path = folder / "planner.duckdb"
    with Database(path) as database:
        store = database.session()
        hostile.fill(store, today=date.today(), strings=strings)
        exported = backup.export_text(store)
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
