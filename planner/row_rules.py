"""The rules every stored row keeps, however it arrives: typed into a form, restored from
a backup, loaded as the demo, or found in a planner file edited by hand.

Each column names its rule, built from the same limits, vocabularies and checks the
forms use (``check_text``, ``web_address_problem``, the vocabularies, the ranges), so a
restore accepts exactly what a form could have saved. A form checks one draft against
the planner around it (a title clash, a meeting time in the past); these rules check
what must hold for any row at any time, so history a form once accepted stays valid.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from planner import contacts, goals, meetings, messages, organisations, question_plans, research
from planner import reflection as reflections
from planner.calendar_export import zone
from planner.date_window import day_problem
from planner.followup import FollowUpRule
from planner.question_bank import is_bank_key
from planner.questions import QUESTION_MAX
from planner.text import SETTING_MAX, check_text
from planner.thanks import CHECK_IN_RANGE
from planner.vocabulary import (
    ACTION_KINDS,
    ASSUMPTION_VERDICTS,
    CHANNELS,
    CIRCLES,
    CONTACT_EVENT_KINDS,
    INTEREST_CHANGES,
    INTERVIEW_FORMATS,
    INTERVIEW_STATUSES,
    ORGANISATION_ORIGINS,
    OUTREACH_KINDS,
    QUESTION_CATEGORIES,
    RESEARCH_TOPICS,
    SKILL_STATUSES,
    STAGES,
    TIARA,
    WARMTH,
)

ROW_ID_MAX = 2**63 - 1


def shown(value: Any) -> str:
    """A value as a problem quotes it: JSON in ASCII (safe to show whatever a file held),
    cut to about 40 characters."""
    text = json.dumps(value, ensure_ascii=True, default=str)
    return text if len(text) <= 40 else text[:37] + "..."


# -- the rules a column may name --------------------------------------------------------
# Each is called with a value that is not None (a column that may be empty says so in
# the schema, which the restore checks first) and today's date; it returns why the
# value cannot be kept, or None.


@dataclass(frozen=True)
class Text:
    limit: int
    single_line: bool = False
    required: bool = False

    def __call__(self, value: str, today: date) -> str | None:
        if self.required and not value.strip():
            return "may not be blank"
        return check_text(value, limit=self.limit, single_line=self.single_line)


@dataclass(frozen=True)
class Lines:
    """A list of short texts (roles, tags, facts)."""

    limit: int  # characters per entry
    items: int  # entries at most
    single_line: bool = True

    def __call__(self, values: list[str], today: date) -> str | None:
        if len(values) > self.items:
            return f"Keep it to {self.items} entries or fewer (there are {len(values)})."
        for number, value in enumerate(values, start=1):
            if message := check_text(value, limit=self.limit, single_line=self.single_line):
                return f"entry {number}: {message}"
        return None


@dataclass(frozen=True)
class Choice:
    options: tuple[str, ...]
    what: str  # "a stage", "a kind of goal"
    may_be_empty: bool = False

    def __call__(self, value: str, today: date) -> str | None:
        if value in self.options or (self.may_be_empty and value == ""):
            return None
        return f"{shown(value)} is not {self.what} the planner knows ({', '.join(self.options)})"


@dataclass(frozen=True)
class Keys:
    """A list of keys from one vocabulary, each at most once."""

    options: tuple[str, ...]
    what: str

    def __call__(self, values: list[str], today: date) -> str | None:
        one = Choice(self.options, self.what)
        if message := next(filter(None, (one(value, today) for value in values)), None):
            return message
        if len(set(values)) < len(values):
            return "names the same one twice"
        return None


@dataclass(frozen=True)
class Whole:
    low: int
    high: int

    def __call__(self, value: int, today: date) -> str | None:
        if self.low <= value <= self.high:
            return None
        return f"{value} is outside {self.low:,}-{self.high:,}"


@dataclass(frozen=True)
class Day:
    """A date or a time within the span the planner keeps (see ``date_window``)."""

    def __call__(self, value: date, today: date) -> str | None:
        return day_problem(value, today)


@dataclass(frozen=True)
class Checked:
    """A value a domain module's own check accepts (a web address, an email)."""

    check: Callable[[str], str | None]

    def __call__(self, value: str, today: date) -> str | None:
        return self.check(value)


