"""Step 2, Research: target organisations scored with LAMP, and notes on what was found."""

from functools import partial

import pandas as pd
import streamlit as st

from planner import guidance, ui
from planner.organisations import (
    LAMP_EXPLAINED,
    MOTIVATION_LEVELS,
    POSTING_LEVELS,
    WORK_ON_NOW,
    OrganisationDraft,
)
from planner.research import Note, NoteDraft
from planner.steps import research
from planner.vocabulary import ORGANISATION_ORIGINS, RESEARCH_TOPICS

store = ui.page("Research")
today = ui.today()
NOTES_PER_PAGE = 10  # each note is a card of a dozen elements
PICKED, EDIT_NOTE = "research_pick_org", "research_edit_note"  # EDIT_NOTE: a research.NoteEdit


def organisation_form(key: str, draft: OrganisationDraft, submit: str):
    """The organisation form; returns the typed draft when submitted, and its messages."""
    messages, typed = ui.FieldMessages(), {}  # typed: the draft's fields
    with st.form(key, enter_to_submit=False):
        a, b = st.columns(2)
        with a:
            typed["name"] = st.text_input("Name", value=draft.name, key=f"{key}_name")
            messages.under("name")
        with b:
            typed["sector"] = st.text_input("Sector", value=draft.sector, key=f"{key}_sector")
            messages.under("sector")
        typed["website"] = st.text_input(
            "Website (optional)", value=draft.website, placeholder="https://", key=f"{key}_website"
        )
        messages.under("website")
        a, b, c = st.columns(3)
        typed["motivation"] = ui.pick(
            "Motivation", MOTIVATION_LEVELS, draft.motivation, f"{key}_motivation",
            where=a, help=LAMP_EXPLAINED["motivation"],
        )  # fmt: skip
        typed["posting"] = ui.pick(
            "Posting", POSTING_LEVELS, draft.posting, f"{key}_posting",
            where=b, help=LAMP_EXPLAINED["posting"],
        )  # fmt: skip
        origins = ["", *ORGANISATION_ORIGINS]
        typed["origin"] = c.selectbox(
            "Where it came from",
            origins,
            index=origins.index(draft.origin) if draft.origin in origins else 0,
            format_func=lambda k: ORGANISATION_ORIGINS.get(k, "Not said"),
            key=f"{key}_origin",
        )
        typed["advocacy"] = st.checkbox(
            "I know someone there (advocacy)",
            value=draft.advocacy,
            help=LAMP_EXPLAINED["advocacy"],
            key=f"{key}_advocacy",
        )
        typed["notes"] = st.text_area("Notes", value=draft.notes, height=80, key=f"{key}_notes")
        messages.under("notes")
        submitted = ui.submit_button(submit, form=key, type="primary")
        messages.summary()
    return (OrganisationDraft(**typed) if submitted else None), messages


