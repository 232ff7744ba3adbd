"""The benchmark's parts: synthetic planners of the promised size and shape, every page
working on the largest, and the results written into docs/benchmarks.md."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from planner.bench import synthetic
from planner.bench.__main__ import PAGES, Results, markdown, write_results
from planner.store import Database

from .apptest_helpers import open_page

TODAY = date(2026, 11, 24)


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    path = tmp_path_factory.mktemp("bench") / "planner-L.duckdb"
    with Database(path) as database:
        counts = synthetic.build(database.session(), synthetic.SIZES["L"], today=TODAY)
    return path, counts


def test_the_large_planner_has_the_promised_size(large):
    _, counts = large
    size = synthetic.SIZES["L"]
    assert counts["contacts"] == size.contacts == 10_000
    assert counts["interviews"] == size.interviews == 3_000
    assert counts["contact_events"] == size.history == 30_000
    assert counts["research_notes"] == size.research_notes == 1_000
    assert counts["question_plans"] == 3_000 and counts["plan_questions"] == 18_000
    assert 0.6 * 3_000 < counts["reflections"] < 3_000


def test_the_large_planner_looks_like_a_search(large):
    path, _ = large
    with Database(path) as database:
        store = database.session()
        stages = {s.stage: s.contacts for s in store.metrics.pipeline()}
        upcoming = store.meetings.upcoming(
            datetime.combine(TODAY, time()), datetime.combine(TODAY + timedelta(days=31), time())
        )
    assert stages["identified"] > stages["requested"] > stages["scheduled"]
    assert stages["thanked"] > 0 and stages["declined"] > 0
    assert upcoming, "some meetings are still ahead"


def test_the_same_size_builds_the_same_planner(tmp_path):
    def build(name):
        with Database(tmp_path / name) as database:
            store = database.session()
            synthetic.build(store, synthetic.SIZES["S"], today=TODAY)
            return [(c.name, c.stage) for c in store.contacts.list()]

    assert build("a.duckdb") == build("b.duckdb")


@pytest.mark.parametrize("step", PAGES, ids=lambda s: s.key)
def test_every_page_works_on_the_large_planner(large, step, monkeypatch):
    monkeypatch.setenv("PLANNER_DB", str(large[0]))
    at = open_page(step.page)  # asserts no exception
    assert at.title


def test_the_results_land_between_the_markers_and_keep_the_rest(tmp_path):
    results = Results(today=TODAY, reruns=15, sizes=["S", "L"], bare_ms=2.0)
    results.build_s = {"S": 0.3, "L": 1.1}
    results.page_ms = {"Home": {"S": 14.0, "L": 13.0}, "Goals": {"S": 30.0, "L": 52.0}}
    results.elements = {"Home": {"S": 40, "L": 41}, "Goals": {"S": 70, "L": 95}}
    results.timings_s = {"HTML report": 1.5, "PDF report": 8.0, "backup export + import": 1.6}
    results.pdf_pages = {"S": 4, "L": 36}
    results.settled_s, results.bare_settled_s = {"Home": 0.2, "Goals": 0.5}, 0.1
    text = markdown(results, "python -m planner.bench")
    assert "| Home | 14.0 | 13.0 | 0.93 | 6.5 | 40 | 41 | yes | yes | yes |" in text
    assert "| Goals | 30.0 | 52.0 | 1.73 | 26.0 | 70 | 95 | **no** | **no** | **no** |" in text
    assert "| HTML report | 1.50 s | < 1 s | **no** |" in text
    assert "| PDF report | 8.00 s | < 10 s | yes |" in text
    assert "Pages in the PDF report (every goal, every date): S: 4, L: 36." in text
    assert "settles in **0.10 s**" in text
    assert "| Home | 0.20 s | 2.0 | yes |" in text and "| Goals | 0.50 s | 5.0 | **no** |" in text

    doc = tmp_path / "benchmarks.md"
    doc.write_text("# Notes\n\n<!-- bench:start -->\nold\n<!-- bench:end -->\n\nAfter.\n")
    write_results(doc, text)
    written = doc.read_text()
    assert written.startswith("# Notes") and written.endswith("After.\n")
    assert "old" not in written and "| Home | 14.0" in written


def test_the_element_count_is_what_the_page_drew(tmp_path):
    from streamlit.testing.v1 import AppTest

    from planner.bench.__main__ import element_count

    script = tmp_path / "page.py"
    script.write_text(
        "import streamlit as st\n"
        "st.title('A page')\n"
        "left, right = st.columns(2)\n"
        "left.button('One')\n"
        "right.button('Two')\n"
        "with st.sidebar:\n"
        "    st.write('not the page')\n"
    )
    at = AppTest.from_file(str(script)).run()
    assert element_count(at) == 6  # the title, the row, two columns, two buttons
