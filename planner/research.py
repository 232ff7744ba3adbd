"""Research notes: what the user found out on their own, and the facts already known.

Facts are short statements ("about 180 staff"); the question lint reads them to
warn when a planned question asks something the user already knows.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from dataclasses import field as default
from datetime import date, datetime, timedelta

from planner.errors import ValidationError
from planner.organisations import web_address_problem
from planner.text import check_text, clean_lines
from planner.vocabulary import RESEARCH_TOPICS

TITLE_MAX = 150
BODY_MAX = 10_000
FACT_MAX = 200
FACTS_MAX = 30
NOTED_BEFORE_MAX = timedelta(days=50 * 365)


@dataclass(frozen=True)
class NoteDraft:
    topic_kind: str = "field"
    title: str = ""
    body: str = ""
    source_url: str = ""
    noted_on: date | None = None
    goal_id: int | None = None
    organisation_id: int | None = None
    facts: list[str] = default(default_factory=list)

    def normalised(self) -> NoteDraft:
        return replace(
            self,
            title=" ".join(self.title.split()),
            body=self.body.strip(),
            source_url=self.source_url.strip(),
            facts=clean_lines(self.facts),
        )


@dataclass(frozen=True)
class Note:
    id: int
    topic_kind: str
    title: str
    body: str
    source_url: str
    noted_on: date
    goal_id: int | None
    goal: str
    organisation_id: int | None
    organisation: str
    facts: list[str]
    updated_at: datetime
    version: int

    @property
    def topic_label(self) -> str:
        return RESEARCH_TOPICS.get(self.topic_kind, self.topic_kind)

    def as_draft(self) -> NoteDraft:
        """The note as its edit form starts."""
        return NoteDraft(
            topic_kind=self.topic_kind,
            title=self.title,
            body=self.body,
            source_url=self.source_url,
            noted_on=self.noted_on,
            goal_id=self.goal_id,
            organisation_id=self.organisation_id,
            facts=list(self.facts),
        )

    @property
    def context(self) -> list[str]:
        """The goal and the organisation the note is about, those it has."""
        return [name for name in (self.goal, self.organisation) if name]


def validate_note(draft: NoteDraft, *, today: date) -> dict[str, str]:
    """Check a normalised draft; {field: message}, empty when it may be saved."""
    errors: dict[str, str] = {}
    if draft.topic_kind not in RESEARCH_TOPICS:
        errors["topic_kind"] = "Choose what the note is about."
    if not draft.title.strip():
        errors["title"] = "Give the note a title, for example 'Northwind at a glance'."
    elif message := check_text(draft.title, limit=TITLE_MAX, single_line=True):
        errors["title"] = message
    if message := check_text(draft.body, limit=BODY_MAX):
        errors["body"] = message
    if message := web_address_problem(draft.source_url):
        errors["source_url"] = message
    if draft.noted_on is None:
        errors["noted_on"] = "Give the date you found this out."
    elif draft.noted_on > today:
        errors["noted_on"] = "A note cannot be dated in the future."
    elif draft.noted_on < today - NOTED_BEFORE_MAX:
        errors["noted_on"] = "Check the year: that is more than 50 years ago."
    if len(draft.facts) > FACTS_MAX:
        errors["facts"] = f"Keep it to {FACTS_MAX} facts per note; split long notes."
    else:
        for fact in draft.facts:
            if message := check_text(fact, limit=FACT_MAX, single_line=True):
                errors["facts"] = f"Fact '{fact[:30]}': {message}"
                break
    return errors


def check_note(draft: NoteDraft, *, today: date) -> None:
    if errors := validate_note(draft, today=today):
        raise ValidationError(errors)
