"""The Contacts step: the people to talk to, the pipeline they move along, and one
person at a time with their history, meetings and details.

Three reads, one per part of the page: ``load`` (the pipeline, the menus, the follow-up
rule, the upcoming meetings), ``load_list`` (the filtered list) and ``load_contact``
(the person opened). Writing a message to them is ``planner.steps.outreach``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime

from planner import history
from planner.calendar_export import Meeting, calendar_bytes, ics_filename
from planner.contacts import OPEN_STAGES, Contact, ContactDraft, step_choices
from planner.errors import NotFound, ValidationError
from planner.followup import FollowUpRule
from planner.guidance import text as guidance_text
from planner.linkedin import LinkedInFileError, import_summary, parse_connections
from planner.linkedin import import_notes as linkedin_notes
from planner.meetings import MeetingDraft, default_goal, duration_warning
from planner.read_cache import cached_read
from planner.store import Store
from planner.store.records import HistoryEntry, ImportReport, MeetingEntry
from planner.vcard import VCardFileError, cards_bytes, parse_cards
from planner.vcard import import_summary as address_book_summary
from planner.vocabulary import CLOSED_STAGES, STAGES

__all__ = [
    "ContactView",
    "ContactsView",
    "HistoryEntry",
    "MeetingEntry",
    "add_contact",
    "address_book_file",
    "address_book_summary",
    "calendar_file",
    "can_edit",
    "can_remove",
    "cancel_meeting",
    "correct_history_entry",
    "delete_contact",
    "duplicate_warning",
    "duration_warning",
    "entry_name",
    "import_cards",
    "import_connections",
    "import_notes",
    "import_summary",
    "likely_duplicates",
    "load",
    "load_contact",
    "load_list",
    "meetings_of",
    "record_step",
    "removal_outcome",
    "remove_history_entry",
    "reschedule_meeting",
    "save_follow_up_rule",
    "schedule_meeting",
    "step_recorded",
    "table_columns",
    "update_contact",
]


@dataclass(frozen=True)
class ContactsView:
    """What the page shows above the list: the menus, the pipeline, the rule."""

    organisations: dict[int, str]  # id -> name, in the Research page's order
    goals: dict[int, str]  # id -> title
    people: dict[int, str]  # every contact, id -> name, by name
    open_counts: tuple[tuple[str, int], ...]  # (stage label, contacts), open stages
    closed_counts: tuple[tuple[str, int], ...]  # the same for the closed stages
    rule: FollowUpRule
    upcoming: tuple[Meeting, ...]  # calendar entries of the meetings still to come
    upcoming_file: str  # the .ics file name for them


@dataclass(frozen=True)
class ContactView:
    """One contact opened: who they are, what happened, their meetings."""

    person: Contact
    history: tuple[HistoryEntry, ...]  # newest first
    meetings: tuple[MeetingEntry, ...]  # by start time
    calendar: dict[int, Meeting]  # interview id -> calendar entry (or its cancellation)
    calendar_files: dict[int, str]  # interview id -> .ics file name
    steps: dict[str, str]  # what can be recorded next, {choice: label}
    latest_step_id: int | None  # the history's latest step, the one that can be undone
    meeting_goals: dict[int | None, str]  # the "For goal" menu of a new meeting
    meeting_goal: int | None  # what it starts at (``default_goal``)


@cached_read
def load(store: Store, *, today: date) -> ContactsView:
    everyone = store.contacts.list()
    counts = Counter(c.stage for c in everyone)
    start = datetime.combine(today, datetime.min.time())
    return ContactsView(
        organisations={o.id: o.name for o in store.organisations.list()},
        goals={g.id: g.title for g in store.goals.list()},
        people={c.id: c.name for c in everyone},
        open_counts=tuple((STAGES[s], counts[s]) for s in OPEN_STAGES),
        closed_counts=tuple((STAGES[s], counts[s]) for s in CLOSED_STAGES),
        rule=store.settings.follow_up_rule(),
        upcoming=tuple(store.meetings.calendar_entries(since=start)),
        upcoming_file=ics_filename("interviews", today),
    )


def load_list(
    store: Store, *, stage: str | None = None, organisation_id: int | None = None, search: str = ""
) -> list[Contact]:
    """The contacts the filters let through, by name (remembered by the store's read)."""
    return store.contacts.list(
        stages=None if stage is None else (stage,), organisation_id=organisation_id, search=search
    )


def meetings_of(
    store: Store, contact_id: int, *, status: str | None = None
) -> tuple[MeetingEntry, ...]:
    return tuple(store.meetings.list(contact_id=contact_id, status=status))


@cached_read
def load_contact(store: Store, contact_id: int) -> ContactView | None:
    """The contact opened, or None when it was deleted."""
    try:
        person = store.contacts.get(contact_id)
    except NotFound:
        return None
    meetings = meetings_of(store, contact_id)
    # A done meeting needs no file; a cancelled one's file takes it out of the calendar.
    to_file = [m for m in meetings if m.status != "done"]
    goals = store.goals.list()
    active = [g.id for g in goals if g.status == "active"]
    titles = {g.id: g.title for g in goals}
    menu = [g for g in person.goal_ids if g in titles] + [g for g in active]
    history = tuple(store.contacts.history(contact_id))
    return ContactView(
        person=person,
        history=history,
        meetings=meetings,
        calendar={m.id: store.meetings.calendar_entry(m) for m in to_file},
        calendar_files={m.id: _file_name(person.name, m) for m in to_file},
        steps=step_choices(person.stage),
        latest_step_id=next((h.id for h in history if h.kind == "stage"), None),
        meeting_goals={None: "No goal"} | {g: titles[g] for g in menu},
        meeting_goal=default_goal(person.goal_ids, active),
    )


def _file_name(name: str, meeting: MeetingEntry) -> str:
    prefix = f"{name}-cancelled" if meeting.status == "cancelled" else name
    return ics_filename(prefix, meeting.starts_at.date())


def table_columns(people: list[Contact]) -> dict[str, list]:
    """The list's columns, by heading, for these contacts (one page of them)."""
    return {
        "Name": [p.name for p in people],
        "Role": [p.role for p in people],
        "Organisation": [p.organisation for p in people],
        "Stage": [p.stage_label for p in people],
        "From": [p.circle_label for p in people],
        "Warm": [p.warmth == "warm" for p in people],
        "Last activity": [p.last_event_on for p in people],
        "Tags": [", ".join(p.tags) for p in people],
    }


def import_notes(report: ImportReport | None) -> list[str]:
    """What the last import skipped or could not read, a line each (none before one)."""
    if report is None:
        return []
    return linkedin_notes(report.skipped, report.problems, report.repeated)


def calendar_file(entries: tuple[Meeting, ...] | list[Meeting]) -> bytes:
    """The .ics file of these calendar entries, stamped now."""
    return calendar_bytes(entries, now=datetime.now(UTC))


def duplicate_warning(found: list[str]) -> str:
    """What the page says before saving someone who looks like ``found`` (see
    ``likely_duplicates``)."""
    return guidance_text("contacts.duplicate") + " " + "; ".join(found) + "."


def step_recorded(name: str, choice: str, label: str) -> str:
    """What the page says after a step was recorded (with advice after a decline)."""
    advice = guidance_text("contacts.after_decline") if choice == "stage:declined" else ""
    return f"Recorded for {name}: {label}. {advice}".strip()


# -- commands ----------------------------------------------------------------------------


def likely_duplicates(store: Store, draft: ContactDraft) -> list[str]:
    """Saved contacts that look like the person in ``draft`` ("Name (Organisation)")."""
    return store.contacts.likely_duplicates(draft)


def add_contact(
    store: Store, draft: ContactDraft, *, today: date, new_organisation: str = ""
) -> int:
    """Save a new contact, and the new organisation named for them, together."""
    return store.contacts.add(draft, today=today, new_organisation=new_organisation)


def update_contact(
    store: Store, contact_id: int, draft: ContactDraft, *, expected_version: int
) -> None:
    store.contacts.update(contact_id, draft, expected_version=expected_version)


def delete_contact(store: Store, contact_id: int) -> int:
    """Delete a contact with their history; returns their id."""
    store.contacts.delete(contact_id)
    return contact_id


def import_connections(store: Store, data: bytes, *, today: date) -> ImportReport:
    """Import a LinkedIn Connections.csv; a file that is not one is refused (``file``)."""
    try:
        parsed = parse_connections(data)
    except LinkedInFileError as error:
        raise ValidationError({"file": str(error)}) from error
    return store.contacts.import_connections(parsed, today=today)


def import_cards(store: Store, data: bytes, *, today: date) -> ImportReport:
    """Import an address book's .vcf; a file with no card is refused (``file``)."""
    try:
        parsed = parse_cards(data)
    except VCardFileError as error:
        raise ValidationError({"file": str(error)}) from error
    return store.contacts.import_people(parsed.people, problems=parsed.problems, today=today)


def address_book_file(store: Store) -> bytes:
    """Every contact as one .vcf file for an address book."""
    return cards_bytes(store.contacts.list())


def save_follow_up_rule(store: Store, rule: FollowUpRule) -> FollowUpRule:
    if errors := rule.problems():
        raise ValidationError(errors)
    store.settings.save(rule.as_settings())
    return rule


def record_step(
    store: Store,
    contact_id: int,
    choice: str,
    *,
    on: date,
    channel: str = "",
    summary: str = "",
    expected_version: int | None = None,
) -> str:
    """Record what happened (a ``step_choices`` key): a move along the pipeline, checked
    against the version the user saw, or an entry that keeps the stage. Returns ``choice``."""
    kind, _, value = choice.partition(":")
    happened_at = datetime.combine(on, datetime.now().time())
    if kind == "stage":
        store.contacts.move(
            contact_id,
            value,
            happened_at=happened_at,
            channel=channel,
            summary=summary,
            expected_version=expected_version,
        )
    elif kind == "event" and value in ("message_sent", "reply", "note"):
        store.contacts.record_event(
            contact_id, value, happened_at=happened_at, channel=channel, summary=summary
        )
    else:
        raise ValidationError({"stage": "Choose what happened from the list."})
    return choice


def schedule_meeting(store: Store, draft: MeetingDraft) -> int:
    """Save the meeting and move the contact to 'scheduled'; returns the interview id."""
    return store.meetings.schedule(draft, now=datetime.now(UTC))


def reschedule_meeting(
    store: Store, interview_id: int, draft: MeetingDraft, *, expected_version: int
) -> None:
    """Move a scheduled meeting (checked as a new one is) and note it in the history."""
    store.meetings.reschedule(
        interview_id, draft, expected_version=expected_version, now=datetime.now(UTC)
    )


def cancel_meeting(store: Store, interview_id: int, *, expected_version: int) -> None:
    """Cancel a scheduled meeting; the contact's stage and history follow."""
    store.meetings.cancel(interview_id, expected_version=expected_version, now=datetime.now(UTC))


# -- correcting the history ------------------------------------------------------------------


def can_remove(entry: HistoryEntry, view: ContactView) -> bool:
    """Whether ``entry`` of the opened contact can be deleted (or, a step, undone)."""
    statuses = [m.status for m in view.meetings]
    return history.can_remove(
        entry.kind,
        entry.id,
        stage_to=entry.stage_to,
        latest_step_id=view.latest_step_id,
        meetings=statuses,
    )


def can_edit(entry: HistoryEntry) -> bool:
    return history.can_edit(entry.kind)


def entry_name(entry: HistoryEntry) -> str:
    """How Edit and Delete name ``entry`` (plain text)."""
    return history.entry_name(entry.kind, entry.text, f"{entry.happened_at:%Y-%m-%d}")


def removal_outcome(entry: HistoryEntry) -> str:
    """What deleting ``entry`` does besides ("They go back to Identified."), or ""."""
    return history.removal_outcome(entry.kind, entry.stage_from)


def correct_history_entry(
    store: Store, contact_id: int, entry: HistoryEntry, *, on: date, channel: str, summary: str
) -> None:
    """Redate ``entry`` (its time of day kept, so the order within a day holds) and
    correct its channel and summary."""
    happened_at = datetime.combine(on, entry.happened_at.time())
    store.contacts.correct_event(
        contact_id, entry.id, happened_at=happened_at, channel=channel, summary=summary
    )


def remove_history_entry(store: Store, person: Contact, entry: HistoryEntry) -> str:
    """Delete a note, reply or message sent; undo a step. Returns what was done."""
    if entry.kind == "stage":
        stage = store.contacts.undo_step(person.id, entry.id)
        return history.undone(person.name, entry.what, stage)
    store.contacts.delete_event(person.id, entry.id)
    return history.deleted(entry.text)