def note_form(key: str, draft: NoteDraft, submit: str):
    """The note form; returns the typed draft when submitted, and its messages."""
    goals, organisations = view.goals, view.organisations
    messages, typed = ui.FieldMessages(), {}  # typed: the draft's fields
    with st.form(key, enter_to_submit=False):
        a, b = st.columns([1, 2])
        typed["topic_kind"] = ui.pick(
            "About", RESEARCH_TOPICS, draft.topic_kind, f"{key}_kind", where=a
        )
        with b:
            typed["title"] = st.text_input("Title", value=draft.title, key=f"{key}_title")
            messages.under("title")
        a, b, c = st.columns(3)
        goal_ids = [None, *goals]
        typed["goal_id"] = a.selectbox(
            "Goal",
            goal_ids,
            index=goal_ids.index(draft.goal_id) if draft.goal_id in goal_ids else 0,
            format_func=lambda g: "No goal" if g is None else goals[g],
            key=f"{key}_goal",
        )
        with a:
            messages.under("goal_id")
        org_ids = [None, *organisations]
        typed["organisation_id"] = b.selectbox(
            "Organisation",
            org_ids,
            index=org_ids.index(draft.organisation_id) if draft.organisation_id in org_ids else 0,
            format_func=lambda o: "None" if o is None else organisations[o],
            key=f"{key}_org",
        )
        with b:
            messages.under("organisation_id")
        typed["noted_on"] = c.date_input(
            "Date", value=draft.noted_on, max_value=today, format="YYYY-MM-DD", key=f"{key}_on"
        )
        with c:
            messages.under("noted_on")
        typed["source_url"] = st.text_input(
            "Source (optional)", value=draft.source_url, placeholder="https://", key=f"{key}_url"
        )
        messages.under("source_url")
        typed["body"] = st.text_area(
            "What I found", value=draft.body, height=120, key=f"{key}_body"
        )
        messages.under("body")
        typed["facts"] = ui.list_items(
            st.text_area(
                "Facts already known",
                value="\n".join(draft.facts),
                help=guidance.text("research.facts_help"),
                height=80,
                key=f"{key}_facts",
            ),
            sentences=True,
        )
        messages.under("facts")
        with st.container(horizontal=True):
            submitted = st.form_submit_button(submit, type="primary")
            ui.preview_button()
        messages.summary()
    return (NoteDraft(**typed) if submitted else None), messages


def ranked_table(rows: tuple[dict[str, object], ...]) -> None:
    """The ranked organisations, one row each, sortable by any column."""
    table = pd.DataFrame(list(rows))
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={
            "A": st.column_config.CheckboxColumn("A", help=LAMP_EXPLAINED["advocacy"]),
            "M": st.column_config.NumberColumn("M", help=LAMP_EXPLAINED["motivation"]),
            "P": st.column_config.NumberColumn("P", help=LAMP_EXPLAINED["posting"]),
            "Website": st.column_config.LinkColumn("Website"),
        },
        key="organisations_table",
    )
    st.caption("Click a column heading to sort by it.")


def note_card(note: Note) -> None:
    """A note with its facts and source; edit it, or delete it after asking."""
    head, badges = st.columns([3, 2], vertical_alignment="center")
    head.markdown(f"**{ui.md(note.title)}**")
    row = badges.container(horizontal=True, horizontal_alignment="right")
    row.badge(note.topic_label, color="blue")
    row.badge(note.noted_on.isoformat(), color="gray")
    if note.context:
        st.caption(" · ".join(ui.md(name) for name in note.context))
    if note.body:
        st.markdown(ui.md(note.body))
    if note.facts:
        st.markdown("**Facts already known**")
        st.markdown("\n".join(f"- {ui.md(fact)}" for fact in note.facts))
    if note.source_url:
        st.markdown(f"Source: {ui.md(note.source_url)}")
    edit = delete = st.container(horizontal=True)
    if edit.button("Edit", key=f"edit_note_{note.id}", icon=":material/edit:"):
        st.session_state[EDIT_NOTE] = research.NoteEdit.of(note)  # the note as it is now
        st.rerun()
    with delete.popover("Delete", icon=":material/delete:"):
        st.markdown("Delete this note? This cannot be undone.")
        confirmed = st.button("Yes, delete it", key=f"delete_note_{note.id}")
    if confirmed:
        ui.submit(
            lambda: research.delete_note(store, note.id),
            done=f"Deleted the note '{note.title}'.",
            forget=[EDIT_NOTE],
        )
    editing = st.session_state.get(EDIT_NOTE)
    if editing is not None and editing.note_id == note.id:
        typed, messages = note_form(editing.form, note.as_draft(), "Save changes")
        if typed is not None:
            ui.submit(
                lambda: research.update_note(store, editing, typed, today=today),
                messages=messages,
                done=f"Saved the note '{typed.normalised().title}'.",
                forget=[EDIT_NOTE],
            )


