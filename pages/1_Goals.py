"""Step 1, Goals: what the user wants to learn, from how many conversations, by when."""

from functools import partial

import streamlit as st

from planner import guidance, ui
from planner.goals import FIT_QUESTIONS, GOAL_KINDS, GOAL_VIEWS, TARGET_ADVICE, GoalDraft
from planner.reflection import RATING_RANGE
from planner.steps import goals

store = ui.page("Goals")
today = ui.today()

# Page state: the edit form open (a goals.GoalEdit), the goal and the assumption
# being confirmed for deletion.
EDITING, DELETING, REMOVING = "goals_editing", "goals_deleting", "goals_removing_assumption"
STATUS_COLOURS = {"active": "green", "paused": "orange", "achieved": "violet"}
GOALS_PER_PAGE = 4  # a goal's card is tall: four to a page, then a page picker
LEANING_COLOURS = {"leaning yes": "green", "mixed": "orange", "leaning no": "red"}
STATUS_ICONS = {"pause": "pause", "resume": "play_arrow", "achieve": "task_alt", "reopen": "undo"}


def goal_form(key: str, draft: GoalDraft, submit: str):
    """Draw the goal form filled from ``draft``; the typed draft once sent, and its messages."""
    messages, typed = ui.FieldMessages(), {}  # typed: the draft's fields

    def lines(label: str, name: str, suffix: str, help_key: str) -> None:
        """A list field (its rule for commas is in its help)."""
        text = st.text_area(
            label,
            value="\n".join(getattr(draft, name)),
            help=guidance.text(help_key),
            key=f"{key}_{suffix}",
            height=100,
        )
        typed[name] = goals.parse_list(name, text)
        ui.show_list(typed[name])
        messages.under(name)

    with st.form(key, enter_to_submit=False):
        typed["title"] = st.text_input(
            "Title",
            value=draft.title,
            key=f"{key}_title",
            placeholder="For example: Is UX research right for me?",
        )
        messages.under("title")
        a, b = st.columns(2)
        with a:
            typed["kind"] = st.selectbox(
                "Kind of goal",
                list(GOAL_KINDS),
                index=list(GOAL_KINDS).index(draft.kind) if draft.kind in GOAL_KINDS else 0,
                format_func=GOAL_KINDS.get,
                key=f"{key}_kind",
            )
            messages.under("kind")
        with b:
            typed["field"] = st.text_input(
                "Field or industry",
                value=draft.field,
                key=f"{key}_field",
                placeholder="For example: digital health",
            )
            messages.under("field")
        a, b = st.columns(2)
        with a:
            lines("Target roles", "target_roles", "roles", "goals.roles_help")
        with b:
            lines(
                "Target organisations",
                "target_organisations",
                "organisations",
                "goals.organisations_help",
            )
        lines("What I want to learn", "learning_aims", "aims", "goals.learning_help")
        typed["fit_questions"] = st.multiselect(
            "Fit questions that matter",
            list(FIT_QUESTIONS),
            default=draft.fit_questions,
            format_func=FIT_QUESTIONS.get,
            help=guidance.text("goals.fit_help"),
            key=f"{key}_fit",
        )
        messages.under("fit_questions")
        a, b = st.columns(2)
        with a:
            target = st.number_input(
                "Target number of interviews",
                value=draft.target_interviews,
                step=1,
                key=f"{key}_target",
            )
            st.caption(TARGET_ADVICE)
            typed["target_interviews"] = int(target) if target is not None else None
            messages.under("target_interviews")
        with b:
            typed["target_date"] = st.date_input(
                "Target date (optional)",
                value=draft.target_date,
                format="YYYY-MM-DD",
                key=f"{key}_date",
            )
            messages.under("target_date")
        with st.container(horizontal=True):
            submitted = st.form_submit_button(submit, type="primary")
            ui.preview_button()
        messages.summary()
    return (GoalDraft(**typed) if submitted else None), messages


