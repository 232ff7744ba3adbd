"""Step 1, Goals: what the user wants to learn, from how many conversations, by when."""

import streamlit as st

from planner import guidance, ui
from planner.errors import NotFound, StaleEdit, ValidationError
from planner.goals import (
    FIT_QUESTIONS,
    GOAL_KINDS,
    TARGET_ADVICE,
    GoalDraft,
    parse_lines,
    progress,
    target_date_text,
)
from planner.reflection import RATING_RANGE

store = ui.page("Goals")

# Page state: which goal is being edited or confirmed for deletion, and a
# counter that gives the new-goal form fresh (empty) widgets after a save.
EDITING, DELETING, NEW_FORM = "goals_editing", "goals_deleting", "goals_new_form"
# Which assumption is being confirmed for removal; per goal, a counter that gives
# its add-assumption form an empty field after a save.
REMOVING, ASSUMPTION_FORM = "goals_removing_assumption", "goals_assumption_form"
LEANING_COLOURS = {"leaning yes": "green", "mixed": "orange", "leaning no": "red"}


class GoalForm:
    """The goal form as drawn: the typed draft (None until submitted) and a
    message slot under each field for ``show_errors``."""

    def __init__(self, draft: GoalDraft | None, slots: dict, summary):
        self.draft, self._slots, self._summary = draft, slots, summary

    def show_errors(self, errors: dict[str, str]) -> None:
        for name, message in errors.items():
            ui.field_error(self._slots[name], message)
        noun = "field needs" if len(errors) == 1 else "fields need"
        self._summary.warning(f"Nothing was saved: {len(errors)} {noun} attention (see above).")


def goal_form(form_key: str, draft: GoalDraft, submit_label: str) -> GoalForm:
    """Draw the goal form, filled from ``draft``."""
    slots = {}
    with st.form(form_key, enter_to_submit=False):
        title = st.text_input(
            "Title",
            value=draft.title,
            key=f"{form_key}_title",
            placeholder="For example: Is UX research right for me?",
        )
        slots["title"] = st.empty()
        a, b = st.columns(2)
        with a:
            kind = st.selectbox(
                "Kind of goal",
                list(GOAL_KINDS),
                index=list(GOAL_KINDS).index(draft.kind) if draft.kind in GOAL_KINDS else 0,
                format_func=GOAL_KINDS.get,
                key=f"{form_key}_kind",
            )
            slots["kind"] = st.empty()
        with b:
            field = st.text_input(
                "Field or industry",
                value=draft.field,
                key=f"{form_key}_field",
                placeholder="For example: digital health",
            )
            slots["field"] = st.empty()
        a, b = st.columns(2)
        with a:
            roles = st.text_area(
                "Target roles",
                value="\n".join(draft.target_roles),
                help=guidance.text("goals.roles_help"),
                key=f"{form_key}_roles",
                height=100,
            )
            slots["target_roles"] = st.empty()
        with b:
            organisations = st.text_area(
                "Target organisations",
                value="\n".join(draft.target_organisations),
                help=guidance.text("goals.organisations_help"),
                key=f"{form_key}_organisations",
                height=100,
            )
            slots["target_organisations"] = st.empty()
        aims = st.text_area(
            "What I want to learn",
            value="\n".join(draft.learning_aims),
            help=guidance.text("goals.learning_help"),
            key=f"{form_key}_aims",
            height=100,
        )
        slots["learning_aims"] = st.empty()
        fit = st.multiselect(
            "Fit questions that matter",
            list(FIT_QUESTIONS),
            default=draft.fit_questions,
            format_func=FIT_QUESTIONS.get,
            help=guidance.text("goals.fit_help"),
            key=f"{form_key}_fit",
        )
        slots["fit_questions"] = st.empty()
        a, b = st.columns(2)
        with a:
            target = st.number_input(
                "Target number of interviews",
                value=draft.target_interviews,
                step=1,
                key=f"{form_key}_target",
            )
            st.caption(TARGET_ADVICE)
            slots["target_interviews"] = st.empty()
        with b:
            target_date = st.date_input(
                "Target date (optional)",
                value=draft.target_date,
                format="YYYY-MM-DD",
                key=f"{form_key}_date",
            )
            slots["target_date"] = st.empty()
        submitted = st.form_submit_button(submit_label, type="primary")
        summary = st.empty()
    if not submitted:
        return GoalForm(None, slots, summary)
    typed = GoalDraft(
        title=title,
        kind=kind,
        field=field,
        target_roles=parse_lines(roles),
        target_organisations=parse_lines(organisations),
        learning_aims=parse_lines(aims),
        fit_questions=fit,
        target_interviews=int(target) if target is not None else None,
        target_date=target_date,
    )
    return GoalForm(typed, slots, summary)


