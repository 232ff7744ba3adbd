"""Progress: the whole search in charts, the reflection report and spreadsheet exports."""

import streamlit as st

from planner import charts, csv_export, guidance, progress, report, ui

store = ui.page("Progress")
today = ui.today()

st.title("Progress")
st.markdown(guidance.text("progress.intro"))

goals = {g.id: g.title for g in store.list_goals()}
ui.open_from_link("goal", goals, current_key="progress_goal", menu_key="progress_goal_menu")
if st.session_state.get("progress_goal") not in goals:
    st.session_state.pop("progress_goal", None)
goal_id = st.selectbox(
    "Goal",
    [None, *goals],
    format_func=lambda key: "All goals" if key is None else goals[key],
    key="progress_goal",
)
data = progress.load(store, today=today, goal_id=goal_id)


@st.cache_data(max_entries=64, show_spinner=False)
def chart_specifications(data: progress.ProgressData) -> dict[str, dict | None]:
    # Building nine Altair charts costs more than the queries behind them; a rerun with
    # the same numbers (most clicks) reuses them.
    return charts.specifications(data)


specs = chart_specifications(data)


def draw(key: str) -> None:
    st.vega_lite_chart(specs[key], width="stretch", key=f"chart_{key}")
    st.caption(guidance.text(f"progress.read.{key}"))


def empty(key: str) -> None:
    st.info(guidance.text(f"progress.empty.{key}"), icon=":material/lightbulb:")


def show(title: str, key: str, sentence) -> None:
    """A chart with what to read from it, or what would fill it."""
    st.subheader(title)
    if specs[key] is None:
        empty(key)
        return
    st.markdown(ui.md(sentence()))
    draw(key)


left, right = st.columns(2, gap="large")
with left:
    show(
        "Pipeline",
        "pipeline",
        lambda: progress.pipeline_sentence(data.pipeline),
    )
with right:
    show(
        "Goals against target",
        "goals",
        lambda: progress.goals_sentence(data.goals, today),
    )

show(
    "Activity by week",
    "activity",
    lambda: progress.activity_sentence(data.weeks, data.pace_needed),
)
show(
    "Fit across careers",
    "fit",
    lambda: progress.fit_sentence(data.fits),
)
if data.goal is not None and data.fits:
    st.caption("Fit compares every career you explored, whichever goal is picked above.")

left, right = st.columns(2, gap="large")
with left:
    show(
        "Skills heard most",
        "skills",
        lambda: progress.skills_sentence(data.skills),
    )
with right:
    show(
        "Themes",
        "themes",
        lambda: progress.themes_sentence(data.themes),
    )

show(
    "Assumptions",
    "assumptions",
    lambda: progress.assumptions_sentence(data.assumptions),
)

st.subheader("Network")
if data.contacts:
    labels = ("Came through a referral", "Requests answered", "Median wait for an answer")
    for column, label, value in zip(st.columns(3), labels, data.network_figures(), strict=True):
        column.metric(label, value)
    st.markdown(ui.md(progress.network_sentence(data)))
left, right = st.columns(2, gap="large")
with left:
    if specs["network"] is None:
        empty("network")
    else:
        draw("network")
with right:
    if specs["tree"] is None:
        empty("tree")
    else:
        st.markdown(ui.md(progress.tree_sentence(data.tree)))
        draw("tree")

st.divider()
st.subheader("Take it with you")
st.markdown(guidance.text("progress.report_help"))
kind = st.segmented_control(
    "Report format",
    list(report.FORMATS),
    format_func=report.FORMATS.get,
    default="html",
    required=True,
    key="progress_report_format",
)
if kind == "pdf" and (problem := report.pdf_problem()):
    st.warning(problem, icon=":material/warning:")
else:
    scope = data.scope_label
    st.download_button(
        f"Download the report ({report.FORMATS[kind]})",
        data=lambda: report.render(report.build(store, today=today, goal_id=goal_id), kind),
        file_name=report.filename_for(scope, today, kind),
        mime=report.MEDIA_TYPES[kind],
        icon=":material/download:",
        type="primary",
        on_click="ignore",
        key="download_report",
    )
    st.caption(f"For: {ui.md(scope)}. Charts are drawn into the file; it opens without a network.")

st.markdown(guidance.text("progress.csv_help"))
prefix = "interview-planner-demo" if ui.in_demo() else "interview-planner"
columns = st.columns(len(csv_export.EXPORTS))
for column, (name, (label, export)) in zip(columns, csv_export.EXPORTS.items(), strict=True):
    column.download_button(
        f"{label.capitalize().replace('-', ' ')} (.csv)",
        data=lambda export=export: csv_export.csv_bytes(export(store)),
        file_name=f"{prefix}-{label}-{today.isoformat()}.csv",
        mime="text/csv",
        icon=":material/table_view:",
        on_click="ignore",
        key=f"download_csv_{name}",
    )
