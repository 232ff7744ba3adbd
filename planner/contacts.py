"""Contacts: who the user could talk to, the rules their details keep, and the pipeline.

A contact moves identified -> request sent -> scheduled -> interviewed -> thanked ->
keeping in touch, or ends declined, with no reply, or not pursued. Every move is
kept as dated history by the store.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from dataclasses import field as default
from datetime import date, datetime

from planner.errors import ValidationError
from planner.organisations import web_address_problem
from planner.text import check_text, clean_lines
from planner.vocabulary import (
    CHANNELS,
    CIRCLES,
    CLOSED_STAGES,
    CONTACT_EVENT_KINDS,
    STAGES,
    WARMTH,
)

NAME_MAX = 120
ROLE_MAX = 120
EMAIL_MAX = 254
PHONE_MAX = 40
NOTES_MAX = 4000
TAG_MAX = 40
TAGS_MAX = 12
SUMMARY_MAX = 500

# Deliberately loose: one @, something before it, a dot in the domain, no spaces.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[0-9 ()./-]{5,}$")

# Where a contact may go next. Closed stages can be reopened: people say "ask me
# again in spring", and a "no reply" sometimes answers months later.
NEXT_STAGES: dict[str, tuple[str, ...]] = {
    "identified": ("requested", "not_pursuing"),
    "requested": ("scheduled", "declined", "no_reply", "not_pursuing"),
    "scheduled": ("interviewed", "requested", "declined", "not_pursuing"),
    "interviewed": ("thanked", "keeping_in_touch"),
    "thanked": ("keeping_in_touch",),
    "keeping_in_touch": ("requested",),
    "declined": ("identified", "requested"),
    "no_reply": ("identified", "requested"),
    "not_pursuing": ("identified",),
}
OPEN_STAGES = tuple(s for s in STAGES if s not in CLOSED_STAGES)


@dataclass(frozen=True)
class ContactDraft:
    name: str = ""
    role: str = ""
    organisation_id: int | None = None
    email: str = ""
    linkedin_url: str = ""
    phone: str = ""
    circle: str = "other"
    referred_by_id: int | None = None
    warmth: str = "cold"
    notes: str = ""
    tags: list[str] = default(default_factory=list)
    goal_ids: list[int] = default(default_factory=list)
    company: str = ""  # their employer when it is not a target organisation

    def normalised(self) -> ContactDraft:
        tags = []
        for tag in clean_lines(self.tags):
            if tag.casefold() not in {t.casefold() for t in tags}:
                tags.append(tag)
        return replace(
            self,
            name=" ".join(self.name.split()),
            role=self.role.strip(),
            company=" ".join(self.company.split()),
            email=self.email.strip(),
            linkedin_url=self.linkedin_url.strip(),
            phone=self.phone.strip(),
            notes=self.notes.strip(),
            tags=tags,
            goal_ids=sorted(set(self.goal_ids)),
        )


@dataclass(frozen=True)
class Contact:
    id: int
    name: str
    role: str
    organisation_id: int | None
    organisation: str
    email: str
    linkedin_url: str
    phone: str
    circle: str
    referred_by_id: int | None
    referred_by: str
    warmth: str
    notes: str
    tags: list[str]
    stage: str
    goal_ids: list[int]
    updated_at: datetime
    version: int
    last_event_on: date | None = None
    company: str = ""

    @property
    def stage_label(self) -> str:
        return STAGES.get(self.stage, self.stage)

    @property
    def circle_label(self) -> str:
        return CIRCLES.get(self.circle, self.circle)

    @property
    def next_stages(self) -> tuple[str, ...]:
        return NEXT_STAGES.get(self.stage, ())

    @property
    def headline(self) -> str:
        """'Researcher at Northwind', or what is missing."""
        facts = [x for x in (self.role, self.organisation) if x]
        return " at ".join(facts) if facts else "No role or organisation yet"

    @property
    def reach(self) -> list[str]:
        """How to reach them and who referred them, as far as the planner knows."""
        referral = f"Referred by {self.referred_by}" if self.referred_by else ""
        return [x for x in (self.email, self.phone, self.linkedin_url, referral) if x]

    def as_draft(self) -> ContactDraft:
        return ContactDraft(
            name=self.name,
            role=self.role,
            organisation_id=self.organisation_id,
            email=self.email,
            linkedin_url=self.linkedin_url,
            phone=self.phone,
            circle=self.circle,
            referred_by_id=self.referred_by_id,
            warmth=self.warmth,
            notes=self.notes,
            tags=list(self.tags),
            goal_ids=list(self.goal_ids),
            company=self.company,
        )


# What can be recorded for a contact besides a move: entries that keep the stage.
STEP_EVENTS: dict[str, str] = {
    "message_sent": "I sent a message (e.g. a follow-up)",
    "reply": "They replied",
    "note": "A note",
}


def step_choices(stage: str) -> dict[str, str]:
    """What can be recorded next for a contact at ``stage``, as {choice: label}: the
    moves along the pipeline first ("stage:requested"), then the entries that keep the
    stage as it is ("event:reply")."""
    choices = {f"stage:{s}": f"Move to: {STAGES[s]}" for s in NEXT_STAGES.get(stage, ())}
    return choices | {f"event:{kind}": label for kind, label in STEP_EVENTS.items()}


def event_label(kind: str, stage_from: str | None, stage_to: str | None) -> str:
    """A history entry in words: 'Identified → Request sent' for a move, else its kind."""
    if kind == "stage":
        return f"{STAGES.get(stage_from, stage_from)} → {STAGES.get(stage_to, stage_to)}"
    return CONTACT_EVENT_KINDS.get(kind, kind)


def email_problem(email: str) -> str | None:
    if not email:
        return None
    if message := check_text(email, limit=EMAIL_MAX, single_line=True):
        return message
    if not _EMAIL.match(email):
        return "Enter an email address like name@example.org."
    return None


def phone_problem(phone: str) -> str | None:
    if not phone:
        return None
    if message := check_text(phone, limit=PHONE_MAX, single_line=True):
        return message
    if not _PHONE.match(phone):
        return "Use digits, spaces and + ( ) - . only, e.g. +44 113 496 0123."
    return None


def validate_contact(draft: ContactDraft, *, contact_id: int | None = None) -> dict[str, str]:
    """Check a normalised draft; {field: message}, empty when it may be saved."""
    errors: dict[str, str] = {}
    if not draft.name.strip():
        errors["name"] = "Enter the person's name."
    elif message := check_text(draft.name, limit=NAME_MAX, single_line=True):
        errors["name"] = message
    if message := check_text(draft.role, limit=ROLE_MAX, single_line=True):
        errors["role"] = message
    if message := check_text(draft.company, limit=ROLE_MAX, single_line=True):
        errors["company"] = message
    if message := email_problem(draft.email):
        errors["email"] = message
    if message := web_address_problem(draft.linkedin_url):
        errors["linkedin_url"] = message
    if message := phone_problem(draft.phone):
        errors["phone"] = message
    if draft.circle not in CIRCLES:
        errors["circle"] = "Choose where you know them from."
    if draft.warmth not in WARMTH:
        errors["warmth"] = "Choose warm or cold."
    if contact_id is not None and draft.referred_by_id == contact_id:
        errors["referred_by_id"] = "Someone cannot refer themselves; choose another person."
    if message := check_text(draft.notes, limit=NOTES_MAX):
        errors["notes"] = message
    if len(draft.tags) > TAGS_MAX:
        errors["tags"] = f"Use at most {TAGS_MAX} tags."
    else:
        for tag in draft.tags:
            if message := check_text(tag, limit=TAG_MAX, single_line=True):
                errors["tags"] = f"Tag '{tag[:20]}': {message}"
                break
    return errors


def check_contact(draft: ContactDraft, *, contact_id: int | None = None) -> None:
    if errors := validate_contact(draft, contact_id=contact_id):
        raise ValidationError(errors)


def check_move(stage_from: str, stage_to: str, *, channel: str, summary: str) -> None:
    """Raise ValidationError unless the pipeline allows this move with these details."""
    errors: dict[str, str] = {}
    if stage_to not in NEXT_STAGES.get(stage_from, ()):
        allowed = ", ".join(STAGES[s] for s in NEXT_STAGES.get(stage_from, ()))
        errors["stage"] = (
            f"From '{STAGES.get(stage_from, stage_from)}' a contact can move to: {allowed}."
        )
    errors |= event_details_problems(channel=channel, summary=summary)
    if errors:
        raise ValidationError(errors)


def check_event(*, channel: str, summary: str) -> None:
    """Raise ValidationError unless a history entry's channel and summary are valid."""
    if errors := event_details_problems(channel=channel, summary=summary):
        raise ValidationError(errors)


def event_details_problems(*, channel: str, summary: str) -> dict[str, str]:
    """What is wrong with a history entry's channel and summary, by field."""
    errors: dict[str, str] = {}
    if channel and channel not in CHANNELS:
        errors["channel"] = "Choose a channel from the list."
    if message := check_text(summary, limit=SUMMARY_MAX):
        errors["summary"] = message
    return errors
