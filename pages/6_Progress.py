"""Progress: the whole search in charts, the reflection report and spreadsheet exports."""

import streamlit as st

from planner import guidance, ui
from planner.steps import progress

store = ui.page("Progress")
today = ui.today()

st.title("Progress")
st.markdown(guidance.text("progress.intro"))

goals = progress.goal_menu(store)
ui.open_from_link("goal", goals, current_key="progress_goal", menu_key="progress_goal_menu")
if st.session_state.get("progress_goal") not in goals:
    st.session_state.pop("progress_goal", None)
goal_id = st.selectbox(
    "Goal",
    [None, *goals],
    format_func=lambda key: "All goals" if key is None else goals[key],
    key="progress_goal",
)
view = progress.load(store, today=today, goal_id=goal_id, demo=ui.in_demo())


def chart(key: str, title: str | None = None) -> None:
    """A chart with what to read from it, or what would fill it."""
    if title:
        st.subheader(title)
    if view.charts[key] is None:
        st.info(guidance.text(f"progress.empty.{key}"), icon=":material/lightbulb:")
        return
    if key in view.sentences:
        st.markdown(ui.md(view.sentences[key]))
    st.vega_lite_chart(view.charts[key], width="stretch", key=f"chart_{key}")
    st.caption(guidance.text(f"progress.read.{key}"))


left, right = st.columns(2, gap="large")
with left:
    chart("pipeline", "Pipeline")
with right:
    chart("goals", "Goals against target")
chart("activity", "Activity by week")
chart("fit", "Fit across careers")
if view.fit_for_every_goal:
    st.caption("Fit compares every career you explored, whichever goal is picked above.")
left, right = st.columns(2, gap="large")
with left:
    chart("skills", "Skills heard most")
with right:
    chart("themes", "Themes")
chart("assumptions", "Assumptions")

st.subheader("Network")
if view.network_figures:
    labels = ("Came through a referral", "Requests answered", "Median wait for an answer")
    for column, label, value in zip(st.columns(3), labels, view.network_figures, strict=True):
        column.metric(label, value)
    st.markdown(ui.md(view.network_sentence))
left, right = st.columns(2, gap="large")
with left:
    chart("network")
with right:
    chart("tree")

st.divider()
st.subheader("Take it with you")
st.markdown(guidance.text("progress.report_help"))
kind = st.segmented_control(
    "Report format",
    list(progress.REPORT_FORMATS),
    format_func=progress.REPORT_FORMATS.get,
    default="html",
    required=True,
    key="progress_report_format",
)
since_cell, until_cell, full_cell = st.columns(3)
since = since_cell.date_input("Conversations from", value=None, key="report_since")
until = until_cell.date_input("Conversations up to", value=None, key="report_until")
in_full = full_cell.number_input(
    "Told in full (most recent)",
    *progress.IN_FULL_RANGE,
    value=progress.IN_FULL,
    key="report_in_full",
    help="The most recent conversations get their whole reflection; the others are "
    "counted month by month in a table.",
)
period = {"since": since, "until": until, "in_full": int(in_full)}
scope = {"goal_id": goal_id, **period}
if problems := progress.report_problems(**period):
    for problem in problems:
        st.error(problem, icon=":material/error:")
elif kind == "pdf" and (problem := progress.pdf_problem()):
    st.warning(problem, icon=":material/warning:")
else:
    file = view.reports[kind]
    st.download_button(
        file.label,
        data=lambda: progress.report_file(store, today=today, kind=kind, **scope),
        file_name=file.file_name,
        mime=file.mime,
        icon=":material/download:",
        type="primary",
        on_click="ignore",
        key="download_report",
    )
    st.caption(
        f"For: {ui.md(view.scope)}"
        + (f", conversations {progress.period_label(since, until)}" if since or until else "")
        + ". Charts are drawn into the file; it opens without a network."
    )

st.markdown(guidance.text("progress.csv_help"))
for column, file in zip(st.columns(len(view.spreadsheets)), view.spreadsheets, strict=True):
    column.download_button(
        file.label,
        data=lambda name=file.key: progress.spreadsheet(store, name),
        file_name=file.file_name,
        mime=file.mime,
        icon=":material/table_view:",
        on_click="ignore",
        key=f"download_csv_{file.key}",
    )
