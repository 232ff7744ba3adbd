"""The Reflect page under AppTest, correcting what was saved (issue 17): action items
edited and deleted, a gap planned with a due date."""

from __future__ import annotations

from datetime import date, timedelta

from planner.store import Database

from .apptest_helpers import click, fill, unescape
from .test_pages_reflect import aisha, form_key, open_view, texts, topic_prefix


def actions(path):
    with Database(path) as db:
        return db.session().actions.list()


def first_open(path):
    return next(a for a in actions(path) if a.done_on is None)


def press(at, key: str):
    next(b for b in at.button if b.key == key).click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_an_action_item_is_edited_in_place(demo_file):
    at = open_view("Action items")
    action = first_open(demo_file)
    key = f"action_{action.id}_{action.version}"
    press(at, f"edit_{key}")
    due = date.today() + timedelta(days=9)
    fill(at, f"action_{action.id}_{action.version}_edit", title="Call  Daniel", due=due)
    click(at, "Save changes")
    edited = next(a for a in actions(demo_file) if a.id == action.id)
    assert (edited.title, edited.due_on) == ("Call Daniel", due)
    assert "Saved the action item: Call Daniel." in texts(at)
    assert not [b for b in at.button if b.label == "Save changes"]  # the form closed


def test_an_edit_without_a_title_saves_nothing(demo_file):
    at = open_view("Action items")
    action = first_open(demo_file)
    press(at, f"edit_action_{action.id}_{action.version}")
    fill(at, f"action_{action.id}_{action.version}_edit", title="  ")
    click(at, "Save changes")
    assert "Say what you will do." in texts(at)
    assert next(a for a in actions(demo_file) if a.id == action.id) == action


def test_a_due_date_can_be_removed(demo_file):
    at = open_view("Action items")
    action = next(a for a in actions(demo_file) if a.done_on is None and a.due_on)
    prefix = f"action_{action.id}_{action.version}_edit"
    press(at, f"edit_action_{action.id}_{action.version}")
    next(c for c in at.checkbox if c.key == f"{prefix}_undated").check()
    click(at, "Save changes")
    assert next(a for a in actions(demo_file) if a.id == action.id).due_on is None


def test_deleting_an_action_item_asks_first_naming_it(demo_file):
    at = open_view("Action items")
    action = first_open(demo_file)
    key = f"action_{action.id}_{action.version}"
    press(at, f"delete_{key}")
    assert f"Delete the action item '{action.title}'?" in texts(at)
    click(at, "Keep it")
    assert action in actions(demo_file)
    press(at, f"delete_{key}")
    click(at, "Yes, delete it")
    assert action.id not in [a.id for a in actions(demo_file)]
    assert f"Deleted the action item '{action.title}'." in texts(at)


def test_a_skill_gap_becomes_an_action_with_the_title_and_due_date_given(demo_file):
    interview, _ = aisha(demo_file)
    at = open_view("Reflection")
    fill(at, form_key(at), learned_field="Useful.", gaps="SQL")
    click(at, "Save the reflection")
    prefix = next(t.key for t in at.text_input if t.key.startswith("gap_"))[: -len("_title")]
    assert at.text_input(key=f"{prefix}_title").value == "Build up: SQL"
    due = date.today() + timedelta(days=14)
    fill(at, prefix, title="Take an SQL course", due=due)
    click(at, "Add this action")
    with Database(demo_file) as db:
        store = db.session()
        reflection = store.reflections.for_interview(interview)
        planned = store.actions.list(reflection_id=reflection.id)
    assert [(a.title, a.kind, a.due_on) for a in planned] == [
        ("Take an SQL course", "learn_skill", due)
    ]
    assert "Added the action item: Take an SQL course." in unescape(texts(at))


