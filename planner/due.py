"""The due list: follow-ups due today or overdue, and meetings in the next days,
each with what the user needs to act (their organisation, the last message, notes)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta

from planner.followup import reminders
from planner.vocabulary import CHANNELS, CONTACT_EVENT_KINDS, INTERVIEW_FORMATS


@dataclass(frozen=True)
class DueItem:
    kind: str  # second_contact, follow_up, give_up, meeting
    due_on: date
    contact_id: int
    name: str
    organisation: str
    text: str  # what to do, plain text
    last_message: str  # plain text, "" when none
    notes: str
    interview_id: int | None = None  # for meetings: the interview to prepare

    def days_late(self, today: date) -> int:
        return (today - self.due_on).days

    def when(self, today: date) -> str:
        """'due today', '3 days overdue' or 'on Thu 26 Nov'."""
        late = self.days_late(today)
        if late == 0:
            return "due today"
        if late > 0:
            return f"{late} day{'s' if late != 1 else ''} overdue"
        return f"on {self.due_on:%a %d %b}"

    def as_json(self) -> dict:
        return {**asdict(self), "due_on": self.due_on.isoformat()}


def due_list(store, *, today: date, meeting_days: int = 7) -> list[DueItem]:
    """Everything waiting on the user: overdue first, then today's, then meetings."""
    requests, prospects, answered = store.open_requests()
    rule = store.follow_up_rule()
    chasing = [r for r in reminders(requests, prospects, answered, rule=rule) if r.due_on <= today]
    start = datetime.combine(today, datetime.min.time())
    meetings = store.upcoming_meetings(start, start + timedelta(days=meeting_days + 1))

    people = {c.id: c for c in store.list_contacts()}
    ids = sorted({r.contact_id for r in chasing} | {m[1] for m in meetings})
    latest = store.last_messages(ids)

    items = []
    for reminder in chasing:
        person = people[reminder.contact_id]
        items.append(
            DueItem(
                reminder.kind,
                reminder.due_on,
                person.id,
                person.name,
                person.organisation,
                reminder.text,
                _describe(latest.get(person.id)),
                person.notes,
            )
        )
    for interview_id, contact_id, name, organisation, starts_at, zone, form, location in meetings:
        where = f", {location}" if location else ""
        items.append(
            DueItem(
                "meeting",
                starts_at.date(),
                contact_id,
                name,
                organisation,
                f"Meeting with {name} on {starts_at:%a %d %b at %H:%M} ({zone}), "
                f"{INTERVIEW_FORMATS.get(form, form).lower()}{where}.",
                _describe(latest.get(contact_id)),
                people[contact_id].notes if contact_id in people else "",
                interview_id,
            )
        )
    return sorted(items, key=lambda i: (i.kind == "meeting", i.due_on, i.contact_id))


def _describe(event: tuple | None) -> str:
    if event is None:
        return ""
    happened_at, kind, channel, summary = event
    label = CONTACT_EVENT_KINDS.get(kind, kind)
    via = f" ({CHANNELS[channel]})" if channel in CHANNELS else ""
    said = f": {summary}" if summary else ""
    return f"{label}{via} on {happened_at:%Y-%m-%d}{said}"
