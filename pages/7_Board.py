"""The pipeline board: contacts as cards in columns by stage."""

from datetime import datetime
from functools import partial

import streamlit as st

from planner import guidance, ui
from planner.steps import board

store = ui.page("Pipeline board")
SHOWN = "board_shown"  # column key -> how many cards it shows
MOVED = "board_moved"  # the last move, (card, stage, what was said), for its Undo


def show_more(column: str, now_shown: int) -> None:
    st.session_state[SHOWN] = {
        **st.session_state.get(SHOWN, {}),
        column: now_shown + board.MORE_CARDS,
    }


def move(card: board.Card, key: str) -> None:
    """The move menu's callback: move the card to the stage chosen; the page then says
    so, with Undo."""
    stage = st.session_state[key]
    st.session_state[MOVED] = (card, stage, board.move_card(store, card, stage, now=datetime.now()))


def draw_card(card: board.Card) -> None:
    with ui.card(str(card.id)):  # one container: a board holds dozens of cards
        st.page_link("pages/3_Contacts.py", label=ui.md(card.name),
                     query_params={"contact": str(card.id)})  # fmt: skip
        facts = [ui.md(card.headline)] if card.headline else []
        facts += [card.closed_as] if card.closed_as else []
        facts += [f"last step {card.last_activity:%d %b %Y}"] if card.last_activity else []
        if facts:
            st.caption(" · ".join(facts))
        if card.moves:
            key = f"board_move_{card.id}_{card.version}"
            st.selectbox(ui.md(board.move_menu_label(card.name)), list(card.moves), index=None,
                         format_func=card.moves.get, placeholder="Move…", key=key,
                         label_visibility="collapsed",
                         on_change=ui.report, args=(lambda: move(card, key),))  # fmt: skip


st.title("Pipeline board")
if (last := st.session_state.get(MOVED)) is not None:
    card, stage, said = last
    undo = partial(board.undo_move, store, card, stage)
    ui.undo_notice(said, key="board_undo", undo=undo, forget=MOVED, icon=":material/check:")
st.markdown(guidance.text("board.intro"))
goals = board.goals(store)
goal_id = (
    ui.menu(st.columns(3)[0], "Goal", goals, key="board_goal", everything="Every goal")
    if goals
    else None
)
view = board.load(store, goal_id=goal_id, shown=st.session_state.get(SHOWN, {}))
if view.empty:
    st.info(guidance.text("board.empty"), icon=":material/lightbulb:")
    st.page_link("pages/3_Contacts.py", label="Go to Contacts", icon=":material/group:")
    st.stop()

for where, column in zip(st.columns(len(view.columns)), view.columns, strict=True):
    with where:
        st.markdown(f"**{column.column.label}** · {column.total:,}")
        for card in column.cards:
            draw_card(card)
        if summary := board.column_summary(len(column.cards), column.total):
            st.caption(summary)
            st.button(f"Show more ({column.more:,})", key=f"board_more_{column.column.key}",
                      on_click=show_more, args=(column.column.key, len(column.cards)))  # fmt: skip
