"""Each hostile string typed into the forms of Questions and Reflect: it is saved as typed
(spaces at the ends, or runs of spaces, aside; one entry per line or per comma in list
fields) or refused with a message on the page, and a refused save changes nothing at all
in the planner (its whole backup text is compared)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from planner import backup
from planner.contacts import ContactDraft
from planner.goals import GoalDraft
from planner.meetings import MeetingDraft
from planner.reflection import PROMPTS
from planner.store import Database, Store

from . import hostile
from .apptest_helpers import (
    autosave_status,
    browser_types,
    click,
    fill,
    message_after,
    open_page,
    open_section,
    open_tab,
    unescape,
)
from .conftest import TODAY

QUESTIONS = "pages/4_Questions.py"
REFLECT = "pages/5_Reflect.py"
COUNT = len(hostile.STRINGS)


# -- planners to type into -----------------------------------------------------------------


def scheduled(path: Path) -> dict:
    """One future meeting with a plan holding one question."""
    with Database(path) as db:
        store = db.session()
        goal = store.goals.add(GoalDraft(title="Explore user research"), today=TODAY)
        contact = store.contacts.add(ContactDraft(name="Priya Raman", goal_ids=[goal]), today=TODAY)
        interview = store.meetings.schedule(
            MeetingDraft(contact, date(2030, 1, 15), time(16), "UTC", goal_id=goal),
            now=datetime(2026, 1, 1, tzinfo=UTC),
        )
        plan = store.plans.plan_for(interview)
        question = store.plans.add_question(plan, "How did you start?")
    return {"interview": interview, "plan": plan, "question": question}


def held(path: Path, count: int = 1) -> dict:
    """``count`` meetings that happened (one person each), marked done, none thanked."""
    with Database(path) as db:
        store = db.session()
        goal = store.goals.add(GoalDraft(title="Explore user research"), today=TODAY)
        interviews = []
        for n in range(count):
            contact = store.contacts.add(
                ContactDraft(name=f"Person {n:02}", goal_ids=[goal]), today=TODAY
            )
            interview = store.meetings.schedule(
                MeetingDraft(contact, date(2024, 3, 1) + timedelta(days=n), time(9), "UTC",
                             goal_id=goal),
                now=datetime(2024, 1, 1, tzinfo=UTC),
            )  # fmt: skip
            store.meetings.mark_done(interview, now=datetime(2025, 1, 1, tzinfo=UTC))
            interviews.append(interview)
    return {"interviews": interviews, "interview": interviews[0]}


def snapshot(path: Path) -> str:
    with Database(path) as db:
        return backup.export_text(db.session())


# -- what "saved as typed" and "refused with a message" mean ----------------------------------


def typed_as(rule: str, stored: Any, text: str) -> bool:
    """Whether ``stored`` is ``text`` as typed: whole ("text"), or one entry per line
    ("lines"), per comma ("commas") or both ("list"), each with the spaces at its ends
    (or its runs of spaces, repeats aside) dropped, and blank entries left out."""
    if rule == "text":
        return stored in (text, text.strip(), " ".join(text.split()))
    if rule == "lines":  # line breaks as a browser's text box sends them
        parts = re.split(r"\r\n?|\n", text)
    elif rule == "commas":
        parts = text.split(",")
    else:  # "list": a list field, read one entry a line and per comma alike
        parts = re.split(r"\r\n?|\n|,", text)
    stripped = [p.strip() for p in parts if p.strip()]
    collapsed: list[str] = []
    for part in parts:
        part = " ".join(part.split())
        if part and part.casefold() not in {c.casefold() for c in collapsed}:
            collapsed.append(part)
    return stored in (stripped, collapsed)


def refusals(at: AppTest) -> list[str]:
    """Messages saying something was not saved: errors, and the forms' summary warning
    (the pages show other warnings, about the plan or a thank-you due, all the time)."""
    shown = [unescape(str(e.value)) for e in at.error]
    shown += [w for w in (unescape(str(e.value)) for e in at.warning) if "Nothing was saved" in w]
    return shown


def current(at: AppTest, suffix: str, kind: str = "text_input", starts: str = ""):
    """The widget of ``kind`` whose key ends with ``suffix`` (and starts with ``starts``)."""
    found = [w for w in at.get(kind) if (w.key or "").endswith(suffix) and w.key.startswith(starts)]
    assert len(found) == 1, f"{len(found)} widgets *{suffix}: {[w.key for w in found]}"
    return found[0]


def prefix(at: AppTest, base: str, field: str) -> str:
    """The key prefix of form ``base``'s current instance (renewed after each save)."""
    return current(at, f"_{field}", starts=f"{base}_").key[: -len(f"_{field}")]


