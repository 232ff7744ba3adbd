"""The store's question plans: created on first use, ordered, checked for time."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from planner.contacts import ContactDraft
from planner.errors import NotFound
from planner.goals import ValidationError
from planner.meetings import MeetingDraft
from planner.question_plans import ends_with_referral, timing

from .conftest import TODAY


@pytest.fixture
def plan(store) -> int:
    contact_id = store.add_contact(ContactDraft(name="Daniel"), today=TODAY)
    interview = store.schedule_meeting(
        MeetingDraft(contact_id, date(2030, 1, 15), time(16), "UTC", duration_minutes=20),
        now=datetime(2026, 11, 22, tzinfo=UTC),
    )
    plan_id = store.plan_for(interview)
    assert store.plan_for(interview) == plan_id, "one plan per interview"
    return plan_id


def test_questions_keep_their_order_and_can_be_moved(store, plan):
    first = store.add_plan_question(plan, "Who else should I talk to?", minutes=2)
    store.add_plan_question(plan, "How did you start?", minutes=4, must_ask=True)
    store.add_plan_question(plan, "What is a normal week like?")
    store.move_plan_question(first, +1)
    store.move_plan_question(first, +1)
    store.move_plan_question(first, +1)  # already last: stays
    texts = [row[1] for row in store.plan_questions(plan)]
    assert texts == [
        "How did you start?",
        "What is a normal week like?",
        "Who else should I talk to?",
    ]
    planned = store.planned(plan)
    assert ends_with_referral(planned)
    assert timing(planned, 20).planned_minutes == 11


def test_a_bad_question_is_refused_and_nothing_added(store, plan):
    with pytest.raises(ValidationError) as refused:
        store.add_plan_question(plan, "  ", minutes=40)
    assert set(refused.value.errors) == {"text", "minutes"}
    assert store.plan_questions(plan) == []


def test_removing_a_question(store, plan):
    question = store.add_plan_question(plan, "How did you start?")
    store.remove_plan_question(question)
    assert store.plan_questions(plan) == []
    with pytest.raises(NotFound):
        store.remove_plan_question(question)
    with pytest.raises(NotFound):
        store.plan_for(999)
