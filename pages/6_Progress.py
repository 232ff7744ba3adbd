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


def show(title: str, key: str, chart, sentence) -> None:
    """A chart with what to read from it, or what would fill it."""
    st.subheader(title)
    if chart is None:
        st.info(guidance.text(f"progress.empty.{key}"), icon=":material/lightbulb:")
        return
    st.markdown(ui.md(sentence()))
    st.altair_chart(chart, width="stretch", key=f"chart_{key}")
    st.caption(guidance.text(f"progress.read.{key}"))


left, right = st.columns(2, gap="large")
with left:
    show(
        "Pipeline",
        "pipeline",
        charts.pipeline(data.pipeline),
        lambda: progress.pipeline_sentence(data.pipeline),
    )
with right:
    show(
        "Goals against target",
        "goals",
        charts.goals(data.goals),
        lambda: progress.goals_sentence(data.goals, today),
    )

show(
    "Activity by week",
    "activity",
    charts.activity(data.weeks, data.pace_needed),
    lambda: progress.activity_sentence(data.weeks, data.pace_needed),
)
show(
    "Fit across careers",
    "fit",
    charts.fit(data.fits),
    lambda: progress.fit_sentence(data.fits),
)
if data.goal is not None and data.fits:
    st.caption("Fit compares every career you explored, whichever goal is picked above.")

left, right = st.columns(2, gap="large")
with left:
    show(
        "Skills heard most",
        "skills",
        charts.skills(data.skills),
        lambda: progress.skills_sentence(data.skills),
    )
with right:
    show(
        "Themes",
        "themes",
        charts.themes(data.themes),
        lambda: progress.themes_sentence(data.themes),
    )

show(
    "Assumptions",
    "assumptions",
    charts.assumptions(data.assumptions),
    lambda: progress.assumptions_sentence(data.assumptions),
)

st.subheader("Network")
if data.contacts:
    referred, answered, reply = st.columns(3)
    referred.metric("Came through a referral", f"{data.referred / data.contacts:.0%}")
    asked = sum(r.requested for r in data.responses)
    answers = sum(r.answered for r in data.responses)
    answered.metric("Requests answered", f"{answers / asked:.0%}" if asked else "-")
    days = data.median_reply_days
    reply.metric("Median wait for an answer", "-" if days is None else f"{days:g} business days")
    st.markdown(ui.md(progress.network_sentence(data)))
left, right = st.columns(2, gap="large")
with left:
    chart = charts.responses(data.responses)
    if chart is None:
        st.info(guidance.text("progress.empty.network"), icon=":material/lightbulb:")
    else:
        st.altair_chart(chart, width="stretch", key="chart_network")
        st.caption(guidance.text("progress.read.network"))
with right:
    chart = charts.referral_tree(data.tree)
    if chart is None:
        st.info(guidance.text("progress.empty.tree"), icon=":material/lightbulb:")
    else:
        st.markdown(ui.md(progress.tree_sentence(data.tree)))
        st.altair_chart(chart, width="stretch", key="chart_tree")
        st.caption(guidance.text("progress.read.tree"))

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
