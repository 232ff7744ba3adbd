"""Home: what an informational interview is, where the user stands, what to do next."""

import streamlit as st

from planner import guidance, journey, ui
from planner.due import due_list

store = ui.page("Home")

st.title("Informational interview planner")
st.markdown(guidance.text("home.tagline"))

counts = store.journey_counts()
goals = store.list_goals()

left, right = st.columns([3, 2], gap="large")

with left:
    st.subheader("Next best actions")
    actions = journey.next_actions(goals, today=ui.today())
    steps = {step.key: step for step in journey.STEPS}
    waiting = due_list(store, today=ui.today())
    icons = {
        "meeting": ":material/event:",
        "thank_you": ":material/volunteer_activism:",
        "reflection": ":material/psychology:",
        "action": ":material/task_alt:",
        "check_in": ":material/forum:",
    }
    for item in waiting[:8]:
        with st.container(border=True):
            when = item.when(ui.today())
            icon = icons.get(item.kind, ":material/schedule_send:")
            st.markdown(f"{icon} **{ui.md(item.text)}** ({when})")
            context = [x for x in (item.last_message, item.notes) if x]
            if context:
                st.caption("  \n".join(ui.md(x) for x in context))
            step_key, label, params = item.destination()
            step = steps[step_key]
            st.page_link(step.page, label=label, icon=step.icon, query_params=params or None)
    if len(waiting) > 8:
        st.caption(f"And {len(waiting) - 8} more on the Contacts and Reflect pages.")
    if not actions and not waiting:
        st.success("Nothing is waiting on you right now.", icon=":material/check_circle:")
    for action in actions[:6]:
        step = steps[action.step]
        with st.container(border=True):
            st.markdown(ui.md(action.text))
            st.page_link(step.page, label=f"Open {step.label}", icon=step.icon)

    st.subheader("Your journey")
    st.caption(guidance.text("home.journey_intro"))
    states = journey.step_states(counts)
    for number, step in enumerate(journey.STEPS, start=1):
        state = states[step.key]
        with st.container(border=True):
            a, b = st.columns([2, 3], vertical_alignment="center")
            a.page_link(step.page, label=f"{number} {step.label}", icon=step.icon)
            b.markdown(f"{step.purpose}  \n**{state.summary}**")

with right:
    st.subheader("What is an informational interview?")
    st.markdown(guidance.text("home.what_it_is"))
    st.markdown("**It is**")
    st.markdown("\n".join(f"- {line}" for line in guidance.text("home.is_list")))
    st.markdown("**It is not**")
    st.markdown("\n".join(f"- {line}" for line in guidance.text("home.is_not_list")))

    with st.container(border=True):
        st.markdown("**Explore a demo planner**")
        if ui.in_demo():
            st.markdown(
                "You are in the demo now. Go back to your own planner at any time, "
                "or reset the demo to start the sample afresh."
            )
            if st.button("Back to my planner", icon=":material/logout:", key="leave_demo"):
                ui.leave_demo()
                st.rerun()
            if st.button("Reset the demo", icon=":material/restart_alt:", key="reset_demo"):
                ui.enter_demo()
                ui.flash("The demo planner was reset.")
                st.rerun()
        else:
            st.markdown(guidance.text("home.demo_intro"))
            if st.button("Explore a demo planner", icon=":material/explore:", key="enter_demo"):
                ui.enter_demo()
                ui.flash("Welcome to the demo planner. Look around; your own planner is untouched.")
                st.rerun()
