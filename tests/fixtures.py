"""Planners built for tests: real databases, filled through the real import path."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from planner import backup, contacts, row_rules
from planner.contacts import ContactDraft
from planner.goals import GoalDraft
from planner.meetings import MeetingDraft
from planner.organisations import web_address_problem
from planner.reflection import FitRating, ReflectionDraft, SkillHeard
from planner.store import Column, Store

TODAY = date(2026, 11, 22)  # a Sunday; tests that depend on "today" pass it explicitly

ValueFor = Callable[[str, Column, int], Any]


# Values for the columns whose rule is a domain module's own check.
_CHECKED_VALUES: dict[Callable, Callable[[str, int], str]] = {
    contacts.email_problem: lambda table, n: f"person{n}@example.org",
    contacts.phone_problem: lambda table, n: f"+44 113 496 {n:04d}",
    web_address_problem: lambda table, n: f"https://example.org/{table}/{n}",
    row_rules.time_zone_problem: lambda table, n: "Europe/London",
    row_rules.bank_key_problem: lambda table, n: "",
}


def plain_value(table: str, column: Column, row: int) -> Any:
    """A valid, readable value of the column for row number ``row`` (1-based): one its
    rule in ``planner.row_rules`` accepts, so the restore takes the planner as it is."""
    rule = row_rules.COLUMNS[table][column.name]
    if column.name == "id":
        return row
    if (table, column.name) == ("contacts", "referred_by_id"):
        return row - 1 if row > 1 else None  # nobody refers themselves
    if column.name.endswith("_id"):
        return row  # references point at the same-numbered row of the other table
    if isinstance(rule, row_rules.Choice):
        return rule.options[row % len(rule.options)]
    if isinstance(rule, row_rules.Keys):
        return list(rule.options[: row % 3])
    if isinstance(rule, row_rules.Whole):
        return min(max(row, rule.low), rule.high)
    if isinstance(rule, row_rules.Checked):
        return _CHECKED_VALUES[rule.check](table, row)
    kind = column.type
    if kind in ("BIGINT", "INTEGER"):
        return row
    if kind == "VARCHAR":
        return f"{table}.{column.name} #{row}"
    if kind == "BOOLEAN":
        return row % 2 == 0
    if kind == "DATE":
        return (date(2026, 1, 1) + timedelta(days=row)).isoformat()
    if kind == "TIMESTAMP":
        moment = datetime(2026, 1, 1, 9, 30) + timedelta(hours=row, microseconds=row)
        return moment.isoformat(timespec="microseconds")
    if kind == "VARCHAR[]":
        return [f"{column.name} {row}.{i}" for i in range(row % 3)]
    raise AssertionError(f"no sample value for {kind}")


def document_for(
    store: Store, rows_per_table: int = 3, value_for: ValueFor = plain_value
) -> dict[str, Any]:
    """A backup document at the store's schema with ``rows_per_table`` rows in every table."""
    tables = {}
    for table, columns in sorted(store.content.tables().items()):
        rows = [
            [value_for(table, column, n) for column in columns]
            for n in range(1, rows_per_table + 1)
        ]
        tables[table] = {"columns": [c.name for c in columns], "rows": rows}
    return {
        "format": backup.FORMAT,
        "format_version": backup.FORMAT_VERSION,
        "schema_version": store.content.schema_version(),
        "tables": tables,
    }


def load_as_hand_edited(store: Store, document: dict[str, Any], *, replace: bool = False) -> None:
    """Put a document's rows into the planner checked for their types only, as a planner
    file edited by hand (or written by an older version) may hold them: the restore would
    refuse rows that break the planner's rules, and the pages must still cope."""
    store.content.replace(backup.stage(document, store), replace=replace)


def fill_every_table(store: Store, rows_per_table: int = 3) -> dict[str, Any]:
    """Put ``rows_per_table`` rows in every user table; returns the document loaded."""
    document = document_for(store, rows_per_table)
    backup.import_document(store, document)
    return document


# -- the small planner whose Progress numbers are worked out by hand ----------------


def at(day: date, hour: int = 9) -> datetime:
    return datetime.combine(day, time(hour))


def request(store, contact: int, day: date) -> None:
    store.outreach.record_message(
        contact,
        "request",
        channel="email",
        subject="A question",
        body="Could we talk?",
        sent_at=at(day),
    )


def held(store, contact: int, day: date, goal: int) -> int:
    interview = store.meetings.schedule(
        MeetingDraft(contact, day, time(10), "UTC", goal_id=goal),
        now=datetime(2026, 1, 1, tzinfo=UTC),
    )
    store.meetings.mark_done(interview, now=datetime.combine(day, time(12), tzinfo=UTC))
    return interview


def hand_built_planner(store) -> dict[str, int]:
    """Two goals and four people:
    - Ann (alumni, UX goal): asked Mon 2 Nov, replied Wed 4 Nov (2 business days); met
      Thu 12 Nov; thanked Fri 13 Nov; reflection: succeed 2, "python" have, theme Travel.
    - Bob (alumni, UX goal): asked Mon 2 Nov, no answer.
    - Cat (friends, teaching goal): asked Fri 6 Nov, booked Tue 10 Nov (2 business days);
      met Wed 11 Nov; reflection: succeed 4, want 2, Python gap, Teaching have, pay+travel.
    - Dan: a referral from Ann, no goal.
    """
    ux = store.goals.add(GoalDraft(title="Explore UX", field="UX research"), today=TODAY)
    teaching = store.goals.add(GoalDraft(title="Teaching abroad"), today=TODAY)

    def person(name, circle, goal=None, **extra):
        draft = ContactDraft(name=name, circle=circle, goal_ids=[goal] if goal else [], **extra)
        return store.contacts.add(draft, today=TODAY)

    ann = person("Ann", "alumni", ux)
    bob = person("Bob", "alumni", ux)
    cat = person("Cat", "friends", teaching)
    dan = person("Dan", "referral", referred_by_id=ann)
    request(store, ann, date(2026, 11, 2))
    store.contacts.record_event(ann, "reply", happened_at=at(date(2026, 11, 4)), channel="email")
    request(store, bob, date(2026, 11, 2))
    request(store, cat, date(2026, 11, 6))
    store.contacts.move(cat, "scheduled", happened_at=at(date(2026, 11, 10)), channel="email")

    met_cat = held(store, cat, date(2026, 11, 11), teaching)
    store.reflections.save(
        met_cat,
        ReflectionDraft(
            learned_field="Schools abroad hire in spring.",
            fit_ratings=[FitRating("succeed", 4), FitRating("want", 2)],
            skills=[SkillHeard("Python", "gap"), SkillHeard("Teaching", "have")],
            themes=["pay", "travel"],
        ),
    )
    met_ann = held(store, ann, date(2026, 11, 12), ux)
    store.reflections.save(
        met_ann,
        ReflectionDraft(
            advice="Start small.",
            fit_ratings=[FitRating("succeed", 2)],
            skills=[SkillHeard("python", "have")],
            themes=["Travel"],
        ),
    )
    store.outreach.record_message(
        ann,
        "thank_you",
        channel="email",
        subject="Thanks",
        body="Thank you.",
        sent_at=at(date(2026, 11, 13)),
    )
    return {"ux": ux, "teaching": teaching, "ann": ann, "bob": bob, "cat": cat, "dan": dan}
