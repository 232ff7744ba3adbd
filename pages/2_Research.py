"""Step 2, Research: target organisations scored with LAMP, and notes on what was found."""

import pandas as pd
import streamlit as st

from planner import guidance, ui
from planner.errors import NotFound, StaleEdit, ValidationError
from planner.organisations import (
    LAMP_EXPLAINED,
    MOTIVATION_LEVELS,
    POSTING_LEVELS,
    WORK_ON_NOW,
    OrganisationDraft,
)
from planner.research import NoteDraft
from planner.vocabulary import ORGANISATION_ORIGINS, RESEARCH_TOPICS

store = ui.page("Research")
NOTES_PER_PAGE = 10  # each note is a card of a dozen elements
FORMS = "research_form_counter"  # bumped after a save so forms start empty again
EDIT_ORG, EDIT_NOTE = "research_edit_org", "research_edit_note"

st.title("Research")
st.markdown(guidance.text("research.intro"))
counter = st.session_state.setdefault(FORMS, 0)
today = ui.today()


def saved(message: str) -> None:
    st.session_state[FORMS] = counter + 1
    st.session_state.pop(EDIT_ORG, None)
    st.session_state.pop(EDIT_NOTE, None)
    ui.flash(message)
    st.rerun()


def organisation_form(key: str, draft: OrganisationDraft, submit: str):
    """The organisation form; returns the typed draft when submitted, and its messages."""
    messages = ui.FieldMessages()
    with st.form(key, enter_to_submit=False):
        a, b = st.columns(2)
        name = a.text_input("Name", value=draft.name, key=f"{key}_name")
        with a:
            messages.under("name")
        sector = b.text_input("Sector", value=draft.sector, key=f"{key}_sector")
        with b:
            messages.under("sector")
        website = st.text_input(
            "Website (optional)",
            value=draft.website,
            placeholder="https://",
            key=f"{key}_website",
        )
        messages.under("website")
        a, b, c = st.columns(3)
        motivation = a.selectbox(
            "Motivation",
            list(MOTIVATION_LEVELS),
            index=list(MOTIVATION_LEVELS).index(draft.motivation),
            format_func=MOTIVATION_LEVELS.get,
            help=LAMP_EXPLAINED["motivation"],
            key=f"{key}_motivation",
        )
        posting = b.selectbox(
            "Posting",
            list(POSTING_LEVELS),
            index=list(POSTING_LEVELS).index(draft.posting),
            format_func=POSTING_LEVELS.get,
            help=LAMP_EXPLAINED["posting"],
            key=f"{key}_posting",
        )
        origins = ["", *ORGANISATION_ORIGINS]
        origin = c.selectbox(
            "Where it came from",
            origins,
            index=origins.index(draft.origin) if draft.origin in origins else 0,
            format_func=lambda k: ORGANISATION_ORIGINS.get(k, "Not said"),
            key=f"{key}_origin",
        )
        advocacy = st.checkbox(
            "I know someone there (advocacy)",
            value=draft.advocacy,
            help=LAMP_EXPLAINED["advocacy"],
            key=f"{key}_advocacy",
        )
        notes = st.text_area("Notes", value=draft.notes, height=80, key=f"{key}_notes")
        messages.under("notes")
        submitted = ui.submit_button(submit, form=key, type="primary")
        messages.summary()
    if not submitted:
        return None, messages
    typed = OrganisationDraft(
        name=name,
        sector=sector,
        website=website,
        advocacy=advocacy,
        motivation=motivation,
        posting=posting,
        origin=origin,
        notes=notes,
    )
    return typed, messages


