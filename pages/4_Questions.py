"""Step 4, Questions: a plan for each interview, the printable sheet, the interview day,
and the question bank."""

from datetime import UTC, datetime
from functools import partial

import streamlit as st

from planner import guidance, ui
from planner.question_plans import MINUTES_RANGE
from planner.questions import QuestionDraft
from planner.steps import interview_day, question_bank, questions
from planner.vocabulary import QUESTION_CATEGORIES, TIARA

SELECTED = "questions_interview"  # the "Meeting" menu
CURRENT = "questions_current"  # the meeting open, by id (see ui.record_menu)
VIEW = "questions_view"  # the open tab, kept in the URL
CATEGORIES, TIARAS = QUESTION_CATEGORIES, {"": "None", **TIARA}
BANK_FILTERS = [
    ("Category", CATEGORIES, "Every category", "bank_category"),
    ("TIARA", TIARA, "Any element", "bank_tiara"),
]
SHEETS = (
    ("html", "Interview sheet (HTML, to print)", "text/html", ":material/print:"),
    ("md", "Interview sheet (Markdown)", "text/markdown", ":material/description:"),
)
COVERED = {True: ":green[:material/check_circle:]", False: ":gray[:material/cancel:]"}
NOTES_HINT = "Anything else: their story, advice, what surprised you."
BACKGROUND_HINT = "e.g. I teach chemistry and I am exploring user research"


def announce(done: questions.Done | None) -> None:
    """Say what a command did at the top of the next run, which starts at once."""
    if done is not None:
        ui.flash(done.message, done.kind)
        st.rerun()


def warning_line(warning, *, rewrite: bool = True) -> str:
    hint = f" Try: *{ui.md(warning.rewrite)}*" if rewrite and warning.rewrite else ""
    return f":orange[:material/warning:] {ui.md(warning.message)}{hint}"


def bank_rows(entries, *, key: str, height: int, full: bool = False) -> list[int]:
    """Bank questions in a table (where each comes from too, when ``full``): rows picked."""
    columns = {
        "Question": [e.text for e in entries],
        "Category": [e.category_label for e in entries],
        "TIARA": [e.tiara_label for e in entries],
    }
    if not full:
        wide = {"Question": st.column_config.TextColumn(width="large")}
        return ui.table_rows(columns, key=key, height=height, multi=True, column_config=wide)
    columns |= {"From": [e.origin_label for e in entries], "Retired": [e.retired for e in entries]}
    ticks = {"Retired": st.column_config.CheckboxColumn("Retired")}
    return ui.table_rows(columns, key=key, height=height, column_config=ticks)


# -- the plan ---------------------------------------------------------------------------


def plan_header(plan: questions.PlanView) -> None:
    """The meeting, the time its plan takes, and what the plan lacks."""
    st.markdown(plan.meeting.summary())
    st.progress(plan.timing.share, text=plan.timing.summary())
    if overrun := plan.timing.overrun():
        st.warning(overrun, icon=":material/timer:")
    if plan.referral:
        box = st.container(border=True)
        referral = guidance.text(f"questions.referral_{plan.referral}")
        box.warning(referral, icon=":material/group_add:")
        key = f"plan_referral_{{}}_{plan.meeting.interview_id}"
        if (question := plan.referral_to_move) is not None:
            move = partial(questions.move_question, store, question, len(plan.questions))
            label = "Move it to the end"
            box.button(label, key=key.format("move"), on_click=ui.report, args=[move])
        elif (entry := plan.referral_suggestion) is not None:
            add = partial(questions.add_referral_question, store, plan.meeting.interview_id, entry)
            label = f"Add “{ui.md(entry.text)}” at the end"
            box.button(label, key=key.format("add"), on_click=ui.report, args=[add])
    if plan.coverage is None:
        st.caption(guidance.text("questions.no_goal"))
    elif plan.coverage:
        st.markdown("**The goal's fit questions this plan covers**")
        for cell, fit in zip(st.columns(len(plan.coverage)), plan.coverage, strict=True):
            cell.markdown(f"{COVERED[fit.covered]} {fit.question}")
        if not all(fit.covered for fit in plan.coverage):
            st.caption("The Fit category in the bank has questions for each of these.")