def fit_evidence(card: goals.GoalCard) -> None:
    """Each rated fit question's average and leaning, and the sentences behind it."""
    st.markdown("**What the conversations say so far**")
    if not card.fit:
        st.caption(guidance.text("goals.fit_evidence_empty"))
        return
    top = max(RATING_RANGE)
    rows = ["| Fit question | Average | Conversations | Leaning |", "| --- | --- | --: | --- |"]
    for line in card.fit:
        colour = LEANING_COLOURS.get(line.leaning, "gray")
        rows.append(
            f"| {line.label} | **{line.average:.1f}** / {top} | {line.ratings} "
            f"| :{colour}-badge[{line.leaning}] |"
        )
    st.markdown("\n".join(rows))
    for _ in ui.while_open("The sentences behind it", key=f"fit_sentences_{card.goal.id}"):
        for line in card.fit:
            sentences = [
                f"- {ui.md(s.who) if s.who else 'Someone'}, {s.rating} / {top}: "
                + (ui.md(s.why) if s.why else "*no reason noted*")
                for s in line.sentences
            ]
            if line.earlier:
                sentences.append(
                    f"- *and {line.earlier:,} earlier; the reflection report has them all*"
                )
            st.markdown("\n".join([f"**{line.label}**", "", *sentences]))


def assumptions(card: goals.GoalCard) -> None:
    """The goal's assumptions with their tally; add one, remove one (after asking)."""
    goal = card.goal
    if not card.assumptions:
        st.caption(guidance.text("goals.assumptions_help"))
    for assumption in card.assumptions:
        row = st.container(horizontal=True, vertical_alignment="center", wrap=False)
        tally = f":small[:gray[{assumption.tally}]]"
        key, removing = f"{goal.id}_{assumption.id}", ui.sets({REMOVING: assumption.id})
        reword = partial(goals.reword_assumption, store, assumption)
        shown, name = (
            f"{ui.md(assumption.statement)}  \n{tally}",
            f"the assumption '{assumption.statement}'",
        )
        ui.editable_line(row.container(width="stretch"), shown, assumption.statement,
                         key=f"assumption_{key}", version=assumption.version, save=reword,
                         name=name, label="Assumption", field="statement")  # fmt: skip
        row.button(
            "Remove",
            key=f"remove_assumption_{key}",
            icon=":material/close:",
            type="tertiary",
            **removing,
        )
        if st.session_state.get(REMOVING) == assumption.id:
            ui.confirm(
                assumption.removal_warning,
                "Yes, remove it",
                partial(goals.remove_assumption, store, assumption),
                state=REMOVING,
                yes_key=f"confirm_remove_assumption_{key}",
                keep_key=f"keep_assumption_{key}",
            )

    form = f"assumption_form_{goal.id}"
    key, messages = ui.form_key(form), ui.FieldMessages()
    with st.form(key, border=False):
        statement = st.text_input(
            "Add an assumption",
            key=f"{key}_statement",
            placeholder=guidance.text("goals.assumption_placeholder"),
            help=guidance.text("goals.assumptions_help"),
        )
        messages.under("statement")
        added = st.form_submit_button("Add assumption", icon=":material/add:")
        messages.summary()
    if added:
        ui.submit(
            lambda: goals.add_assumption(store, goal.id, statement),
            messages=messages,
            form=form,
            done=f"Added the assumption '{' '.join(statement.split())}'.",
        )


def actions(card: goals.GoalCard) -> None:
    """Edit; then what the goal can move to (pause or resume, achieved or reopen); delete."""
    goal, row = card.goal, st.container(horizontal=True)
    if row.button("Edit", key=f"edit_{goal.id}", icon=":material/edit:"):
        # Not a callback (ui.sets): the edit is for the goal as this run read it.
        st.session_state[EDITING] = goals.GoalEdit.of(goal)
        st.session_state.pop(DELETING, None)
        st.rerun()  # cards above this one were drawn with the old state
    for change in card.status_changes:
        icon = f":material/{STATUS_ICONS[change.name]}:"
        if row.button(change.label, key=f"{change.name}_{goal.id}", icon=icon):
            edit = st.session_state.get(EDITING)
            move = partial(goals.change_status, store, goal.id, change.status, edit=edit)
            if changed := ui.submit(move):
                st.session_state[EDITING] = changed.edit  # an edit open here follows the change
                ui.flash(
                    change.said(goal.title), "info" if change.status == "paused" else "success"
                )
                st.rerun()
    deleting = ui.sets({DELETING: goal.id, EDITING: None})
    row.button("Delete", key=f"delete_{goal.id}", icon=":material/delete:", **deleting)


