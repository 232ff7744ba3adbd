"""Your account (where people sign in): who is signed in, everything to download, and
deleting the planner."""

import streamlit as st

from planner import guidance, ui
from planner.steps import account, backup

store = ui.page("Your account")
st.title("Your account")
person = ui.signed_in_account()
if person is None:
    st.info(
        "Nobody signs in to this planner, so there is no account to show. "
        + guidance.text("home.privacy_server" if ui.kept_on_a_server() else "home.privacy")
        + " Use the Backup page to download it.",
        icon=":material/info:",
    )
    st.stop()

st.markdown(guidance.text("account.intro"))
if person.name:
    st.markdown(f"**Name:** {ui.md(person.name)}")
if person.email:
    st.markdown(f"**E-mail:** {ui.md(person.email)}")

own, demo = ui.own_and_demo_stores()

st.subheader("Download everything")
st.caption(guidance.text("account.download_help"))
st.download_button(
    "Download everything (.json)",
    data=lambda: backup.backup_file(own),
    file_name=backup.load(own, today=ui.today()).file_name,
    mime="application/json",
    icon=":material/download:",
    on_click="ignore",
    key="download_everything",
)

st.subheader("Delete my planner")
st.caption(guidance.text("account.delete_help"))
messages = ui.FieldMessages.for_form("delete_planner", "Delete my planner")
with st.form("delete_planner", border=True):
    typed = st.text_input(f'Type "{account.DELETE_WORD}" to confirm', key="delete_confirm")
    messages.under("confirm")
    sent = st.form_submit_button("Delete my planner", icon=":material/delete_forever:")
if sent:
    said = ui.submit(
        lambda: account.delete_planner(own, demo, typed=typed),
        messages=messages,
        forget=["delete_confirm"],
    )
    if said:
        ui.leave_demo()
        ui.flash(said)
        st.rerun()
