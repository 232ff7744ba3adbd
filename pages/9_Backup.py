"""Backup: download the whole planner as one JSON file, or restore one."""

import streamlit as st

from planner import backup, guidance, ui

store = ui.page("Backup")
CONFIRM = "backup_confirm_restore"

st.title("Backup")
st.markdown(guidance.text("backup.intro"))

counts = {table: n for table, n in store.row_counts().items() if n}

st.subheader("Download a backup")
if counts:
    st.caption(f"Holds {backup.describe_counts(counts)}.")
else:
    st.caption("This planner is empty; the backup will be too.")
prefix = "interview-planner-demo" if ui.in_demo() else "interview-planner"
st.download_button(
    "Download backup (.json)",
    data=lambda: backup.export_text(store).encode("utf-8"),
    file_name=f"{prefix}-backup-{ui.today().isoformat()}.json",
    mime="application/json",
    icon=":material/download:",
    on_click="ignore",
    key="download_backup",
)

st.subheader("Restore a backup")
st.caption(guidance.text("backup.restore_help"))
uploaded = st.file_uploader("Backup file", type=["json"], key="backup_upload")
slot = st.empty()
if uploaded is not None:
    replace = bool(counts)
    if replace:
        st.warning(
            "This planner is not empty. Restoring replaces everything in it with the backup.",
            icon=":material/warning:",
        )
        confirmed = st.checkbox("Yes, replace what is in this planner", key=CONFIRM)
    else:
        confirmed = True
    if st.button("Restore", type="primary", key="restore_backup", disabled=not confirmed):
        try:
            restored = backup.import_text(store, uploaded.getvalue(), replace=replace)
        except (backup.BackupError, backup.PlannerNotEmpty) as error:
            ui.field_error(slot, str(error))
        else:
            ui.flash(f"Restored the backup: {backup.describe_counts(restored)}.")
            st.session_state.pop(CONFIRM, None)
            st.rerun()