def goal_card(card: goals.GoalCard, deleting: str | None) -> None:
    """A goal: what it aims at, its progress and evidence, its actions, an open edit."""
    goal = card.goal
    head, badges = st.columns([3, 2], vertical_alignment="center")
    head.markdown(f"#### {ui.md(goal.title)}")
    row = badges.container(horizontal=True, horizontal_alignment="right")
    row.badge(goal.kind_label, color="blue")
    row.badge(goal.status_label, color=STATUS_COLOURS.get(goal.status, "gray"))
    st.progress(card.progress.fraction, text=card.progress.describe())
    field = [f"Field: {ui.md(goal.field)}"] if goal.field else []
    st.markdown(" · ".join([card.target_date, *field]))
    if goal.target_roles:
        st.markdown("**Roles:** " + ", ".join(ui.md(r) for r in goal.target_roles))
    if goal.target_organisations:
        st.markdown("**Organisations:** " + ", ".join(ui.md(o) for o in goal.target_organisations))
    if goal.learning_aims:
        st.markdown("**What I want to learn**")
        st.markdown("\n".join(f"- {ui.md(aim)}" for aim in goal.learning_aims))
    if goal.fit_questions:
        fit = " · ".join(FIT_QUESTIONS[k] for k in goal.fit_questions)
        st.markdown(f"**Fit questions:** {fit}")
    fit_evidence(card)
    # Built only while open; a fixed label, so the section stays open as assumptions come.
    for _ in ui.while_open("Assumptions", key=f"assumptions_{goal.id}", icon=":material/help:"):
        assumptions(card)
    actions(card)

    edit = st.session_state.get(EDITING)
    if edit is not None and edit.goal_id == goal.id:
        draft, messages = goal_form(edit.form, goal.as_draft(), "Save changes")
        st.button("Cancel editing", key=f"cancel_edit_{goal.id}", **ui.sets({EDITING: None}))
        if draft is not None:
            ui.submit(
                lambda: goals.update_goal(store, edit, draft, today=today),
                messages=messages,
                done=f"Saved your changes to '{draft.normalised().title}'.",
                forget=[EDITING],
            )
    if st.session_state.get(DELETING) == goal.id and deleting:
        ui.confirm(
            deleting,
            "Yes, delete it",
            partial(goals.delete_goal, store, goal),
            state=DELETING,
            yes_key=f"confirm_delete_{goal.id}",
            keep_key=f"cancel_delete_{goal.id}",
        )


st.title("Goals")
st.markdown(guidance.text("goals.intro"))
view = goals.load(store, today=today, deleting=st.session_state.get(DELETING))

for _ in ui.while_open(
    "Add a goal", expanded=not view.cards, icon=":material/add:", key="goals_add"
):
    draft, messages = goal_form(ui.form_key("new_goal"), GoalDraft(), "Save goal")
    if draft is not None:
        ui.submit(
            partial(goals.add_goal, store, draft, today=today),
            messages=messages,
            form="new_goal",
            done=f"Saved the goal '{draft.normalised().title}'.",
        )

if not view.cards:
    st.info(guidance.text("goals.empty"), icon=":material/lightbulb:")
    st.stop()

show = st.segmented_control(
    "Show", list(GOAL_VIEWS), format_func=GOAL_VIEWS.get, default="open", key="goals_view"
)
shown = view.shown(show)
if not shown:
    st.caption("No goals in this view.")
for card in ui.paged(shown, "goals_page", size=GOALS_PER_PAGE):
    with st.container(border=True, key=f"goal_card_{card.goal.id}"):
        goal_card(card, view.deleting)
