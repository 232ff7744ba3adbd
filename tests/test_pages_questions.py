"""The Questions page under AppTest: building a plan, its warnings, the bank, the day view."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from planner import demo
from planner.contacts import ContactDraft
from planner.goals import GoalDraft
from planner.meetings import MeetingDraft
from planner.question_bank import shipped_bank
from planner.store import Database
from planner.text import inert_markdown

from .apptest_helpers import (
    autosave_status,
    browser_types,
    click,
    fill,
    message_after,
    open_page,
    open_section,
    unescape,
)
from .conftest import TODAY

PAGE = "pages/4_Questions.py"
VIEW = "questions_view"


def meeting(path, *, minutes=20, on=date(2030, 1, 15), name="Priya Raman", goal=True) -> int:
    """A contact with one scheduled meeting; returns the interview id."""
    with Database(path) as db:
        store = db.session()
        goal_ids = []
        if goal:
            goal_ids = [store.goals.add(GoalDraft(title=f"Explore research {name}"), today=TODAY)]
        contact = store.contacts.add(ContactDraft(name=name, goal_ids=goal_ids), today=TODAY)
        return store.meetings.schedule(
            MeetingDraft(
                contact,
                on,
                time(16),
                "UTC",
                duration_minutes=minutes,
                goal_id=goal_ids[0] if goal_ids else None,
            ),
            now=datetime.combine(on, time(), UTC) - timedelta(days=30),  # booked a month ahead
        )


def plan_texts(path, interview) -> list[str]:
    with Database(path) as db:
        store = db.session()
        item = store.plans.interview(interview)
        return [] if item.plan_id is None else [q.text for q in store.plans.questions(item.plan_id)]


def texts(at) -> str:
    kinds = ("markdown", "caption", "warning", "info", "success", "error")
    shown = [e.value for kind in kinds for e in at.get(kind)]
    shown += [bar.proto.text for bar in at.get("progress")]
    return unescape(" ".join(shown))


def own_form(at) -> str:
    """The key prefix of the open meeting's "Write your own" form."""
    interview = at.session_state["questions_current"]
    saves = at.session_state.get(f"form_saves:plan_own_{interview}", 0)
    return f"plan_own_{interview}_{saves}"


def own(at, text: str, minutes: int | None = 3, must: bool = False):
    prefix = own_form(at)
    fill(at, prefix, text=text, **({} if minutes is None else {"minutes": minutes}))
    if must:
        next(c for c in at.checkbox if c.key == f"{prefix}_must").check()
    return click(at, "Add to the plan")


def test_an_empty_planner_points_to_contacts_and_still_shows_the_bank(planner_file):
    at = open_page(PAGE)
    assert "No meetings yet" in texts(at)
    at.session_state[VIEW] = "Question bank"
    at.run()
    assert not at.exception
    [table] = [d for d in at.dataframe if d.key.startswith("bank_table")]
    assert len(table.value) == len(shipped_bank())


def test_a_plan_is_built_from_my_own_questions_in_order(planner_file):
    interview = meeting(planner_file)
    at = open_page(PAGE)
    own(at, "How did you move into research?", must=True)
    own(at, "What does a normal week look like?")
    assert plan_texts(planner_file, interview) == [
        "How did you move into research?",
        "What does a normal week look like?",
    ]
    assert "Added to the plan." in texts(at)
    assert "8 of 20 minutes planned" in texts(at)


def test_a_plan_longer_than_the_meeting_says_what_to_drop_first(planner_file):
    meeting(planner_file, minutes=20)
    at = open_page(PAGE)
    own(at, "How did you move into research?", minutes=10, must=True)
    own(at, "What would you read in my place?", minutes=4)
    own(at, "What does a normal week look like?", minutes=6)
    shown = texts(at)
    assert "The plan runs 2 minutes over the 20-minute meeting" in shown
    assert "Drop these first: question 3." in shown
    assert "drop first" in shown


def test_the_missing_referral_question_is_warned_about_and_added_in_one_click(planner_file):
    interview = meeting(planner_file)
    at = open_page(PAGE)
    own(at, "How did you move into research?")
    assert "No question near the end asks whom else to talk to" in texts(at)
    [add] = [b for b in at.button if b.label.startswith("Add “Who else")]
    add.click().run()
    assert "No question near the end" not in texts(at)
    assert plan_texts(planner_file, interview)[-1].startswith("Who else")


