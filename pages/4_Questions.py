"""Step 4, Questions: a plan for each interview, the printable sheet, the interview day,
and the question bank."""

from datetime import UTC, datetime

import pandas as pd
import streamlit as st

from planner import guidance, ui
from planner.errors import NotFound, StaleEdit, ValidationError
from planner.goals import FIT_QUESTIONS
from planner.interview_sheet import render, sheet_filename
from planner.question_lint import lint
from planner.question_plans import (
    INTRO_MINUTES,
    MINUTES_RANGE,
    bank_fit_tags,
    ends_with_referral,
    fit_coverage,
    introduction_for,
    is_referral_question,
    timing,
)
from planner.questions import QuestionDraft, filter_bank, referral_suggestion
from planner.store.records import NewPlanQuestion
from planner.vocabulary import INTERVIEW_FORMATS, INTERVIEW_STATUSES, QUESTION_CATEGORIES, TIARA

store = ui.page("Questions")
SELECTED = "questions_interview"  # the "Meeting" menu
CURRENT = "questions_current"  # the meeting open, by id: the menu's labels change as it is
# planned and held, which makes Streamlit draw a new menu; this keeps the choice
VIEW = "questions_view"  # the open tab, kept in the URL

st.title("Questions")
st.markdown(guidance.text("questions.intro"))
interviews = store.planning_overview()
by_id = {i.interview_id: i for i in interviews}
bank = store.question_bank()

ui.open_from_link("interview", by_id, current_key=CURRENT, menu_key=SELECTED)


def autosaved(action, record_id: int, text: str, based_on: list[str] | None) -> str | None:
    """Run a store save for an autosaving field: None when saved, else why not."""
    try:
        action(record_id, text, based_on=based_on)
    except ValidationError as error:
        return " ".join(error.errors.values())
    except (NotFound, StaleEdit) as error:
        return str(error)
    return None


item = None
if interviews:
    ids = list(by_id)
    current = st.session_state.get(CURRENT)
    chosen = st.selectbox(
        "Meeting",
        ids,
        index=ids.index(current) if current in by_id else 0,
        format_func=lambda i: (
            f"{by_id[i].label()} · {INTERVIEW_STATUSES.get(by_id[i].status, by_id[i].status)}"
        ),
        key=SELECTED,
    )
    st.session_state[CURRENT] = chosen
    item = by_id[chosen]
else:
    st.info(guidance.text("questions.no_interviews"), icon=":material/lightbulb:")
    st.page_link("pages/3_Contacts.py", label="Open Contacts", icon=":material/group:")

plan_tab, day_tab, bank_tab = st.tabs(
    ["Plan", "Interview day", "Question bank"], key=VIEW, bind="query-params"
)


def meeting_line() -> str:
    who = ui.md(item.contact_name or "A deleted contact")
    about = ", ".join(ui.md(x) for x in (item.contact_role, item.organisation) if x)
    form = INTERVIEW_FORMATS.get(item.format, item.format).lower()
    line = f"**{who}**" + (f", {about}" if about else "")
    line += f" · {item.starts_at:%A %d %B %Y, %H:%M} ({ui.md(item.time_zone)})"
    line += f" · {item.duration_minutes} minutes, {form}"
    if item.goal_title:
        line += f" · goal: {ui.md(item.goal_title)}"
    return line


def ensure_plan() -> int:
    return item.plan_id if item.plan_id is not None else store.plan_for(item.interview_id)


