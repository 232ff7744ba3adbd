"""Step 4, Questions: each interview's plan and sheet, the interview day, the question bank."""

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
REMOVED = "questions_removed"  # the question last removed from a plan, for Undo
TIARA_HELP = guidance.text("method.tiara")  # what the five elements are
CATEGORIES, TIARAS = QUESTION_CATEGORIES, {"": "None", **TIARA}
BANK_FILTERS = [
    ("Category", CATEGORIES, "Every category", "bank_category"),
    ("TIARA", TIARA, "Any element", "bank_tiara", TIARA_HELP),
]
COVERED = {True: ":green-badge[covered]", False: ":gray-badge[not yet]"}  # words, not icons


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
            ui.command_button("Move it to the end", key.format("move"), move, where=box)
        elif (entry := plan.referral_suggestion) is not None:
            add = partial(questions.add_referral_question, store, plan.meeting.interview_id, entry)
            label = f"Add “{ui.md(entry.text)}” at the end"
            ui.command_button(label, key.format("add"), add, where=box)
    if plan.coverage is None:
        st.caption(guidance.text("questions.no_goal"))
    elif plan.coverage:
        st.markdown("**The goal's fit questions this plan covers**")
        for cell, fit in zip(st.columns(len(plan.coverage)), plan.coverage, strict=True):
            cell.markdown(f"{COVERED[fit.covered]} {fit.question}")
        if not all(fit.covered for fit in plan.coverage):
            st.caption("The Fit category in the bank has questions for each of these.")


def planned_question(plan: questions.PlanView, index: int, question) -> None:
    # One row, not four columns: a plan's rows are most of the page's elements.
    row = st.container(horizontal=True, vertical_alignment="center", wrap=False)
    text, minutes, must, moves = row.container(width="stretch"), row, row, row
    key, this, name = f"pq_{question.id}", question.id, questions.question_name(question.text)
    badge = " :orange-badge[drop first]" if plan.drop_first(index) else ""
    shown = f"**{index + 1}.** {ui.md(question.text)}{badge}"
    reword = partial(questions.edit_question_text, store, this, expected_version=question.version)
    ui.editable_line(
        text, shown, question.text, key=key, version=question.version, save=reword, name=name
    )
    saves = ui.saves(f"{key}_minutes", partial(questions.set_minutes, store, this))
    minutes.number_input("Minutes", *MINUTES_RANGE, value=question.minutes, width=120, **saves)
    saves = ui.saves(f"{key}_must", partial(questions.set_must_ask, store, this))
    must.checkbox("Must ask", question.must_ask, **saves)
    move, remove = partial(questions.move_question, store, this), partial(remove_question, this)
    count = len(plan.questions)
    ui.order_buttons(moves, key=key, index=index, count=count, move=move, remove=remove, name=name)
    for warning in plan.warnings[question.id]:
        rewrite, fix = warning.rewrite, f"{key}_rewrite_{warning.rule}"
        ui.warning_with_rewrite(warning.message, rewrite, key=fix, apply=reword)


def remove_question(question_id: int) -> None:
    """Take the question out of the plan and keep it for Undo (until the next removal)."""
    st.session_state[REMOVED] = questions.remove_question(store, question_id)


def undo_box(plan: questions.PlanView) -> None:
    """After a removal from this plan: what went, and Undo, which puts it back in place."""
    removed = st.session_state.get(REMOVED)
    if removed is not None and plan.plan is not None and removed.plan_id == plan.plan.id:
        undo, done = partial(questions.undo_removal, store, removed), questions.PUT_BACK
        sentence, key = questions.removed_sentence(removed), "plan_undo_remove"
        ui.undo_notice(sentence, key=key, undo=undo, forget=REMOVED, done=done)