def note_form(key: str, draft: NoteDraft, submit: str, goals: dict, organisations: dict):
    messages = ui.FieldMessages()
    with st.form(key, enter_to_submit=False):
        a, b = st.columns([1, 2])
        kind = a.selectbox(
            "About",
            list(RESEARCH_TOPICS),
            index=list(RESEARCH_TOPICS).index(draft.topic_kind),
            format_func=RESEARCH_TOPICS.get,
            key=f"{key}_kind",
        )
        title = b.text_input("Title", value=draft.title, key=f"{key}_title")
        with b:
            messages.under("title")
        a, b, c = st.columns(3)
        goal_ids = [None, *goals]
        goal_id = a.selectbox(
            "Goal",
            goal_ids,
            index=goal_ids.index(draft.goal_id) if draft.goal_id in goal_ids else 0,
            format_func=lambda g: "No goal" if g is None else goals[g],
            key=f"{key}_goal",
        )
        with a:
            messages.under("goal_id")
        org_ids = [None, *organisations]
        organisation_id = b.selectbox(
            "Organisation",
            org_ids,
            index=org_ids.index(draft.organisation_id) if draft.organisation_id in org_ids else 0,
            format_func=lambda o: "None" if o is None else organisations[o],
            key=f"{key}_org",
        )
        with b:
            messages.under("organisation_id")
        noted_on = c.date_input(
            "Date", value=draft.noted_on, max_value=today, format="YYYY-MM-DD", key=f"{key}_on"
        )
        with c:
            messages.under("noted_on")
        source_url = st.text_input(
            "Source (optional)", value=draft.source_url, placeholder="https://", key=f"{key}_url"
        )
        messages.under("source_url")
        body = st.text_area("What I found", value=draft.body, height=120, key=f"{key}_body")
        messages.under("body")
        facts = st.text_area(
            "Facts already known",
            value="\n".join(draft.facts),
            help=guidance.text("research.facts_help"),
            height=80,
            key=f"{key}_facts",
        )
        messages.under("facts")
        submitted = st.form_submit_button(submit, type="primary")
        messages.summary()
    if not submitted:
        return None, messages
    typed = NoteDraft(
        topic_kind=kind,
        title=title,
        body=body,
        source_url=source_url,
        noted_on=noted_on,
        goal_id=goal_id,
        organisation_id=organisation_id,
        facts=facts.splitlines(),
    )
    return typed, messages


organisations = store.list_organisations()
goals = {g.id: g.title for g in store.list_goals()}
org_names = {o.id: o.name for o in organisations}

# Keyed (with fixed labels), so the open tab stays open when its widgets rerun the page.
orgs_tab, notes_tab = st.tabs(
    ["Target organisations", "Research notes"], key="research_tabs", on_change="rerun"
)

# -- organisations --------------------------------------------------------------------
with orgs_tab:
    st.markdown(guidance.text("research.organisations_intro"))
    st.caption("  \n".join(LAMP_EXPLAINED.values()))
    with st.expander("Add an organisation", expanded=not organisations, icon=":material/add:"):
        typed, messages = organisation_form(
            f"new_org_{counter}", OrganisationDraft(), "Save organisation"
        )
        if typed is not None:
            try:
                store.add_organisation(typed)
            except ValidationError as error:
                messages.show(error.errors)
            else:
                saved(f"Added '{typed.name.strip()}' to your target organisations.")

    if not organisations:
        st.info(guidance.text("research.organisations_empty"), icon=":material/lightbulb:")
    else:
        known = store.people_known_at()
        ranked = [o for o in organisations if not o.in_research_queue]
        queue = [o for o in organisations if o.in_research_queue]
        if ranked:
            st.subheader(f"Ranked (top {WORK_ON_NOW}: work on these now)")
            table = pd.DataFrame(
                {
                    "Rank": [o.rank for o in ranked],
                    "Now": ["Now" if o.work_on_now else "" for o in ranked],
                    "Organisation": [o.name for o in ranked],
                    "Sector": [o.sector for o in ranked],
                    "A": [o.advocacy for o in ranked],
                    "M": [o.motivation for o in ranked],
                    "P": [o.posting for o in ranked],
                    "Came from": [ORGANISATION_ORIGINS.get(o.origin, "") for o in ranked],
                    "People I know there": [", ".join(known.get(o.id, [])) for o in ranked],
                    "Website": [o.website or None for o in ranked],
                }
            )
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
        if queue:
            st.subheader("Research queue (motivation not scored yet)")
            st.markdown(
                "\n".join(
                    f"- {ui.md(o.name)}"
                    + (f" (you know {ui.md(', '.join(known[o.id]))})" if o.id in known else "")
                    for o in queue
                )
            )

        st.subheader("Change an organisation")
        chosen = st.selectbox(
            "Organisation",
            [None, *org_names],
            format_func=lambda o: "Choose one" if o is None else org_names[o],
            key="research_pick_org",
        )
        if chosen is not None:
            current = next(o for o in organisations if o.id == chosen)
            edit_form = f"edit_org_{current.id}_{current.version}"
            ui.say_if_outdated(edit_form, f"edit_org_{current.id}_", "organisation")
            typed, messages = organisation_form(edit_form, current.as_draft(), "Save changes")
            if typed is not None:
                try:
                    store.update_organisation(current.id, typed, expected_version=current.version)
                except ValidationError as error:
                    messages.show(error.errors)
                except (StaleEdit, NotFound) as error:
                    st.error(ui.md(str(error)), icon=":material/error:")
                else:
                    saved(f"Saved '{typed.name.strip()}'.")
            confirm = st.checkbox(
                "Delete this organisation (its contacts and notes are kept)",
                key=f"confirm_delete_org_{current.id}",
            )
            if confirm and st.button("Delete it", key=f"delete_org_{current.id}"):
                try:
                    store.delete_organisation(current.id)
                except NotFound as error:
                    st.error(ui.md(str(error)), icon=":material/error:")
                else:
                    st.session_state.pop("research_pick_org", None)
                    saved(f"Deleted '{current.name}'.")

