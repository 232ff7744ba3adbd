"""The Progress page under AppTest: empty states, the charts on the demo planner, the goal
filter (and a link that picks a goal), the report format and the downloads."""

from __future__ import annotations

import json
from datetime import date, timedelta

from planner import guidance
from planner.contacts import ContactDraft
from planner.goals import GoalDraft
from planner.store import Database

from .apptest_helpers import open_page, unescape
from .fixtures import held, request

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
    assert len(activity_spec(at)["vconcat"]) == 3  # requests, meetings, thank-yous
    charts_json = "".join(chart.proto.spec for chart in at.get("vega_lite_chart"))
    assert "Average rating (1 = a poor fit for me, 5 = a great fit)" in charts_json
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


def activity_spec(at) -> dict:
    specs = [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]
    return next(s for s in specs if "vconcat" in s)


def test_two_weeks_of_activity_read_as_two_labelled_weeks_in_three_rows(planner_file):
    today = date.today()
    monday = today - timedelta(days=today.weekday(), weeks=1)
    with Database(planner_file) as db:
        store = db.session()
        goal = store.goals.add(
            GoalDraft(title="UX", target_interviews=6, target_date=today + timedelta(weeks=4)),
            today=monday,
        )
        people = [
            store.contacts.add(ContactDraft(name=name, goal_ids=[goal]), today=monday)
            for name in ("Ann", "Bob", "Cat")
        ]
        for person in people:
            request(store, person, monday)
        held(store, people[0], monday + timedelta(days=2), goal)
    at = open_page(PAGE)
    spec = activity_spec(at)
    titles = [row["title"]["text"] for row in spec["vconcat"]]
    assert titles[0] == "Requests sent" and titles[2] == "Thank-yous sent"
    assert titles[1].startswith("Meetings held (dashed line: the ")
    x = spec["vconcat"][-1]["encoding"]["x"]
    assert x["type"] == "temporal" and x["axis"]["format"] in ("%-d %b", "%-d %b %Y")
    assert [(v["month"], v["date"]) for v in x["axis"]["values"]] == [
        (d.month, d.day) for d in (monday, monday + timedelta(weeks=1))
    ]
    text = shown(at)
    assert "In the last 2 weeks: 3 requests sent, 1 meeting held, 0 thank-yous sent." in text
    assert guidance.text("progress.read.activity") in text
    # Three requests, none answered: every share with its counts, no wait to speak of.
    assert [m.value for m in at.metric] == ["0 of 3 (0%)", "0 of 3 (0%)", "-"]
    assert "0 of 3 contacts (0%) came through a referral." in text


def test_the_report_takes_a_period_and_refuses_one_that_ends_before_it_starts(demo_file):
    at = open_page(PAGE)
    at.date_input(key="report_since").set_value(date(2026, 10, 1)).run()
    at.date_input(key="report_until").set_value(date(2026, 9, 1)).run()
    assert "swap the two dates" in " ".join(e.value for e in at.error)
    labels = [b.proto.label for b in at.get("download_button")]
    assert not any(label.startswith("Download the report") for label in labels)
    at.date_input(key="report_until").set_value(date(2026, 12, 1)).run()
    assert not at.error
    assert "conversations from 01 October 2026 to 01 December 2026" in shown(at)
    assert any(b.proto.label.startswith("Download the report") for b in at.get("download_button"))