def time_zone_problem(name: str) -> str | None:
    try:
        zone(name)
    except ValueError as error:
        return str(error)
    return None


def bank_key_problem(key: str) -> str | None:
    if key == "" or is_bank_key(key):
        return None
    return f"{shown(key)} is not a question bank key (like 'role.typical_day')"


@dataclass(frozen=True)
class Reference:
    """The id of a row in another table; checked once every table is read."""

    table: str


Rule = Text | Lines | Choice | Keys | Whole | Day | Checked | Reference
NO_RULE = None  # true or false: the column's type says it all

ID = Whole(1, ROW_ID_MAX)
VERSION = Whole(1, 2**31 - 1)
DAY = Day()
WEB_ADDRESS = Checked(organisations.web_address_problem)
FIT_QUESTION = tuple(goals.FIT_QUESTIONS)


def _choice(vocabulary: Mapping[str, str], what: str, *, may_be_empty: bool = False) -> Choice:
    return Choice(tuple(vocabulary), what, may_be_empty)


def _stamps() -> dict[str, Rule]:
    return {"created_at": DAY, "updated_at": DAY}


def _edited() -> dict[str, Rule]:
    return {**_stamps(), "version": VERSION}


# Every column of every table, with its rule (tests check none is left out).
COLUMNS: dict[str, dict[str, Rule | None]] = {
    "goals": {
        "id": ID,
        "title": Text(goals.TITLE_MAX, single_line=True, required=True),
        "kind": _choice(goals.GOAL_KINDS, "a kind of goal"),
        "field": Text(goals.FIELD_MAX, single_line=True),
        "target_roles": Lines(goals.LIST_ITEM_MAX, goals.LIST_MAX_ITEMS),
        "target_organisations": Lines(goals.LIST_ITEM_MAX, goals.LIST_MAX_ITEMS),
        "learning_aims": Lines(goals.LIST_ITEM_MAX, goals.LIST_MAX_ITEMS),
        "fit_questions": Keys(FIT_QUESTION, "a fit question"),
        "target_interviews": Whole(goals.TARGET_MIN, goals.TARGET_MAX),
        "target_date": DAY,
        "status": _choice(goals.GOAL_STATUSES, "a goal status"),
        **_edited(),
    },
    "goal_assumptions": {
        "id": ID,
        "goal_id": Reference("goals"),
        "statement": Text(goals.ASSUMPTION_MAX, single_line=True, required=True),
        "created_at": DAY,
    },
    "organisations": {
        "id": ID,
        "name": Text(organisations.NAME_MAX, single_line=True, required=True),
        "sector": Text(organisations.SECTOR_MAX, single_line=True),
        "website": WEB_ADDRESS,
        "advocacy": NO_RULE,
        "motivation": Whole(
            min(organisations.MOTIVATION_LEVELS), max(organisations.MOTIVATION_LEVELS)
        ),
        "posting": Whole(min(organisations.POSTING_LEVELS), max(organisations.POSTING_LEVELS)),
        "origin": _choice(ORGANISATION_ORIGINS, "an origin", may_be_empty=True),
        "notes": Text(organisations.NOTES_MAX),
        **_edited(),
    },
    "organisation_motivation_history": {
        "id": ID,
        "organisation_id": Reference("organisations"),
        "motivation": Whole(
            min(organisations.MOTIVATION_LEVELS), max(organisations.MOTIVATION_LEVELS)
        ),
        "reflection_id": Reference("reflections"),
        "changed_at": DAY,
    },
    "research_notes": {
        "id": ID,
        "goal_id": Reference("goals"),
        "organisation_id": Reference("organisations"),
        "topic_kind": _choice(RESEARCH_TOPICS, "a research topic"),
        "title": Text(research.TITLE_MAX, single_line=True, required=True),
        "body": Text(research.BODY_MAX),
        "source_url": WEB_ADDRESS,
        "noted_on": DAY,
        "facts": Lines(research.FACT_MAX, research.FACTS_MAX),
        **_edited(),
    },
    "contacts": {
        "id": ID,
        "name": Text(contacts.NAME_MAX, single_line=True, required=True),
        "role": Text(contacts.ROLE_MAX, single_line=True),
        "company": Text(contacts.ROLE_MAX, single_line=True),
        "organisation_id": Reference("organisations"),
        "email": Checked(contacts.email_problem),
        "linkedin_url": WEB_ADDRESS,
        "phone": Checked(contacts.phone_problem),
        "circle": _choice(CIRCLES, "a circle"),
        "referred_by_id": Reference("contacts"),
        "referred_in_interview_id": Reference("interviews"),
        "warmth": _choice(WARMTH, "a warmth"),
        "notes": Text(contacts.NOTES_MAX),
        "tags": Lines(contacts.TAG_MAX, contacts.TAGS_MAX),
        "stage": _choice(STAGES, "a stage"),
        "may_recontact": NO_RULE,
        "check_in_every_days": Whole(*CHECK_IN_RANGE),
        "next_check_in": DAY,
        **_edited(),
    },
    "contact_goals": {
        "id": ID,
        "contact_id": Reference("contacts"),
        "goal_id": Reference("goals"),
    },
    "contact_events": {
        "id": ID,
        "contact_id": Reference("contacts"),
        "happened_at": DAY,
        "kind": _choice(CONTACT_EVENT_KINDS, "a kind of history entry"),
        "stage_from": _choice(STAGES, "a stage"),
        "stage_to": _choice(STAGES, "a stage"),
        "channel": _choice(CHANNELS, "a channel", may_be_empty=True),
        "summary": Text(contacts.SUMMARY_MAX),
        "created_at": DAY,
    },
    "outreach": {
        "id": ID,
        "contact_id": Reference("contacts"),
        "interview_id": Reference("interviews"),
        "kind": _choice(OUTREACH_KINDS, "a kind of message"),
        "channel": _choice(CHANNELS, "a channel"),
        "subject": Text(messages.SUBJECT_MAX, single_line=True),
        "body": Text(messages.BODY_MAX),
        "sent_at": DAY,
        **_edited(),
    },
    "message_templates": {
        "id": ID,
        "kind": _choice(OUTREACH_KINDS, "a kind of message"),
        "name": Text(messages.TEMPLATE_NAME_MAX, single_line=True, required=True),
        "subject": Text(messages.SUBJECT_MAX, single_line=True),
        "body": Text(messages.BODY_MAX),
        **_edited(),
    },
    "interviews": {
        "id": ID,
        # Deleting a contact keeps the meetings held with them: no reference check here.
        "contact_id": ID,
        "goal_id": Reference("goals"),
        "starts_at": DAY,
        "time_zone": Checked(time_zone_problem),
        "duration_minutes": Whole(meetings.DURATION_MIN, meetings.DURATION_MAX),
        "format": _choice(INTERVIEW_FORMATS, "a meeting format"),
        "location": Text(meetings.LOCATION_MAX, single_line=True),
        "status": _choice(INTERVIEW_STATUSES, "a meeting status"),
        "general_notes": Text(question_plans.NOTES_MAX),
        "thank_you_due": DAY,
        "thank_you_sent_at": DAY,
        **_edited(),
    },
    "question_plans": {
        "id": ID,
        "interview_id": Reference("interviews"),
        "introduction": Text(question_plans.INTRODUCTION_MAX),
        "minutes_per_question": Whole(*question_plans.MINUTES_RANGE),
        **_edited(),
    },
    "plan_questions": {
        "id": ID,
        "plan_id": Reference("question_plans"),
        "question_id": Reference("questions"),
        "bank_key": Checked(bank_key_problem),
        "text": Text(QUESTION_MAX, single_line=True, required=True),
        "position": Whole(0, 2**31 - 1),
        "must_ask": NO_RULE,
        "minutes": Whole(*question_plans.MINUTES_RANGE),
        "asked": NO_RULE,
        "answer_notes": Text(question_plans.NOTES_MAX),
        **_edited(),
    },
    "questions": {
        "id": ID,
        "text": Text(QUESTION_MAX, single_line=True, required=True),
        "category": _choice(QUESTION_CATEGORIES, "a question category"),
        "tiara": _choice(TIARA, "a TIARA kind", may_be_empty=True),
        "bank_key": Checked(bank_key_problem),
        "retired": NO_RULE,
        **_edited(),
    },
    "reflections": {
        "id": ID,
        "interview_id": Reference("interviews"),
        **{prompt: Text(reflections.PROMPT_MAX) for prompt in reflections.PROMPTS},
        "interest_change": _choice(INTEREST_CHANGES, "an interest change"),
        "takeaways": Lines(reflections.ITEM_MAX, reflections.ITEMS_MAX, single_line=False),
        "themes": Lines(reflections.ITEM_MAX, reflections.ITEMS_MAX),
        **_edited(),
    },
    "reflection_fit_ratings": {
        "id": ID,
        "reflection_id": Reference("reflections"),
        "fit_question": Choice(FIT_QUESTION, "a fit question"),
        "rating": Whole(*reflections.RATING_RANGE),
        "why": Text(reflections.WHY_MAX, single_line=True),
    },
    "reflection_skills": {
        "id": ID,
        "reflection_id": Reference("reflections"),
        "skill": Text(reflections.ITEM_MAX, single_line=True, required=True),
        "status": _choice(SKILL_STATUSES, "a skill status"),
    },
    "assumption_checks": {
        "id": ID,
        "reflection_id": Reference("reflections"),
        "assumption_id": Reference("goal_assumptions"),
        "verdict": _choice(ASSUMPTION_VERDICTS, "a verdict"),
    },
    "action_items": {
        "id": ID,
        "goal_id": Reference("goals"),
        "reflection_id": Reference("reflections"),
        "title": Text(reflections.ACTION_TITLE_MAX, single_line=True, required=True),
        "kind": _choice(ACTION_KINDS, "a kind of action"),
        "due_on": DAY,
        "done_on": DAY,
        **_edited(),
    },
    "settings": {
        "id": ID,
        "key": Text(SETTING_MAX, single_line=True, required=True),
        "value": Text(SETTING_MAX, single_line=True),  # and a number for the follow-up rule
        "updated_at": DAY,
    },
}

