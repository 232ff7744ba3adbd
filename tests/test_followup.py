"""The 3B7 follow-up routine, on fixed dates across weekends and month ends."""

from __future__ import annotations

from datetime import date

import pytest

from planner.followup import (
    FollowUpRule,
    Prospect,
    Request,
    add_business_days,
    due,
    reminders,
)

MON, FRI, SAT = date(2026, 11, 23), date(2026, 11, 27), date(2026, 11, 28)


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (MON, 3, date(2026, 11, 26)),  # Thursday, same week
        (FRI, 3, date(2026, 12, 2)),  # over a weekend and a month end
        (SAT, 3, date(2026, 12, 3)),  # a weekend start counts from Monday
        (MON, 7, date(2026, 12, 2)),
        (date(2026, 12, 31), 1, date(2027, 1, 1)),  # a year end; no holidays by default
    ],
)
def test_business_days_skip_weekends(start, days, expected):
    assert add_business_days(start, days) == expected


def test_holidays_are_skipped_when_given():
    assert add_business_days(date(2026, 12, 24), 1, holidays=(date(2026, 12, 25),)) == date(
        2026, 12, 28
    )


def request(contact_id=1, org=10, sent_on=MON, followed_up_on=None, name="Priya"):
    return Request(contact_id, name, org, "Northwind" if org else "", sent_on, followed_up_on)


def test_an_unanswered_request_gets_a_follow_up_after_seven_business_days():
    [reminder] = reminders([request()], [], set())
    assert (reminder.kind, reminder.due_on) == ("follow_up", date(2026, 12, 2))
    assert "Follow up once with Priya at Northwind" in reminder.text


def test_a_second_person_at_the_same_organisation_is_suggested_after_three():
    second = Prospect(2, "Daniel", 10)
    elsewhere = Prospect(3, "Ben", 99)
    found = reminders([request()], [elsewhere, second], set())
    assert [(r.kind, r.due_on) for r in found] == [
        ("second_contact", date(2026, 11, 26)),
        ("follow_up", date(2026, 12, 2)),
    ]
    assert found[0].suggested_contact_id == 2
    assert "Daniel" in found[0].text


def test_once_the_second_person_is_asked_they_have_their_own_clock():
    first = request()
    second = request(contact_id=2, sent_on=date(2026, 11, 26), name="Daniel")
    found = reminders([first, second], [Prospect(5, "Someone else", 10)], set())
    assert [(r.contact_id, r.kind, r.due_on) for r in found] == [
        (1, "follow_up", date(2026, 12, 2)),
        (2, "follow_up", date(2026, 12, 7)),
    ]


def test_a_reply_from_the_organisation_cancels_its_reminders():
    assert reminders([request(), request(2, org=11)], [], {10})[0].contact_id == 2
    assert reminders([request()], [Prospect(2, "Daniel", 10)], {10}) == []


def test_after_the_follow_up_the_last_step_is_to_mark_no_reply():
    [reminder] = reminders([request(followed_up_on=date(2026, 12, 2))], [], set())
    assert (reminder.kind, reminder.due_on) == ("give_up", date(2026, 12, 9))
    assert "no reply" in reminder.text


def test_a_contact_without_an_organisation_still_gets_a_follow_up():
    [reminder] = reminders([request(org=None)], [], set())
    assert reminder.kind == "follow_up"
    assert "Follow up once with Priya, replying" in reminder.text


def test_the_numbers_are_settings():
    rule = FollowUpRule.from_settings(
        {"follow_up.follow_up_after": "5", "follow_up.second_contact_after": "oops"}
    )
    assert rule == FollowUpRule(second_contact_after=3, follow_up_after=5)
    [reminder] = reminders([request()], [], set(), rule=rule)
    assert reminder.due_on == date(2026, 11, 30)


def test_only_reminders_due_today_or_before_are_due():
    found = reminders([request()], [Prospect(2, "Daniel", 10)], set())
    assert due(found, date(2026, 11, 25)) == []
    assert [r.kind for r in due(found, date(2026, 11, 26))] == ["second_contact"]
    assert len(due(found, date(2026, 12, 31))) == 2


def test_the_rule_is_saved_as_the_settings_it_is_read_from():
    rule = FollowUpRule(second_contact_after=2, follow_up_after=5, give_up_after_days=10)
    assert rule.as_settings() == {
        "follow_up.second_contact_after": "2",
        "follow_up.follow_up_after": "5",
        "follow_up.give_up_after_days": "10",
    }
    assert FollowUpRule.from_settings(rule.as_settings()) == rule
    assert rule.problems() == {}
    assert list(FollowUpRule(follow_up_after=0, give_up_after_days=61).problems()) == [
        "follow_up.follow_up_after",
        "follow_up.give_up_after_days",
    ]
