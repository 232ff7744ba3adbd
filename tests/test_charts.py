"""The Progress charts: nothing drawn without data, every chart with tooltips, user text
only ever as data (never in the specification's own text), and each renders offline."""

from __future__ import annotations

import json
from datetime import date

import pytest
import vl_convert

from planner import charts, progress
from planner.store import open_store

from .conftest import TODAY

HOSTILE = '<script>alert(1)</script> =HYPERLINK("http://x") \u202eevil'


def every_chart(data: progress.ProgressData) -> dict[str, object]:
    return {
        "pipeline": charts.pipeline(data.pipeline),
        "activity": charts.activity(data.weeks, data.pace_needed),
        "goals": charts.goals(data.goals),
        "fit": charts.fit(data.fits),
        "skills": charts.skills(data.skills),
        "themes": charts.themes(data.themes),
        "assumptions": charts.assumptions(data.assumptions),
        "responses": charts.responses(data.responses),
        "tree": charts.referral_tree(data.tree),
    }


def test_an_empty_planner_draws_nothing(store):
    drawn = every_chart(progress.load(store, today=TODAY))
    assert drawn == dict.fromkeys(drawn)


def test_every_chart_has_tooltips_and_renders_offline(store, hand_built):
    store.goals.add_assumption(hand_built["ux"], "Research needs a degree")
    drawn = every_chart(progress.load(store, today=TODAY))
    assert all(chart is not None for chart in drawn.values()), drawn
    for name, chart in drawn.items():
        spec = chart.to_json()
        assert '"tooltip"' in spec, name
        svg = vl_convert.vegalite_to_svg(spec)
        assert svg.startswith("<svg"), name


def test_the_pipeline_lists_every_stage_in_journey_order(store, hand_built):
    spec = charts.pipeline(store.metrics.pipeline()).to_dict()
    values = next(iter(spec["datasets"].values()))
    assert [v["Stage"] for v in values][:3] == ["Identified", "Request sent", "Scheduled"]
    assert sum(v["Contacts"] for v in values) == 4


def test_the_activity_chart_draws_the_pace_needed_as_a_line(store, hand_built):
    weeks = store.metrics.weekly_activity()
    assert "Meetings a week needed" in charts.activity(weeks, 1.5).to_json()
    assert "Meetings a week needed" not in charts.activity(weeks, None).to_json()


def test_user_text_travels_only_as_data(store):
    from planner.contacts import ContactDraft

    first = store.contacts.add(ContactDraft(name=HOSTILE, circle="friends"), today=TODAY)
    store.contacts.add(
        ContactDraft(name="Second", circle="referral", referred_by_id=first), today=TODAY
    )
    chart = charts.referral_tree(progress.referral_tree(store.metrics.referral_edges()))
    spec = chart.to_dict()
    names = [row.get("Name") for rows in spec["datasets"].values() for row in rows]
    assert HOSTILE in names
    without_data = json.dumps({k: v for k, v in spec.items() if k != "datasets"})
    assert "script" not in without_data
    svg = vl_convert.vegalite_to_svg(chart.to_json())
    assert "<script" not in svg and "&lt;script&gt;" in svg


@pytest.mark.parametrize("rows", [1, 40])
def test_long_lists_show_their_top_entries(rows):
    from planner.metrics import SkillCount

    skills = [SkillCount(f"Skill {i}", 1, i % 2) for i in range(rows)]
    spec = charts.skills(skills).to_dict()
    shown = {row["Skill"] for rows_ in spec["datasets"].values() for row in rows_}
    assert len(shown) == min(rows, charts.TOP)


def test_the_demo_draws_every_chart(tmp_path):
    from planner import demo

    store = open_store(tmp_path / "demo.duckdb")
    demo.load_demo(store, today=date(2026, 11, 24))
    drawn = every_chart(progress.load(store, today=date(2026, 11, 24)))
    assert all(chart is not None for chart in drawn.values())


def test_goals_with_the_same_title_keep_a_bar_each(store):
    from planner.goals import GoalDraft

    first = store.goals.add(GoalDraft(title="Data science", target_interviews=5), today=TODAY)
    store.goals.set_status(first, "achieved")
    store.goals.add(GoalDraft(title="Data science", target_interviews=3), today=TODAY)
    spec = charts.goals(store.goals.list()).to_dict()
    rows = next(iter(spec["datasets"].values()))
    assert [r["Goal"] for r in rows] == ["Data science", "Data science (2)"]


def test_the_activity_axis_reaches_the_pace_line():
    from planner.metrics import WeekActivity

    weeks = [WeekActivity(date(2026, 11, 16), 2, 1, 0)]
    spec = charts.activity(weeks, 6.0).to_dict()
    axis = spec["layer"][0]["encoding"]["y"]["axis"]
    assert max(axis["values"]) == 6


def test_labels_a_renderer_cannot_draw_are_made_drawable():
    from planner.metrics import SkillCount

    skills = [SkillCount("bell\x07 null\x00 line\nbreak", 1, 0), SkillCount("x" * 100_000, 0, 1)]
    spec = charts.skills(skills).to_dict()
    names = [r["Skill"] for r in next(iter(spec["datasets"].values()))]
    assert names[0] == "bell  null  line break"
    assert len(names[1]) == charts.LABEL_CHARS and names[1].endswith("\u2026")
    assert vl_convert.vegalite_to_svg(spec).startswith("<svg")  # it aborted the process before
