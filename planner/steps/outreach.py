"""The Contacts step's message tab: a template filled in with what the planner knows
about the person, checked, saved as the user's own, and recorded as sent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from planner.messages import (
    Template,
    check_request,
    check_score,
    fill,
    known_values,
    mailto_link,
    shipped_templates,
    still_to_fill,
    suggested_template,
)
from planner.read_cache import cached_read
from planner.steps.contacts import meetings_of
from planner.store import Store
from planner.store.records import SentMessage
from planner.vocabulary import CHANNELS, OUTREACH_KINDS

__all__ = [
    "MessageView",
    "SentLine",
    "add_template",
    "check_request",
    "check_score",
    "draft",
    "load_message",
    "load_sent",
    "mailto_link",
    "save_my_details",
    "send_message",
    "still_to_fill",
]


@dataclass(frozen=True)
class MessageView:
    """The message tab for one contact."""

    contact_id: int
    templates: dict[str, Template]  # key -> template, shipped ones first
    labels: dict[str, str]  # key -> name shown ("(mine)" after the user's own)
    suggested: str  # the key of the template their stage calls for
    values: dict[str, str]  # the merge fields the planner knows for them
    my_name: str
    my_contact: str


@cached_read
def load_message(store: Store, contact_id: int) -> MessageView:
    person = store.contacts.get(contact_id)
    templates = [*shipped_templates(), *store.outreach.templates()]
    fitting = suggested_template(
        templates, stage=person.stage, referred=person.referred_by_id is not None
    )
    booked = meetings_of(store, contact_id, status="scheduled")
    meeting = booked[-1] if booked else None
    settings = store.settings.all()
    return MessageView(
        contact_id=contact_id,
        templates={t.key: t for t in templates},
        labels={t.key: t.name + ("" if t.shipped else " (mine)") for t in templates},
        suggested=fitting.key,
        values=known_values(
            name=person.name,
            role=person.role,
            organisation=person.organisation,
            connection=person.referred_by,
            meeting_at=meeting.starts_at if meeting else None,
            time_zone=meeting.time_zone if meeting else "",
            meeting_format=meeting.format if meeting else "",
            location=meeting.location if meeting else "",
        ),
        my_name=settings.get("me.name", ""),
        my_contact=settings.get("me.contact", ""),
    )


@dataclass(frozen=True)
class SentLine:
    """A message sent, as a contact's history shows it."""

    message: SentMessage

    @property
    def heading(self) -> str:
        """'2026-12-03 · Thank-you (Email): Thank you, Aisha' (plain text)."""
        m = self.message
        when = f"{m.sent_at:%Y-%m-%d} · " if m.sent_at else ""
        how, kind = CHANNELS.get(m.channel, m.channel), OUTREACH_KINDS.get(m.kind, m.kind)
        return f"{when}{kind} ({how})" + (f": {m.subject}" if m.subject else "")


@cached_read
def load_sent(store: Store, contact_id: int) -> tuple[SentLine, ...]:
    """Every message sent to the contact, latest first, with its words as sent."""
    return tuple(SentLine(m) for m in store.outreach.sent(contact_id=contact_id))


def draft(template: Template, values: dict[str, str]) -> tuple[str, str]:
    """(subject, body) of ``template`` filled in; a blank field stays as [field]."""
    return fill(template.subject, values).text, fill(template.body, values).text


# -- commands ----------------------------------------------------------------------------


def save_my_details(store: Store, name: str, contact: str) -> tuple[str, str]:
    """Remember the user's name and contact line (the {my_name} and {my_contact} of
    every message) when they changed; returns them."""
    settings = store.settings.all()
    if (name, contact) != (settings.get("me.name"), settings.get("me.contact")):
        store.settings.save({"me.name": name, "me.contact": contact})
    return name, contact


def add_template(store: Store, kind: str, name: str, subject: str, body: str) -> int:
    """Save the user's own template; returns its id."""
    return store.outreach.add_template(kind, name, subject, body)


def send_message(
    store: Store,
    contact_id: int,
    kind: str,
    *,
    channel: str,
    subject: str,
    body: str,
    sent_on: date,
) -> int:
    """Keep a message as sent on ``sent_on``, with the move it makes (a request moves an
    identified contact to 'request sent', a thank-you marks their interview thanked...),
    all in one transaction; returns the message's id."""
    sent_at = datetime.combine(sent_on, datetime.now().time())
    return store.outreach.record_message(
        contact_id, kind, channel=channel, subject=subject, body=body, sent_at=sent_at
    )
