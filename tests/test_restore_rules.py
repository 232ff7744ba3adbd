"""The restore refuses rows no form would save, naming table, row and column, and changes
nothing; each case the issue found, one by one (the demo planner is the base)."""

from __future__ import annotations

from datetime import date

import pytest

from planner import backup, demo, row_rules
from planner.store import Database

TODAY = date(2026, 12, 1)


@pytest.fixture(scope="module")
def demo_document() -> dict:
    with Database(":memory:") as db:
        store = db.session()
        demo.load_demo(store, today=TODAY)
        return backup.export_document(store)


def _with(document: dict, table: str, column: str, value, row: int = 0) -> dict:
    changed = backup.parse(backup.dumps(document))  # a deep copy, as a file would be
    columns = changed["tables"][table]["columns"]
    changed["tables"][table]["rows"][row][columns.index(column)] = value
    return changed


CASES = {
    "interview in year 9999": ("interviews", "starts_at", "9999-06-01T10:00:00.000000",
                               "Check the year: 9999-06-01 is more than 5 years away"),
    "interview in year 0001": ("interviews", "starts_at", "0001-01-01T10:00:00.000000",
                               "Check the year: 0001-01-01 is before 1970"),
    "unknown fit question": ("goals", "fit_questions", ["succeed", "bogus"],
                             '"bogus" is not a fit question the planner knows'),
    "unknown goal kind": ("goals", "kind", "weird", '"weird" is not a kind of goal'),
    "unknown meeting status": ("interviews", "status", "maybe", '"maybe" is not a meeting status'),
    "unknown stage": ("contacts", "stage", "weird", '"weird" is not a stage'),
    "huge meeting length": ("interviews", "duration_minutes", 2147483647,
                            "2147483647 is outside 10-240"),
    "negative minutes": ("plan_questions", "minutes", -100, "-100 is outside 1-15"),
    "rating of 77": ("reflection_fit_ratings", "rating", 77, "77 is outside 1-5"),
    "motivation of -999": ("organisations", "motivation", -999, "-999 is outside 0-3"),
    "time zone on Mars": ("interviews", "time_zone", "Mars/Olympus_Mons",
                          "Unknown time zone 'Mars/Olympus_Mons'"),
    "NUL in a name": ("contacts", "name", "Ada\x00Lovelace", "invisible control characters"),
    "javascript: website": ("organisations", "website", "javascript:alert(1)",
                            "Enter a full web address starting with https://"),
    "data: website": ("organisations", "website", "data:text/html,<b>x</b>", "full web address"),
    "file: website": ("organisations", "website", "file:///etc/passwd", "full web address"),
    "reference to nothing": ("contacts", "organisation_id", 999,
                             "points at organisations id 999, which is not in the planner"),
    "self-referral": ("contacts", "referred_by_id", None, "someone cannot refer themselves"),
}  # fmt: skip


@pytest.mark.parametrize("case", list(CASES))
def test_a_backup_with_an_impossible_value_is_refused_and_changes_nothing(demo_document, case):
    table, column, value, expected = CASES[case]
    if case == "self-referral":
        value = demo_document["tables"]["contacts"]["rows"][1][0]
        document = _with(demo_document, table, column, value, row=1)
    else:
        document = _with(demo_document, table, column, value)
    with Database(":memory:") as db:
        store = db.session()
        store.settings.save({"me.name": "Maya"})
        before = backup.export_text(store)
        with pytest.raises(backup.BackupError) as refused:
            backup.import_document(store, document, replace=True, today=TODAY)
        assert backup.export_text(store) == before
    message = str(refused.value)
    assert message.startswith("This backup cannot be imported; nothing was changed:")
    row = 2 if case == "self-referral" else 1
    assert f"- table {table}, row {row} (id " in message and f"), {column}: " in message, message
    assert expected in message, message


def test_several_problems_are_listed_not_just_the_first(demo_document):
    document = _with(demo_document, "contacts", "stage", "weird", row=0)
    document = _with(document, "contacts", "circle", "nope", row=1)
    document = _with(document, "goals", "status", "odd", row=0)
    with Database(":memory:") as db, pytest.raises(backup.BackupError) as refused:
        backup.import_document(db.session(), document, today=TODAY)
    lines = str(refused.value).splitlines()[1:]
    assert len(lines) == 3
    assert [line.split(",")[0] for line in lines] == [
        "- table contacts",
        "- table contacts",
        "- table goals",
    ]


def test_the_demo_and_the_benchmark_planners_keep_every_rule(demo_document):
    """Both load through the restore, which refuses a planner that breaks a rule."""
    from planner.bench import synthetic

    assert len(demo_document["tables"]["contacts"]["rows"]) > 5
    with Database(":memory:") as db:
        store = db.session()
        synthetic.build(store, synthetic.SIZES["M"], today=TODAY)
        assert store.content.row_counts()["contacts"] > 100


def test_every_column_of_every_table_has_a_rule():
    with Database(":memory:") as db:
        schema = db.session().content.tables()
    assert {t: sorted(c.name for c in cols) for t, cols in schema.items()} == {
        t: sorted(rules) for t, rules in row_rules.COLUMNS.items()
    }
