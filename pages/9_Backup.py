"""Backup: download the whole planner as one JSON file, or restore one."""

import streamlit as st

from planner import guidance, ui
from planner.steps import backup

store = ui.page("Backup")
CONFIRM = "backup_confirm_restore"
view = backup.load(store, today=ui.today(), demo=ui.in_demo())

st.title("Backup")
st.markdown(guidance.text("backup.intro"))

st.subheader("Download a backup")
st.caption(view.holds)
st.download_button(
    "Download backup (.json)",
    data=lambda: backup.backup_file(store),
    file_name=view.file_name,
    mime="application/json",
    icon=":material/download:",
    on_click="ignore",
    key="download_backup",
)

st.subheader("Check this planner")
st.caption(guidance.text("backup.check_help"))
if st.button("Check every entry", icon=":material/fact_check:", key="check_planner"):
    if found := backup.check(store, today=ui.today()):
        st.warning(
            "These entries break a rule the forms keep; fix them in a backup file and "
            "restore it:\n\n" + "\n".join(f"- {ui.md(line)}" for line in found),
            icon=":material/warning:",
        )
    else:
        st.success("Every entry keeps the rules the forms keep.", icon=":material/check:")

st.subheader("Restore a backup")
st.caption(guidance.text("backup.restore_help"))
messages = ui.FieldMessages()
uploaded = st.file_uploader("Backup file", type=["json"], key="backup_upload")
messages.under("file")
if uploaded is not None:
    replace = not view.empty
    if replace:
        st.warning(
            "This planner is not empty. Restoring replaces everything in it with the backup.",
            icon=":material/warning:",
        )
        confirmed = st.checkbox("Yes, replace what is in this planner", key=CONFIRM)
    else:
        confirmed = True
    if st.button("Restore", type="primary", key="restore_backup", disabled=not confirmed):
        restored = ui.submit(
            lambda: backup.restore(store, uploaded.getvalue(), replace=replace),
            messages=messages,
            forget=[CONFIRM],
        )
        if restored:
            ui.flash(restored)
            st.rerun()