# -- the forms ---------------------------------------------------------------------------------

Read = Callable[[Store, dict], tuple[Any, dict[str, tuple[str, Any]]]]


@dataclass(frozen=True)
class Form:
    page: str
    setup: Callable[[Path], dict]
    submit: Callable[[AppTest, dict, str, int], None]  # (at, context, text, index)
    read: Read  # (marker of the record saved last, {field: (rule, stored value)})
    fields: tuple[str, ...]  # the fields typed into, as named by ``read``


def own_question(at, ctx, text, n):
    key = prefix(at, f"plan_own_{ctx['interview']}", "text")
    fill(at, key, text=text)
    next(c for c in at.checkbox if c.key == f"{key}_keep").check()  # to the bank as well
    click(at, "Add to the plan")


def read_own_question(store, ctx):
    newest = max(store.plans.questions(ctx["plan"]), key=lambda q: q.id)
    mine = store.bank.own()
    return newest.id, {
        "plan question": ("text", newest.text),
        "bank question": ("text", mine[-1].text if mine else None),
    }


def introduction(*fields):
    def submit(at, ctx, text, n):
        if "introduction" in fields:
            current(at, f"plan_intro_{ctx['interview']}", "text_area").input(text)
        if "background" in fields:
            current(at, "plan_me_background").input(text)
        click(at, "Save the introduction")

    return submit


def read_introduction(store, ctx):
    plan = store.plans.get(ctx["plan"])
    return plan.version, {
        "introduction": ("text", plan.introduction),
        "background": ("text", store.settings.all().get("me.background")),
    }


def mention(*fields):
    def submit(at, ctx, text, n):
        values = dict.fromkeys(fields, text)
        values.setdefault("name", f"Mentioned {n:02}")  # a new person each time
        open_tab(at, "questions_view", "Interview day")
        fill(at, prefix(at, f"mention_{ctx['interview']}", "name"), **values)
        click(at, "Add to my contacts")

    return submit


def read_mention(store, ctx):
    mentioned = store.plans.mentioned_in(ctx["interview"])
    if not mentioned:
        return None, {}
    person = store.contacts.get(max(m.contact_id for m in mentioned))
    return person.id, {
        "name": ("text", person.name),
        "role": ("text", person.role),
        "organisation": ("text", person.company),
        "notes": ("text", person.notes),
    }


def bank_question(at, ctx, text, n):
    open_section(open_tab(at, "questions_view", "Question bank"), "bank_add_open")
    fill(at, prefix(at, "bank_new", "text"), text=text)
    click(at, "Add to my bank")


def read_bank_question(store, ctx):
    mine = store.bank.own()
    return (mine[-1].id, {"text": ("text", mine[-1].text)}) if mine else (None, {})


def reflection_key(at) -> str:
    return current(at, "_learned_field", "text_area").key[: -len("_learned_field")]


def reflection_prompts(at, ctx, text, n):
    fill(at, reflection_key(at), **dict.fromkeys([*PROMPTS, "takeaways", "have", "themes"], text))
    click(at, "Save the reflection")


def reflection_rating(at, ctx, text, n):
    fill(at, reflection_key(at), learned_field="Useful.", fit_fit=3, why_fit=text, gaps=text)
    click(at, "Save the reflection")