_FOLLOW_UP_KEYS = {f"follow_up.{key}" for key in FollowUpRule.SETTING_KEYS}


def _row_problems(table: str, row: Mapping[str, Any]) -> Iterable[tuple[str, str]]:
    """(column, message) for rules that look at more than one column of a row."""
    if table == "contacts" and row["referred_by_id"] == row["id"]:
        yield "referred_by_id", "someone cannot refer themselves"
    if table == "settings" and row["key"] in _FOLLOW_UP_KEYS:
        value = row["value"]
        if not (value.isascii() and value.isdigit() and 1 <= int(value) <= 60):
            yield "value", f"{shown(value)} is not a number of days from 1 to 60"


@dataclass(frozen=True)
class Problem:
    table: str
    row: int  # 1-based, in the table's order in the file
    row_id: Any
    column: str
    message: str

    def sentence(self) -> str:
        return (
            f"table {self.table}, row {self.row} (id {self.row_id}), {self.column}: {self.message}"
        )


def problems(
    tables: Mapping[str, list[Mapping[str, Any]]],
    *,
    today: date,
    row_numbers: Mapping[str, Mapping[Any, int]] | None = None,
    limit: int | None = None,
) -> list[Problem]:
    """What breaks the rules in ``tables`` (rows as mappings by column name), table by
    table in the order given, at most ``limit`` problems. ``row_numbers`` maps a table's
    ids to the row numbers a user sees in their file (default: the order given)."""
    found: list[Problem] = []
    ids = {name: {row["id"] for row in rows} for name, rows in tables.items()}

    def add(table: str, number: int, row: Mapping[str, Any], column: str, message: str) -> bool:
        numbers = (row_numbers or {}).get(table)
        shown_number = numbers.get(row["id"], number) if numbers else number
        found.append(Problem(table, shown_number, row["id"], column, message))
        return limit is not None and len(found) >= limit

    for table, rows in tables.items():
        rules = COLUMNS.get(table, {})
        for number, row in enumerate(rows, start=1):
            for column, value in row.items():
                rule = rules.get(column)
                if value is None or rule is None:
                    continue
                if isinstance(rule, Reference):
                    message = (
                        None
                        if value in ids.get(rule.table, ())
                        else (f"points at {rule.table} id {value}, which is not in the planner")
                    )
                else:
                    message = rule(value, today)
                if message and add(table, number, row, column, message):
                    return found
            for column, message in _row_problems(table, row):
                if add(table, number, row, column, message):
                    return found
    return found
