"""Which record a page shows, and links between pages: the menu choosing the record, a
link that opens one (``?contact=7``), links to contacts, and a card's link."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from planner.store.records import SuggestedContact
from planner.ui.escaping import md
from planner.ui.widgets import menu

# A page link cuts a long label with an ellipsis; on a card in a narrow column the name
# must be read whole, so these wrap onto more lines instead.
_WRAPPING_CARD_LINKS = (
    "<style>[class*='st-key-card_link_'] [data-testid='stPageLink-NavLink'] *"
    "{white-space:normal;overflow:visible;text-overflow:clip}</style>"
)


def card(key: str):
    """A bordered card whose links' labels wrap rather than being cut (a card's title in
    a narrow column): draw into it, ``with ui.card(key): ...``."""
    st.html(_WRAPPING_CARD_LINKS)
    return st.container(border=True, key=f"card_link_{key}")


def open_from_link(param: str, known, *, current_key: str, menu_key: str) -> None:
    """A link such as ``?interview=5`` opens that record: remember it under
    ``current_key`` (the page's own choice) and let the menu ``menu_key`` follow it.
    An unknown id is ignored; the parameter is removed either way."""
    wanted = st.query_params.get(param)
    if wanted is None:
        return
    if wanted.isdigit() and int(wanted) in known:
        st.session_state[current_key] = int(wanted)
        st.session_state.pop(menu_key, None)
    del st.query_params[param]


def record_menu(label: str, labels: dict[int, str], *, param: str, current_key: str, menu_key: str):
    """The menu (keyed ``menu_key``) choosing which record (id -> label) the page shows;
    None when there is none. The choice is kept by id under ``current_key`` too: a label
    that changes (a meeting planned, a reflection saved) makes Streamlit draw a new menu,
    which would otherwise fall back to the first record. A link ``?<param>=<id>`` opens
    that record (see ``open_from_link``)."""
    open_from_link(param, labels, current_key=current_key, menu_key=menu_key)
    if not labels:
        return None
    # The browser keeps showing the label it last drew (the menu keeps its identity
    # when its labels change), so when a label changed the choice is set again:
    # the new label is sent with it and shows in this same run.
    drawn, current = f"{menu_key}:labels", st.session_state.get(current_key)
    if st.session_state.get(drawn, labels) != labels and current in labels:
        st.session_state[menu_key] = current
    st.session_state[drawn] = labels
    chosen = menu(st, label, labels, key=menu_key, chosen=st.session_state.get(current_key))
    st.session_state[current_key] = chosen
    return chosen


def contact_links(caption: str, people: Sequence[SuggestedContact]) -> None:
    """A line of links, each opening one contact on the Contacts page."""
    if not people:
        return
    row = st.container(horizontal=True, horizontal_alignment="left", vertical_alignment="center")
    row.caption(caption)
    for person in people:
        row.page_link(
            "pages/3_Contacts.py",
            label=md(person.name),
            icon=":material/person:",
            query_params={"contact": str(person.contact_id)},
        )
