"""The Questions page under AppTest: correcting a plan (rewording a question, applying
a lint rewrite, removing with Undo), labelled icon buttons, the keyboard-usable bank
list, and what follows marking an interview done."""

from __future__ import annotations

from planner.steps import questions
from planner.store import Database

from .apptest_helpers import click, fill, message_after, open_page, unescape
from .test_pages_questions import PAGE, meeting, own, plan_texts, texts


def planned(path, interview):
    with Database(path) as db:
        store = db.session()
        return store.plans.questions(store.plans.interview(interview).plan_id)


def reword_form(path, interview, index: int = 0) -> str:
    question = planned(path, interview)[index]
    return f"pq_{question.id}_text~{question.version}"


def open_reword(at, path, interview, index: int = 0):
    question = planned(path, interview)[index]
    next(b for b in at.button if b.key == f"pq_{question.id}_edit").click().run()
    assert not at.exception
    return reword_form(path, interview, index)


def test_a_planned_question_is_reworded_in_place(planner_file):
    interview = meeting(planner_file)
    at = open_page(PAGE)
    own(at, "How did you start?", minutes=5, must=True)
    own(at, "What does a normal week look like?")
    form = open_reword(at, planner_file, interview)
    fill(at, form, text="How did  you get your first role?")
    click(at, "Save wording")
    assert plan_texts(planner_file, interview) == [
        "How did you get your first role?",
        "What does a normal week look like?",
    ]
    first = planned(planner_file, interview)[0]
    assert (first.minutes, first.must_ask) == (5, True), "only the wording changed"
    assert "Saved the new wording." in texts(at)
    assert not [b for b in at.button if b.label == "Save wording"], "the editor closed"


def test_an_empty_or_repeated_wording_is_refused_under_the_field(planner_file):
    interview = meeting(planner_file)
    at = open_page(PAGE)
    own(at, "How did you start?")
    own(at, "What does a normal week look like?")
    form = open_reword(at, planner_file, interview)
    fill(at, form, text="   ")
    click(at, "Save wording")
    assert "Write the question." in unescape(message_after(at, f"{form}_text"))
    fill(at, form, text="what does a normal week look like")
    click(at, "Save wording")
    assert "already in the plan" in unescape(message_after(at, f"{form}_text"))
    assert plan_texts(planner_file, interview)[0] == "How did you start?"


def test_a_wording_changed_in_another_window_is_not_saved_over(planner_file):
    interview = meeting(planner_file)
    at = open_page(PAGE)
    own(at, "How did you start?")
    form = open_reword(at, planner_file, interview)
    fill(at, form, text="Mine")
    question = planned(planner_file, interview)[0]
    with Database(planner_file) as db:
        questions.edit_question_text(
            db.session(), question.id, "Theirs?", expected_version=question.version
        )
    click(at, "Save wording")
    assert "changed in another window" in texts(at)
    assert plan_texts(planner_file, interview) == ["Theirs?"]


def test_a_lint_rewrite_is_applied_in_one_click_and_the_lint_runs_again(planner_file):
    interview = meeting(planner_file)
    at = open_page(PAGE)
    own(at, "What is the starting salary here?")
    warnings = " ".join(w.value for w in at.warning)
    assert "Questions about pay" in warnings, "the warning is a readable warning box"
    [use] = [b for b in at.button if b.label.startswith("Use “How does progression")]
    use.click().run()
    assert plan_texts(planner_file, interview) == [
        "How does progression usually work in this field?"
    ]
    assert "Questions about pay" not in texts(at)
    assert not [b for b in at.button if b.label.startswith("Use “")]


def test_a_removed_question_comes_back_in_place_with_undo(planner_file):
    interview = meeting(planner_file, minutes=60)
    at = open_page(PAGE)
    own(at, "How did you start?")
    own(at, "What does a normal week look like?", minutes=7, must=True)
    own(at, "Who else should I talk to?")
    middle = planned(planner_file, interview)[1]
    next(b for b in at.button if b.key == f"pq_{middle.id}_remove").click().run()
    assert plan_texts(planner_file, interview) == [
        "How did you start?",
        "Who else should I talk to?",
    ]
    assert "Removed “What does a normal week look like?” from the plan." in texts(at)
    click(at, "Undo")
    assert plan_texts(planner_file, interview) == [
        "How did you start?",
        "What does a normal week look like?",
        "Who else should I talk to?",
    ]
    back = planned(planner_file, interview)[1]
    assert (back.minutes, back.must_ask) == (7, True)
    assert "Put the question back where it was." in texts(at)
    assert not [b for b in at.button if b.label == "Undo"]


def test_icon_buttons_are_labelled_with_the_question_they_act_on(planner_file):
    interview = meeting(planner_file)
    at = open_page(PAGE)
    own(at, "What surprised you most when you moved into research?")
    [question] = planned(planner_file, interview)
    labels = {b.key: unescape(b.label) for b in at.button if b.key}
    name = "“What surprised you most when you moved…”"
    assert labels[f"pq_{question.id}_up"] == f"Move {name} up"
    assert labels[f"pq_{question.id}_down"] == f"Move {name} down"
    assert labels[f"pq_{question.id}_remove"] == f"Remove {name}"
    assert "arrow_upward" not in texts(at)


def test_fit_coverage_is_said_in_words_not_icon_names(planner_file):
    meeting(planner_file)  # its goal asks every fit question
    at = open_page(PAGE)
    own(at, "What skills helped you succeed?")
    shown = " ".join(m.value for m in at.markdown)
    assert ":green-badge[covered] Could I succeed there?" in shown
    assert ":gray-badge[not yet] Where does it lead?" in shown
    assert ":material/" not in shown