# -- notes ------------------------------------------------------------------------------
with notes_tab:
    with st.expander("Add a note", icon=":material/add:"):
        typed, messages = note_form(
            f"new_note_{counter}", NoteDraft(noted_on=today), "Save note", goals, org_names
        )
        if typed is not None:
            try:
                store.add_note(typed, today=today)
            except ValidationError as error:
                messages.show(error.errors)
            else:
                saved(f"Saved the note '{typed.title.strip()}'.")

    a, b, c = st.columns([1, 1, 2])
    goal_filter = a.selectbox(
        "Goal",
        [None, *goals],
        format_func=lambda g: "All goals" if g is None else goals[g],
        key="notes_goal_filter",
    )
    kind_filter = b.selectbox(
        "About",
        [None, *RESEARCH_TOPICS],
        format_func=lambda k: "Everything" if k is None else RESEARCH_TOPICS[k],
        key="notes_kind_filter",
    )
    search = c.text_input("Search notes and facts", key="notes_search")
    notes = store.list_notes(goal_id=goal_filter, topic_kind=kind_filter, search=search)
    if not notes:
        filtered = goal_filter is not None or kind_filter is not None or search.strip()
        if filtered:
            st.caption("No notes match.")
        else:
            st.info(guidance.text("research.notes_empty"), icon=":material/lightbulb:")
    page_key = ui.list_key("notes_page", [str(n.id) for n in notes])
    for note in ui.paged(notes, page_key, size=NOTES_PER_PAGE):
        with st.container(border=True, key=f"note_{note.id}"):
            head, badges = st.columns([3, 2], vertical_alignment="center")
            head.markdown(f"**{ui.md(note.title)}**")
            with badges:
                row = st.container(horizontal=True, horizontal_alignment="right")
                row.badge(note.topic_label, color="blue")
                row.badge(note.noted_on.isoformat(), color="gray")
            context = [ui.md(x) for x in (note.goal, note.organisation) if x]
            if context:
                st.caption(" · ".join(context))
            if note.body:
                st.markdown(ui.md(note.body))
            if note.facts:
                st.markdown("**Facts already known**")
                st.markdown("\n".join(f"- {ui.md(fact)}" for fact in note.facts))
            if note.source_url:
                st.markdown(f"Source: {ui.md(note.source_url)}")
            edit = delete = st.container(horizontal=True)
            if edit.button("Edit", key=f"edit_note_{note.id}", icon=":material/edit:"):
                st.session_state[EDIT_NOTE] = (note.id, note.version)
                st.rerun()
            with delete.popover("Delete", icon=":material/delete:"):
                st.markdown("Delete this note? This cannot be undone.")
                confirmed = st.button("Yes, delete it", key=f"delete_note_{note.id}")
            if confirmed:
                try:
                    store.delete_note(note.id)
                except NotFound as error:
                    st.error(ui.md(str(error)), icon=":material/error:")
                else:
                    saved(f"Deleted the note '{note.title}'.")
            editing = st.session_state.get(EDIT_NOTE)
            if editing and editing[0] == note.id:
                draft = NoteDraft(
                    topic_kind=note.topic_kind,
                    title=note.title,
                    body=note.body,
                    source_url=note.source_url,
                    noted_on=note.noted_on,
                    goal_id=note.goal_id,
                    organisation_id=note.organisation_id,
                    facts=list(note.facts),
                )
                typed, messages = note_form(
                    f"edit_note_{note.id}_{editing[1]}",
                    draft,
                    "Save changes",
                    goals,
                    org_names,
                )
                if typed is not None:
                    try:
                        store.update_note(note.id, typed, expected_version=editing[1], today=today)
                    except ValidationError as error:
                        messages.show(error.errors)
                    except (StaleEdit, NotFound) as error:
                        st.error(ui.md(str(error)), icon=":material/error:")
                    else:
                        saved(f"Saved the note '{typed.title.strip()}'.")
