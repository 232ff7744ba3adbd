"""The span of dates the planner keeps, and the span its activity chart draws.

A career search lives in weeks and months: nothing in it happened before 1970, and
nothing is planned more than a few years ahead. A date outside that span is a typo
(a year 2062 for 2026) or a damaged file; forms and restores refuse it, and charts
leave out what got in anyway rather than drawing centuries of empty weeks.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

EARLIEST = date(1970, 1, 1)
YEARS_AHEAD = 5
CHARTED_YEARS = 5  # the activity chart's span back from today


AHEAD = timedelta(days=YEARS_AHEAD * 366)


def latest(today: date) -> date:
    """The last day a date may fall on, seen from ``today``."""
    return today + AHEAD


def day_problem(day: date | datetime, today: date) -> str | None:
    """Why ``day`` is outside the span the planner keeps, or None."""
    if isinstance(day, datetime):
        day = day.date()
    if day < EARLIEST:
        return f"Check the year: {day.isoformat()} is before {EARLIEST.year}."
    if day > latest(today):
        return (
            f"Check the year: {day.isoformat()} is more than {YEARS_AHEAD} years away; "
            "a search is planned in weeks or months."
        )
    return None


def charted(today: date) -> tuple[date, date]:
    """The first and last day the activity chart draws: the last few years up to a year
    ahead (a meeting marked held early, a clock set wrong)."""
    return today - timedelta(days=CHARTED_YEARS * 366), today + timedelta(days=366)
