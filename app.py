"""Home: what an informational interview is, where the user stands, what to do next.

Also the server's entry point: ``streamlit run app.py`` finds ``app`` below and serves
the pages with the calendar feed's route beside them (Streamlit's st.App). The server
imports this file for ``app`` alone; Streamlit runs the page as ``__main__``.
"""

import streamlit as st

from planner import feed_server, guidance, ui
from planner.steps import home

if __name__ != "__main__":  # the server, importing this file for its app
    app = st.App(__file__, routes=feed_server.routes())
else:  # the Home page, run by Streamlit
    store = ui.page("Home")
    view = home.load(store, today=ui.today())

    st.title("Informational interview planner")
    st.markdown(guidance.text("home.tagline"))

    ICONS = {
        "meeting": ":material/event:",
        "thank_you": ":material/volunteer_activism:",
        "reflection": ":material/psychology:",
        "action": ":material/task_alt:",
        "check_in": ":material/forum:",
        "unplanned_meeting": ":material/edit_note:",
        "referral": ":material/person_add:",
        "undated_action": ":material/event_busy:",
        "organisation": ":material/domain:",
        "goal_pace": ":material/speed:",
    }

    left, right = st.columns([3, 2], gap="large")

    with left:
        st.subheader("Next best actions")
        for card in view.due:
            with st.container(border=True):
                icon = ICONS.get(card.kind, ":material/schedule_send:")
                when = f" ({card.when})" if card.when else ""
                st.markdown(f"{icon} **{ui.md(card.text)}**{when}")
                if card.context:
                    st.caption("  \n".join(ui.md(x) for x in card.context))
                st.page_link(
                    card.step.page,
                    label=card.label,
                    icon=card.step.icon,
                    query_params=card.params or None,
                )
        if view.more_due:
            st.caption(view.more_due)
        if view.all_clear:
            st.success("Nothing is waiting on you right now.", icon=":material/check_circle:")
        for action in view.actions:
            with st.container(border=True):
                st.markdown(ui.md(action.text))
                st.page_link(
                    action.step.page, label=f"Open {action.step.label}", icon=action.step.icon
                )

        base = ui.app_address()
        ui.calendar_feed_section(
            guidance.text("home.calendar_help"),
            guidance.text("home.calendar_private"),
            guidance.text("home.calendar_demo"),
            link=home.calendar_link(store, base=base),
            make=lambda: home.make_calendar_link(store, base=base),
        )

        st.subheader("Your journey")
        st.caption(guidance.text("home.journey_intro"))
        for row in view.journey:  # a row of two, not columns: half the elements
            box = st.container(
                border=True, horizontal=True, vertical_alignment="center", wrap=False
            )
            label = f"{row.number} {row.step.label}"
            box.page_link(row.step.page, label=label, icon=row.step.icon, width=160)
            box.markdown(f"{row.step.purpose}  \n**{row.summary}**")

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
                    ui.flash(
                        "Welcome to the demo planner. Look around; your own planner is untouched."
                    )
                    st.rerun()
