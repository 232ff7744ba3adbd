"""List fields (roles, facts, tags, takeaways...): the items as they will be saved,
shown under the field. Names are read one a line or comma-separated, sentences one a
line (``planner.text``)."""

from __future__ import annotations

import streamlit as st

from planner.text import list_preview, split_lines, split_list
from planner.ui.escaping import md


def show_list(items: list[str]) -> None:
    """Under a list field: the items it will save (nothing when there are none). In a
    form it follows what was last sent; elsewhere, what was typed."""
    if items:
        st.caption(list_preview([md(item) for item in items]))


PREVIEW = "Show the lists as they will be saved"


def preview_button() -> None:
    """Inside a form with list fields, beside its save button: sends the form without
    saving it, so each list field shows, under it, the items it would save. (A form sends
    nothing while the user types, so this is how to see them before saving.)"""
    st.form_submit_button(PREVIEW, icon=":material/visibility:", type="tertiary")


def list_items(text: str, *, sentences: bool = False) -> list[str]:
    """The items typed in a list field (``text``): names, or ``sentences`` (one a line,
    commas kept); shown under it as they will be saved."""
    items = split_lines(text) if sentences else split_list(text)
    show_list(items)
    return items
