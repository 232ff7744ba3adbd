"""The Progress page under AppTest: empty states, the charts on the demo planner, the goal
filter (and a link that picks a goal), the report format and the downloads."""

from __future__ import annotations

from datetime import date

from planner import guidance
from planner.goals import GoalDraft
from planner.store import Database

from .apptest_helpers import open_page, unescape

PAGE = "pages/6_Progress.py"
CHARTS = 9


def shown(at) -> str:
    kinds = ("markdown", "caption", "info", "warning")
    return unescape("\n".join(e.value for kind in kinds for e in at.get(kind)))


def test_an_empty_planner_says_what_fills_each_chart(planner_file):
    at = open_page(PAGE)
    assert not at.get("vega_lite_chart")
    infos = [unescape(i.value) for i in at.info]
    for key in ("pipeline", "goals", "activity", "fit", "skills", "themes", "assumptions"):
        assert guidance.text(f"progress.empty.{key}") in infos, key
    assert guidance.text("progress.empty.network") in infos
    assert guidance.text("progress.empty.tree") in infos
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == [
        "Download the report (HTML)",
        "Contacts (.csv)",
        "Interviews (.csv)",
        "Action items (.csv)",
    ]


def test_the_demo_draws_every_chart_with_a_sentence_each(demo_file):
    at = open_page(PAGE)
    assert len(at.get("vega_lite_chart")) == CHARTS
    text = shown(at)
    assert "16 contacts: 3 not asked yet, 2 waiting for an answer" in text
    assert "Highest so far: \u201cDo I want to do this?\u201d for User experience research" in text
    assert "Heard most: Analysing qualitative data (2 conversations)" in text
    assert "1 confirmed, 2 refuted, 1 still open" in text
    assert "7 people in referral chains" in text
    assert not at.info  # nothing is empty on the demo
    # Every share comes with its counts; the wait is in words.
    assert [m.value for m in at.metric] == ["4 of 16 (25%)", "10 of 13 (77%)", "1 business day"]


def test_picking_a_goal_narrows_the_charts(demo_file):
    at = open_page(PAGE)
    with Database(demo_file) as db:
        goal = next(g for g in db.session().goals.list() if g.title.startswith("Evaluate"))
    at.selectbox(key="progress_goal").select(goal.id).run()
    assert not at.exception
    text = shown(at)
    assert "16 contacts" not in text
    assert "Evaluate Northwind Health as a place to work: 1 of 3 interviews done" in text
    assert "Find out whether UX research" not in text.split("Fit across careers")[0]
    assert "For: Evaluate Northwind Health as a place to work." in text
    assert "every career you explored" in text


def test_a_link_opens_the_page_on_a_goal(planner_file):
    with Database(planner_file) as db:
        store = db.session()
        store.goals.add(GoalDraft(title="First"), today=date.today())
        second = store.goals.add(GoalDraft(title="Second"), today=date.today())
    at = open_page(PAGE)
    at.query_params["goal"] = str(second)
    at.run()
    assert at.selectbox(key="progress_goal").value == second
    assert "goal" not in at.query_params


def test_choosing_pdf_relabels_the_download(demo_file):
    at = open_page(PAGE)
    at.button_group(key="progress_report_format").set_value("pdf").run()
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Download the report (PDF)" in labels
    at.button_group(key="progress_report_format").set_value("md").run()
    assert "Download the report (Markdown)" in [b.proto.label for b in at.get("download_button")]


def test_a_goal_title_with_markup_is_shown_as_typed(planner_file):
    title = "**bold** <b>x</b> [link](javascript:alert(1)) :red[red]"
    with Database(planner_file) as db:
        db.session().goals.add(GoalDraft(title=title), today=date.today())
    at = open_page(PAGE)
    raw = "\n".join(m.value for m in at.markdown)
    assert "**bold**" not in raw and "<b>" not in raw  # escaped wherever it is shown
    assert title in shown(at)