def planned_question(plan: questions.PlanView, index: int, question) -> None:
    text, minutes, must, moves = st.columns([8, 2, 2, 3], vertical_alignment="center")
    badge = " :orange-badge[drop first]" if plan.drop_first(index) else ""
    text.markdown(f"**{index + 1}.** {ui.md(question.text)}{badge}")
    for warning in plan.warnings[question.id]:
        text.caption(warning_line(warning))
    key, this = f"pq_{question.id}", question.id
    saves = ui.saves(f"{key}_minutes", partial(questions.set_minutes, store, this))
    minutes.number_input("Minutes", *MINUTES_RANGE, value=question.minutes, **saves)
    saves = ui.saves(f"{key}_must", partial(questions.set_must_ask, store, this))
    must.checkbox("Must ask", question.must_ask, **saves)
    move = partial(questions.move_question, store, this)
    remove = partial(questions.remove_question, store, this)
    count, tip = len(plan.questions), "Remove from the plan"
    ui.order_buttons(
        moves, key=key, index=index, count=count, move=move, remove=remove, remove_tip=tip
    )


def add_questions(plan: questions.PlanView) -> None:
    """Questions picked from the bank, or written here."""
    interview, messages = plan.meeting.interview_id, ui.FieldMessages()
    st.markdown("**Add from the bank**")
    where, key = st.columns([1, 2])[0], "plan_bank_category"
    category = ui.menu(where, "Category", CATEGORIES, key=key, everything="Every category")
    offered = plan.offered(category)
    # A new list is a new table: a selection never points at rows that moved.
    key = ui.list_key("plan_bank_table", [e.ref for e in offered])
    rows = bank_rows(offered, key=key, height=320)
    label = f"Add {len(rows)} selected to the plan" if rows else "Select questions to add"
    if st.button(label, disabled=not rows, type="primary", key="plan_bank_add"):
        add = partial(questions.add_from_bank, store, interview, [offered[r] for r in rows])
        ui.submit(add, done=questions.added_sentence(len(rows)))
    st.markdown("**Write your own**")
    form = ui.form_key(f"plan_own_{interview}")  # one form per meeting
    with st.form(form, enter_to_submit=False):
        example = "What…? How…? Which…?"
        text = st.text_input("Your question", placeholder=example, key=f"{form}_text")
        messages.under("text")
        a, b = st.columns(2)
        default = plan.minutes_per_question
        minutes = a.number_input("Minutes", *MINUTES_RANGE, default, key=f"{form}_minutes")
        with a:
            messages.under("minutes")
        must = b.checkbox("Must ask", key=f"{form}_must")
        keep = st.checkbox("Also keep it in my question bank", key=f"{form}_keep")
        category = ui.menu(st, "Bank category", CATEGORIES, key=f"{form}_category")
        messages.under("bank_category")
        added = st.form_submit_button("Add to the plan", type="primary")
        messages.summary()
    if added:
        kept, minutes = category if keep else None, int(minutes)
        add = partial(questions.add_written_question, store, interview, text, facts=plan.facts)
        add = partial(add, minutes=minutes, must_ask=must, bank_category=kept)
        announce(ui.submit(add, messages=messages, form=f"plan_own_{interview}"))


def introduction(plan: questions.PlanView) -> None:
    st.subheader("Your introduction")
    st.caption(guidance.text("questions.introduction_help"))
    messages, interview = ui.FieldMessages(), plan.meeting.interview_id
    background = st.text_input(
        "Who you are, in a sentence",
        plan.background,
        placeholder=BACKGROUND_HINT,
        key="plan_me_background",
    )
    messages.under("background")
    drafted = plan.drafted_introduction(background)
    box = ui.DraftArea(f"plan_intro_{interview}", saved=plan.introduction, drafted=drafted)
    text = box.area("Introduction (edit freely)", height=110)
    messages.under("introduction")
    buttons = st.container(horizontal=True)
    save = buttons.button("Save the introduction", key="plan_intro_save", type="primary")
    buttons.button("Draft it again", key="plan_intro_redraft", on_click=box.redraft)
    messages.summary()
    if save:
        started = box.based_on
        saving = partial(questions.save_introduction, store, interview, text, based_on=started)

        def save_it() -> None:
            saving(background=background)
            box.saved_as(text)

        ui.submit(save_it, messages=messages, done="Saved the introduction.")
        if plan.saved_elsewhere(started, text):
            label = "Load the saved introduction"
            st.button(label, key="plan_intro_load_saved", on_click=box.load_saved)
    box.unsaved_note(text)