def read_reflection(store, ctx):
    saved = store.reflections.for_interview(ctx["interview"])
    if saved is None:
        return None, {}
    fields = {name: ("text", getattr(saved, name)) for name in PROMPTS}
    fields["takeaways"] = ("lines", saved.takeaways)
    fields["themes"] = ("list", saved.themes)
    for status in ("have", "gap"):
        fields[status] = ("list", [s.skill for s in saved.skills if s.status == status])
    fields["why_fit"] = ("text", next((r.why for r in saved.fit_ratings), None))
    return saved.version, fields


def thank_you(*fields):
    def submit(at, ctx, text, n):
        with Database(ctx["path"]) as db:
            owed = [o.interview_id for o in db.session().outreach.thank_yous_owed()]
        if at.session_state["reflect_current"] not in owed:  # thanked: open the next one
            current(at, "reflect_interview", "selectbox").set_value(owed[0]).run()
            assert not at.exception, [e.value for e in at.exception]
        if "body" in fields:
            current(at, "_body", "text_area", starts="thanks_").input(text)
        if "subject" in fields:
            current(at, "_subject", starts="thanks_").input(text)
        if "my_name" in fields:
            current(at, "_me", starts="thanks_").input(text)
        click(at, "Mark the thank-you as sent")

    return submit


def read_thanks(store, ctx):
    sent = store.content.rows("outreach", ["id", "subject", "body"])
    if not sent:
        return None, {}
    message_id, subject, body = sent[-1]
    return message_id, {
        "body": ("text", body),
        "subject": ("text", subject),
        "my_name": ("text", store.settings.all().get("me.name")),
    }


def action_item(at, ctx, text, n):
    open_tab(at, "reflect_view", "Action items")
    fill(at, prefix(at, "action_new", "title"), title=text)
    click(at, "Add the action item")


def read_action_item(store, ctx):
    items = store.actions.list()
    if not items:
        return None, {}
    newest = max(items, key=lambda a: a.id)
    return newest.id, {"title": ("text", newest.title)}


def with_path(setup, **kwargs):
    return lambda path: {**setup(path, **kwargs), "path": path}


mention_names = mention("name", "role", "organisation")
mention_notes = mention("notes")
thanks_body = thank_you("body")

FORMS = {
    # the form: page, planner, how to type and send, how to read it back, fields read back
    "plan: write your own (+ bank)": Form(QUESTIONS, with_path(scheduled), own_question,
                                           read_own_question, ("plan question",
                                                               "bank question")),
    "plan: introduction": Form(QUESTIONS, with_path(scheduled), introduction("introduction"),
                               read_introduction, ("introduction",)),
    "plan: who you are": Form(QUESTIONS, with_path(scheduled), introduction("background"),
                              read_introduction, ("background",)),
    "day: mentioned name, role, organisation": Form(QUESTIONS, with_path(scheduled),
                                                    mention_names, read_mention,
                                                    ("name", "role", "organisation")),
    "day: mentioned, what they said": Form(QUESTIONS, with_path(scheduled), mention_notes,
                                           read_mention, ("notes",)),
    "bank: add to my bank": Form(QUESTIONS, with_path(scheduled), bank_question,
                                 read_bank_question, ("text",)),
    "reflect: prompts, takeaways, skills, themes": Form(REFLECT, with_path(held),
                                                        reflection_prompts, read_reflection,
                                                        (*PROMPTS, "takeaways", "have",
                                                         "themes")),
    "reflect: fit sentence and gaps": Form(REFLECT, with_path(held), reflection_rating,
                                           read_reflection, ("why_fit", "gap")),
    "thank-you: note": Form(REFLECT, with_path(held, count=COUNT), thanks_body, read_thanks,
                            ("body",)),
    "thank-you: subject": Form(REFLECT, with_path(held, count=COUNT), thank_you("subject"),
                               read_thanks, ("subject",)),
    "thank-you: your name": Form(REFLECT, with_path(held, count=COUNT), thank_you("my_name"),
                                 read_thanks, ("my_name",)),
    "actions: add the action item": Form(REFLECT, with_path(held), action_item,
                                         read_action_item, ("title",)),
}  # fmt: skip