def add_questions(plan: questions.PlanView) -> None:
    """Questions picked from the bank (its tick list, the page's longest part, built only
    while open), or written here."""
    interview = plan.meeting.interview_id
    for _ in ui.while_open(
        "Add from the bank", icon=":material/playlist_add:", key="plan_bank_open"
    ):
        where, key = st.columns([1, 2])[0], "plan_bank_category"
        category = ui.menu(where, "Category", CATEGORIES, key=key, everything="Every category")
        offered = plan.offered(category)
        # A new list starts unticked: a tick never points at a question that moved.
        key = ui.list_key("plan_bank_pick", [e.ref for e in offered])
        label = questions.bank_entry_label
        picked = ui.tick_list(offered, key=key, group=lambda e: e.category_label, label=label)
        label = f"Add {len(picked)} ticked to the plan" if picked else "Tick questions to add"
        if st.button(label, disabled=not picked, type="primary", key="plan_bank_add"):
            add = partial(questions.add_from_bank, store, interview, picked)
            ui.submit(add, done=questions.added_sentence(len(picked)))
    st.markdown("**Write your own**")
    form = ui.form_key(f"plan_own_{interview}")  # one form per meeting
    f, default = ui.FormFields(form, category="bank_category"), plan.minutes_per_question
    with f.form("Add to the plan", type="primary"):
        text = f.text(st, "Your question", "text", placeholder="What…? How…? Which…?")
        a, b = st.columns(2)
        minutes = f.draw(a, "number_input", "Minutes", "minutes", *MINUTES_RANGE, default)
        must = b.checkbox("Must ask", key=f"{form}_must")
        keep = st.checkbox("Also keep it in my question bank", key=f"{form}_keep")
        category = f.menu(st, "Bank category", CATEGORIES, None, "category")
    if f.sent:
        kept, minutes = category if keep else None, int(minutes)
        add = partial(questions.add_written_question, store, interview, text, facts=plan.facts)
        add = partial(add, minutes=minutes, must_ask=must, bank_category=kept)
        ui.announce(ui.submit(add, messages=f, form=f"plan_own_{interview}"))


def introduction(plan: questions.PlanView) -> None:
    st.subheader("Your introduction")
    st.caption(guidance.text("questions.introduction_help"))
    f, interview = ui.FormFields("plan_me"), plan.meeting.interview_id
    label, hint = "Who you are, in a sentence", questions.BACKGROUND_HINT
    background = f.text(st, label, "background", plan.background, placeholder=hint)
    drafted = plan.drafted_introduction(background)
    box = ui.DraftArea(f"plan_intro_{interview}", saved=plan.introduction, drafted=drafted)
    save = partial(questions.save_introduction, store, interview, background=background)
    label = "Introduction (edit freely)"
    box.edit(label, "introduction", save, messages=f, keys="plan_intro", height=110)


def print_it(plan: questions.PlanView) -> None:
    st.subheader("Print it")
    downloads, interview = st.container(horizontal=True), plan.meeting.interview_id
    for kind, label, mime, icon in questions.SHEETS:
        data = partial(questions.render_sheet, plan.sheet, kind)
        name, key = questions.sheet_filename(plan.sheet, kind), f"sheet_{kind}"
        ui.download_button(downloads, label, data, name, mime, key=key, icon=icon)
    for _ in ui.while_open("Minutes a new question starts with", key="plan_minutes_open"):
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
    notes, record = question.answer_notes, f"plan-question-{this}-notes"
    ui.autosave_text_area("Notes", value=notes, key=f"{key}_notes", on_save=save, record=record)


def draw_day(day: interview_day.DayView) -> None:
    interview = day.meeting.interview_id
    st.markdown(day.meeting.summary())
    st.caption(guidance.text("questions.day_intro"))
    if day.introduction:
        st.container(border=True).markdown(f"**Introduce yourself**\n\n{ui.md(day.introduction)}")
    if not day.questions:
        st.info("No questions planned for this meeting; the Plan tab builds a list.")
    ui.boxed(day.questions, day_question)
    save = partial(interview_day.save_interview_notes, store, interview)
    general = {"key": f"day_{interview}_general", "record": f"interview-{interview}-notes"}
    general |= {"value": day.meeting.general_notes, "height": 140}
    general["placeholder"] = interview_day.NOTES_HINT
    ui.autosave_text_area("General notes", on_save=save, **general)
    st.markdown("**They mentioned someone**")
    st.caption(guidance.text("questions.mentioned_help"))
    add = partial(interview_day.add_mentioned_contact, store, interview, today=ui.today())
    form, button = f"mention_{interview}", "Add to my contacts"
    links = "Suggested in this conversation:"
    who = day.meeting.contact_name
    ui.referral_form(add, day.suggested, who, form=form, button=button, links_caption=links)
    if day.done:  # what comes next, one click away
        st.success("This interview is done.", icon=":material/task_alt:")
        link = {"query_params": {"interview": str(interview)}, "icon": ":material/edit_note:"}
        st.page_link("pages/5_Reflect.py", label="Write the reflection on it", **link)
    elif st.button("Mark the interview done", type="primary", icon=":material/task_alt:"):
        done = partial(interview_day.mark_done, store, interview, now=datetime.now(UTC))
        ui.submit(done, done=day.meeting.done_sentence())