# -- the plan ---------------------------------------------------------------------------
# Every tab is drawn on every run: a tab left undrawn would drop what was typed in it.
if item is not None:
    with plan_tab:
        st.markdown(meeting_line())
        plan = store.get_plan(item.plan_id) if item.plan_id is not None else None
        questions = store.plan_questions(plan.id) if plan is not None else []
        planned = [q.planned() for q in questions]
        fitted = timing(planned, item.duration_minutes)
        share = min(fitted.planned_minutes / max(item.duration_minutes, 1), 1.0)
        st.progress(
            share,
            text=f"{fitted.planned_minutes} of {item.duration_minutes} minutes planned "
            f"({INTRO_MINUTES} for introductions and thanks)",
        )
        drop = set(fitted.drop_first)
        if not fitted.fits:
            order = ", ".join(str(i + 1) for i in fitted.drop_first)
            st.warning(
                f"The plan runs {fitted.over_by} minutes over the {item.duration_minutes}-minute "
                f"meeting. Drop these first: question{'s' if len(drop) > 1 else ''} {order}.",
                icon=":material/timer:",
            )
        if not ends_with_referral(planned):
            placed = [q for q in questions if is_referral_question(q.text)]
            key = "referral_too_early" if placed else "referral_missing"
            box = st.container(border=True)
            box.warning(guidance.text(f"questions.{key}"), icon=":material/group_add:")
            if placed:
                box.button(
                    "Move it to the end",
                    key=f"plan_referral_move_{item.interview_id}",
                    on_click=lambda: ui.report(
                        lambda: store.move_plan_question(placed[-1].id, len(questions))
                    ),
                )
            elif (suggestion := referral_suggestion(bank)) is not None and box.button(
                f"Add “{ui.md(suggestion.text)}” at the end",
                key=f"plan_referral_add_{item.interview_id}",
            ):
                ui.report(
                    lambda: store.add_plan_question(
                        ensure_plan(),
                        suggestion.text,
                        must_ask=True,
                        bank_key=suggestion.bank_key,
                        question_id=suggestion.own_id,
                    )
                )
                st.rerun()

        if item.goal_id is not None:
            goal = store.get_goal(item.goal_id)
            covered = fit_coverage(planned, goal.fit_questions, tagged=bank_fit_tags(questions))
            if covered:
                st.markdown("**The goal's fit questions this plan covers**")
                cells = st.columns(len(covered))
                for cell, (fit_key, yes) in zip(cells, covered.items(), strict=True):
                    mark = ":green[:material/check_circle:]" if yes else ":gray[:material/cancel:]"
                    cell.markdown(f"{mark} {FIT_QUESTIONS[fit_key]}")
                if not all(covered.values()):
                    st.caption("The Fit category in the bank has questions for each of these.")
        else:
            st.caption(guidance.text("questions.no_goal"))

        st.subheader("The questions, in order")
        st.caption(guidance.text("questions.plan_help"))
        facts = store.known_facts(goal_id=item.goal_id, organisation_id=item.organisation_id)
        for index, question in enumerate(questions):
            with st.container(border=True):
                text_col, minutes_col, must_col, move_col = st.columns(
                    [8, 2, 2, 3], vertical_alignment="center"
                )
                badge = " :orange-badge[drop first]" if index in drop else ""
                text_col.markdown(f"**{index + 1}.** {ui.md(question.text)}{badge}")
                for warning in lint(question.text, facts=facts):
                    hint = f" Try: *{ui.md(warning.rewrite)}*" if warning.rewrite else ""
                    text_col.caption(f":orange[:material/warning:] {ui.md(warning.message)}{hint}")
                minutes_key = f"pq_{question.id}_minutes"
                minutes_col.number_input(
                    "Minutes",
                    MINUTES_RANGE[0],
                    MINUTES_RANGE[1],
                    value=question.minutes,
                    key=minutes_key,
                    on_change=lambda q=question.id, k=minutes_key: ui.report(
                        lambda: store.update_plan_question(q, minutes=int(st.session_state[k]))
                    ),
                )
                must_key = f"pq_{question.id}_must"
                must_col.checkbox(
                    "Must ask",
                    value=question.must_ask,
                    key=must_key,
                    on_change=lambda q=question.id, k=must_key: ui.report(
                        lambda: store.update_plan_question(q, must_ask=st.session_state[k])
                    ),
                )
                buttons = move_col.container(horizontal=True)
                buttons.button(
                    "",
                    icon=":material/arrow_upward:",
                    help="Move up",
                    key=f"pq_{question.id}_up",
                    disabled=index == 0,
                    on_click=lambda q=question.id: ui.report(
                        lambda: store.move_plan_question(q, -1)
                    ),
                )
                buttons.button(
                    "",
                    icon=":material/arrow_downward:",
                    help="Move down",
                    key=f"pq_{question.id}_down",
                    disabled=index == len(questions) - 1,
                    on_click=lambda q=question.id: ui.report(
                        lambda: store.move_plan_question(q, +1)
                    ),
                )
                buttons.button(
                    "",
                    icon=":material/delete:",
                    help="Remove from the plan",
                    key=f"pq_{question.id}_remove",
                    on_click=lambda q=question.id: ui.report(lambda: store.remove_plan_question(q)),
                )
        if not questions:
            st.info("No questions yet: pick some from the bank or write your own below.")

        with st.container():
            st.markdown("**Add from the bank**")
            category = st.columns([1, 2])[0].selectbox(
                "Category",
                [None, *QUESTION_CATEGORIES],
                format_func=lambda c: "Every category" if c is None else QUESTION_CATEGORIES[c],
                key="plan_bank_category",
            )
            offered = filter_bank(bank, category=category, leave_out=[q.text for q in questions])
            picked = st.dataframe(
                pd.DataFrame(
                    {
                        "Question": [e.text for e in offered],
                        "Category": [e.category_label for e in offered],
                        "TIARA": [e.tiara_label for e in offered],
                    }
                ),
                hide_index=True,
                width="stretch",
                height=320,
                column_config={"Question": st.column_config.TextColumn(width="large")},
                on_select="rerun",
                selection_mode="multi-row",
                # A new list is a new table: a selection never points at rows that moved.
                key=ui.list_key("plan_bank_table", [e.ref for e in offered]),
            )
            rows = [r for r in (picked.selection.rows if picked else []) if r < len(offered)]
            if st.button(
                f"Add {len(rows)} selected to the plan" if rows else "Select questions to add",
                disabled=not rows,
                type="primary",
                key="plan_bank_add",
            ):
                chosen_entries = [offered[r] for r in rows]
                if ui.report(
                    lambda: store.add_plan_questions(
                        ensure_plan(),
                        [
                            NewPlanQuestion(e.text, None, False, e.bank_key, e.own_id)
                            for e in chosen_entries
                        ],
                    )
                ):
                    ui.flash(
                        f"Added {len(rows)} question{'s' if len(rows) > 1 else ''} to the plan."
                    )
                st.rerun()
        with st.container():
            st.markdown("**Write your own**")
            messages = ui.FieldMessages()
            own = ui.form_key(f"plan_own_{item.interview_id}")  # one form per meeting
            with st.form(own, enter_to_submit=False):
                own_text = st.text_input(
                    "Your question",
                    placeholder="What…? How…? Which…?",
                    key=f"{own}_text",
                )
                messages.under("text")
                a, b = st.columns(2)
                own_minutes = a.number_input(
                    "Minutes",
                    MINUTES_RANGE[0],
                    MINUTES_RANGE[1],
                    value=plan.minutes_per_question if plan is not None else 3,
                    key=f"{own}_minutes",
                )
                with a:
                    messages.under("minutes")
                own_must = b.checkbox("Must ask", key=f"{own}_must")
                keep = st.checkbox(
                    "Also keep it in my question bank",
                    key=f"{own}_keep",
                )
                keep_category = st.selectbox(
                    "Bank category",
                    list(QUESTION_CATEGORIES),
                    format_func=QUESTION_CATEGORIES.get,
                    key=f"{own}_category",
                )
                messages.under("bank_category")
                added = st.form_submit_button("Add to the plan", type="primary")
                messages.summary()
            if added:
                try:
                    banked = store.add_written_question(
                        item.interview_id,
                        own_text,
                        minutes=int(own_minutes),
                        must_ask=own_must,
                        bank_category=keep_category if keep else None,
                    )
                except ValidationError as error:
                    messages.show(error.errors)
                except NotFound as error:
                    st.error(ui.md(str(error)), icon=":material/error:")
                else:
                    note = ""
                    if keep:
                        note = " and to your bank" if banked else " (your bank already had it)"
                    warnings = lint(own_text, facts=facts)
                    ui.form_saved(f"plan_own_{item.interview_id}")
                    ui.flash(
                        f"Added to the plan{note}."
                        + (" Look at the warning under it." if warnings else ""),
                        "warning" if warnings else "success",
                    )
                    st.rerun()

        st.subheader("Your introduction")
        st.caption(guidance.text("questions.introduction_help"))
        settings = store.settings()
        contact = store.get_contact(item.contact_id) if item.contact_id is not None else None
        intro_messages = ui.FieldMessages()
        background = st.text_input(
            "Who you are, in a sentence",
            value=settings.get("me.background", ""),
            placeholder="e.g. I teach chemistry and I am exploring user research",
            key="plan_me_background",
        )
        intro_messages.under("background")
        goal = store.get_goal(item.goal_id) if item.goal_id is not None else None
        drafted = introduction_for(
            background=background,
            contact_name=item.contact_name,
            contact_role=item.contact_role,
            organisation=item.organisation,
            referred_by=contact.referred_by if contact is not None else "",
            goal=goal,
            minutes=item.duration_minutes,
        )
        intro_key = f"plan_intro_{item.interview_id}"
        # The saved introduction the box started from: saving over a different one
        # (written in another window meanwhile) is refused rather than lost.
        based_on_key = f"{intro_key}:based_on"
        saved_intro = plan.introduction if plan is not None else ""
        if intro_key not in st.session_state:
            st.session_state[intro_key] = saved_intro or drafted
            st.session_state[based_on_key] = saved_intro
        elif st.session_state.get(based_on_key) != saved_intro and st.session_state[intro_key] in (
            st.session_state.get(based_on_key),
            drafted,
        ):
            # Untouched here and saved elsewhere: show what was saved.
            st.session_state[intro_key] = saved_intro or drafted
            st.session_state[based_on_key] = saved_intro

        def redraft() -> None:
            st.session_state[intro_key] = drafted

        def load_saved() -> None:
            st.session_state[intro_key] = saved_intro or drafted
            st.session_state[based_on_key] = saved_intro

        introduction = st.text_area("Introduction (edit freely)", height=110, key=intro_key)
        intro_messages.under("introduction")
        buttons = st.container(horizontal=True)
        save_intro = buttons.button("Save the introduction", key="plan_intro_save", type="primary")
        buttons.button("Draft it again", key="plan_intro_redraft", on_click=redraft)
        intro_messages.summary()
        if save_intro:
            try:
                store.save_introduction(
                    item.interview_id,
                    introduction,
                    background=background,
                    based_on=st.session_state.get(based_on_key, saved_intro),
                )
            except ValidationError as error:
                intro_messages.show(error.errors)
            except StaleEdit as error:
                intro_messages.show({"introduction": str(error)})
                st.button(
                    "Load the saved introduction",
                    key="plan_intro_load_saved",
                    on_click=load_saved,
                )
            except NotFound as error:
                st.error(ui.md(str(error)), icon=":material/error:")
            else:
                st.session_state[based_on_key] = introduction.strip()
                ui.flash("Saved the introduction.")
                st.rerun()
        if introduction.strip() != saved_intro.strip():
            st.caption(":orange[Not saved yet.]")

        st.subheader("Print it")
        sheet = store.interview_sheet(item.interview_id)
        downloads = st.container(horizontal=True)
        for kind, label, mime, icon in (
            ("html", "Interview sheet (HTML, to print)", "text/html", ":material/print:"),
            ("md", "Interview sheet (Markdown)", "text/markdown", ":material/description:"),
        ):
            downloads.download_button(
                label,
                data=lambda kind=kind: render(sheet, kind),
                file_name=sheet_filename(sheet, kind),
                mime=mime,
                icon=icon,
                on_click="ignore",
                key=f"sheet_{kind}",
            )
        with st.expander("Minutes a new question starts with"):
            minutes_default = st.number_input(
                "Minutes per question",
                MINUTES_RANGE[0],
                MINUTES_RANGE[1],
                value=plan.minutes_per_question if plan is not None else 3,
                key=f"plan_minutes_default_{item.interview_id}",
            )
            if st.button("Save", key="plan_minutes_save"):
                if ui.report(
                    lambda: store.save_plan_settings(
                        ensure_plan(), minutes_per_question=int(minutes_default)
                    )
                ):
                    # The "Write your own" form starts from the new minutes.
                    ui.form_saved(f"plan_own_{item.interview_id}")
                    ui.flash(f"New questions now start with {int(minutes_default)} minutes.")
                st.rerun()
