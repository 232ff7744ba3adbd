"""Progress metrics against a small planner whose answers are worked out by hand."""

from __future__ import annotations

from datetime import date

import pytest

from planner.metrics import (
    CircleResponse,
    Referral,
    ReferralShare,
    SkillCount,
    ThemeCount,
    WeekActivity,
    business_days_between,
    median,
    share,
    weekly_pace_needed,
    weeks_to_reach,
)

from .conftest import TODAY
from .fixtures import held, request


def test_the_pipeline_counts_every_stage_in_order(store, hand_built):
    everyone = {s.stage: s.contacts for s in store.metrics.pipeline()}
    assert list(everyone)[:3] == ["identified", "requested", "scheduled"]
    assert (everyone["identified"], everyone["requested"], everyone["interviewed"]) == (1, 1, 1)
    assert everyone["thanked"] == 1 and sum(everyone.values()) == 4
    ux = {s.stage: s.contacts for s in store.metrics.pipeline(hand_built["ux"])}
    assert (ux["requested"], ux["thanked"], sum(ux.values())) == (1, 1, 2)


def test_weekly_activity_counts_requests_meetings_and_thanks_per_monday_week(store, hand_built):
    assert store.metrics.weekly_activity() == [
        WeekActivity(date(2026, 11, 2), requests=3, meetings=0, thank_yous=0),
        WeekActivity(date(2026, 11, 9), requests=0, meetings=2, thank_yous=1),
    ]
    assert store.metrics.weekly_activity(hand_built["teaching"]) == [
        WeekActivity(date(2026, 11, 2), requests=1, meetings=0, thank_yous=0),
        WeekActivity(date(2026, 11, 9), requests=0, meetings=1, thank_yous=0),
    ]


def test_a_quiet_week_between_busy_ones_counts_zero(store, hand_built):
    request(store, hand_built["dan"], date(2026, 11, 25))
    weeks = store.metrics.weekly_activity()
    assert [w.week for w in weeks] == [
        date(2026, 11, 2),
        date(2026, 11, 9),
        date(2026, 11, 16),
        date(2026, 11, 23),
    ]
    assert weeks[2] == WeekActivity(date(2026, 11, 16), 0, 0, 0)


def test_fit_is_compared_across_careers_with_the_interviews_behind_it(store, hand_built):
    fits = {
        (f.career, f.fit_question): (f.average, f.interviews) for f in store.metrics.fit_by_career()
    }
    assert fits == {
        ("Teaching abroad", "succeed"): (4.0, 1),
        ("Teaching abroad", "want"): (2.0, 1),
        ("UX research", "succeed"): (2.0, 1),
    }


def test_skills_and_themes_are_counted_across_conversations_ignoring_case(store, hand_built):
    assert store.metrics.skills_heard() == [
        SkillCount("Python", 1, 1),
        SkillCount("Teaching", 1, 0),
    ]
    assert store.metrics.skills_heard(hand_built["ux"]) == [SkillCount("python", 1, 0)]
    assert store.metrics.themes_ranked() == [ThemeCount("Travel", 2), ThemeCount("pay", 1)]


def test_the_network_numbers(store, hand_built):
    assert store.metrics.referral_share() == ReferralShare(referred=1, contacts=4)
    assert store.metrics.response_by_circle() == [
        CircleResponse("alumni", requested=2, answered=1),
        CircleResponse("friends", requested=1, answered=1),
    ]
    assert store.metrics.median_business_days_to_reply() == 2.0
    assert store.metrics.median_business_days_to_reply(hand_built["ux"]) == 2.0
    assert store.metrics.referral_edges() == [
        Referral(hand_built["ann"], "Ann", hand_built["dan"], "Dan")
    ]


def test_an_empty_planner_has_no_numbers_to_show(store):
    assert all(s.contacts == 0 for s in store.metrics.pipeline())
    assert store.metrics.weekly_activity() == []
    assert store.metrics.fit_by_career() == []
    assert store.metrics.skills_heard() == [] and store.metrics.themes_ranked() == []
    assert (
        store.metrics.referral_share() == ReferralShare(0, 0)
        and store.metrics.response_by_circle() == []
    )
    assert store.metrics.median_business_days_to_reply() is None
    assert store.metrics.referral_edges() == []


def test_another_owner_sees_none_of_it(database, store, hand_built):
    other = database.session("someone-else")
    assert all(s.contacts == 0 for s in other.metrics.pipeline())
    assert other.metrics.weekly_activity() == [] and other.metrics.fit_by_career() == []
    assert other.metrics.referral_share() == ReferralShare(0, 0)


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


def test_weekly_activity_runs_on_to_the_current_week(store, hand_built):
    weeks = store.metrics.weekly_activity(through=date(2026, 11, 26))
    assert weeks[-1] == WeekActivity(date(2026, 11, 23), 0, 0, 0)
    assert [w.week for w in weeks] == [
        date(2026, 11, 2),
        date(2026, 11, 9),
        date(2026, 11, 16),
        date(2026, 11, 23),
    ]
    # a day inside the activity changes nothing
    assert (
        store.metrics.weekly_activity(through=date(2026, 11, 3)) == store.metrics.weekly_activity()
    )


def test_conversations_list_what_each_reflection_recorded_oldest_first(store, hand_built):
    cat, ann = store.metrics.conversations()
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
    assert [c.contact_name for c in store.metrics.conversations(hand_built["ux"])] == ["Ann"]


def test_a_conversation_without_a_reflection_is_listed_empty(store, hand_built):
    held(store, hand_built["bob"], date(2026, 11, 20), hand_built["ux"])
    bob = store.metrics.conversations(hand_built["ux"])[-1]
    assert (bob.contact_name, bob.reflected, bob.takeaways, bob.advice) == ("Bob", False, [], "")
