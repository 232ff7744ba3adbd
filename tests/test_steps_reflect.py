"""The Reflect step (planner/steps/reflect.py): its loads on an empty and a filled planner,
and each command, the thank-you saved all or nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from planner import demo, due
from planner.contacts import ContactDraft
from planner.errors import StaleEdit, ValidationError
from planner.goals import FIT_QUESTIONS, GoalDraft
from planner.meetings import MeetingDraft
from planner.organisations import OrganisationDraft
from planner.reflection import ActionDraft, FitRating, ReflectionDraft, SkillHeard
from planner.steps import reflect

from .conftest import TODAY

FRIDAY = date(2026, 11, 20)  # the meeting; its thank-you is due on Monday 23 November
NOW = datetime(2026, 11, 24, 18, 30)


@pytest.fixture
def planner(store) -> dict[str, int]:
    """Priya (at Northwind, motivation 1) met on Friday 20 November for a goal with one
    assumption; Daniel met earlier, on Monday 16 November, with nothing reflected yet."""
    goal = store.goals.add(
        GoalDraft(title="Explore research", fit_questions=["succeed", "fit"]), today=TODAY
    )
    org = store.organisations.add(OrganisationDraft(name="Northwind", motivation=1))
    priya = store.contacts.add(
        ContactDraft(name="Priya Raman", organisation_id=org, goal_ids=[goal], email="p@x.org"),
        today=TODAY,
    )
    daniel = store.contacts.add(ContactDraft(name="Daniel Price"), today=TODAY)
    return {
        "goal": goal,
        "org": org,
        "priya": priya,
        "daniel": daniel,
        "assumption": store.goals.add_assumption(goal, "Researchers mostly work alone"),
        "met": met(store, priya, FRIDAY, goal=goal),
        "daniel_met": met(store, daniel, date(2026, 11, 16)),
    }


def met(store, contact: int, on: date, *, goal: int | None = None) -> int:
    interview = store.meetings.schedule(
        MeetingDraft(contact, on, time(16), "UTC", goal_id=goal),
        now=datetime(2026, 1, 5, tzinfo=UTC),
    )
    store.meetings.mark_done(interview, now=datetime.combine(on, time(17), tzinfo=UTC))
    return interview


def reflected(store, planner) -> int:
    return store.reflections.save(
        planner["met"],
        ReflectionDraft(
            advice="Show one study end to end",
            themes=["research ops", "recruiting"],
            fit_ratings=[FitRating("fit", 4, "Small teams")],
            skills=[SkillHeard("Interviewing", "have"), SkillHeard("Figma", "gap")],
            assumption_verdicts={planner["assumption"]: "refuted"},
        ),
    )


def sent(my_name: str = "Maya Patel", **changes) -> reflect.ThankYouSent:
    values = dict(
        channel="email",
        subject="Thank you, Priya",
        body="Hello Priya,\n\nThank you.",
        sent_on=date(2026, 11, 23),
        my_name=my_name,
    )
    return reflect.ThankYouSent(**(values | changes))


# -- on an empty planner ----------------------------------------------------------------


def test_an_empty_planner_has_nothing_to_reflect_on_act_on_or_keep_up(store):
    assert reflect.load_conversations(store) == ()
    actions = reflect.load_actions(store, today=TODAY)
    assert actions.empty and actions.open == () and actions.more_open == 0
    touch = reflect.load_keep_in_touch(store, today=TODAY)
    assert (touch.due_count, touch.cards, touch.more_waiting) == (0, (), "")


def test_the_due_list_links_to_tabs_the_page_has():
    for kind in ("thank_you", "reflection", "action", "check_in"):
        item = due.DueItem(kind, TODAY, 1, "A", "", "", "", "", 7)
        step, _, params = item.destination()
        assert step == "reflect" and params[reflect.VIEW_KEY] in reflect.TABS


# -- the conversations ----------------------------------------------------------------------


def test_conversations_waiting_for_a_reflection_come_first_then_the_latest(store, planner):
    reflected(store, planner)
    third = met(store, planner["daniel"], date(2026, 11, 18))
    menu = reflect.load_conversations(store)
    assert [c.id for c in menu] == [third, planner["daniel_met"], planner["met"]]
    assert menu[0].label().endswith(" · no reflection yet")
    assert not menu[-1].label().endswith("no reflection yet")


def test_a_conversation_before_its_reflection(store, planner):
    view = reflect.load_conversation(store, planner["met"], today=NOW.date())
    assert (view.reflection, view.version, view.gaps_offered) == (None, 0, ())
    assert view.action_link == (None, None)
    assert list(view.form.ratings) == ["succeed", "fit"], "the goal's fit questions"
    assert view.form.ratings["fit"] == (None, "")
    assert view.form.verdicts == {planner["assumption"]: ""}
    assert view.organisation.name == "Northwind"
    assert [h.motivation for h in view.motivation_history] == [1] and not view.motivation_changes
    assert view.thank_you.due_on == date(2026, 11, 23)
    assert view.thank_you_reminder == (
        "Thank-you overdue by 1 day: send it within a day, while they remember you."
    )
    assert view.thank_you_fields == reflect.ThankYouFields()
    assert (view.my_name, view.check_in_every, view.may_recontact) == ("", 90, False)
    assert view.meeting_format == "video call"


def test_a_reflected_conversation_fills_the_form_the_offers_and_the_thank_you(store, planner):
    reflection = reflected(store, planner)
    store.actions.add(ActionDraft("Read two case studies", reflection_id=reflection))
    store.settings.save({"me.name": "Maya Patel"})
    view = reflect.load_conversation(store, planner["met"], today=NOW.date())
    assert view.version == 1 and view.action_link == (planner["goal"], reflection)
    assert view.form.ratings == {"succeed": (None, ""), "fit": (4, "Small teams")}
    assert (view.form.have, view.form.gaps) == ("Interviewing", "Figma")
    assert view.form.themes == "research ops, recruiting"
    assert view.form.verdicts == {planner["assumption"]: "refuted"}
    assert view.gaps_offered == ("Figma",)
    assert view.thank_you_fields == reflect.ThankYouFields(
        "research ops", "Show one study end to end", "Read two case studies"
    )
    assert view.my_name == "Maya Patel"


def test_the_form_gives_back_the_reflection_it_was_drawn_from(store, planner):
    reflected(store, planner)
    saved = store.reflections.for_interview(planner["met"])
    form = reflect.load_conversation(store, planner["met"], today=TODAY).form
    again = reflect.reflection_draft(form).normalised()
    for field in ("advice", "themes", "fit_ratings", "skills", "assumption_verdicts"):
        assert getattr(again, field) == getattr(saved, field)


def test_a_sentence_without_a_rating_is_kept_so_it_is_asked_about(store, planner):
    form = reflect.load_conversation(store, planner["met"], today=TODAY).form
    typed = reflect.ReflectionForm(
        {**form.prompts, "advice": "Start small"},
        "up",
        "",
        "",
        "",
        "",
        {"succeed": (None, "Quick studies suit me"), "fit": (None, "")},
        {},
    )
    assert reflect.reflection_draft(typed).fit_ratings == [
        FitRating("succeed", 0, "Quick studies suit me")
    ]
    with pytest.raises(ValidationError) as refused:
        reflect.save_reflection(store, planner["met"], typed, 0)
    assert "fit_succeed" in refused.value.errors
    assert store.reflections.for_interview(planner["met"]) is None


def test_a_reflection_saved_since_the_form_was_drawn_is_not_overwritten(store, planner):
    form = reflect.load_conversation(store, planner["met"], today=TODAY).form
    mine = reflect.ReflectionForm(
        {**form.prompts, "advice": "Learn SQL"}, "same", "", "", "", "", {}, {}
    )
    reflected(store, planner)
    with pytest.raises(StaleEdit):
        reflect.save_reflection(store, planner["met"], mine, 0)
    assert store.reflections.for_interview(planner["met"]).advice == "Show one study end to end"
    reflect.save_reflection(store, planner["met"], mine, 1)
    assert store.reflections.for_interview(planner["met"]).advice == "Learn SQL"


def test_a_gap_becomes_an_action_and_is_no_longer_offered(store, planner):
    reflection = reflected(store, planner)
    reflect.add_gap_action(store, "Build up: Figma", None, planner["goal"], reflection)
    [action] = store.actions.list(reflection_id=reflection)
    assert (action.title, action.kind, action.goal_id) == (
        "Build up: Figma",
        "learn_skill",
        planner["goal"],
    )
    assert reflect.load_conversation(store, planner["met"], today=TODAY).gaps_offered == ()


def test_motivation_moved_by_a_conversation_is_kept_in_its_history(store, planner):
    reflection = reflected(store, planner)
    reflect.update_motivation(store, planner["org"], 3, reflection)
    view = reflect.load_conversation(store, planner["met"], today=TODAY)
    assert view.organisation.motivation == 3
    assert [(h.motivation, h.moved_by) for h in view.motivation_history] == [
        (1, ""),
        (3, "Priya Raman"),
    ]
    assert view.motivation_changes.startswith("1 (")
    assert " → 3 (" in view.motivation_changes
    assert view.motivation_changes.endswith(", after Priya Raman)")


def test_may_recontact_and_the_check_in_interval_are_saved(store, planner):
    reflect.set_may_recontact(store, planner["priya"], True)
    reflect.set_check_in_every(store, planner["priya"], 30)
    view = reflect.load_conversation(store, planner["met"], today=TODAY)
    assert (view.may_recontact, view.check_in_every) == (True, 30)
    with pytest.raises(ValidationError):
        reflect.set_check_in_every(store, planner["priya"], 3)


def test_a_load_is_read_once_until_the_next_write(store, planner):
    first = reflect.load_conversation(store, planner["met"], today=TODAY)
    assert reflect.load_conversation(store, planner["met"], today=TODAY) is first
    reflect.set_may_recontact(store, planner["priya"], True)
    assert reflect.load_conversation(store, planner["met"], today=TODAY) is not first


# -- the thank-you ---------------------------------------------------------------------------


def test_sending_the_thank_you_saves_it_all(store, planner):
    reflect.send_thank_you(store, planner["met"], planner["priya"], sent(), now=NOW)
    [(kind, channel, at)] = store.content.rows("outreach", ["kind", "channel", "sent_at"])
    assert (kind, channel, at) == ("thank_you", "email", datetime(2026, 11, 23, 18, 30))
    assert store.contacts.get(planner["priya"]).stage == "thanked"
    assert [o.interview_id for o in store.outreach.thank_yous_owed()] == [planner["daniel_met"]]
    assert store.settings.all()["me.name"] == "Maya Patel"
    view = reflect.load_conversation(store, planner["met"], today=TODAY)
    assert view.thank_you is None and view.thank_you_reminder == ""
    assert view.thanked == (
        "Recorded your thank-you to Priya Raman. The planner will remind you to get back in "
        "touch in 90 days."
    )


def nothing_saved(store, planner) -> None:
    assert store.content.rows("outreach", ["id"]) == []
    assert store.contacts.get(planner["priya"]).stage == "interviewed"
    assert planner["met"] in [o.interview_id for o in store.outreach.thank_yous_owed()]
    assert "me.name" not in store.settings.all()


def test_a_bad_name_stops_the_thank_you_before_anything_is_saved(store, planner):
    with pytest.raises(ValidationError) as refused:
        reflect.send_thank_you(store, planner["met"], planner["priya"], sent("x" * 301), now=NOW)
    assert list(refused.value.errors) == ["my_name"]
    nothing_saved(store, planner)


def test_an_empty_note_is_refused_under_its_field(store, planner):
    with pytest.raises(ValidationError) as refused:
        reflect.send_thank_you(store, planner["met"], planner["priya"], sent(body=" "), now=NOW)
    assert list(refused.value.errors) == ["body"]
    nothing_saved(store, planner)


def test_a_failure_remembering_the_name_leaves_nothing_of_the_thank_you(
    store, planner, monkeypatch
):
    def fails(values):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(store.settings, "save", fails)
    with pytest.raises(RuntimeError):
        reflect.send_thank_you(store, planner["met"], planner["priya"], sent(), now=NOW)
    monkeypatch.undo()
    nothing_saved(store, planner)


def test_the_same_name_is_not_saved_again(store, planner, monkeypatch):
    store.settings.save({"me.name": "Maya Patel"})
    monkeypatch.setattr(store.settings, "save", lambda values: pytest.fail("saved again"))
    reflect.send_thank_you(store, planner["met"], planner["priya"], sent(" Maya Patel "), now=NOW)
    assert store.contacts.get(planner["priya"]).stage == "thanked"


# -- action items ----------------------------------------------------------------------------


def test_action_items_open_soonest_first_late_ones_marked(store, planner, monkeypatch):
    monkeypatch.setattr(reflect, "OPEN_ACTIONS_SHOWN", 2)
    for title, due_on in (("Late", date(2026, 11, 20)), ("Today", TODAY), ("Undated", None)):
        reflect.add_action(store, ActionDraft(title, "read_or_join", due_on))
    done = reflect.add_action(store, ActionDraft("Finished"))
    reflect.set_action_done(store, done, TODAY)
    actions = reflect.load_actions(store, today=TODAY)
    assert [(a.action.title, a.when, a.late) for a in actions.open] == [
        ("Late", "due Fri 20 Nov", True),
        ("Today", "due Sun 22 Nov", False),
    ]
    assert actions.open[0].kind == "Read or join something"
    assert (actions.more_open, actions.done_count) == (1, 1)
    assert [a.title for a in actions.done] == ["Finished"]
    reflect.set_action_done(store, done, None)
    assert reflect.load_actions(store, today=TODAY).done_count == 0


def test_an_action_item_needs_a_title(store):
    with pytest.raises(ValidationError) as refused:
        reflect.add_action(store, ActionDraft("  "))
    assert list(refused.value.errors) == ["title"]
    assert store.actions.list() == []


# -- keeping in touch ------------------------------------------------------------------------


def test_someone_thanked_long_ago_is_due_an_update_with_a_draft(store, planner):
    reflection = reflected(store, planner)
    store.settings.save({"me.name": "Maya Patel"})
    reflect.send_thank_you(store, planner["met"], planner["priya"], sent(), now=NOW)
    action = store.actions.add(ActionDraft("Ran a study", reflection_id=reflection))
    store.actions.set_done(action, date(2026, 12, 1))
    later = date(2027, 3, 1)
    touch = reflect.load_keep_in_touch(store, today=later)
    [card] = touch.cards
    assert card.check_in.contact_name == "Priya Raman"
    assert card.when == "due 21 Feb 2027 (8 days ago)"
    assert card.context == (
        "Last in touch on 23 Nov 2026.",
        "Last conversation on 20 Nov 2026.",
        "Their advice: Show one study end to end",
        "You acted on it: Ran a study.",
    )
    assert card.update.body.startswith("Hello Priya,") and "Ran a study" in card.update.body
    assert card.update.body.endswith("Maya Patel")
    reflect.send_update(store, card, "My own words.", now=datetime(2027, 3, 1, 9))
    assert store.contacts.get(planner["priya"]).stage == "keeping_in_touch"
    [(_, channel, body)] = [
        r for r in store.content.rows("outreach", ["kind", "channel", "body"]) if r[0] == "check_in"
    ]
    assert (channel, body) == ("email", "My own words.")
    assert reflect.load_keep_in_touch(store, today=later).due_count == 0


def test_more_people_due_than_shown_is_said(store, monkeypatch):
    demo.load_demo(store, today=date(2027, 6, 1))
    due_now = len(store.contacts.check_ins_due(today=date(2028, 1, 1)))
    assert due_now >= 2
    monkeypatch.setattr(reflect, "CHECK_INS_SHOWN", 1)
    touch = reflect.load_keep_in_touch(store, today=date(2028, 1, 1))
    assert len(touch.cards) == 1
    assert touch.more_waiting == (
        f"{due_now} people are due an update; here are the 1 who have waited longest."
    )


# -- on the demo planner ---------------------------------------------------------------------


def test_every_load_works_on_the_demo_planner(store):
    demo.load_demo(store, today=TODAY)
    menu = reflect.load_conversations(store)
    assert menu and not menu[0].reflected
    for conversation in menu:
        view = reflect.load_conversation(store, conversation.id, today=TODAY)
        assert view.interview.interview_id == conversation.id
        assert set(view.form.ratings) <= set(FIT_QUESTIONS)
    assert not reflect.load_actions(store, today=TODAY).empty
    reflect.load_keep_in_touch(store, today=TODAY)


def test_an_action_item_is_edited_unless_changed_elsewhere_and_deleted(store):
    action_id = store.actions.add(ActionDraft("Read the handbook"))
    [action] = store.actions.list()
    reflect.edit_action(store, action, " Read  the guide ", date(2026, 12, 1))
    [edited] = store.actions.list()
    assert (edited.title, edited.due_on) == ("Read the guide", date(2026, 12, 1))
    with pytest.raises(StaleEdit):
        reflect.edit_action(store, action, "Read it all", None)  # drawn before the edit
    with pytest.raises(ValidationError):
        reflect.edit_action(store, edited, "", None)
    assert store.actions.list() == [edited]
    assert reflect.delete_action(store, edited) == "Deleted the action item 'Read the guide'."
    assert store.actions.list() == []
    assert action_id == edited.id


def test_a_reflection_is_deleted_unless_changed_elsewhere(store, planner):
    reflected(store, planner)
    view = reflect.load_conversation(store, planner["met"], today=TODAY)
    reflect.add_gap_action(store, "Build up: Figma", None, *view.action_link)
    store.reflections.save(planner["met"], ReflectionDraft(advice="Later"), expected_version=1)
    with pytest.raises(StaleEdit):
        reflect.delete_reflection(store, view)  # shown before the second save
    fresh = reflect.load_conversation(store, planner["met"], today=TODAY)
    said = reflect.delete_reflection(store, fresh)
    assert said == "Deleted your reflection on the conversation with Priya Raman on 20 Nov 2026."
    assert store.reflections.for_interview(planner["met"]) is None
    assert [a.reflection_id for a in store.actions.list()] == [None]
