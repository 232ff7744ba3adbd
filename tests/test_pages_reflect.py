"""The Reflect page under AppTest: reflecting on a demo interview, referrals, action items,
the thank-you from due to sent, and keeping in touch."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from planner import demo, due
from planner.store import Database

from .apptest_helpers import click, fill, message_after, open_page, unescape

PAGE = "pages/5_Reflect.py"
VIEW = "reflect_view"


def open_view(view: str):
    at = open_page(PAGE)
    at.session_state[VIEW] = view
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at) -> str:
    kinds = ("markdown", "caption", "warning", "info", "success", "error")
    return unescape(" ".join(e.value for kind in kinds for e in at.get(kind)))


def aisha(path):
    """The demo's conversation with Aisha: done, no reflection, no thank-you yet."""
    with Database(path) as db:
        [missing] = db.session().reflections.missing()
        return missing.interview_id, missing.contact_id


def topic_prefix(at) -> str:
    return next(t.key for t in at.text_input if t.key.endswith("_topic"))[: -len("_topic")]


def name_prefix(at) -> str:
    return next(t.key for t in at.text_input if t.key.endswith("_me"))[: -len("_me")]


def form_key(at) -> str:
    return next(t.key for t in at.text_area if t.key.endswith("_learned_field"))[
        : -len("_learned_field")
    ]


def test_the_conversation_waiting_for_a_reflection_comes_first(demo_file):
    at = open_view("Reflection")
    assert "no reflection yet" in next(
        s for s in at.selectbox if s.key == "reflect_interview"
    ).format_func(at.session_state["reflect_interview"])
    assert "Aisha Khan" in texts(at)


def test_a_reflection_needs_one_answer_and_saves_nothing_partial(demo_file):
    interview, _ = aisha(demo_file)
    at = open_view("Reflection")
    click(at, "Save the reflection")
    assert "Answer at least one of the prompts" in texts(at)
    with Database(demo_file) as db:
        assert db.session().reflections.for_interview(interview) is None


def test_reflecting_on_a_demo_interview_saves_it_all(demo_file):
    interview, _ = aisha(demo_file)
    at = open_view("Reflection")
    key = form_key(at)
    fill(
        at,
        key,
        learned_field="Designers test small changes every week.",
        advice="Show one study from start to finish.",
        takeaways="Ask Daniel about junior roles\nShadow a usability test",
        have="Interviewing",
        gaps="Figma prototyping",
        themes="portfolio, Portfolio, fast feedback",
    )
    fill(at, key, fit_fit=4, why_fit="Small teams and quick tests suit me.")
    click(at, "Save the reflection")
    with Database(demo_file) as db:
        saved = db.session().reflections.for_interview(interview)
    assert saved.advice == "Show one study from start to finish."
    assert saved.themes == ["portfolio", "fast feedback"]
    assert [(r.fit_question, r.rating, r.why) for r in saved.fit_ratings] == [
        ("fit", 4, "Small teams and quick tests suit me.")
    ]
    assert [(s.skill, s.status) for s in saved.skills] == [
        ("Interviewing", "have"),
        ("Figma prototyping", "gap"),
    ]
    assert "Saved your reflection" in texts(at)
    click(at, "Add this action")  # the gap's title as offered, no due date
    with Database(demo_file) as db:
        planned = db.session().actions.list(reflection_id=saved.id)
    assert [(a.title, a.due_on) for a in planned] == [("Build up: Figma prototyping", None)]


def test_a_bad_rating_sentence_is_refused_by_its_field(demo_file):
    interview, _ = aisha(demo_file)
    at = open_view("Reflection")
    key = form_key(at)
    fill(at, key, learned_field="Useful.", fit_future=5, why_future="x" * 301)
    click(at, "Save the reflection")
    assert "300 characters or fewer" in unescape(message_after(at, f"{key}_why_future"))
    with Database(demo_file) as db:
        assert db.session().reflections.for_interview(interview) is None


def test_a_referral_becomes_a_contact_referred_by_them(demo_file):
    _, contact = aisha(demo_file)
    at = open_view("Reflection")
    fill(at, form_key(at), learned_field="Useful.")
    click(at, "Save the reflection")
    prefix = next(t.key for t in at.text_input if t.key.startswith("referral_"))[: -len("_name")]
    fill(at, prefix, name="Omar Haddad", role="Service designer", organisation="Civic Data Lab")
    click(at, "Add as a contact")
    assert "Added Omar Haddad to your contacts, referred by Aisha Khan." in texts(at)
    with Database(demo_file) as db:
        [person] = [c for c in db.session().contacts.list() if c.name == "Omar Haddad"]
    assert (person.referred_by_id, person.circle) == (contact, "referral")