def state(form: Form, path: Path, ctx: dict) -> tuple[str, Any, dict]:
    """The planner's whole backup text, and what ``form.read`` reads back."""
    with Database(path) as db:
        store = db.session()
        return backup.export_text(store), *form.read(store, ctx)


@pytest.mark.parametrize("name", list(FORMS))
def test_hostile_strings_are_saved_as_typed_or_refused_with_nothing_changed(planner_file, name):
    form = FORMS[name]
    ctx = form.setup(planner_file)
    at = open_page(form.page)
    saved = refused = 0
    after, new_marker, _ = state(form, planner_file, ctx)
    for n, text in enumerate(hostile.STRINGS):
        # As the last string left it: opening the page or a conversation writes nothing.
        before, marker = after, new_marker
        form.submit(at, ctx, text, n)  # click() asserts the page raised nothing
        after, new_marker, stored = state(form, planner_file, ctx)
        shown = refusals(at)
        if after != before:
            assert new_marker != marker, f"#{n} changed the planner but saved no new record"
            assert not shown, f"#{n} saved, yet the page says: {shown}"
            wrong = {
                field: stored[field][1]
                for field in form.fields
                if not typed_as(*stored[field], text)
            }
            assert not wrong, f"#{n} {text[:40]!r} saved as {wrong}"
            saved += 1
        else:
            assert shown, f"#{n} {text[:40]!r} refused without a message"
            refused += 1
            at = open_page(form.page)  # the form starts empty again
    print(f"{name}: {saved} saved, {refused} refused")
    assert saved and refused, (saved, refused)  # ordinary text saves; 100,000 characters do not


# -- the interview day's notes: they save while the user types ----------------------------------


@pytest.mark.parametrize("field", ["question notes", "general notes"])
def test_hostile_notes_are_saved_as_typed_or_marked_not_saved(planner_file, field):
    ctx = scheduled(planner_file)
    at = open_page(QUESTIONS)
    at.session_state["questions_view"] = "Interview day"
    at.run()
    if field == "question notes":
        key = f"day_{ctx['question']}_notes"
    else:
        key = f"day_{ctx['interview']}_general"

    def stored() -> str:
        with Database(planner_file) as db:
            store = db.session()
            if field == "question notes":
                return store.plans.questions(ctx["plan"])[0].answer_notes
            return store.plans.interview(ctx["interview"]).general_notes

    saved = refused = 0
    after = snapshot(planner_file)
    for n, text in enumerate(hostile.STRINGS):
        before = after
        browser_types(at, key, text)  # asserts the page raised nothing
        after = snapshot(planner_file)
        sent, status = f"test-{at._autosave_sent}", autosave_status(at, key)
        if status["ack"] == sent:
            assert status["failed"] is None and not status["error"]
            assert stored() == text, f"#{n} {text[:40]!r} saved as {stored()[:40]!r}"
            assert status["value"] == text, "the field is drawn with what was saved"
            saved += 1
        else:
            assert status["failed"] == sent and status["ack"] is None, (n, status)
            assert status["error"].strip(), f"#{n} marked not saved without saying why"
            assert after == before, f"#{n} refused, yet the planner changed"
            refused += 1
    print(f"{field}: {saved} saved, {refused} refused")
    assert saved and refused, (saved, refused)


def test_a_refused_thank_you_subject_is_explained_by_its_field(planner_file):
    held(planner_file)
    at = open_page(REFLECT)
    subject = current(at, "_subject", starts="thanks_")
    subject.input("Subject: injected\r\nBcc: everyone@example.org")
    click(at, "Mark the thank-you as sent")
    with Database(planner_file) as db:
        assert db.session().outreach.thank_yous_owed(), "refused: nothing recorded"
    assert "one line" in unescape(message_after(at, subject.key) or "")
