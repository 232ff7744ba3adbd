"""Progress metrics against a small planner whose answers are worked out by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from planner.contacts import ContactDraft
from planner.goals import GoalDraft
from planner.meetings import MeetingDraft
from planner.metrics import (
    CircleResponse,
    SkillCount,
    WeekActivity,
    business_days_between,
    median,
    share,
    weekly_pace_needed,
    weeks_to_reach,
)
from planner.reflection import FitRating, ReflectionDraft, SkillHeard

from .conftest import TODAY


def at(day: date, hour: int = 9) -> datetime:
    return datetime.combine(day, time(hour))


def request(store, contact: int, day: date) -> None:
    store.record_message(
        contact,
        "request",
        channel="email",
        subject="A question",
        body="Could we talk?",
        sent_at=at(day),
    )


def held(store, contact: int, day: date, goal: int) -> int:
    interview = store.schedule_meeting(
        MeetingDraft(contact, day, time(10), "UTC", goal_id=goal),
        now=datetime(2026, 1, 1, tzinfo=UTC),
    )
    store.mark_interview_done(interview, now=datetime.combine(day, time(12), tzinfo=UTC))
    return interview


@pytest.fixture
def planner(store):
    """Two goals and four people:
    - Ann (alumni, UX goal): asked Mon 2 Nov, replied Wed 4 Nov (2 business days); met
      Thu 12 Nov; thanked Fri 13 Nov; reflection: succeed 2, "python" have, theme Travel.
    - Bob (alumni, UX goal): asked Mon 2 Nov, no answer.
    - Cat (friends, teaching goal): asked Fri 6 Nov, booked Tue 10 Nov (2 business days);
      met Wed 11 Nov; reflection: succeed 4, want 2, Python gap, Teaching have, pay+travel.
    - Dan: a referral from Ann, no goal.
    """
    ux = store.add_goal(GoalDraft(title="Explore UX", field="UX research"), today=TODAY)
    teaching = store.add_goal(GoalDraft(title="Teaching abroad"), today=TODAY)

    def person(name, circle, goal=None, **extra):
        draft = ContactDraft(name=name, circle=circle, goal_ids=[goal] if goal else [], **extra)
        return store.add_contact(draft, today=TODAY)

    ann = person("Ann", "alumni", ux)
    bob = person("Bob", "alumni", ux)
    cat = person("Cat", "friends", teaching)
    dan = person("Dan", "referral", referred_by_id=ann)
    request(store, ann, date(2026, 11, 2))
    store.record_event(ann, "reply", happened_at=at(date(2026, 11, 4)), channel="email")
    request(store, bob, date(2026, 11, 2))
    request(store, cat, date(2026, 11, 6))
    store.move_contact(cat, "scheduled", happened_at=at(date(2026, 11, 10)), channel="email")

    met_cat = held(store, cat, date(2026, 11, 11), teaching)
    store.save_reflection(
        met_cat,
        ReflectionDraft(
            learned_field="Schools abroad hire in spring.",
            fit_ratings=[FitRating("succeed", 4), FitRating("want", 2)],
            skills=[SkillHeard("Python", "gap"), SkillHeard("Teaching", "have")],
            themes=["pay", "travel"],
        ),
    )
    met_ann = held(store, ann, date(2026, 11, 12), ux)
    store.save_reflection(
        met_ann,
        ReflectionDraft(
            advice="Start small.",
            fit_ratings=[FitRating("succeed", 2)],
            skills=[SkillHeard("python", "have")],
            themes=["Travel"],
        ),
    )
    store.record_message(
        ann,
        "thank_you",
        channel="email",
        subject="Thanks",
        body="Thank you.",
        sent_at=at(date(2026, 11, 13)),
    )
    return {"ux": ux, "teaching": teaching, "ann": ann, "bob": bob, "cat": cat, "dan": dan}


def test_the_pipeline_counts_every_stage_in_order(store, planner):
    everyone = dict(store.pipeline())
    assert list(everyone)[:3] == ["identified", "requested", "scheduled"]
    assert (everyone["identified"], everyone["requested"], everyone["interviewed"]) == (1, 1, 1)
    assert everyone["thanked"] == 1 and sum(everyone.values()) == 4
    ux = dict(store.pipeline(planner["ux"]))
    assert (ux["requested"], ux["thanked"], sum(ux.values())) == (1, 1, 2)


def test_weekly_activity_counts_requests_meetings_and_thanks_per_monday_week(store, planner):
    assert store.weekly_activity() == [
        WeekActivity(date(2026, 11, 2), requests=3, meetings=0, thank_yous=0),
        WeekActivity(date(2026, 11, 9), requests=0, meetings=2, thank_yous=1),
    ]
    assert store.weekly_activity(planner["teaching"]) == [
        WeekActivity(date(2026, 11, 2), requests=1, meetings=0, thank_yous=0),
        WeekActivity(date(2026, 11, 9), requests=0, meetings=1, thank_yous=0),
    ]


def test_a_quiet_week_between_busy_ones_counts_zero(store, planner):
    request(store, planner["dan"], date(2026, 11, 25))
    weeks = store.weekly_activity()
    assert [w.week for w in weeks] == [
        date(2026, 11, 2),
        date(2026, 11, 9),
        date(2026, 11, 16),
        date(2026, 11, 23),
    ]
    assert weeks[2] == WeekActivity(date(2026, 11, 16), 0, 0, 0)


def test_fit_is_compared_across_careers_with_the_interviews_behind_it(store, planner):
    fits = {(f.career, f.fit_question): (f.average, f.interviews) for f in store.fit_by_career()}
    assert fits == {
        ("Teaching abroad", "succeed"): (4.0, 1),
        ("Teaching abroad", "want"): (2.0, 1),
        ("UX research", "succeed"): (2.0, 1),
    }


def test_skills_and_themes_are_counted_across_conversations_ignoring_case(store, planner):
    assert store.skills_heard() == [SkillCount("Python", 1, 1), SkillCount("Teaching", 1, 0)]
    assert store.skills_heard(planner["ux"]) == [SkillCount("python", 1, 0)]
    assert store.themes_ranked() == [("Travel", 2), ("pay", 1)]


def test_the_network_numbers(store, planner):
    assert store.referral_share() == (1, 4)
    assert store.response_by_circle() == [
        CircleResponse("alumni", requested=2, answered=1),
        CircleResponse("friends", requested=1, answered=1),
    ]
    assert store.median_business_days_to_reply() == 2.0
    assert store.median_business_days_to_reply(planner["ux"]) == 2.0
    assert store.referral_edges() == [(planner["ann"], "Ann", planner["dan"], "Dan")]


def test_an_empty_planner_has_no_numbers_to_show(store):
    assert all(count == 0 for _, count in store.pipeline())
    assert store.weekly_activity() == []
    assert store.fit_by_career() == []
    assert store.skills_heard() == [] and store.themes_ranked() == []
    assert store.referral_share() == (0, 0) and store.response_by_circle() == []
    assert store.median_business_days_to_reply() is None
    assert store.referral_edges() == []


def test_another_owner_sees_none_of_it(database, store, planner):
    other = database.session("someone-else")
    assert all(count == 0 for _, count in other.pipeline())
    assert other.weekly_activity() == [] and other.fit_by_career() == []
    assert other.referral_share() == (0, 0)


@pytest.mark.parametrize(
    ("remaining", "target", "pace"),
    [
        (4, date(2026, 12, 20), 1.0),  # 28 days: four weeks, one a week
        (3, date(2026, 11, 25), 3.0),  # under a week left: all of it now
        (2, date(2026, 11, 1), 2.0),  # already passed: all of it now
        (0, date(2026, 12, 20), None),  # nothing left
        (4, None, None),  # no date, no pace
    ],
)
def test_the_weekly_pace_a_goal_needs(remaining, target, pace):
    assert weekly_pace_needed(remaining=remaining, today=TODAY, target_date=target) == pace


def test_small_arithmetic():
    fri, tue = date(2026, 11, 6), date(2026, 11, 10)
    assert business_days_between([(fri, tue), (tue, tue)]) == [2, 0]
    assert business_days_between([]) == []
    assert median([3, 1, 2]) == 2.0 and median([1, 2, 3, 4]) == 2.5 and median([]) is None
    assert share(1, 4) == 0.25 and share(0, 0) == 0.0
    assert weeks_to_reach(5, 2) == 3 and weeks_to_reach(0, 0) == 0 and weeks_to_reach(2, 0) is None


def test_weekly_activity_runs_on_to_the_current_week(store, planner):
    weeks = store.weekly_activity(through=date(2026, 11, 26))
    assert weeks[-1] == WeekActivity(date(2026, 11, 23), 0, 0, 0)
    assert [w.week for w in weeks] == [
        date(2026, 11, 2),
        date(2026, 11, 9),
        date(2026, 11, 16),
        date(2026, 11, 23),
    ]
    # a day inside the activity changes nothing
    assert store.weekly_activity(through=date(2026, 11, 3)) == store.weekly_activity()


def test_conversations_list_what_each_reflection_recorded_oldest_first(store, planner):
    cat, ann = store.conversations()
    assert (cat.contact_name, cat.met_on, cat.goal_title) == (
        "Cat",
        date(2026, 11, 11),
        "Teaching abroad",
    )
    assert cat.reflected and not cat.thanked
    assert (cat.skills_have, cat.skills_gap, cat.themes) == (
        ["Teaching"],
        ["Python"],
        ["pay", "travel"],
    )
    assert cat.learned_field == "Schools abroad hire in spring."
    assert (ann.advice, ann.thanked, ann.skills_have) == ("Start small.", True, ["python"])
    assert [c.contact_name for c in store.conversations(planner["ux"])] == ["Ann"]


def test_a_conversation_without_a_reflection_is_listed_empty(store, planner):
    held(store, planner["bob"], date(2026, 11, 20), planner["ux"])
    bob = store.conversations(planner["ux"])[-1]
    assert (bob.contact_name, bob.reflected, bob.takeaways, bob.advice) == ("Bob", False, [], "")
