"""Bringing people in from a file: a section with the upload, the import button and the
import's report (who was skipped, what could not be read), kept until the next import."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from planner.store.records import ImportReport
from planner.ui.escaping import md
from planner.ui.forms import FormFields, submit
from planner.ui.session import flash
from planner.ui.widgets import download_button


def import_section(
    key: str,
    title: str,
    icon: str,
    explanation: str,
    *,
    label: str,
    types: list[str],
    button: str,
    run: Callable[[bytes], ImportReport],
    summary: Callable[[int, int], str],
    notes: Callable[[ImportReport | None], list[str]],
    download: tuple[str, Callable[[], bytes], str, str] | None = None,
) -> None:
    """An expander ``title`` with ``icon`` holding ``explanation``, an optional
    ``download`` button (label, make, file name, MIME type), the upload field ``label``
    (files ending in ``types``) and ``button``, which runs ``run(the file's bytes)``;
    then ``summary(added, skipped)`` as a flash and ``notes`` of the report under the
    field. Bad files get their message under the field."""
    with st.expander(title, icon=icon):
        st.markdown(explanation)
        if download is not None:
            download_button(st, *download, key=f"{key}_export", icon=":material/download:")
        _upload(key, label, types, button, run, summary, notes)


def _upload(key, label, types, button, run, summary, notes) -> None:
    fields = FormFields(key)
    upload = fields.draw(st, "file_uploader", label, "file", type=types)
    report_key = f"{key}_report"
    if upload is not None and st.button(button, key=f"{key}_import"):
        imported = submit(lambda: run(upload.getvalue()), messages=fields)
        if imported is not None:
            st.session_state[report_key] = imported
            flash(summary(len(imported.added), len(imported.skipped) + len(imported.repeated)))
            st.rerun()
    for line in notes(st.session_state.get(report_key)):
        st.caption(md(line))
