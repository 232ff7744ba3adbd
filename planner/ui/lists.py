"""List fields (roles, facts, tags, takeaways...): the items as they will be saved,
shown under the field, read one a line or comma-separated the same way everywhere."""

from __future__ import annotations

import streamlit as st

from planner.text import list_preview, split_list
from planner.ui.escaping import md


def show_list(items: list[str]) -> None:
    """Under a list field: the items it will save (nothing when there are none). In a
    form it follows what was last sent; elsewhere, what was typed."""
    if items:
        st.caption(list_preview([md(item) for item in items]))


def list_items(text: str) -> list[str]:
    """The items typed in a list field (``text``), shown under it as they will be saved."""
    items = split_list(text)
    show_list(items)
    return items