st.title("Research")
st.markdown(guidance.text("research.intro"))
view = research.load(store, today=today)

# Keyed (with fixed labels), so the open tab stays open when its widgets rerun the page.
# The organisations are always built, so what is typed there outlives a visit to the notes;
# the notes (a page of cards) are built only while their tab is open.
orgs_tab, notes_tab = st.tabs(
    ["Target organisations", "Research notes"], key="research_tabs", on_change="rerun"
)

with orgs_tab:
    st.markdown(guidance.text("research.organisations_intro"), help=guidance.text("method.lamp"))
    st.caption("  \n".join(LAMP_EXPLAINED.values()))
    for _ in ui.while_open(
        "Add an organisation",
        expanded=not view.organisations,
        icon=":material/add:",
        key="research_add_org",
    ):
        typed, messages = organisation_form(
            ui.form_key("new_org"), OrganisationDraft(), "Save organisation"
        )
        if typed is not None:
            ui.submit(
                partial(research.add_organisation, store, typed),
                messages=messages,
                form="new_org",
                done=f"Added '{typed.normalised().name}' to your target organisations.",
            )

    if not view.organisations:
        st.info(guidance.text("research.organisations_empty"), icon=":material/lightbulb:")
    else:
        if view.ranked:
            st.subheader(f"Ranked (top {WORK_ON_NOW}: work on these now)")
            ranked_table(view.ranked_rows)
        if view.queue:
            st.subheader("Research queue (motivation not scored yet)")
            st.markdown("\n".join(f"- {ui.md(target.line)}" for target in view.queue))

        st.subheader("Change an organisation")
        chosen = st.selectbox(
            "Organisation",
            [None, *view.organisations],
            format_func=lambda o: "Choose one" if o is None else view.organisations[o],
            key=PICKED,
        )
        if (current := view.organisation(chosen)) is not None:
            form = f"edit_org_{current.id}_{current.version}"
            ui.say_if_outdated(form, f"edit_org_{current.id}_", "organisation")
            typed, messages = organisation_form(form, current.as_draft(), "Save changes")
            if typed is not None:
                ui.submit(
                    lambda: research.update_organisation(store, current, typed),
                    messages=messages,
                    done=f"Saved '{typed.normalised().name}'.",
                )
            confirm = st.checkbox(
                "Delete this organisation (its contacts and notes are kept)",
                key=f"confirm_delete_org_{current.id}",
            )
            if confirm and st.button("Delete it", key=f"delete_org_{current.id}"):
                ui.submit(
                    lambda: research.delete_organisation(store, current.id),
                    done=f"Deleted '{current.name}'.",
                    forget=[PICKED],
                )

if notes_tab.open:
    with notes_tab:
        for _ in ui.while_open("Add a note", icon=":material/add:", key="research_add_note"):
            typed, messages = note_form(ui.form_key("new_note"), view.new_note, "Save note")
            if typed is not None:
                ui.submit(
                    partial(research.add_note, store, typed, today=today),
                    messages=messages,
                    form="new_note",
                    done=f"Saved the note '{typed.normalised().title}'.",
                )

        (goal_id, topic_kind), search = ui.filter_bar(
            [
                ("Goal", view.goals, "All goals", "notes_goal_filter"),
                ("About", RESEARCH_TOPICS, "Everything", "notes_kind_filter"),
            ],
            search="Search notes and facts",
            key="notes_search",
        )
        found = research.load_notes(store, goal_id=goal_id, topic_kind=topic_kind, search=search)
        if not found.notes and found.filtered:
            st.caption("No notes match.")
        elif not found.notes:
            st.info(guidance.text("research.notes_empty"), icon=":material/lightbulb:")
        page_key = ui.list_key("notes_page", [str(n.id) for n in found.notes])
        for note in ui.paged(found.notes, page_key, size=NOTES_PER_PAGE):
            with st.container(border=True, key=f"note_{note.id}"):
                note_card(note)
