"""The Home step: one load for everything the page shows."""

from __future__ import annotations

from planner import demo, journey
from planner.goals import GoalDraft
from planner.steps import home

from .conftest import TODAY


def test_an_empty_planner_asks_for_a_first_goal_and_nothing_is_due(store):
    view = home.load(store, today=TODAY)
    assert view.due == () and view.more_due == ""
    [action] = view.actions
    assert action.text.startswith("Set your first goal") and action.step.key == "goals"
    assert not view.all_clear  # the first goal is still to set
    assert [row.step for row in view.journey] == list(journey.STEPS)
    assert [row.number for row in view.journey] == [1, 2, 3, 4, 5, 6]
    assert view.journey[0].summary == "No goals yet"


def test_the_demo_lists_what_is_due_with_where_to_act(store):
    demo.load_demo(store, today=TODAY)
    view = home.load(store, today=TODAY)
    kinds = [card.kind for card in view.due]
    assert kinds == [
        "thank_you",
        "reflection",
        "follow_up",
        "second_contact",
        "action",
        "meeting",
        "referral",
        "referral",
    ]
    thanks = view.due[0]
    assert thanks.text.startswith("Thank Aisha Khan") and thanks.when == "2 days overdue"
    assert thanks.step.key == "reflect" and thanks.label == "Write the thank-you"
    assert thanks.params["reflect_view"] == "Thank-you" and "interview" in thanks.params
    follow_up = view.due[2]
    assert follow_up.step.key == "contacts" and follow_up.params == {"contact": "8"}
    assert follow_up.context  # the last message sent
    referral = view.due[6]
    assert referral.text.startswith("Ask Nadia Petrova at Brightpath Learning")
    assert referral.when == "" and referral.context == (
        "Suggested by Tom Okafor in your conversation on Sun 13 Sep.",
    )
    assert view.more_due == "And 1 more on the Research page." and not view.all_clear
    assert view.journey[2].summary.endswith("contacts")


def test_a_long_due_list_shows_its_first_items_and_counts_the_rest(store, monkeypatch):
    demo.load_demo(store, today=TODAY)
    monkeypatch.setattr(home, "DUE_SHOWN", 4)
    view = home.load(store, today=TODAY)
    assert len(view.due) == 4
    assert view.more_due == "And 5 more on the Research, Contacts, Questions and Reflect pages."


def test_a_quiet_planner_is_all_clear(store):
    store.goals.add(GoalDraft(title="Explore UX", target_interviews=3), today=TODAY)
    view = home.load(store, today=TODAY)
    assert view.due == () and view.actions == () and view.all_clear


def test_the_view_follows_the_next_write(store):
    assert home.load(store, today=TODAY).journey[0].summary == "No goals yet"
    store.goals.add(GoalDraft(title="Explore UX"), today=TODAY)
    assert home.load(store, today=TODAY).journey[0].summary == "1 active"