def test_a_thank_you_marked_sent_shows_what_was_sent_not_a_new_draft(demo_file):
    interview, _ = aisha(demo_file)
    at = open_view("Thank-you")
    body_key = next(t.key for t in at.text_area if t.key.endswith("_body"))
    at.text_area(key=body_key).input("Hello Aisha,\n\nThanks for *everything*.\n\nMaya").run()
    click(at, "Mark the thank-you as sent")
    assert not [t for t in at.text_area if t.key.endswith("_body")]  # no draft any more
    assert "Hello Aisha, Thanks for *everything*. Maya" in " ".join(texts(at).split())
    with Database(demo_file) as db:
        [sent] = db.session().outreach.sent(interview_id=interview)
    assert sent.body == "Hello Aisha,\n\nThanks for *everything*.\n\nMaya"


def test_draft_it_again_uses_a_sentence_typed_just_before_the_one_click(demo_file):
    at = open_view("Thank-you")
    prefix = topic_prefix(at)
    body_key = next(t.key for t in at.text_area if t.key.endswith("_body"))
    at.text_area(key=body_key).input("My own words, to be replaced.")
    at.text_input(key=f"{prefix}_advice").input("Shadow a night shift first")  # no run yet
    click(at, "Draft it again from the fields above")
    body = at.text_area(key=body_key).value
    assert "I am taking your advice to heart: Shadow a night shift first." in body
    assert "My own words" not in body


def test_the_conversation_menu_says_a_reflection_exists_right_after_saving_it(demo_file):
    at = open_view("Reflection")
    menu = at.selectbox(key="reflect_interview")
    assert menu.options[menu.index].endswith(" · no reflection yet")
    fill(at, form_key(at), learned_field="Useful.")
    click(at, "Save the reflection")
    menu = at.selectbox(key="reflect_interview")
    assert menu.options[menu.index].startswith("Aisha Khan")
    assert "no reflection yet" not in menu.options[menu.index]


def test_deleting_a_reflection_asks_first_naming_the_conversation(demo_file):
    interview, _ = aisha(demo_file)
    at = open_view("Reflection")
    fill(at, form_key(at), learned_field="Useful.", gaps="SQL")
    click(at, "Save the reflection")
    click(at, "Add this action")
    with Database(demo_file) as db:
        reflection = db.session().reflections.for_interview(interview)
    press(at, f"delete_reflection_{reflection.id}")
    question = next(w.value for w in at.warning if "Delete your reflection" in w.value)
    assert "the conversation with Aisha Khan on" in unescape(question)
    click(at, "Keep it")
    assert not [b for b in at.button if b.label == "Yes, delete it"]  # the question is gone
    with Database(demo_file) as db:
        assert db.session().reflections.for_interview(interview) is not None
    press(at, f"delete_reflection_{reflection.id}")
    click(at, "Yes, delete it")
    with Database(demo_file) as db:
        store = db.session()
        assert store.reflections.for_interview(interview) is None
        [kept] = [a for a in store.actions.list() if a.title == "Build up: SQL"]
    assert kept.reflection_id is None  # the action item stays, no longer tied to it
    menu = at.selectbox(key="reflect_interview")
    assert menu.options[menu.index].endswith(" · no reflection yet")


def test_list_fields_read_names_by_line_and_comma_and_sentences_by_line(demo_file):
    interview, _ = aisha(demo_file)
    at = open_view("Reflection")
    key = form_key(at)
    fill(at, key, learned_field="Useful.", takeaways="Shadow a shift, ask Daniel\nRead <b>up</b>")
    fill(at, key, gaps="SQL, Figma", themes="portfolio\n")
    click(at, "Save the reflection")
    with Database(demo_file) as db:
        saved = db.session().reflections.for_interview(interview)
    # A takeaway is a sentence: its comma stays in it. Skills are names: a comma parts them.
    assert saved.takeaways == ["Shadow a shift, ask Daniel", "Read <b>up</b>"]
    assert [s.skill for s in saved.skills] == ["SQL", "Figma"]
    captions = [unescape(c.value) for c in at.caption]
    assert "Will be saved as: Shadow a shift, ask Daniel · Read <b>up</b>" in captions
    assert "Will be saved as: SQL · Figma" in captions
