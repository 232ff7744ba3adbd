"""Reading LinkedIn's Connections.csv export into contacts.

The export starts with a few lines of notes, then the header
``First Name,Last Name,URL,Email Address,Company,Position,Connected On``.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from urllib.parse import urlsplit

from planner.text import check_text

HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
NAME_MAX, FIELD_MAX = 120, 300


class LinkedInFileError(ValueError):
    """Not a Connections.csv file; nothing was imported."""


@dataclass(frozen=True)
class Connection:
    name: str
    linkedin_url: str
    email: str
    company: str
    position: str
    connected_on: date | None
    line: int


@dataclass
class ParsedConnections:
    connections: list[Connection] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def normal_url(url: str) -> str:
    """A profile address without scheme differences, query or trailing slash, lowercased."""
    parts = urlsplit(url.strip())
    return (parts.netloc.lower().removeprefix("www.") + parts.path.rstrip("/")).lower()


def identity_keys(name: str, organisation: str, email: str, linkedin_url: str) -> set[str]:
    """Keys under which two records are the same person: the profile, the email, or
    the name at the same organisation (case and spacing ignored)."""
    keys = {f"name:{' '.join(name.split()).casefold()}|{' '.join(organisation.split()).casefold()}"}
    if email.strip():
        keys.add(f"email:{email.strip().casefold()}")
    if linkedin_url.strip():
        keys.add(f"url:{normal_url(linkedin_url)}")
    return keys


def parse_connections(data: bytes) -> ParsedConnections:
    """Connections from the file; rows that cannot be used are reported by line and skipped."""
    text = _decode(data)
    lines = text.splitlines()
    start = next(
        (i for i, line in enumerate(lines) if line.lstrip().startswith("First Name,Last Name")),
        None,
    )
    if start is None:
        raise LinkedInFileError(
            "This does not look like LinkedIn's Connections.csv: no line starts with "
            "'First Name,Last Name,URL,...'. Export it again from LinkedIn's "
            "'Get a copy of your data' page."
        )
    reader = csv.reader(io.StringIO("\n".join(lines[start:])))
    header = [h.strip() for h in next(reader)]
    index = {name: header.index(name) for name in HEADER if name in header}
    if "First Name" not in index or "Last Name" not in index:
        raise LinkedInFileError("The header has no 'First Name' and 'Last Name' columns.")

    parsed = ParsedConnections()
    for offset, row in enumerate(reader, start=2):
        line = start + offset
        if not any(cell.strip() for cell in row):
            continue

        def cell(column: str, row: list[str] = row) -> str:
            position = index.get(column)
            return row[position].strip() if position is not None and position < len(row) else ""

        name = " ".join(f"{cell('First Name')} {cell('Last Name')}".split())
        values = {
            "url": cell("URL"),
            "email": cell("Email Address"),
            "company": cell("Company"),
            "position": cell("Position"),
        }
        if not name:
            parsed.problems.append(f"Line {line}: no name; skipped.")
            continue
        problem = check_text(name, limit=NAME_MAX, single_line=True) or next(
            (
                f"{key}: {message}"
                for key, value in values.items()
                if (message := check_text(value, limit=FIELD_MAX, single_line=True))
            ),
            None,
        )
        if problem:
            parsed.problems.append(f"Line {line} ({name[:40]}): {problem} Skipped.")
            continue
        if values["url"] and urlsplit(values["url"]).scheme not in ("http", "https"):
            parsed.problems.append(f"Line {line} ({name}): the profile link is not a web address.")
            values["url"] = ""
        connected_on = None
        if raw := cell("Connected On"):
            try:
                connected_on = datetime.strptime(raw, "%d %b %Y").date()
            except ValueError:
                parsed.problems.append(f"Line {line} ({name}): unreadable date {raw!r}; kept.")
        parsed.connections.append(
            Connection(
                name,
                values["url"],
                values["email"],
                values["company"],
                values["position"],
                connected_on,
                line,
            )
        )
    return parsed
