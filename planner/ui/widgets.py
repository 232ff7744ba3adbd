"""Widgets that pick and list: menus, the filter row above a list, a table whose rows the
user selects, items in boxes, a long list shown a page at a time, and a file made only
when downloaded."""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

import streamlit as st

PAGE_SIZE = 25
T = TypeVar("T")


def pick(label: str, options, value, key: str, labels=None, *, where=None, radio=False, **kwargs):
    """A select box (or with ``radio``, a row of radio buttons) over ``options`` (a list,
    or a dict from each option to its label) that starts at ``value``; ``labels`` names
    each option (by default the dict's label), ``where`` is the container."""
    labels = labels or (options.get if isinstance(options, dict) else str)
    options = list(options)
    where = where or st
    if radio:
        kwargs.setdefault("horizontal", True)
    widget = where.radio if radio else where.selectbox
    # A value no option holds (a planner file edited by hand) starts at the first option.
    index = options.index(value) if value in options else 0
    return widget(label, options, index=index, format_func=labels, key=key, **kwargs)


def menu(
    where,
    label: str,
    choices: dict,
    *,
    key: str,
    chosen=None,
    everything: str = "",
    help: str | None = None,
):
    """A selectbox over ``choices`` (value -> label) starting at ``chosen``; with
    ``everything``, a first entry (None, no choice) labelled so; ``help`` its tooltip.
    Returns the value."""
    options = [None, *choices] if everything else list(choices)
    return where.selectbox(
        label,
        options,
        options.index(chosen) if chosen in options else 0,
        format_func=lambda value: everything if value is None else choices[value],
        key=key,
        help=help,
    )


def filter_bar(
    menus: Sequence[tuple[str, dict, str, str] | tuple[str, dict, str, str, str]],
    *,
    search: str,
    key: str,
) -> tuple[list, str]:
    """The filter row above a list: a menu per ``(label, choices, everything, key)``
    (``choices`` maps a value to its label, ``everything`` labels no filter; a fifth
    item is the menu's tooltip), then a search box. Returns the value picked in each
    menu (None for everything) and the search text."""
    columns = st.columns([1] * len(menus) + [2])
    picked = [
        column.selectbox(
            label,
            [None, *choices],
            format_func=lambda value, c=choices, e=everything: e if value is None else c[value],
            key=name,
            help=tip[0] if tip else None,
        )
        for column, (label, choices, everything, name, *tip) in zip(columns, menus, strict=False)
    ]
    return picked, columns[-1].text_input(search, key=key)


def list_key(prefix: str, items: list[str]) -> str:
    """A widget key that changes whenever the listed items do: a table selection is kept
    as row numbers, so a table whose rows changed must start with no selection."""
    digest = hashlib.sha256("\n".join(items).encode()).hexdigest()[:12]
    return f"{prefix}_{digest}"


def table_rows(
    columns: dict[str, list],
    *,
    key: str,
    height: int | str = "auto",
    multi: bool = False,
    ticks: Sequence[str] = (),
    wide: Sequence[str] = (),
) -> list[int]:
    """A table of ``columns`` whose rows the user selects (one, or several with
    ``multi``); returns the rows selected. The columns named in ``ticks`` (of booleans)
    show as ticks, those in ``wide`` get more room. Give a key that changes with the
    rows (``list_key``): a selection is kept as row numbers."""
    import pandas as pd

    column_config = {name: st.column_config.CheckboxColumn(name) for name in ticks}
    column_config |= {name: st.column_config.TextColumn(width="large") for name in wide}

    picked = st.dataframe(
        pd.DataFrame(columns),
        hide_index=True,
        width="stretch",
        height=height,
        on_select="rerun",
        selection_mode="multi-row" if multi else "single-row",
        column_config=column_config or None,
        key=key,
    )
    count = len(next(iter(columns.values()), []))
    return [r for r in (picked.selection.rows if picked else []) if r < count]


def boxed(items: Sequence[T], draw: Callable[[int, T], object]) -> None:
    """Each of ``items`` in a box of its own, drawn by ``draw(index, item)``."""
    for index, item in enumerate(items):
        with st.container(border=True):
            draw(index, item)


def paged(items: list, key: str, size: int = PAGE_SIZE) -> list:
    """One page of ``items``, with a page picker above it when they fill more than one:
    a long list costs every rerun, however little of it anyone reads."""
    pages = max(1, math.ceil(len(items) / size))
    if pages == 1:
        return items
    picker, where = st.columns([1, 5], vertical_alignment="bottom")
    page = picker.number_input("Page", min_value=1, max_value=pages, step=1, key=key)
    first = (int(page) - 1) * size
    where.caption(f"{first + 1:,}-{min(first + size, len(items)):,} of {len(items):,}")
    return items[first : first + size]


def download_button(
    where, label: str, make: Callable[[], bytes | str], file_name: str, mime: str, **kwargs
) -> None:
    """A button downloading the file ``make()`` returns, made only when clicked (a planner
    can be large); the click does not rerun the page. ``kwargs`` (key, icon, type) go to
    ``st.download_button``."""
    where.download_button(label, make, file_name, mime, on_click="ignore", **kwargs)


def while_open(
    label: str, *, key: str, icon: str | None = None, expanded: bool = False
) -> Iterator[None]:
    """An expander whose body is built only while it is open, written as a loop that runs
    its body once, inside the expander, when open (and not at all when closed)::

        for _ in ui.while_open("Add a goal", key="goals_add"):
            draw_the_form()

    A closed "Add ..." form costs a rerun nothing. What was typed in an unsent form is
    dropped when the user closes it, as when leaving the page."""
    box = st.expander(label, expanded=expanded, icon=icon, key=key, on_change="rerun")
    if box.open:
        with box:
            yield