def test_a_referral_question_too_early_is_moved_to_the_end(planner_file):
    interview = meeting(planner_file, minutes=60)
    at = open_page(PAGE)
    for question in (
        "Who else should I talk to?",
        "How did you move into research?",
        "What does a normal week look like?",
        "What would you read in my place?",
        "Which skills took longest to build?",
    ):
        own(at, question)
    assert "is not among the last three" in texts(at)
    click(at, "Move it to the end")
    assert plan_texts(planner_file, interview)[-1] == "Who else should I talk to?"


def test_bad_or_repeated_questions_are_refused_next_to_the_field(planner_file):
    interview = meeting(planner_file)
    at = open_page(PAGE)
    own(at, "   ")
    assert "Write the question." in unescape(message_after(at, f"{own_form(at)}_text"))
    own(at, "How did you start?")
    own(at, "how did you start")
    assert "already in the plan" in unescape(message_after(at, f"{own_form(at)}_text"))
    assert plan_texts(planner_file, interview) == ["How did you start?"]


def bank_ticks(at) -> list:
    """The checkboxes of the bank list on the Plan tab, in the list's order (the list is
    built once "Add from the bank" is open)."""
    ticks = [c for c in at.checkbox if (c.key or "").startswith("plan_bank_pick")]
    if not ticks:
        open_section(at, "plan_bank_open")
        ticks = [c for c in at.checkbox if (c.key or "").startswith("plan_bank_pick")]
    return ticks


def test_questions_ticked_in_the_bank_list_join_the_plan_in_the_lists_order(planner_file):
    interview = meeting(planner_file)
    at = open_page(PAGE)
    bank = shipped_bank()
    ticks = bank_ticks(at)
    assert len(ticks) == len(bank), "every bank question has a checkbox, no data grid"
    assert not [d for d in at.dataframe if d.key.startswith("plan_bank")]
    assert next(e.label for e in at.expander if e.key != "plan_bank_open").startswith("Career")
    ticks[2].check()
    ticks[0].check().run()
    click(at, "Add 2 ticked to the plan")
    assert plan_texts(planner_file, interview) == [bank[0].text, bank[2].text]
    assert "Added 2 questions to the plan." in texts(at)


def test_lint_warnings_and_rewrites_show_under_a_question(planner_file):
    meeting(planner_file)
    at = open_page(PAGE)
    own(at, "What is the starting salary here?")
    shown = texts(at)
    assert "Questions about pay" in shown and "Try: *How does progression usually work" in shown


def test_moving_and_must_ask_are_saved(planner_file):
    interview = meeting(planner_file)
    at = open_page(PAGE)
    own(at, "How did you start?")
    own(at, "What does a normal week look like?")
    with Database(planner_file) as db:
        store = db.session()
        first = store.plans.questions(store.plans.interview(interview).plan_id)[0].id
    next(b for b in at.button if b.key == f"pq_{first}_down").click().run()
    assert plan_texts(planner_file, interview) == [
        "What does a normal week look like?",
        "How did you start?",
    ]
    next(c for c in at.checkbox if c.key == f"pq_{first}_must").check().run()
    with Database(planner_file) as db:
        store = db.session()
        saved = store.plans.questions(store.plans.interview(interview).plan_id)
    assert [q.must_ask for q in saved] == [False, True]


def test_user_text_in_a_plan_is_shown_literally(planner_file):
    meeting(planner_file, name="<b>Ann</b> **Bold**")
    at = open_page(PAGE)
    own(at, "How does **this** <i>work</i> [here](http://x.example)?")
    rendered = " ".join(m.value for m in at.markdown)
    assert (
        inert_markdown("**this**") in rendered
        and inert_markdown("<i>") in rendered
        and inert_markdown("[here]") in rendered
    )
    assert "<b>Ann</b>" not in rendered


def test_the_introduction_is_drafted_edited_and_saved(planner_file):
    interview = meeting(planner_file)
    at = open_page(PAGE)
    intro = next(t for t in at.text_area if t.key == f"plan_intro_{interview}")
    assert intro.value.startswith("Thank you for making time, Priya.")
    intro.input("Hello Priya, I teach chemistry.").run()
    assert "Not saved yet." in texts(at)
    click(at, "Save the introduction")
    with Database(planner_file) as db:
        store = db.session()
        assert store.plans.get(store.plans.interview(interview).plan_id).introduction == (
            "Hello Priya, I teach chemistry."
        )