def change_status(goal, status: str, done_message: str) -> None:
    """Pause, resume, achieve or reopen; a refusal is shown on the goal's card."""
    try:
        before, after = store.set_goal_status(goal.id, status)
    except ValidationError as error:
        st.error(ui.md(error.errors["title"]), icon=":material/error:")
    except NotFound:
        st.error("This goal was deleted in another window.", icon=":material/error:")
    else:
        # An edit open on this goal follows this window's own change.
        editing = st.session_state.get(EDITING)
        if editing and editing[0] == goal.id and editing[2] == before:
            st.session_state[EDITING] = (goal.id, editing[1], after)
        ui.flash(done_message, "info" if status == "paused" else "success")
        st.rerun()


SENTENCES_SHOWN = 10  # newest first, per fit question


def fit_evidence_section(goal) -> None:
    """What the goal's conversations say so far: each rated fit question's average,
    its leaning and the sentences behind it, newest first."""
    st.markdown("**What the conversations say so far**")
    evidence = store.fit_evidence(goal.id)
    if not evidence:
        st.caption(guidance.text("goals.fit_evidence_empty"))
        return
    top = RATING_RANGE[1]
    rows = ["| Fit question | Average | Conversations | Leaning |", "| --- | --- | --: | --- |"]
    for item in evidence:
        colour = LEANING_COLOURS.get(item.leaning, "gray")
        rows.append(
            f"| {item.label} | **{item.average:.1f}** / {top} | {item.ratings} "
            f"| :{colour}-badge[{item.leaning}] |"
        )
    st.markdown("\n".join(rows))
    with st.expander("The sentences behind it", key=f"fit_sentences_{goal.id}"):
        for item in evidence:
            sentences = [
                f"- {ui.md(who) if who else 'Someone'}, {rating} / {top}: "
                + (ui.md(why) if why else "*no reason noted*")
                for who, rating, why in item.sentences[:SENTENCES_SHOWN]
            ]
            more = len(item.sentences) - SENTENCES_SHOWN
            if more > 0:
                sentences.append(f"- *and {more:,} earlier; the reflection report has them all*")
            st.markdown("\n".join([f"**{item.label}**", "", *sentences]))


def tally(assumption) -> str:
    confirmed, refuted = assumption.confirmed, assumption.refuted
    if not confirmed and not refuted:
        return "Not tested in a conversation yet."
    noun = "conversation" if max(confirmed, refuted) == 1 else "conversations"
    return f"Confirmed by {confirmed}, refuted by {refuted} {noun}."