elif item is None:
    with plan_tab:
        st.caption("Plans belong to meetings: schedule one first.")

# -- the interview day ------------------------------------------------------------------
if item is not None:
    with day_tab:
        st.markdown(meeting_line())
        st.caption(guidance.text("questions.day_intro"))
        plan = store.get_plan(item.plan_id) if item.plan_id is not None else None
        if plan is not None and plan.introduction:
            with st.container(border=True):
                st.markdown("**Introduce yourself**")
                st.markdown(ui.md(plan.introduction))
        questions = store.plan_questions(plan.id) if plan is not None else []
        if not questions:
            st.info("No questions planned for this meeting; the Plan tab builds a list.")
        for index, question in enumerate(questions):
            with st.container(border=True):
                asked_key = f"day_{question.id}_asked"
                st.checkbox(
                    f"{index + 1}. {ui.md(question.text)}"
                    + (" :orange-badge[must ask]" if question.must_ask else ""),
                    value=question.asked,
                    key=asked_key,
                    on_change=lambda q=question.id, k=asked_key: ui.report(
                        lambda: store.update_plan_question(q, asked=st.session_state[k])
                    ),
                )
                ui.autosave_text_area(
                    "Notes",
                    value=question.answer_notes,
                    key=f"day_{question.id}_notes",
                    on_save=lambda text, base, q=question.id: autosaved(
                        store.save_answer_notes, q, text, base
                    ),
                    record=f"plan-question-{question.id}-notes",
                )
        ui.autosave_text_area(
            "General notes",
            value=item.general_notes,
            key=f"day_{item.interview_id}_general",
            on_save=lambda text, base: autosaved(
                store.save_interview_notes, item.interview_id, text, base
            ),
            record=f"interview-{item.interview_id}-notes",
            placeholder="Anything else: their story, advice, what surprised you.",
            height=140,
        )

        st.markdown("**They mentioned someone**")
        st.caption(guidance.text("questions.mentioned_help"))
        ui.referral_form(
            store,
            item.interview_id,
            item.contact_name,
            form=f"mention_{item.interview_id}",
            submit="Add to my contacts",
            links_caption="Suggested in this conversation:",
        )

        if item.status == "scheduled":
            done_message = st.empty()
            if st.button("Mark the interview done", type="primary", icon=":material/task_alt:"):
                try:
                    store.mark_interview_done(item.interview_id, now=datetime.now(UTC))
                except ValidationError as error:
                    ui.field_error(done_message, " ".join(error.errors.values()))
                except NotFound as error:
                    ui.field_error(done_message, str(error))
                else:
                    who = item.contact_name or "your contact"
                    ui.flash(
                        f"Marked the interview with {who} done. Write your reflection while "
                        "it is fresh, and thank them within a day."
                    )
                    st.rerun()
        else:
            st.success("This interview is done.", icon=":material/task_alt:")