def test_an_introduction_saved_in_another_window_is_not_overwritten(planner_file):
    interview = meeting(planner_file)
    mine, theirs = open_page(PAGE), open_page(PAGE)
    key = f"plan_intro_{interview}"
    next(t for t in theirs.text_area if t.key == key).input("Theirs: hello Priya.").run()
    click(theirs, "Save the introduction")
    next(t for t in mine.text_area if t.key == key).input("Mine: hi Priya.").run()
    click(mine, "Save the introduction")
    assert "changed in another window" in unescape(message_after(mine, key))
    assert next(t for t in mine.text_area if t.key == key).value == "Mine: hi Priya.", "kept"
    with Database(planner_file) as db:
        store = db.session()
        plan = store.plans.get(store.plans.interview(interview).plan_id)
        assert plan.introduction == "Theirs: hello Priya."
    click(mine, "Load the saved introduction")
    assert next(t for t in mine.text_area if t.key == key).value == "Theirs: hello Priya."
    next(t for t in mine.text_area if t.key == key).input("Mine, after reading theirs.").run()
    click(mine, "Save the introduction")
    with Database(planner_file) as db:
        store = db.session()
        plan = store.plans.get(store.plans.interview(interview).plan_id)
        assert plan.introduction == "Mine, after reading theirs."


def test_an_untouched_introduction_shows_what_another_window_saved(planner_file):
    interview = meeting(planner_file)
    mine, theirs = open_page(PAGE), open_page(PAGE)
    key = f"plan_intro_{interview}"
    next(t for t in theirs.text_area if t.key == key).input("Theirs: hello Priya.").run()
    click(theirs, "Save the introduction")
    mine.run()
    assert next(t for t in mine.text_area if t.key == key).value == "Theirs: hello Priya."
    assert "Not saved yet." not in texts(mine)


def test_a_link_with_an_interview_id_opens_that_meeting(planner_file):
    meeting(planner_file, name="Priya Raman")
    second = meeting(planner_file, name="Daniel Price", on=date(2030, 2, 1))
    at = open_page(PAGE)
    at.query_params["interview"] = str(second)
    at.run()
    assert at.session_state["questions_interview"] == second
    assert "Daniel Price" in texts(at)


# -- the interview day --------------------------------------------------------------


def open_day(planner_file):
    at = open_page(PAGE)
    at.session_state[VIEW] = "Interview day"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_day_view_saves_notes_and_ticks(planner_file):
    interview = meeting(planner_file)
    with Database(planner_file) as db:
        store = db.session()
        plan = store.plans.plan_for(interview)
        question = store.plans.add_question(plan, "How did you start?")
    at = open_day(planner_file)
    typed = "Support desk first <b>then</b> research.\nAsk about guilds."
    browser_types(at, f"day_{question}_notes", typed)
    assert autosave_status(at, f"day_{question}_notes")["ack"] == "test-1", "shown as saved"
    next(c for c in at.checkbox if c.key == f"day_{question}_asked").check().run()
    browser_types(at, f"day_{interview}_general", "Warm.")
    with Database(planner_file) as db:
        store = db.session()
        [saved] = store.plans.questions(plan)
        assert (saved.answer_notes, saved.asked) == (typed, True)
        assert store.plans.interview(interview).general_notes == "Warm."
    at.run()
    assert autosave_status(at, f"day_{question}_notes")["value"] == typed, "kept after a rerun"


def test_notes_the_planner_cannot_keep_are_marked_not_saved(planner_file):
    interview = meeting(planner_file)
    with Database(planner_file) as db:
        store = db.session()
        store.plans.save_interview_notes(interview, "Before.")
    at = open_day(planner_file)
    key = f"day_{interview}_general"
    browser_types(at, key, "x" * 20_001)
    status = autosave_status(at, key)
    assert status["failed"] == "test-1" and status["ack"] is None
    assert "20,000 characters or fewer" in status["error"]
    with Database(planner_file) as db:
        assert db.session().plans.interview(interview).general_notes == "Before."


def test_notes_typed_in_another_window_are_not_saved_over(planner_file):
    interview = meeting(planner_file)
    mine, theirs = open_day(planner_file), open_day(planner_file)
    key = f"day_{interview}_general"
    browser_types(theirs, key, "Theirs: warm, ask about guilds.")
    # My field was drawn empty and I have not seen their text: mine is refused.
    browser_types(mine, key, "Mine: cold start.", based_on=[""])
    status = autosave_status(mine, key)
    assert status["failed"] == "test-1" and status["ack"] is None
    assert "changed in another window" in status["error"]
    with Database(planner_file) as db:
        notes = db.session().plans.interview(interview).general_notes
    assert notes == "Theirs: warm, ask about guilds."
    # Typing on from their text (after a reload) saves.
    browser_types(mine, key, notes + " Mine too.", based_on=[notes])
    assert autosave_status(mine, key)["ack"] == "test-2"