def assumptions_section(goal) -> None:
    """The goal's assumptions with their tally; add one, remove one."""
    st.markdown("**Assumptions**")
    assumptions = store.assumptions(goal.id)
    if not assumptions:
        st.caption(guidance.text("goals.assumptions_help"))
    for assumption in assumptions:
        row = st.container(horizontal=True, vertical_alignment="center", wrap=False)
        row.markdown(
            f"{ui.md(assumption.statement)}  \n:small[:gray[{tally(assumption)}]]",
            width="stretch",
        )
        if row.button(
            "Remove",
            key=f"remove_assumption_{goal.id}_{assumption.id}",
            icon=":material/close:",
            type="tertiary",
        ):
            st.session_state[REMOVING] = assumption.id
            st.rerun()
        if st.session_state.get(REMOVING) == assumption.id:
            confirm_removal(goal, assumption)

    counters = st.session_state.setdefault(ASSUMPTION_FORM, {})
    form_key = f"assumption_form_{goal.id}_{counters.get(goal.id, 0)}"
    with st.form(form_key, border=False):
        statement = st.text_input(
            "Add an assumption",
            key=f"{form_key}_statement",
            placeholder=guidance.text("goals.assumption_placeholder"),
            help=guidance.text("goals.assumptions_help"),
        )
        slot = st.empty()
        submitted = st.form_submit_button("Add assumption", icon=":material/add:")
    if submitted:
        try:
            store.add_assumption(goal.id, statement)
        except ValidationError as error:
            ui.field_error(slot, " ".join(error.errors.values()))
        except NotFound:
            st.error("This goal was deleted in another window.", icon=":material/error:")
        else:
            counters[goal.id] = counters.get(goal.id, 0) + 1
            ui.flash(f"Added the assumption '{' '.join(statement.split())}'.")
            st.rerun()


def confirm_removal(goal, assumption) -> None:
    message = f"Remove the assumption '{assumption.statement}'?"
    if assumption.confirmed or assumption.refuted:
        message += " " + guidance.text("goals.assumption_remove_warning")
    st.warning(ui.md(message), icon=":material/warning:")
    choice = st.container(horizontal=True)
    if choice.button(
        "Yes, remove it",
        key=f"confirm_remove_assumption_{goal.id}_{assumption.id}",
        type="primary",
    ):
        st.session_state.pop(REMOVING, None)
        try:
            store.remove_assumption(assumption.id)
        except NotFound:
            ui.flash("That assumption was already removed in another window.", "info")
        else:
            ui.flash(f"Removed the assumption '{assumption.statement}'.", "info")
        st.rerun()
    if choice.button("Keep it", key=f"keep_assumption_{goal.id}_{assumption.id}"):
        st.session_state.pop(REMOVING, None)
        st.rerun()


st.title("Goals")
st.markdown(guidance.text("goals.intro"))

goals = store.list_goals()

# -- a new goal -----------------------------------------------------------------
form_number = st.session_state.setdefault(NEW_FORM, 0)
new_key = f"new_goal_{form_number}"
with st.expander("Add a goal", expanded=not goals, icon=":material/add:"):
    form = goal_form(new_key, GoalDraft(), "Save goal")
    if form.draft is not None:
        try:
            store.add_goal(form.draft, today=ui.today())
        except ValidationError as error:
            form.show_errors(error.errors)
        else:
            st.session_state[NEW_FORM] = form_number + 1
            ui.flash(f"Saved the goal '{form.draft.title.strip()}'.")
            st.rerun()

# -- the list ------------------------------------------------------------------
if not goals:
    st.info(guidance.text("goals.empty"), icon=":material/lightbulb:")
    st.stop()

views = {"open": "Active and paused", "achieved": "Achieved", "all": "All"}
view = st.segmented_control(
    "Show", list(views), format_func=views.get, default="open", key="goals_view"
)
shown = {
    "open": [g for g in goals if g.is_open],
    "achieved": [g for g in goals if g.status == "achieved"],
}.get(view or "all", goals)
if not shown:
    st.caption("No goals in this view.")

