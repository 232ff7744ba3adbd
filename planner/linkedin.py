"""Reading LinkedIn's Connections.csv export, and the keys that say two records are one person.

The export starts with a few lines of notes, then the header
``First Name,Last Name,URL,Email Address,Company,Position,Connected On``, then one row per
connection. Users sometimes re-save it in a spreadsheet, so the file may also come back in
Windows encoding (cp1252), with a byte-order mark, CRLF line endings, semicolons between the
fields or dates written differently.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from urllib.parse import urlsplit

from planner.contact_import import Incoming, collapse, decode_export, identity_keys
from planner.date_window import EARLIEST
from planner.text import check_text

HEADER = ("First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On")
NAME_MAX = 120  # the first and last name together, as contacts.NAME_MAX
FIELD_MAX = 300
# "03 Oct 2024" as exported; the others are what spreadsheets turn it into when re-saved.
# Day/month orders that could be read two ways (03/10/2024) are left unread on purpose.
DATE_FORMATS = ("%d %b %Y", "%d %B %Y", "%Y-%m-%d", "%d-%b-%y", "%d-%b-%Y")
_DELIMITERS = (",", ";", "\t")
_NOT_CONNECTIONS = (
    "This does not look like LinkedIn's Connections.csv: no line starts with "
    "First Name,Last Name,URL,... Download it again from LinkedIn (Settings, Data privacy, "
    "Get a copy of your data, Connections) and upload that file as it is."
)


class LinkedInFileError(ValueError):
    """The file cannot be read as LinkedIn connections at all; nothing was imported."""


@dataclass(frozen=True)
class Connection:
    """One usable row of the file; ``line`` is where it starts, for messages."""

    name: str
    first_name: str
    last_name: str
    linkedin_url: str
    email: str
    company: str
    position: str
    connected_on: date | None
    line: int

    def incoming(self) -> Incoming:
        """The contact this connection would become: circle LinkedIn, warm."""
        return Incoming(
            label=f"{self.name} (line {self.line})",
            name=self.name,
            organisation=self.company,
            role=self.position,
            emails=(self.email,) if self.email else (),
            phone="",
            linkedin_url=self.linkedin_url,
            notes="",
            tags=(),
            circle="linkedin",
            warmth="warm",
            history="Connected on LinkedIn",
            met_on=self.connected_on,
        )


@dataclass
class ParsedConnections:
    """The usable rows, one message per skipped row or unreadable date, and one message per
    row that repeats an earlier row of the file. Repeated rows stay in ``connections``
    (the store's import skips anyone it has already seen, by the same keys)."""

    connections: list[Connection] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    duplicates_in_file: list[str] = field(default_factory=list)


def _find_header(lines: list[str]) -> tuple[int, str, dict[str, int]]:
    """The header's index among ``lines``, its delimiter and each known column's position."""
    for number, line in enumerate(lines):
        for delimiter in _DELIMITERS:
            if delimiter not in line:
                continue
            try:
                cells = next(csv.reader([line], delimiter=delimiter), [])
            except csv.Error:
                continue
            folded = [cell.strip().casefold() for cell in cells]
            if folded[:3] == ["first name", "last name", "url"]:
                columns = {}
                for column in HEADER:
                    if column.casefold() in folded:
                        columns[column] = folded.index(column.casefold())
                return number, delimiter, columns
    raise LinkedInFileError(_NOT_CONNECTIONS)


def _shown(name: str) -> str:
    return name if len(name) <= 60 else name[:59] + "…"


def _cell_problem(column: str, value: str, limit: int) -> str | None:
    if "\n" in value or "\r" in value:
        return f"{column} runs over several lines (is a quotation mark left open?)."
    if message := check_text(value, limit=limit, single_line=True):
        return f"{column}: {message}"
    return None


def _profile_link_problem(url: str) -> str | None:
    if not url:
        return None
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
    except ValueError:
        host, parts = "", None
    if (
        parts is None
        or parts.scheme.lower() not in ("http", "https")
        or not (host == "linkedin.com" or host.endswith(".linkedin.com"))
        or any(ch.isspace() for ch in url)
    ):
        shown = url if len(url) <= 80 else url[:79] + "…"
        return f"the URL {shown!r} is not a LinkedIn profile link (https://www.linkedin.com/in/…)."
    return None


def _read_date(raw: str) -> date | None:
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(raw, pattern).date()
        except ValueError:
            continue
    return None


def parse_connections(data: bytes) -> ParsedConnections:
    """The connections in a Connections.csv export. Rows that cannot be used (no name, a
    value too long or with control characters, a URL that is not a LinkedIn profile) are
    reported by line and skipped; an unreadable date is reported and left empty.
    Raises LinkedInFileError when the file has no LinkedIn header."""
    lines = io.StringIO(decode_export(data), newline="").readlines()  # splits on \r\n, \r, \n only
    start, delimiter, columns = _find_header(lines)
    parsed = ParsedConnections()
    seen: dict[str, int] = {}  # identity key -> line of the first row with it
    reader = csv.reader(lines[start + 1 :], delimiter=delimiter)
    while True:
        line = start + 2 + reader.line_num  # the file line this record starts on
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            parsed.problems.append(
                f"Line {line}: cannot be read ({error}); this line and the rest of the file "
                "were not imported."
            )
            break
        if not any(cell.strip() for cell in row):
            continue
        if connection := _connection(row, columns, line, parsed.problems):
            parsed.connections.append(connection)
            _note_duplicate(connection, seen, parsed.duplicates_in_file)
    return parsed


def _connection(
    row: list[str], columns: dict[str, int], line: int, problems: list[str]
) -> Connection | None:
    def cell(column: str) -> str:
        position = columns.get(column)
        return row[position].strip() if position is not None and position < len(row) else ""

    first, last = cell("First Name"), cell("Last Name")
    name = collapse(f"{first} {last}")
    if not name:
        problems.append(f"Line {line}: no first or last name; skipped.")
        return None
    if problem := _cell_problem("Name", name, NAME_MAX):
        problems.append(f"Line {line}: {problem} Skipped.")
        return None
    values = {column: cell(column) for column in HEADER[2:]}
    problem = next(
        filter(None, (_cell_problem(c, v, FIELD_MAX) for c, v in values.items())), None
    ) or _profile_link_problem(values["URL"])
    if problem:
        problems.append(f"Line {line} ({_shown(name)}): {problem} Skipped.")
        return None
    connected_on = None
    if (raw := values["Connected On"]) and (connected_on := _read_date(raw)) is not None:
        if connected_on < EARLIEST or connected_on > date.today():
            problems.append(
                f"Line {line} ({_shown(name)}): the date {raw!r} is before {EARLIEST.year} or "
                "in the future; imported without it."
            )
            connected_on = None
    elif raw and connected_on is None:
        problems.append(
            f"Line {line} ({_shown(name)}): the date {raw!r} could not be read "
            "(expected like 03 Oct 2024); imported without it."
        )
    return Connection(
        name=name,
        first_name=first,
        last_name=last,
        linkedin_url=values["URL"],
        email=values["Email Address"],
        company=values["Company"],
        position=values["Position"],
        connected_on=connected_on,
        line=line,
    )


_KEY_WORDS = {
    "url": "the same LinkedIn profile",
    "email": "the same email",
    "name": "the same name",
}


def _note_duplicate(person: Connection, seen: dict[str, int], duplicates: list[str]) -> None:
    keys = identity_keys(person.name, person.company, person.email, person.linkedin_url)
    for kind in _KEY_WORDS:  # the strongest match is the one named
        key = next((k for k in keys if k.startswith(kind + ":") and k in seen), None)
        if key is not None:
            what = _KEY_WORDS[kind] + (" and company" if kind == "name" and person.company else "")
            duplicates.append(
                f"Line {person.line} ({_shown(person.name)}) repeats line {seen[key]}: {what}."
            )
            break
    for key in keys:
        seen.setdefault(key, person.line)


def import_summary(added: int, skipped: int) -> str:
    """What an import did, in a sentence or two."""
    summary = f"Imported {added} new contacts from LinkedIn."
    if skipped:
        summary += f" Skipped {skipped} already in your planner."
    return summary


def import_notes(skipped: list[str], problems: list[str], repeated: list[str] = ()) -> list[str]:
    """The lines shown under an import: who was already in the planner and who came twice
    in the file (the first 50 of each), then the rows that could not be read (the first
    20)."""
    notes = ["Already in your planner: " + ", ".join(skipped[:50])] if skipped else []
    if repeated:
        notes.append("Twice in the file, added once: " + ", ".join(repeated[:50]))
    return notes + problems[:20]
