"""When to chase a request nobody answered: the 3B7 routine, counted in business days.

A request sent on day D with no reply:
- after ``second_contact_after`` business days (3), reach out to a second person at
  the same organisation, if one is listed; that person gets their own clock;
- after ``follow_up_after`` business days (7), follow up once with the first person,
  in the same thread;
- ``give_up_after_days`` calendar days (7) after that follow-up, mark it "no reply"
  and move on.
Any reply from someone at the organisation cancels its remaining reminders: the next
step there is scheduling, with specific times proposed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

# Each number of the rule as a form names it: what it counts, in which days.
RULE_LABELS = {
    "second_contact_after": "Second person after (business days)",
    "follow_up_after": "Follow up after (business days)",
    "give_up_after_days": "Mark no reply after the follow-up (days)",
}


@dataclass(frozen=True)
class FollowUpRule:
    """The routine's numbers; each is a user setting."""

    second_contact_after: int = 3  # business days
    follow_up_after: int = 7  # business days
    give_up_after_days: int = 7  # calendar days after the follow-up

    SETTING_KEYS = ("second_contact_after", "follow_up_after", "give_up_after_days")

    @classmethod
    def from_settings(cls, settings: dict[str, str]) -> FollowUpRule:
        """The rule from stored settings; a missing or unreadable value keeps its default."""
        values = {}
        for key in cls.SETTING_KEYS:
            try:
                number = int(settings[f"follow_up.{key}"])
            except (KeyError, ValueError):
                continue
            if 1 <= number <= 60:
                values[key] = number
        return cls(**values)

    def as_settings(self) -> dict[str, str]:
        """The rule as the settings ``from_settings`` reads back."""
        return {f"follow_up.{key}": str(int(getattr(self, key))) for key in self.SETTING_KEYS}

    def problems(self) -> dict[str, str]:
        """{setting key: message} for each number outside 1-60; empty when it may be saved."""
        return {
            f"follow_up.{key}": "Choose a number of days from 1 to 60."
            for key in self.SETTING_KEYS
            if not 1 <= getattr(self, key) <= 60
        }


def add_business_days(start: date, days: int, holidays: tuple[date, ...] = ()) -> date:
    """The date ``days`` business days after ``start`` (Monday-Friday, minus ``holidays``).

    A start on a weekend or holiday counts from the next business day, so a request
    sent on Saturday is treated like one sent first thing on Monday.
    """
    result = np.busday_offset(
        np.datetime64(start, "D"), days, roll="forward", holidays=list(holidays)
    )
    return result.astype(date)


@dataclass(frozen=True)
class Request:
    """One contact whose request is out and unanswered (stage "request sent")."""

    contact_id: int
    name: str
    organisation_id: int | None
    organisation: str
    sent_on: date
    followed_up_on: date | None = None


@dataclass(frozen=True)
class Prospect:
    """Someone listed but not yet asked (stage "identified"): a possible second person."""

    contact_id: int
    name: str
    organisation_id: int


@dataclass(frozen=True)
class Reminder:
    contact_id: int  # whom the reminder is about (the first person)
    kind: str  # second_contact, follow_up, give_up
    due_on: date
    text: str
    suggested_contact_id: int | None = None  # the second person, for second_contact


def reminders(
    requests: list[Request],
    prospects: list[Prospect],
    replied_organisations: set[int],
    *,
    rule: FollowUpRule = FollowUpRule(),
    holidays: tuple[date, ...] = (),
) -> list[Reminder]:
    """Every reminder the routine gives for the open requests, earliest first.

    ``replied_organisations`` are organisations where someone already answered;
    requests there get no more reminders.
    """
    waiting_by_org: dict[int, list[Prospect]] = defaultdict(list)
    for prospect in prospects:
        waiting_by_org[prospect.organisation_id].append(prospect)

    found: list[Reminder] = []
    for request in requests:
        if request.organisation_id in replied_organisations:
            continue
        where = f" at {request.organisation}" if request.organisation else ""
        if request.followed_up_on is None:
            second = _second_person(request, waiting_by_org, requests)
            if second is not None:
                found.append(
                    Reminder(
                        request.contact_id,
                        "second_contact",
                        add_business_days(request.sent_on, rule.second_contact_after, holidays),
                        f"No answer from {request.name} yet: write to a second person{where}, "
                        f"{second.name} (their request gets its own reminders).",
                        second.contact_id,
                    )
                )
            found.append(
                Reminder(
                    request.contact_id,
                    "follow_up",
                    add_business_days(request.sent_on, rule.follow_up_after, holidays),
                    f"Follow up once with {request.name}{where}, replying in the same thread.",
                )
            )
        else:
            found.append(
                Reminder(
                    request.contact_id,
                    "give_up",
                    request.followed_up_on + timedelta(days=rule.give_up_after_days),
                    f"{request.name}{where} has not answered your follow-up: mark it "
                    "'no reply' and put your effort into someone else.",
                )
            )
    found.sort(key=lambda r: (r.due_on, r.contact_id, r.kind))
    return found


def _second_person(
    request: Request,
    waiting_by_org: dict[int, list[Prospect]],
    requests: list[Request],
) -> Prospect | None:
    """The first person listed at the same organisation, unless a second request there
    is already out (then that person has their own clock)."""
    org = request.organisation_id
    if org is None:
        return None
    others_asked = any(r.organisation_id == org and r is not request for r in requests)
    if others_asked:
        return None
    waiting = [p for p in waiting_by_org.get(org, []) if p.contact_id != request.contact_id]
    return min(waiting, key=lambda p: p.contact_id) if waiting else None


def due(found: list[Reminder], today: date) -> list[Reminder]:
    """The reminders due today or overdue."""
    return [r for r in found if r.due_on <= today]