def test_the_thank_you_is_due_then_sent(demo_file):
    interview, contact = aisha(demo_file)
    with Database(demo_file) as db:
        owed = next(
            o for o in db.session().outreach.thank_yous_owed() if o.interview_id == interview
        )
    # Overdue on most days; due today when the demo's meeting fell on the Friday before
    # a Monday (the thank-you is due the next business day).
    said = due.thank_you_reminder(owed.due_on, date.today()).split(":")[0]
    assert said.startswith("Thank-you ") and owed.due_on <= date.today()
    at = open_view("Thank-you")
    assert said in texts(at)
    body = next(t for t in at.text_area if t.key.endswith("_body")).value
    assert body.startswith("Hello Aisha,") and "Thank you for the time you gave me" in body
    click(at, "Mark the thank-you as sent")
    assert "Recorded your thank-you to Aisha Khan" in texts(at)
    with Database(demo_file) as db:
        store = db.session()
        assert store.contacts.get(contact).stage == "thanked"
        assert all(o.interview_id != interview for o in store.outreach.thank_yous_owed())
    assert "You thanked Aisha Khan for this conversation." in texts(at)


def test_ticking_an_action_item_marks_it_done_and_it_can_be_reopened(demo_file):
    at = open_view("Action items")
    with Database(demo_file) as db:
        first = db.session().actions.list(open_only=True)[0]
    box = next(c for c in at.checkbox if c.key == f"action_{first.id}_{first.version}")
    box.check().run()
    with Database(demo_file) as db:
        ticked = next(a for a in db.session().actions.list() if a.id == first.id)
    assert ticked.done_on == date.today()
    at.session_state["actions_done_open"] = True  # the "Done" list, opened
    at.run()
    box = next(c for c in at.checkbox if c.key == f"action_{first.id}_{ticked.version}")
    box.uncheck().run()
    with Database(demo_file) as db:
        assert next(a for a in db.session().actions.list() if a.id == first.id).done_on is None


def test_an_action_item_needs_a_title(demo_file):
    at = open_view("Action items")
    with Database(demo_file) as db:
        before = len(db.session().actions.list())
    click(at, "Add the action item")
    assert "Say what you will do." in unescape(message_after(at, "action_new_0_title"))
    fill(at, "action_new_0", title="Read two <b>case studies</b>", kind="read_or_join")
    click(at, "Add the action item")
    with Database(demo_file) as db:
        after = db.session().actions.list()
    assert len(after) == before + 1
    assert "Read two <b>case studies</b>" in [a.title for a in after]
    assert "<b>" not in " ".join(c.label for c in at.checkbox)


def test_an_update_due_is_drafted_and_sent(planner_file):
    with Database(planner_file) as db:
        demo.load_demo(db.session(), today=date.today() - timedelta(days=200))
    at = open_view("Keep in touch")
    assert "Their advice:" in texts(at)
    [first, *_] = [b for b in at.button if b.label == "Mark the update as sent"]
    first.click().run()
    assert "Recorded your update to" in texts(at)


def test_an_update_being_written_outlives_a_visit_to_another_tab(planner_file):
    # The tab is built only while open; what was typed in it comes back with it.
    with Database(planner_file) as db:
        demo.load_demo(db.session(), today=date.today() - timedelta(days=200))
    at = open_view("Keep in touch")
    box = next(t for t in at.text_area if t.label == "Update (edit freely)")
    key = box.key
    box.input("Half-written: the course starts in March").run()
    at.session_state[VIEW] = "Reflection"
    at.run()
    assert not [t for t in at.text_area if t.key == key], "the closed tab is not built"
    at.run()  # another click elsewhere: Streamlit forgets an undrawn widget here
    at.session_state[VIEW] = "Keep in touch"
    at.run()
    assert at.text_area(key=key).value == "Half-written: the course starts in March"


@pytest.mark.parametrize("view", ["Reflection", "Thank-you", "Action items", "Keep in touch"])
def test_every_view_works_on_an_empty_planner(planner_file, view):
    at = open_view(view)
    assert at.session_state[VIEW] == view


def test_the_note_follows_the_fields_until_it_is_edited(demo_file):
    at = open_view("Thank-you")
    fill(at, name_prefix(at), me="Maya Patel")
    at.run()
    body = next(t for t in at.text_area if t.key.endswith("_body"))
    assert body.value.endswith("With thanks,\nMaya Patel")
    body.input("My own words.").run()
    fill(at, topic_prefix(at), topic="research ops")
    at.run()
    assert next(t for t in at.text_area if t.key.endswith("_body")).value == "My own words."


