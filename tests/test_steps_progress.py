"""The Progress step: the goals menu, one load for the charts and their sentences, and the
downloads built when clicked."""

from __future__ import annotations

from planner import progress as rules
from planner.steps import progress

from .conftest import TODAY

CHARTS = ("pipeline", "goals", "activity", "fit", "skills", "themes", "assumptions", "network",
          "tree")  # fmt: skip


def test_an_empty_planner_has_no_chart_and_nothing_to_read(store):
    assert progress.goal_menu(store) == {}
    view = progress.load(store, today=TODAY)
    assert set(view.charts) == set(CHARTS) and not any(view.charts.values())
    assert view.sentences == {}
    assert view.network_figures is None and view.network_sentence == ""
    assert not view.fit_for_every_goal
    assert view.scope == "All goals"
    assert [d.label for d in view.reports.values()] == [
        "Download the report (Markdown)",
        "Download the report (HTML)",
        "Download the report (PDF)",
    ]
    assert view.reports["pdf"].file_name == "reflection-report-2026-11-22-all-goals.pdf"
    assert view.reports["html"].mime == "text/html"
    assert [(d.label, d.file_name) for d in view.spreadsheets] == [
        ("Contacts (.csv)", "interview-planner-contacts-2026-11-22.csv"),
        ("Interviews (.csv)", "interview-planner-interviews-2026-11-22.csv"),
        ("Action items (.csv)", "interview-planner-action-items-2026-11-22.csv"),
    ]


def test_a_filled_planner_draws_every_chart_with_its_sentence(store, hand_built):
    assert progress.goal_menu(store) == {hand_built["ux"]: "Explore UX",
                                         hand_built["teaching"]: "Teaching abroad"}  # fmt: skip
    view = progress.load(store, today=TODAY)
    data = rules.load(store, today=TODAY)
    assert view.data == data
    drawn = {key for key, spec in view.charts.items() if spec is not None}
    assert drawn == set(CHARTS) - {"assumptions"}  # none written down yet
    assert set(view.sentences) == drawn - {"network"}  # the network's is above its figures
    assert view.sentences["pipeline"] == rules.pipeline_sentence(data.pipeline)
    assert view.sentences["goals"] == rules.goals_sentence(data.goals, TODAY)
    assert view.sentences["tree"] == rules.tree_sentence(data.tree)
    assert view.network_figures == ("1 of 4 (25%)", "2 of 3 (67%)", "2 business days")
    assert view.network_sentence.startswith("1 of 4 contacts (25%) came through a referral")
    assert not view.fit_for_every_goal  # every goal is picked already


def test_a_picked_goal_narrows_the_view_and_its_report_name(store, hand_built):
    view = progress.load(store, today=TODAY, goal_id=hand_built["ux"])
    assert view.scope == "Explore UX"
    assert sum(s.contacts for s in view.data.pipeline) == 2
    assert view.fit_for_every_goal
    assert view.reports["md"].file_name == "reflection-report-2026-11-22-explore-ux.md"


def test_the_demo_planners_spreadsheets_say_so(store):
    view = progress.load(store, today=TODAY, demo=True)
    assert view.spreadsheets[0].file_name == "interview-planner-demo-contacts-2026-11-22.csv"


def test_the_view_follows_the_next_write(store, hand_built):
    assert len(progress.goal_menu(store)) == 2
    before = progress.load(store, today=TODAY)
    store.goals.delete(hand_built["teaching"])
    assert list(progress.goal_menu(store)) == [hand_built["ux"]]
    assert progress.load(store, today=TODAY) != before


def test_the_report_is_built_for_the_picked_goal_in_each_format(store, hand_built):
    text = progress.report_file(store, today=TODAY, goal_id=hand_built["ux"], kind="md")
    assert b"Explore UX" in text and b"Teaching abroad" not in text
    page = progress.report_file(store, today=TODAY, goal_id=None, kind="html")
    assert page.startswith(b"<!DOCTYPE html>") or b"<html" in page[:200]


def test_each_spreadsheet_is_its_csv_export(store, hand_built):
    contacts = progress.spreadsheet(store, "contacts")
    assert contacts.startswith(b"\xef\xbb\xbf")  # the byte order mark spreadsheets read
    assert b"Ann" in contacts and b"Dan" in contacts
    assert progress.spreadsheet(store, "actions").count(b"\r\n") == 1  # the header alone
