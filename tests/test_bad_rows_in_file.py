"""A planner file written by hand (or by an older version) may hold rows the restore
would refuse. Every page and every report still draws, and the activity chart leaves
out dates outside its window with a note rather than charting centuries of weeks."""

from __future__ import annotations

import shutil
from datetime import date

import duckdb
import pytest

from planner import demo, journey, report
from planner.store import Database

from .apptest_helpers import click, open_page, unescape

PAGES = [journey.HOME, *journey.STEPS, *journey.TOOLS]
FIRST = "WHERE id = (SELECT min(id) FROM {})"
EDITS = {
    "interview in year 9999": "UPDATE interviews SET starts_at = '9999-06-01 10:00' "
    + FIRST.format("interviews"),
    "interview in year 0001": "UPDATE interviews SET starts_at = '0001-01-01 10:00' "
    + FIRST.format("interviews"),
    "history entry in year 9999": "UPDATE contact_events SET happened_at = '9999-01-01'",
    "unknown fit question": "UPDATE goals SET fit_questions = ['bogus', 'want']",
    "unknown rated fit question": "UPDATE reflection_fit_ratings SET fit_question = 'zzz', "
    "rating = 77",
    "negative minutes": "UPDATE plan_questions SET minutes = -100; "
    "UPDATE question_plans SET minutes_per_question = -5",
    "check-in every -3 days": "UPDATE contacts SET check_in_every_days = -3",
    "target of -4 interviews": "UPDATE goals SET target_interviews = -4",
}


@pytest.fixture(scope="module")
def demo_copy(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    with Database(path) as db:
        demo.load_demo(db.session(), today=date.today())
    return path


@pytest.mark.parametrize("case", list(EDITS))
def test_every_page_and_report_draws_a_planner_with_a_bad_row(
    demo_copy, tmp_path, monkeypatch, case
):
    path = tmp_path / "planner.duckdb"
    shutil.copy(demo_copy, path)
    with duckdb.connect(str(path)) as connection:
        connection.execute(EDITS[case])
    monkeypatch.setenv("PLANNER_DB", str(path))
    for step in PAGES:
        at = open_page(step.page)  # asserts no exception
        if step.key == "progress" and "year" in case:
            shown = " ".join(str(m.value) for m in at.markdown) + " ".join(
                str(c.value) for c in at.caption
            )
            assert "left out of the chart" in shown.replace("\\", "")
    with Database(path) as db:
        store = db.session()
        built = report.build(store, today=date.today())
        for kind in ("md", "html"):
            assert report.render(built, kind)


def test_the_backup_page_names_the_entries_that_break_a_rule(demo_copy, tmp_path, monkeypatch):
    path = tmp_path / "planner.duckdb"
    shutil.copy(demo_copy, path)
    monkeypatch.setenv("PLANNER_DB", str(path))
    at = click(open_page("pages/9_Backup.py"), "Check every entry")
    assert [s.value for s in at.success] == ["Every entry keeps the rules the forms keep."]
    with duckdb.connect(str(path)) as connection:
        connection.execute("UPDATE contacts SET stage = 'weird' " + FIRST.format("contacts"))
        connection.execute("UPDATE goals SET fit_questions = ['bogus']")
    at = click(open_page("pages/9_Backup.py"), "Check every entry")
    shown = unescape(at.warning[0].value)
    assert '- table contacts, row 1 (id 1), stage: "weird" is not a stage' in shown
    assert '- table goals, row 1 (id 1), fit_questions: "bogus" is not a fit question' in shown
