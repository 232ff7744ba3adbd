"""The Progress charts as Altair specifications, drawn on the page and, rendered to
images offline, in the report.

Each function takes numbers the store already counted and returns a chart, or None when
there is nothing to draw (the page then says what would fill it). User text (names,
skills, themes) only ever travels as data values, which Vega draws as text.
"""

from __future__ import annotations

import math
import re
from datetime import date, timedelta

import altair as alt
import pandas as pd

from planner.goals import FIT_QUESTIONS, Goal
from planner.metrics import (
    CareerFit,
    CircleResponse,
    SkillCount,
    StageCount,
    ThemeCount,
    WeekActivity,
)
from planner.progress import ProgressData, ReferralTree
from planner.reflection import FIT_SCALE
from planner.store.records import Assumption
from planner.vocabulary import CIRCLES, CLOSED_STAGES, STAGES

Width = int | str  # pixels, or "container" to fill the page column
TOP = 15  # longest lists (skills, themes, assumptions) show their first 15
AXIS_LABEL_CHARS = 40  # an axis label (a goal, a skill...) is cut here, at a word
LONG_LABEL_CHARS = 64  # an assumption's or a career's label, given more room
NAME_CHARS = 28  # a name beside a dot in the referral tree
NO_CUT = 0  # Vega's own label limit, off: labels come cut at a word already (Vega would
# cut mid-word at a pixel width)

# One palette for the whole page: calm, readable when printed in grey.
INK, SOFT, GOOD, GAP, MUTED = "#1f6feb", "#9ec5fe", "#2da44e", "#d4782f", "#8c959f"
_PHASES = {
    "identified": "Not asked yet",
    "requested": "Asked",
    "scheduled": "Asked",
    "interviewed": "Met",
    "thanked": "Met",
    "keeping_in_touch": "Met",
    **dict.fromkeys(CLOSED_STAGES, "Closed"),
}
_PHASE_COLOURS = alt.Scale(
    domain=["Not asked yet", "Asked", "Met", "Closed"], range=[SOFT, INK, GOOD, MUTED]
)


_AUTOSIZE = alt.AutoSizeParams(type="fit-x", contains="padding")
_CAREER_COLOURS = [INK, "#8250df", "#0a7f86", "#bf3989", "#9a6700", "#57606a"]


_UNDRAWABLE = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")


LABEL_CHARS = 120  # a chart label is cut here: measuring a huge one stalls the renderer


