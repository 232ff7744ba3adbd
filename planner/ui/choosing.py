"""Choosing several items from a long list with the keyboard: a checkbox per item,
grouped in sections that open and close (a data grid is a canvas that screen readers
and the Tab key cannot walk through)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

import streamlit as st

from planner.ui.escaping import md

T = TypeVar("T")


def tick_list(
    items: Sequence[T], *, key: str, group: Callable[[T], str], label: Callable[[T], str]
) -> list[T]:
    """A checkbox for each of ``items`` (named by ``label``, plain text), under a
    section per ``group`` (in the order the groups first appear, each with its count);
    returns the items ticked, in the list's order. Give a ``key`` that changes with the
    items (``list_key``), so ticks never outlive the list they were made in."""
    groups: dict[str, list[tuple[int, T]]] = {}
    for index, item in enumerate(items):
        groups.setdefault(group(item), []).append((index, item))
    ticked = []
    for name, members in groups.items():
        with st.expander(f"{md(name)} ({len(members)})", expanded=len(groups) == 1):
            ticked += [
                (index, item)
                for index, item in members
                if st.checkbox(md(label(item)), key=f"{key}_{index}")
            ]
    return [item for _, item in sorted(ticked, key=lambda pair: pair[0])]