# -- the question bank ------------------------------------------------------------------


def question_form(form: str, entry=None) -> None:
    """The form that edits the bank question ``entry`` or, without one, adds one."""
    f, button = ui.FormFields(form), "Add to my bank" if entry is None else "Save changes"
    category, tiara = (entry.category, entry.tiara) if entry else (None, None)
    with f.form(button, versioned=entry is not None, type="primary"):
        text = f.text(st, "Question", "text", entry.text if entry else "")
        x, y = st.columns(2)
        category = ui.menu(x, "Category", CATEGORIES, key=f"{form}_category", chosen=category)
        tiara = ui.menu(y, "TIARA", TIARAS, key=f"{form}_tiara", chosen=tiara, help=TIARA_HELP)
    draft = QuestionDraft(text, category, tiara)
    if entry is None:
        if f.sent:
            add = partial(question_bank.add_question, store, draft)
            ui.announce(ui.submit(add, messages=f, form="bank_new"))
        return
    for warning in question_bank.warnings(text):
        st.warning(ui.warning_line(warning.message), icon=":material/warning:")
    if f.sent:
        edit = partial(question_bank.edit_question, store, entry.ref, draft)
        done = "Saved the question. Plans that already hold it keep their wording."
        ui.submit(partial(edit, expected_version=entry.version), messages=f, done=done)
    retire, label = not entry.retired, "Bring it back" if entry.retired else "Retire it"
    if st.button(label, key="bank_retire", icon=":material/archive:"):
        set_retired = partial(question_bank.set_retired, store, entry.ref, retire)
        ui.submit(set_retired, done=question_bank.retired_sentence(retire))


def draw_bank() -> None:
    st.markdown(guidance.text("questions.bank_intro"), help=guidance.text("method.tiara"))
    filters, toggle = st.columns([7, 1], vertical_alignment="bottom")
    with filters:
        (category, tiara), search = ui.filter_bar(BANK_FILTERS, search="Search", key="bank_search")
    retired = toggle.toggle("Retired", key="bank_retired", help="Show retired questions")
    filtered = {"category": category, "tiara": tiara, "search": search}
    bank = question_bank.load(store, **filtered, include_retired=retired)
    # The rows in their order: an edit elsewhere that keeps them keeps the selection.
    key = ui.list_key("bank_table", [f"{e.ref}:{e.retired}" for e in bank.listed])
    columns = question_bank.table_columns(bank.listed, full=True)
    rows = ui.table_rows(columns, key=key, height=380, ticks=["Retired"])
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
    for _ in ui.while_open("Add a question to my bank", icon=":material/add:", key="bank_add_open"):
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
# The plan and the interview day are always built: what is typed in them (a name they
# mention, mid-interview) outlives a look at the other tab. The bank is built only while
# open (the URL says which tab is).
with plan_tab:
    if chosen is None:
        st.caption("Plans belong to meetings: schedule one first.")
    else:
        plan = questions.load_plan(store, interview_id=chosen)
        plan_header(plan)
        st.subheader("The questions, in order")
        st.caption(guidance.text("questions.plan_help"))
        undo_box(plan)
        ui.boxed(plan.questions, partial(planned_question, plan))
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
if bank_tab.open:
    with bank_tab:
        draw_bank()