today = ui.today()
for goal in shown:
    with st.container(border=True, key=f"goal_card_{goal.id}"):
        head, badges = st.columns([3, 2], vertical_alignment="center")
        head.markdown(f"#### {ui.md(goal.title)}")
        with badges:
            row = st.container(horizontal=True, horizontal_alignment="right")
            row.badge(goal.kind_label, color="blue")
            row.badge(
                goal.status_label,
                color={"active": "green", "paused": "orange", "achieved": "violet"}[goal.status],
            )
        done = progress(goal)
        st.progress(done.fraction, text=done.describe())
        details = [target_date_text(goal, today)]
        if goal.field:
            details.append(f"Field: {ui.md(goal.field)}")
        st.markdown(" · ".join(details))
        if goal.target_roles:
            st.markdown("**Roles:** " + ", ".join(ui.md(r) for r in goal.target_roles))
        if goal.target_organisations:
            st.markdown(
                "**Organisations:** " + ", ".join(ui.md(o) for o in goal.target_organisations)
            )
        if goal.learning_aims:
            st.markdown("**What I want to learn**")
            st.markdown("\n".join(f"- {ui.md(aim)}" for aim in goal.learning_aims))
        if goal.fit_questions:
            st.markdown(
                "**Fit questions:** " + " · ".join(FIT_QUESTIONS[k] for k in goal.fit_questions)
            )
        evidence_column, assumptions_column = st.columns([5, 4], gap="large")
        with evidence_column:
            fit_evidence_section(goal)
        with assumptions_column:
            assumptions_section(goal)

        actions = st.container(horizontal=True)
        if actions.button("Edit", key=f"edit_{goal.id}", icon=":material/edit:"):
            # (id, version the form is drawn for, version the save expects)
            st.session_state[EDITING] = (goal.id, goal.version, goal.version)
            st.session_state.pop(DELETING, None)
            st.rerun()  # cards above this one were drawn with the old state
        if goal.status == "active":
            if actions.button("Pause", key=f"pause_{goal.id}", icon=":material/pause:"):
                change_status(goal, "paused", f"Paused '{goal.title}'.")
        elif goal.status == "paused" and actions.button(
            "Resume", key=f"resume_{goal.id}", icon=":material/play_arrow:"
        ):
            change_status(goal, "active", f"Resumed '{goal.title}'.")
        if goal.status != "achieved":
            if actions.button(
                "Mark achieved", key=f"achieve_{goal.id}", icon=":material/task_alt:"
            ):
                change_status(goal, "achieved", f"Well done: '{goal.title}' is marked achieved.")
        elif actions.button("Reopen", key=f"reopen_{goal.id}", icon=":material/undo:"):
            change_status(goal, "active", f"Reopened '{goal.title}'.")
        if actions.button("Delete", key=f"delete_{goal.id}", icon=":material/delete:"):
            st.session_state[DELETING] = goal.id
            st.session_state.pop(EDITING, None)
            st.rerun()

        editing = st.session_state.get(EDITING)
        if editing and editing[0] == goal.id:
            edit_key = f"edit_goal_{goal.id}_{editing[1]}"
            form = goal_form(edit_key, goal.as_draft(), "Save changes")
            if st.button("Cancel editing", key=f"cancel_edit_{goal.id}"):
                st.session_state.pop(EDITING, None)
                st.rerun()
            if form.draft is not None:
                try:
                    store.update_goal(goal.id, form.draft, expected_version=editing[2], today=today)
                except ValidationError as error:
                    form.show_errors(error.errors)
                except (StaleEdit, NotFound) as error:
                    st.error(ui.md(str(error)), icon=":material/error:")
                else:
                    st.session_state.pop(EDITING, None)
                    ui.flash(f"Saved your changes to '{form.draft.title.strip()}'.")
                    st.rerun()

        if st.session_state.get(DELETING) == goal.id:
            links = {name: n for name, n in store.goal_links(goal.id).items() if n}
            linked = ", ".join(f"{n} {name}" for name, n in links.items())
            message = f"Delete the goal '{goal.title}'? " + guidance.text("goals.delete_warning")
            if linked:
                message += f" Linked now: {linked}."
            st.warning(ui.md(message), icon=":material/warning:")
            choice = st.container(horizontal=True)
            if choice.button("Yes, delete it", key=f"confirm_delete_{goal.id}", type="primary"):
                st.session_state.pop(DELETING, None)
                try:
                    store.delete_goal(goal.id)
                except NotFound:
                    ui.flash("That goal was already deleted in another window.", "info")
                else:
                    ui.flash(f"Deleted the goal '{goal.title}'.", "info")
                st.rerun()
            if choice.button("Keep it", key=f"cancel_delete_{goal.id}"):
                st.session_state.pop(DELETING, None)
                st.rerun()