# -- regressions: nothing typed is lost to another tab or another form's save ------------


def test_an_edited_thank_you_survives_a_trip_to_another_tab(demo_file):
    at = open_view("Thank-you")
    body = next(t for t in at.text_area if t.key.endswith("_body"))
    body.input("My own careful words.").run()
    at.session_state[VIEW] = "Action items"
    at.run()
    at.session_state[VIEW] = "Thank-you"
    at.run()
    assert next(t for t in at.text_area if t.key.endswith("_body")).value == (
        "My own careful words."
    )


def test_adding_a_referral_keeps_an_unsaved_edit_to_the_reflection(demo_file):
    at = open_view("Reflection")
    fill(at, form_key(at), learned_field="Useful.")
    click(at, "Save the reflection")
    key = form_key(at)
    next(t for t in at.text_area if t.key == f"{key}_surprised").input("How fast they ship.")
    prefix = next(t.key for t in at.text_input if t.key.startswith("referral_"))[: -len("_name")]
    fill(at, prefix, name="Omar Haddad")
    click(at, "Add as a contact")
    assert form_key(at) == key, "the reflection form was not redrawn empty"


def test_a_sentence_without_a_rating_is_asked_about_not_dropped(demo_file):
    interview, _ = aisha(demo_file)
    at = open_view("Reflection")
    key = form_key(at)
    fill(at, key, learned_field="Useful.", why_fit="Small teams suit me.")
    click(at, "Save the reflection")
    assert "Rate it from 1 to 5" in unescape(message_after(at, f"{key}_why_fit"))
    with Database(demo_file) as db:
        assert db.session().reflections.for_interview(interview) is None


def test_a_bad_name_stops_the_thank_you_before_anything_is_recorded(demo_file):
    _, contact = aisha(demo_file)
    at = open_view("Thank-you")
    prefix = name_prefix(at)
    fill(at, prefix, me="x" * 301)
    click(at, "Mark the thank-you as sent")
    assert "300 characters or fewer" in unescape(message_after(at, f"{prefix}_me"))
    with Database(demo_file) as db:
        store = db.session()
        assert store.contacts.get(contact).stage == "interviewed"
        assert store.outreach.thank_yous_owed(), "still owed: nothing was recorded"


def test_the_thank_you_fills_in_from_a_reflection_saved_after_it_was_drawn(demo_file):
    at = open_view("Reflection")
    fill(at, form_key(at), advice="Show one study end to end.", themes="research ops")
    click(at, "Save the reflection")
    at.session_state[VIEW] = "Thank-you"
    at.run()
    body = next(t for t in at.text_area if t.key.endswith("_body")).value
    assert "What you said about research ops" in body
    assert "your advice to heart: Show one study end to end." in body


def test_a_long_list_of_updates_due_shows_the_longest_waiting_first(planner_file):
    from datetime import UTC, datetime, time

    from planner.contacts import ContactDraft
    from planner.meetings import MeetingDraft

    with Database(planner_file) as db:
        store = db.session()
        for n in range(12):
            contact = store.contacts.add(ContactDraft(name=f"Person {n:02}"), today=date.today())
            day = date(2024, 1, 10) + timedelta(days=n)
            interview = store.meetings.schedule(
                MeetingDraft(contact, day, time(9), "UTC"), now=datetime(2023, 1, 1, tzinfo=UTC)
            )
            store.meetings.mark_done(interview, now=datetime(2024, 6, 1, tzinfo=UTC))
            store.outreach.record_message(
                contact,
                "thank_you",
                channel="email",
                subject="Thanks",
                body="Thank you.",
                sent_at=datetime.combine(day, time(18)),
            )
    at = open_view("Keep in touch")
    assert "12 people are due an update; here are the 10 who have waited longest." in texts(at)
    assert len([b for b in at.button if b.label == "Mark the update as sent"]) == 10
    cards = [
        m.value for m in at.markdown if m.value.startswith("**Person") and " · due " in m.value
    ]
    assert [c.split("**")[1] for c in cards] == [f"Person {n:02}" for n in range(10)]


def test_the_fit_ratings_say_what_1_and_5_mean(demo_file):
    from planner.reflection import FIT_SCALE

    at = open_view("Reflection")
    assert f"**Fit: what this conversation says** ({FIT_SCALE})" in [m.value for m in at.markdown]
    assert "1 = a poor fit for me, 5 = a great fit" in FIT_SCALE