elif item is None:
    with day_tab:
        st.caption("The interview day opens once a meeting is scheduled.")

# -- the question bank ----------------------------------------------------------------------
with bank_tab:
    st.markdown(guidance.text("questions.bank_intro"))
    a, b, c, d = st.columns([2, 2, 3, 1], vertical_alignment="bottom")
    bank_category = a.selectbox(
        "Category",
        [None, *QUESTION_CATEGORIES],
        format_func=lambda k: "Every category" if k is None else QUESTION_CATEGORIES[k],
        key="bank_category",
    )
    bank_tiara = b.selectbox(
        "TIARA",
        [None, *TIARA],
        format_func=lambda k: "Any element" if k is None else TIARA[k],
        key="bank_tiara",
    )
    bank_search = c.text_input("Search", key="bank_search")
    show_retired = d.toggle("Retired", key="bank_retired", help="Show retired questions")
    listed = filter_bank(
        bank,
        category=bank_category,
        tiara=bank_tiara,
        search=bank_search,
        include_retired=show_retired,
    )
    origin = {"shipped": "Shipped", "edited": "Edited by me", "mine": "Mine"}
    picked = st.dataframe(
        pd.DataFrame(
            {
                "Question": [e.text for e in listed],
                "Category": [e.category_label for e in listed],
                "TIARA": [e.tiara_label for e in listed],
                "From": [origin[e.origin] for e in listed],
                "Retired": [e.retired for e in listed],
            }
        ),
        hide_index=True,
        width="stretch",
        height=380,
        on_select="rerun",
        selection_mode="single-row",
        column_config={"Retired": st.column_config.CheckboxColumn("Retired")},
        # The rows in their order: an edit elsewhere that keeps them keeps the selection.
        key=ui.list_key("bank_table", [f"{e.ref}:{e.retired}" for e in listed]),
    )
    st.caption(f"{len(listed):,} of {len(bank):,} questions. Select one to edit or retire it.")
    rows = [r for r in (picked.selection.rows if picked else []) if r < len(listed)]
    edit, record = "", "bank_edit_"  # no row: any bank form sent was for another list
    if rows:
        entry = listed[rows[0]]
        record = f"bank_edit_{entry.ref}~"
        edit = f"{record}{entry.version}"  # one set of fields per question and version
    ui.say_if_outdated(edit, record, "question")
    if rows:
        with st.container(border=True):
            messages = ui.FieldMessages()
            with st.form(edit, enter_to_submit=False):
                edited_text = st.text_input("Question", value=entry.text, key=f"{edit}_text")
                messages.under("text")
                x, y = st.columns(2)
                edited_category = x.selectbox(
                    "Category",
                    list(QUESTION_CATEGORIES),
                    index=list(QUESTION_CATEGORIES).index(entry.category),
                    format_func=QUESTION_CATEGORIES.get,
                    key=f"{edit}_category",
                )
                tiara_keys = ["", *TIARA]
                edited_tiara = y.selectbox(
                    "TIARA",
                    tiara_keys,
                    index=tiara_keys.index(entry.tiara) if entry.tiara in tiara_keys else 0,
                    format_func=lambda k: TIARA.get(k, "None"),
                    key=f"{edit}_tiara",
                )
                edit_submitted = ui.submit_button("Save changes", form=edit, type="primary")
                messages.summary()
            for warning in lint(edited_text):
                st.caption(f":orange[:material/warning:] {ui.md(warning.message)}")
            if edit_submitted:
                try:
                    store.edit_question(
                        entry.ref,
                        QuestionDraft(edited_text, edited_category, edited_tiara),
                        expected_version=entry.version,
                    )
                except ValidationError as error:
                    messages.show(error.errors)
                except (StaleEdit, NotFound) as error:
                    st.error(ui.md(str(error)), icon=":material/error:")
                else:
                    ui.flash("Saved the question. Plans that already hold it keep their wording.")
                    st.rerun()
            label = "Bring it back" if entry.retired else "Retire it"
            if st.button(label, key="bank_retire", icon=":material/archive:"):
                if ui.report(lambda: store.set_question_retired(entry.ref, not entry.retired)):
                    ui.flash(
                        "Brought the question back."
                        if entry.retired
                        else "Retired the question; plans that hold it keep it."
                    )
                st.rerun()

    with st.expander("Add a question to my bank", icon=":material/add:"):
        messages = ui.FieldMessages()
        new = ui.form_key("bank_new")
        with st.form(new, enter_to_submit=False):
            new_text = st.text_input("Question", key=f"{new}_text")
            messages.under("text")
            x, y = st.columns(2)
            new_category = x.selectbox(
                "Category",
                list(QUESTION_CATEGORIES),
                format_func=QUESTION_CATEGORIES.get,
                key=f"{new}_category",
            )
            new_tiara = y.selectbox(
                "TIARA",
                ["", *TIARA],
                format_func=lambda k: TIARA.get(k, "None"),
                key=f"{new}_tiara",
            )
            add_to_bank = st.form_submit_button("Add to my bank", type="primary")
            messages.summary()
        if add_to_bank:
            try:
                store.add_question(QuestionDraft(new_text, new_category, new_tiara))
            except ValidationError as error:
                messages.show(error.errors)
            else:
                warnings = lint(new_text)
                ui.form_saved("bank_new")
                ui.flash(
                    "Added to your bank." + "".join(f" Note: {w.message}" for w in warnings),
                    "warning" if warnings else "success",
                )
                st.rerun()