def test_someone_they_mentioned_becomes_a_contact_referred_by_them(planner_file):
    interview = meeting(planner_file)
    at = open_day(planner_file)
    fill(
        at,
        f"mention_{interview}_0",
        name="Daniel Price",
        role="Head of Research",
        organisation="Northwind",
    )
    click(at, "Add to my contacts")
    assert "Added Daniel Price to your contacts, referred by Priya Raman." in texts(at)
    with Database(planner_file) as db:
        store = db.session()
        [new] = store.plans.mentioned_in(interview)
        new_id = new.contact_id
        person = store.contacts.get(new_id)
    assert (person.referred_by, person.company, person.circle) == (
        "Priya Raman",
        "Northwind",
        "referral",
    )
    click(at, "Add to my contacts")
    assert "Enter the person's name." in unescape(message_after(at, f"mention_{interview}_1_name"))


def test_a_future_meeting_cannot_be_marked_done_a_past_one_can(planner_file):
    future = meeting(planner_file, on=date(2030, 1, 15))
    past = meeting(planner_file, name="Sam Lee", on=date(2021, 3, 1))
    at = open_day(planner_file)
    assert at.session_state["questions_interview"] == past, "waiting to be marked done: first"
    click(at, "Mark the interview done")
    assert "Marked the interview with Sam Lee done." in texts(at)
    [menu] = [s for s in at.selectbox if s.key == "questions_interview"]
    assert menu.format_func(past).endswith("· Done"), "the menu says so in the same run"
    [link] = [x for x in at.get("page_link") if x.proto.label == "Write the reflection on it"]
    assert link.proto.page == "Reflect"
    assert link.proto.query_string == f"interview={past}"
    next(s for s in at.selectbox if s.key == "questions_interview").set_value(future).run()
    click(at, "Mark the interview done")
    assert "mark it done once it has happened" in texts(at)
    with Database(planner_file) as db:
        store = db.session()
        assert store.plans.interview(past).status == "done"
        assert store.plans.interview(future).status == "scheduled"


# -- the bank ---------------------------------------------------------------------------


def open_bank(planner_file):
    at = open_page(PAGE)
    at.session_state[VIEW] = "Question bank"
    at.run()
    return at


def select_in_bank(at, row: int):
    [table] = [d for d in at.dataframe if d.key.startswith("bank_table")]
    at.session_state[table.key] = {"selection": {"rows": [row], "columns": [], "cells": []}}
    at.run()


def edit_form(at) -> str:
    return next(
        t.key[: -len("_text")]
        for t in at.text_input
        if t.key.startswith("bank_edit_") and t.key.endswith("_text")
    )


def test_a_shipped_question_is_edited_and_retired_from_the_bank(planner_file):
    at = open_bank(planner_file)
    select_in_bank(at, 0)
    fill(at, edit_form(at), text="How did you first find this line of work?")
    click(at, "Save changes")
    with Database(planner_file) as db:
        first = db.session().bank.entries()[0]
    assert (first.text, first.origin) == ("How did you first find this line of work?", "edited")
    select_in_bank(at, 0)
    click(at, "Retire it")
    with Database(planner_file) as db:
        assert db.session().bank.entries()[0].retired
    [table] = [d for d in at.dataframe if d.key.startswith("bank_table")]
    assert "How did you first find this line of work?" not in list(table.value["Question"])


def test_my_own_bank_question_is_checked_by_field(planner_file):
    at = open_section(open_bank(planner_file), "bank_add_open")
    click(at, "Add to my bank")
    assert "Write the question." in unescape(message_after(at, "bank_new_0_text"))
    fill(at, "bank_new_0", text="What do you wish you had known in year one?", category="advice")
    click(at, "Add to my bank")
    with Database(planner_file) as db:
        last = db.session().bank.entries()[-1]
    assert (last.text, last.category, last.origin) == (
        "What do you wish you had known in year one?",
        "advice",
        "mine",
    )


@pytest.mark.parametrize("view", ["Plan", "Interview day", "Question bank"])
def test_every_view_works_on_the_demo_planner(planner_file, view):
    with Database(planner_file) as db:
        demo.load_demo(db.session(), today=date.today())
    at = open_page(PAGE)
    at.session_state[VIEW] = view
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    # The meeting held yesterday and not yet marked done comes first.
    assert "Kemi Okoro" in texts(at) or view == "Question bank"


# -- regressions: selections, forms and planners that must not bleed into each other ---------


