"""CSV exports of the planner: contacts, interviews and action items, for a spreadsheet.

Plain Python (the standard library's ``csv``), no Streamlit. Each export is one header
row of plain column names in the user's words, then one row per record, with labels in
place of stored keys. Every cell goes through ``neutralise``, so nothing the user typed
can run as a spreadsheet formula (the OWASP CSV-injection guidance), and the rows are
written with ``csv.writer`` so commas, quotes and line breaks inside a note stay inside
its cell. The exports return text; ``csv_bytes`` gives the bytes to write, with the
UTF-8 byte order mark spreadsheet apps look for to read accented letters and emoji.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from typing import Any

from planner.store import Store
from planner.vocabulary import (
    ACTION_KINDS,
    CIRCLES,
    INTERVIEW_FORMATS,
    INTERVIEW_STATUSES,
    STAGES,
    WARMTH,
)

# A cell starting with one of these may be read as a formula (or, for tab and carriage
# return, as the start of one once a spreadsheet trims the cell); a pipe starts a DDE
# command in some; the full-width signs are folded to = + - @ by some spreadsheets.
FORMULA_PREFIXES = ("=", "+", "-", "@", "|", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")

CONTACT_COLUMNS = (
    "Name",
    "Role",
    "Organisation",
    "Stage",
    "Where I know them from",
    "Warm or cold",
    "Email",
    "LinkedIn",
    "Phone",
    "Referred by",
    "Goals",
    "Tags",
    "Notes",
    "Last activity",
)

INTERVIEW_COLUMNS = (
    "With",
    "Their role",
    "Organisation",
    "Goal",
    "Starts",
    "Time zone",
    "Minutes",
    "Format",
    "Where",
    "Status",
    "Questions planned",
    "Minutes of questions",
    "Questions asked",
    "Notes",
)

ACTION_COLUMNS = (
    "Action",
    "Kind",
    "Due",
    "Done",
    "Done on",
    "Goal",
    "From my conversation with",
)


def neutralise(value: Any) -> str:
    """The text of one cell, made inert for spreadsheets.

    Returns "" for None, "yes"/"no" for booleans, ISO dates (a date and time as
    "2026-12-01 16:00"), lists joined with ", ", and numbers as written. Text starting
    (after any spaces a spreadsheet may trim) with =, +, -, @, a pipe, their full-width
    forms, a tab or a carriage return gets a leading apostrophe, which spreadsheets show
    as text instead of evaluating; any other text is unchanged.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return neutralise(", ".join(v if isinstance(v, str) else neutralise(v) for v in value))
    if isinstance(value, str):
        looks_like_formula = value.startswith(FORMULA_PREFIXES) or value.lstrip().startswith(
            FORMULA_PREFIXES
        )
        return "'" + value if looks_like_formula else value
    return str(value)


def write_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """CSV text: ``header``, then each row, every cell through ``neutralise``; minimal
    quoting and CRLF line ends, so the text opens the same in any spreadsheet."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in header])
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return buffer.getvalue()


def csv_bytes(text: str) -> bytes:
    """``text`` encoded as UTF-8 with a byte order mark ("utf-8-sig"), which tells
    spreadsheet apps the file is UTF-8; write these bytes to the file as they are."""
    return text.encode("utf-8-sig")


def contacts_csv(store: Store) -> str:
    """Every contact, by name, as CSV text: ``CONTACT_COLUMNS``, one row per contact.

    Stage, circle and warmth are shown by their labels, goals by their titles, and
    "Last activity" is the day of the latest line in the contact's history.
    """
    goal_titles = {goal.id: goal.title for goal in store.goals.list()}
    rows = (
        (
            c.name,
            c.role,
            c.organisation,
            STAGES.get(c.stage, c.stage),
            CIRCLES.get(c.circle, c.circle),
            WARMTH.get(c.warmth, c.warmth),
            c.email,
            c.linkedin_url,
            c.phone,
            c.referred_by,
            [goal_titles[g] for g in c.goal_ids if g in goal_titles],
            c.tags,
            c.notes,
            c.last_event_on,
        )
        for c in store.contacts.list()
    )
    return write_csv(CONTACT_COLUMNS, rows)


def interviews_csv(store: Store) -> str:
    """Every interview not cancelled as CSV text: ``INTERVIEW_COLUMNS``, one row each,
    upcoming ones first (soonest first), then past ones (latest first).

    Cancelled interviews are left out, as on the Questions page (the export reads
    ``Store.planning_overview``). "Starts" is the meeting's local wall-clock time in
    its own time zone; format and status are shown by their labels.
    """
    rows = (
        (
            i.contact_name or "A deleted contact",
            i.contact_role,
            i.organisation,
            i.goal_title,
            i.starts_at,
            i.time_zone,
            i.duration_minutes,
            INTERVIEW_FORMATS.get(i.format, i.format),
            i.location,
            INTERVIEW_STATUSES.get(i.status, i.status),
            i.questions,
            i.planned_minutes,
            i.asked,
            i.general_notes,
        )
        for i in store.plans.overview()
    )
    return write_csv(INTERVIEW_COLUMNS, rows)


def actions_csv(store: Store) -> str:
    """Every action item as CSV text: ``ACTION_COLUMNS``, one row each, open ones first
    by due date, then done ones (latest first); the kind is shown by its label."""
    rows = (
        (
            a.title,
            ACTION_KINDS.get(a.kind, a.kind),
            a.due_on,
            a.done_on is not None,
            a.done_on,
            a.goal_title,
            a.contact_name,
        )
        for a in store.actions.list()
    )
    return write_csv(ACTION_COLUMNS, rows)


# Each export's file stem and the function that writes it, for a page or the CLI.
EXPORTS: dict[str, tuple[str, Callable[[Store], str]]] = {
    "contacts": ("contacts", contacts_csv),
    "interviews": ("interviews", interviews_csv),
    "actions": ("action-items", actions_csv),
}
