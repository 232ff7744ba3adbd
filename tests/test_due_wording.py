"""How due and overdue are worded (planner/due.py): the thank-you, an action item, a
check-in and what to remember before writing to someone due an update."""

from __future__ import annotations

from datetime import date

from planner import due
from planner.store.records import CheckInDue

THURSDAY = date(2026, 12, 3)


def test_a_thank_you_is_due_on_a_day_due_today_or_overdue_by_days():
    assert due.thank_you_when(THURSDAY, date(2026, 12, 1)) == "due Thursday 03 December"
    assert due.thank_you_when(THURSDAY, THURSDAY) == "due today"
    assert due.thank_you_when(THURSDAY, date(2026, 12, 4)) == "overdue by 1 day"
    assert due.thank_you_when(THURSDAY, date(2026, 12, 6)) == "overdue by 3 days"


def test_the_thank_you_reminder_says_when_and_why():
    assert due.thank_you_reminder(THURSDAY, date(2026, 12, 5)) == (
        "Thank-you overdue by 2 days: send it within a day, while they remember you."
    )


def test_an_action_item_is_late_only_after_its_day():
    assert due.action_when(THURSDAY) == "due Thu 03 Dec"
    assert due.action_when(None) == "no due date"
    assert not due.action_late(THURSDAY, THURSDAY)
    assert due.action_late(THURSDAY, date(2026, 12, 4))
    assert not due.action_late(None, date(2030, 1, 1))


def test_a_check_in_says_how_long_ago_it_was_due():
    assert due.check_in_when(THURSDAY, THURSDAY) == "due 03 Dec 2026"
    assert due.check_in_when(THURSDAY, date(2026, 12, 6)) == "due 03 Dec 2026 (3 days ago)"


def check_in(**changes) -> CheckInDue:
    values = dict(
        contact_id=1,
        contact_name="Priya Raman",
        organisation="",
        due_on=THURSDAY,
        last_contact=date(2026, 9, 4),
        last_conversation=date(2026, 9, 1),
        advice="Start small.",
        done_since=[],
        email="",
        every_days=90,
    )
    return CheckInDue(**(values | changes))


def test_the_context_of_a_check_in_in_the_format_asked():
    assert due.check_in_context(check_in()) == [
        "Last in touch on 04 Sep 2026.",
        "Last conversation on 01 Sep 2026.",
        "Their advice: Start small.",
    ]
    assert due.check_in_context(check_in(last_conversation=None, advice=""), dates="%Y-%m-%d") == [
        "Last in touch on 2026-09-04."
    ]


def test_what_was_done_since_is_said_only_when_something_was():
    assert due.acted_on(["Read the book", "Joined the guild"]) == (
        "You acted on it: Read the book; Joined the guild."
    )
    assert due.acted_on([]) == ""