def print_it(plan: questions.PlanView) -> None:
    st.subheader("Print it")
    downloads, interview = st.container(horizontal=True), plan.meeting.interview_id
    for kind, label, mime, icon in SHEETS:
        data = partial(questions.render_sheet, plan.sheet, kind)
        name, key = questions.sheet_filename(plan.sheet, kind), f"sheet_{kind}"
        downloads.download_button(label, data, name, mime, key, on_click="ignore", icon=icon)
    with st.expander("Minutes a new question starts with"):
        key, default = f"plan_minutes_default_{interview}", plan.minutes_per_question
        minutes = int(st.number_input("Minutes per question", *MINUTES_RANGE, default, key=key))
        if st.button("Save", key="plan_minutes_save"):
            save = partial(questions.save_minutes_per_question, store, interview, minutes)
            # The "Write your own" form starts again, from the new minutes.
            done = f"New questions now start with {minutes} minutes."
            ui.submit(save, form=f"plan_own_{interview}", done=done)


# -- the interview day ------------------------------------------------------------------


def day_question(index: int, question) -> None:
    key, this = f"day_{question.id}", question.id
    must = " :orange-badge[must ask]" if question.must_ask else ""
    saves = ui.saves(f"{key}_asked", partial(interview_day.set_asked, store, this))
    st.checkbox(f"{index + 1}. {ui.md(question.text)}{must}", question.asked, **saves)
    save = partial(interview_day.save_answer_notes, store, this)
    ui.autosave_text_area(
        "Notes",
        value=question.answer_notes,
        key=f"{key}_notes",
        on_save=save,
        record=f"plan-question-{this}-notes",
    )


def draw_day(day: interview_day.DayView) -> None:
    interview = day.meeting.interview_id
    st.markdown(day.meeting.summary())
    st.caption(guidance.text("questions.day_intro"))
    if day.introduction:
        st.container(border=True).markdown(f"**Introduce yourself**\n\n{ui.md(day.introduction)}")
    if not day.questions:
        st.info("No questions planned for this meeting; the Plan tab builds a list.")
    for index, question in enumerate(day.questions):
        with st.container(border=True):
            day_question(index, question)
    ui.autosave_text_area(
        "General notes",
        value=day.meeting.general_notes,
        key=f"day_{interview}_general",
        on_save=partial(interview_day.save_interview_notes, store, interview),
        record=f"interview-{interview}-notes",
        placeholder=NOTES_HINT,
        height=140,
    )
    st.markdown("**They mentioned someone**")
    st.caption(guidance.text("questions.mentioned_help"))
    add = partial(interview_day.add_mentioned_contact, store, interview, today=ui.today())
    ui.referral_form(
        add,
        day.suggested,
        day.meeting.contact_name,
        form=f"mention_{interview}",
        button="Add to my contacts",
        links_caption="Suggested in this conversation:",
    )
    if day.done:
        st.success("This interview is done.", icon=":material/task_alt:")
    elif st.button("Mark the interview done", type="primary", icon=":material/task_alt:"):
        done = partial(interview_day.mark_done, store, interview, now=datetime.now(UTC))
        ui.submit(done, done=day.meeting.done_sentence())


# -- the question bank ------------------------------------------------------------------