def _label(text: str, limit: int = LABEL_CHARS) -> str:
    """User text as one short line a chart can draw: control characters (the renderer
    that draws the report's charts aborts on some) and line breaks become a space, and a
    text longer than ``limit`` is cut after its last whole word that fits, with an
    ellipsis (the full text stays in the planner). Only a single word longer than half
    the limit is cut inside."""
    line = " ".join(_UNDRAWABLE.sub(" ", text).split()) or "(blank)"
    if len(line) <= limit:
        return line
    kept = line[: limit - 1]
    if line[limit - 1] != " " and " " in kept[limit // 2 :]:
        kept = kept[: kept.rfind(" ")]
    return kept.rstrip(" ,;:.-\u2013\u2014") + "\u2026"


def _distinct(labels: list[str]) -> list[str]:
    """Labels made unique with (2), (3)...: equal labels would merge into one bar."""
    seen: dict[str, int] = {}
    result = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        result.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return result


def _count_axis(largest: int, **more) -> alt.Axis:
    """An axis of whole numbers: counts never show as 0.5."""
    if largest <= 10:
        return alt.Axis(values=list(range(largest + 1)), format="d", **more)
    return alt.Axis(tickMinStep=1, format="d", **more)


def _sized(chart: alt.Chart, width: Width, rows: int | None = None) -> alt.Chart:
    height = max(80, 26 * rows) if rows is not None else 240
    # The height is the plot's own, legends and axes come on top (a page's chart would
    # otherwise shrink its plot to fit them into the height).
    return chart.properties(width=width, height=height, autosize=_AUTOSIZE)


def pipeline(counts: list[StageCount], *, width: Width = "container") -> alt.Chart | None:
    if not sum(c.contacts for c in counts):
        return None
    frame = pd.DataFrame(
        {
            "Stage": [STAGES[c.stage] for c in counts],
            "Contacts": [c.contacts for c in counts],
            "Phase": [_PHASES[c.stage] for c in counts],
        }
    )
    base = alt.Chart(frame).encode(
        y=alt.Y("Stage:N", sort=list(frame["Stage"]), title=None),
        x=alt.X("Contacts:Q", title="Contacts", axis=_count_axis(int(frame["Contacts"].max()))),
        tooltip=["Stage:N", "Contacts:Q", "Phase:N"],
    )
    bars = base.mark_bar(cornerRadiusEnd=3).encode(
        # Two columns: in a half-page column one row of four would be cut at the right.
        color=alt.Color(
            "Phase:N", scale=_PHASE_COLOURS, legend=alt.Legend(orient="bottom", columns=2)
        )
    )
    labels = base.mark_text(align="left", dx=4, color="#1f2328").encode(text="Contacts:Q")
    return _sized(bars + labels, width, len(counts))


ACTIVITY_SERIES = {  # one row of bars each, top to bottom
    "requests": ("Requests sent", INK),
    "meetings": ("Meetings held", GOOD),
    "thank_yous": ("Thank-yous sent", GAP),
}
WEEK_LABELS_MAX = 10  # week labels along the axis, at most: each needs about 60 pixels
ACTIVITY_ROW_HEIGHT = 90  # pixels a row: room for a 0-to-most count axis
_LABEL_STEPS = (1, 2, 4, 8, 13, 26, 52)  # weeks between labels: a week, a fortnight... a year
_PACE_NAME = "Meetings a week needed"


def week_ticks(first: date, last: date) -> list[date]:
    """The Mondays labelled on the activity chart's axis, from the week of ``first`` to the
    week of ``last``: every week while few, then every 2, 4, 8, 13, 26 or 52 weeks, so at
    most ``WEEK_LABELS_MAX`` labels and never two of the same week."""
    weeks = (last - first).days // 7 + 1
    step = next((s for s in _LABEL_STEPS if math.ceil(weeks / s) <= WEEK_LABELS_MAX), None)
    step = step or math.ceil(weeks / WEEK_LABELS_MAX / 52) * 52
    return [first + timedelta(weeks=n) for n in range(0, weeks, step)]


def week_label_format(first: date, last: date) -> str:
    """The axis labels' format: day and month ("5 Jan") while every week is in one year,
    with the year ("5 Jan 2026") when the weeks cross into another (the same day and
    month would otherwise label two different weeks)."""
    return "%-d %b" if first.year == (last + timedelta(days=6)).year else "%-d %b %Y"


def activity(
    weeks: list[WeekActivity], pace: float | None, *, width: Width = "container"
) -> alt.Chart | None:
    """Requests, meetings and thank-yous a week as three rows of bars on one weekly time
    axis (no series hides another), with the weekly pace the goals need as a dashed line
    across the meetings row."""
    if not weeks:
        return None
    first, last = weeks[0].week, weeks[-1].week
    # Each bar fills its week, Monday to Sunday, with a little air on either side.
    frame = pd.DataFrame(
        [
            {
                "Week of": pd.Timestamp(w.week),
                "Starts": pd.Timestamp(w.week) + pd.Timedelta(hours=12),
                "Ends": pd.Timestamp(w.week) + pd.Timedelta(days=6, hours=12),
                "What": label,
                "Count": getattr(w, key),
            }
            for w in weeks
            for key, (label, _) in ACTIVITY_SERIES.items()
        ]
    )
    highest = max(int(frame["Count"].max()), math.ceil(pace or 0))  # the pace line shows too
    scale = alt.Scale(domain=[_datetime(first), _datetime(last + timedelta(days=7))])
    ticks = [_datetime(day) for day in week_ticks(first, last)]
    label_format = week_label_format(first, last)
    rows = []
    for position, (label, colour) in enumerate(ACTIVITY_SERIES.values()):
        bottom = position == len(ACTIVITY_SERIES) - 1
        x_axis = alt.Axis(
            values=ticks,
            format=label_format,
            labels=bottom,  # one set of week labels, under the last row
            labelAlign="left",  # a label starts where its week starts
            labelOverlap=True,
            title="Week starting" if bottom else None,
            grid=True,
        )
        bars = (
            alt.Chart(frame)
            .transform_filter(alt.datum.What == label)
            .mark_bar(color=colour, cornerRadiusTopLeft=2, cornerRadiusTopRight=2)
            .encode(
                x=alt.X("Starts:T", scale=scale, axis=x_axis),
                x2="Ends:T",
                y2=alt.datum(0),  # x and x2 alone would lay the bars on their side
                y=_per_week("Count:Q", highest),
                tooltip=[
                    alt.Tooltip("Week of:T", title="Week of", format="%-d %b %Y"),
                    alt.Tooltip("What:N"),
                    alt.Tooltip("Count:Q"),
                ],
            )
        )
        row, title = bars, label
        if pace is not None and label == ACTIVITY_SERIES["meetings"][0]:
            row, title = (
                bars + _pace_rule(pace, highest),
                f"{label} (dashed line: the {pace:.1f} a week your goals need)",
            )
        rows.append(
            row.properties(
                title=alt.TitleParams(title, anchor="start", fontSize=12, fontWeight="normal"),
                width=width,
                height=ACTIVITY_ROW_HEIGHT,
            )
        )
    return alt.vconcat(*rows, spacing=20).properties(autosize=_AUTOSIZE)


def _datetime(day: date) -> alt.DateTime:
    return alt.DateTime(year=day.year, month=day.month, date=day.day)


def _per_week(field: str, highest: int) -> alt.Y:
    """A count a week, from 0 to ``highest``: the bars' axis and the pace line's, the same
    in every row so rows compare at a glance."""
    return alt.Y(
        field, title=None, scale=alt.Scale(domain=[0, max(highest, 1)]), axis=_count_axis(highest)
    )


def _pace_rule(pace: float, highest: int) -> alt.Chart:
    needed = pd.DataFrame({_PACE_NAME: [round(pace, 1)]})
    return (
        alt.Chart(needed)
        .mark_rule(strokeDash=[6, 4], color="#1f2328", strokeWidth=1.5)
        .encode(
            y=_per_week(f"{_PACE_NAME}:Q", highest),
            tooltip=[alt.Tooltip(f"{_PACE_NAME}:Q")],
        )
    )


def goals(goal_list: list[Goal], *, width: Width = "container") -> alt.Chart | None:
    if not goal_list:
        return None
    frame = pd.DataFrame(
        {
            "Goal": _distinct([_label(g.title, AXIS_LABEL_CHARS) for g in goal_list]),
            "Title": [_label(g.title) for g in goal_list],
            "Done": [g.interviews_done for g in goal_list],
            "Target": [g.target_interviews for g in goal_list],
            "By": [
                g.target_date.strftime("%d %b %Y") if g.target_date else "no date"
                for g in goal_list
            ],
            "Status": [g.status_label for g in goal_list],
        }
    )
    y = alt.Y("Goal:N", sort=None, title=None, axis=alt.Axis(labelLimit=NO_CUT))
    tooltip = ["Title:N", "Done:Q", "Target:Q", "By:N", "Status:N"]
    target = (
        alt.Chart(frame)
        .mark_bar(color="#eaeef2", cornerRadiusEnd=3)
        .encode(
            y=y,
            x=alt.X(
                "Target:Q",
                title="Interviews done of target",
                axis=_count_axis(int(frame[["Done", "Target"]].max().max())),
            ),
            tooltip=tooltip,
        )
    )
    done = (
        alt.Chart(frame)
        .mark_bar(cornerRadiusEnd=3, height=12)
        .encode(
            y=y,
            x="Done:Q",
            color=alt.Color(
                "Status:N",
                scale=alt.Scale(domain=["Active", "Paused", "Achieved"], range=[INK, MUTED, GOOD]),
                legend=None,  # the caption says it; a legend would not fit a half column
            ),
            tooltip=tooltip,
        )
    )
    return _sized(target + done, width, len(goal_list))


def fit(fits: list[CareerFit], *, width: Width = "container") -> alt.Chart | None:
    if not fits:
        return None
    frame = pd.DataFrame(
        {
            "Career": [_label(f.career, LONG_LABEL_CHARS) for f in fits],
            "Question": [FIT_QUESTIONS.get(f.fit_question, f.fit_question) for f in fits],
            "Average": [round(f.average, 2) for f in fits],
            "Interviews": [f.interviews for f in fits],
        }
    )
    chart = (
        alt.Chart(frame)
        .mark_bar(cornerRadiusEnd=3)
        .encode(
            y=alt.Y(
                "Question:N",
                sort=list(FIT_QUESTIONS.values()),
                title=None,
                axis=alt.Axis(labelLimit=NO_CUT),
            ),
            yOffset=alt.YOffset("Career:N"),
            x=alt.X(
                "Average:Q",
                scale=alt.Scale(domain=[0, 5]),
                title=f"Average rating ({FIT_SCALE})",
                axis=alt.Axis(values=[0, 1, 2, 3, 4, 5]),
            ),
            color=alt.Color(
                "Career:N",
                scale=alt.Scale(range=_CAREER_COLOURS),
                legend=alt.Legend(orient="bottom", columns=1, labelLimit=NO_CUT),
            ),
            tooltip=["Career:N", "Question:N", "Average:Q", "Interviews:Q"],
        )
    )
    careers = frame["Career"].nunique()
    return _sized(chart, width, frame["Question"].nunique() * max(careers, 1))


def skills(skill_list: list[SkillCount], *, width: Width = "container") -> alt.Chart | None:
    if not skill_list:
        return None
    top = skill_list[:TOP]
    names = _distinct([_label(s.skill, AXIS_LABEL_CHARS) for s in top])
    frame = pd.DataFrame(
        [
            {"Skill": name, "Heard as": label, "Conversations": count, "Order": i}
            for i, (s, name) in enumerate(zip(top, names, strict=True))
            for label, count in (("I have this", s.have), ("A gap", s.gap))
            if count
        ]
    )
    chart = (
        alt.Chart(frame)
        .mark_bar(cornerRadiusEnd=2)
        .encode(
            y=alt.Y(
                "Skill:N",
                sort=names,
                title=None,
                axis=alt.Axis(labelLimit=NO_CUT),
            ),
            x=alt.X("Conversations:Q", axis=_count_axis(max(s.total for s in top))),
            color=alt.Color(
                "Heard as:N",
                scale=alt.Scale(domain=["I have this", "A gap"], range=[GOOD, GAP]),
                legend=alt.Legend(orient="bottom", title=None),
            ),
            tooltip=["Skill:N", "Heard as:N", "Conversations:Q"],
        )
    )
    return _sized(chart, width, len(top))


def themes(theme_list: list[ThemeCount], *, width: Width = "container") -> alt.Chart | None:
    if not theme_list:
        return None
    top = theme_list[:TOP]
    frame = pd.DataFrame(
        {
            "Theme": _distinct([_label(t.theme, AXIS_LABEL_CHARS) for t in top]),
            "Conversations": [t.conversations for t in top],
        }
    )
    chart = (
        alt.Chart(frame)
        .mark_bar(color=INK, cornerRadiusEnd=3)
        .encode(
            y=alt.Y(
                "Theme:N",
                sort=list(frame["Theme"]),
                title=None,
                axis=alt.Axis(labelLimit=NO_CUT),
            ),
            x=alt.X(
                "Conversations:Q",
                title="Conversations backing it",
                axis=_count_axis(top[0].conversations),
            ),
            tooltip=["Theme:N", "Conversations:Q"],
        )
    )
    return _sized(chart, width, len(top))


def assumptions(items: list[Assumption], *, width: Width = "container") -> alt.Chart | None:
    if not items:
        return None
    top = items[:TOP]
    names = _distinct([_label(a.statement, LONG_LABEL_CHARS) for a in top])
    frame = pd.DataFrame(
        [
            {"Assumption": name, "Verdict": verdict, "Conversations": count, "Bar": bar}
            for a, name in zip(top, names, strict=True)
            for verdict, count, bar in (
                ("Confirmed", a.confirmed, a.confirmed),
                ("Refuted", a.refuted, -a.refuted),
            )
        ]
    )
    chart = (
        alt.Chart(frame)
        .mark_bar(cornerRadius=2)
        .encode(
            y=alt.Y(
                "Assumption:N",
                sort=names,
                title=None,
                axis=alt.Axis(labelLimit=NO_CUT),
            ),
            x=alt.X(
                "Bar:Q",
                title="Refuted \u2190 conversations \u2192 Confirmed",
                axis=alt.Axis(tickMinStep=1, format="d", labelExpr="abs(datum.value)"),
            ),
            color=alt.Color(
                "Verdict:N",
                scale=alt.Scale(domain=["Confirmed", "Refuted"], range=[GOOD, GAP]),
                legend=alt.Legend(orient="bottom", title=None),
            ),
            tooltip=["Assumption:N", "Verdict:N", "Conversations:Q"],
        )
    )
    return _sized(chart, width, len(top))


def responses(items: list[CircleResponse], *, width: Width = "container") -> alt.Chart | None:
    if not items:
        return None
    frame = pd.DataFrame(
        {
            "Circle": [CIRCLES.get(r.circle, r.circle) for r in items],
            "Answered": [r.rate for r in items],
            "Requests": [r.requested for r in items],
            "Answers": [r.answered for r in items],
        }
    )
    chart = (
        alt.Chart(frame)
        .mark_bar(color=INK, cornerRadiusEnd=3)
        .encode(
            y=alt.Y("Circle:N", sort="-x", title=None),
            x=alt.X(
                "Answered:Q",
                title="Requests answered",
                scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(format="%"),
            ),
            tooltip=[
                "Circle:N",
                "Requests:Q",
                "Answers:Q",
                alt.Tooltip("Answered:Q", format=".0%"),
            ],
        )
    )
    return _sized(chart, width, len(items))


def referral_tree(tree: ReferralTree, *, width: Width = "container") -> alt.Chart | None:
    if not tree.links:
        return None
    where = {n.contact_id: n for n in tree.nodes}
    links = pd.DataFrame(
        [
            {
                "x": where[link.from_id].depth,
                "y": where[link.from_id].row,
                "x2": where[link.to_id].depth,
                "y2": where[link.to_id].row,
            }
            for link in tree.links
        ]
    )
    nodes = pd.DataFrame(
        [
            {
                "x": n.depth,
                "y": n.row,
                "Name": _label(n.name, NAME_CHARS),
                "Step": "First referrer" if n.depth == 0 else f"{n.depth} step(s) from the first",
            }
            for n in tree.nodes
        ]
    )
    deepest = int(nodes["x"].max())
    x = alt.X("x:Q", axis=None, scale=alt.Scale(domain=[-0.1, deepest + 0.9]))
    y = alt.Y("y:Q", axis=None, scale=alt.Scale(reverse=True, padding=12))
    lines = (
        alt.Chart(links)
        .mark_rule(color=MUTED, strokeWidth=1.5)
        .encode(x=x, y=y, x2="x2:Q", y2="y2:Q")
    )
    dots = (
        alt.Chart(nodes)
        .mark_circle(size=90, color=INK, opacity=1)
        .encode(x=x, y=y, tooltip=["Name:N", "Step:N"])
    )
    names = (
        alt.Chart(nodes)
        .mark_text(align="left", dx=8, dy=-8, color="#1f2328", limit=NO_CUT)
        .encode(x=x, y=y, text="Name:N")
    )
    rows = int(nodes["y"].max()) + 1
    return (lines + dots + names).properties(
        width=width, height=max(80, 30 * rows), autosize=_AUTOSIZE
    )


def specifications(data: ProgressData, *, width: Width = "container") -> dict[str, dict | None]:
    """Every Progress chart as a Vega-Lite specification (None where there is nothing to
    draw), keyed by its name in guidance's progress.read and progress.empty."""
    made = {
        "pipeline": pipeline(data.pipeline, width=width),
        "goals": goals(data.goals, width=width),
        "activity": activity(data.weeks, data.pace_needed, width=width),
        "fit": fit(data.fits, width=width),
        "skills": skills(data.skills, width=width),
        "themes": themes(data.themes, width=width),
        "assumptions": assumptions(data.assumptions, width=width),
        "network": responses(data.responses, width=width),
        "tree": referral_tree(data.tree, width=width),
    }
    return {name: None if chart is None else chart.to_dict() for name, chart in made.items()}