def test_editing_the_second_question_selected_changes_that_question(planner_file):
    at = open_bank(planner_file)
    select_in_bank(at, 0)
    select_in_bank(at, 1)
    second = shipped_bank()[1]
    assert next(t for t in at.text_input if t.key == f"{edit_form(at)}_text").value == second.text
    fill(at, edit_form(at), text="Looking back, which choice shaped your path most?")
    click(at, "Save changes")
    with Database(planner_file) as db:
        bank = db.session().bank.entries()
    assert bank[0].text == shipped_bank()[0].text, "the first question is untouched"
    assert bank[1].text == "Looking back, which choice shaped your path most?"


def test_a_selection_does_not_survive_a_change_of_filter(planner_file):
    interview = meeting(planner_file)
    at = open_page(PAGE)
    bank_ticks(at)[70].check().run()
    next(s for s in at.selectbox if s.key == "plan_bank_category").set_value("advice").run()
    assert not at.exception
    assert next(b for b in at.button if b.key == "plan_bank_add").disabled, "nothing selected"
    assert plan_texts(planner_file, interview) == []


def test_leaving_the_demo_leaves_its_drafts_behind(planner_file):
    from planner.store import demo_database_path

    own_interview = meeting(planner_file)
    at = open_page("app.py")
    click(at, "Explore a demo planner")
    at.switch_page(PAGE).run()
    demo_key = f"plan_intro_{at.session_state['questions_interview']}"
    next(t for t in at.text_area if t.key == demo_key).input("DEMO INTRODUCTION").run()
    click(at, "Leave the demo")
    at.switch_page(PAGE).run()
    assert at.session_state["questions_interview"] == own_interview
    intro = next(t for t in at.text_area if t.key == f"plan_intro_{own_interview}")
    assert "DEMO" not in intro.value and intro.value.startswith("Thank you for making time")
    assert demo_database_path(planner_file).exists()


def test_the_minutes_setting_reaches_the_next_question_written(planner_file):
    interview = meeting(planner_file)
    at = open_section(open_page(PAGE), "plan_minutes_open")
    next(n for n in at.number_input if n.key == f"plan_minutes_default_{interview}").set_value(6)
    click(at, "Save")
    own(at, "How did you move into research?", minutes=None)
    with Database(planner_file) as db:
        store = db.session()
        [question] = store.plans.questions(store.plans.interview(interview).plan_id)
    assert question.minutes == 6


def test_a_refused_introduction_is_explained_by_its_field_and_saves_nothing(planner_file):
    interview = meeting(planner_file)
    at = open_page(PAGE)
    next(t for t in at.text_input if t.key == "plan_me_background").input("x" * 301).run()
    click(at, "Save the introduction")
    assert "300 characters or fewer" in unescape(message_after(at, "plan_me_background"))
    with Database(planner_file) as db:
        store = db.session()
        assert "me.background" not in store.settings.all()
        assert store.plans.interview(interview).plan_id is None


def test_a_half_typed_mention_stays_with_its_meeting(planner_file):
    first = meeting(planner_file, name="Priya Raman")
    second = meeting(planner_file, name="Daniel Price", on=date(2030, 2, 1))
    at = open_day(planner_file)
    fill(at, f"mention_{first}_0", name="Sam Lee")
    next(s for s in at.selectbox if s.key == "questions_interview").set_value(second).run()
    name = next(t for t in at.text_input if t.key == f"mention_{second}_0_name")
    assert name.value == "", "the other meeting's form starts empty"


def test_the_meeting_stays_open_after_it_is_marked_done(planner_file):
    with Database(planner_file) as db:
        demo.load_demo(db.session(), today=date.today())
    at = open_day(planner_file)
    held = at.session_state["questions_current"]
    assert "Kemi Okoro" in texts(at)
    click(at, "Mark the interview done")
    assert "Marked the interview with Kemi Okoro done." in texts(at)
    assert at.session_state["questions_current"] == held, "the relabelled menu kept it"
    assert "This interview is done." in texts(at)


def test_draft_it_again_uses_a_sentence_typed_just_before_the_one_click(planner_file):
    interview = meeting(planner_file)
    at = open_page(PAGE)
    key = f"plan_intro_{interview}"
    next(t for t in at.text_area if t.key == key).input("My own words, to be replaced.").run()
    background = next(t for t in at.text_input if t.label == "Who you are, in a sentence")
    background.input("I am a ward nurse moving into health-tech product work")  # no run yet
    click(at, "Draft it again")
    intro = next(t for t in at.text_area if t.key == key).value
    assert "I am a ward nurse moving into health-tech product work" in intro
    assert "My own words" not in intro