def question_form(form: str, entry=None) -> None:
    """The form that edits the bank question ``entry`` or, without one, adds one."""
    messages = ui.FieldMessages()
    category, tiara = (entry.category, entry.tiara) if entry else (None, None)
    with st.form(form, enter_to_submit=False):
        text = st.text_input("Question", entry.text if entry else "", key=f"{form}_text")
        messages.under("text")
        x, y = st.columns(2)
        category = ui.menu(x, "Category", CATEGORIES, key=f"{form}_category", chosen=category)
        tiara = ui.menu(y, "TIARA", TIARAS, key=f"{form}_tiara", chosen=tiara)
        if entry is None:
            sent = st.form_submit_button("Add to my bank", type="primary")
        else:
            sent = ui.submit_button("Save changes", form=form, type="primary")
        messages.summary()
    draft = QuestionDraft(text, category, tiara)
    if entry is None:
        if sent:
            add = partial(question_bank.add_question, store, draft)
            announce(ui.submit(add, messages=messages, form="bank_new"))
        return
    for warning in question_bank.warnings(text):
        st.caption(warning_line(warning, rewrite=False))
    if sent:
        edit = partial(question_bank.edit_question, store, entry.ref, draft)
        done = "Saved the question. Plans that already hold it keep their wording."
        ui.submit(partial(edit, expected_version=entry.version), messages=messages, done=done)
    retire = not entry.retired
    label = "Retire it" if retire else "Bring it back"
    if st.button(label, key="bank_retire", icon=":material/archive:"):
        set_retired = partial(question_bank.set_retired, store, entry.ref, retire)
        ui.submit(set_retired, done=question_bank.retired_sentence(retire))


def draw_bank() -> None:
    st.markdown(guidance.text("questions.bank_intro"))
    filters, toggle = st.columns([7, 1], vertical_alignment="bottom")
    with filters:
        (category, tiara), search = ui.filter_bar(BANK_FILTERS, search="Search", key="bank_search")
    retired = toggle.toggle("Retired", key="bank_retired", help="Show retired questions")
    filtered = {"category": category, "tiara": tiara, "search": search}
    bank = question_bank.load(store, **filtered, include_retired=retired)
    # The rows in their order: an edit elsewhere that keeps them keeps the selection.
    key = ui.list_key("bank_table", [f"{e.ref}:{e.retired}" for e in bank.listed])
    rows = bank_rows(bank.listed, key=key, height=380, full=True)
    st.caption(bank.caption())
    entry = bank.listed[rows[0]] if rows else None
    edit, record = "", "bank_edit_"  # no row: any bank form sent was for another list
    if entry is not None:
        record = f"bank_edit_{entry.ref}~"
        edit = f"{record}{entry.version}"  # one set of fields per question and version
    ui.say_if_outdated(edit, record, "question")
    if entry is not None:
        with st.container(border=True):
            question_form(edit, entry)
    with st.expander("Add a question to my bank", icon=":material/add:"):
        question_form(ui.form_key("bank_new"))


# -- the page ---------------------------------------------------------------------------

store = ui.page("Questions")
st.title("Questions")
st.markdown(guidance.text("questions.intro"))
labels = questions.load(store).labels
chosen = ui.record_menu(
    "Meeting", labels, param="interview", current_key=CURRENT, menu_key=SELECTED
)
if chosen is None:
    st.info(guidance.text("questions.no_interviews"), icon=":material/lightbulb:")
    st.page_link("pages/3_Contacts.py", label="Open Contacts", icon=":material/group:")

tabs = st.tabs(["Plan", "Interview day", "Question bank"], key=VIEW, bind="query-params")
plan_tab, day_tab, bank_tab = tabs
# Every tab is drawn on every run: a tab left undrawn would drop what was typed in it.
with plan_tab:
    if chosen is None:
        st.caption("Plans belong to meetings: schedule one first.")
    else:
        plan = questions.load_plan(store, interview_id=chosen)
        plan_header(plan)
        st.subheader("The questions, in order")
        st.caption(guidance.text("questions.plan_help"))
        for index, question in enumerate(plan.questions):
            with st.container(border=True):
                planned_question(plan, index, question)
        if not plan.questions:
            st.info("No questions yet: pick some from the bank or write your own below.")
        add_questions(plan)
        introduction(plan)
        print_it(plan)
with day_tab:
    if chosen is None:
        st.caption("The interview day opens once a meeting is scheduled.")
    else:
        draw_day(interview_day.load(store, interview_id=chosen))
with bank_tab:
    draw_bank()
