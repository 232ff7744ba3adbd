"""What every contact import shares: the person a file row or card would add, and the keys
that say two records are one person (so an import skips who is already in the planner)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import unquote, urlsplit

from planner.contacts import ROLE_MAX, ContactDraft

_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*://", re.IGNORECASE)


def decode_export(data: bytes) -> str:
    """An exported file's text: UTF-8 (a byte-order mark dropped), else the Windows code
    page that spreadsheets and older Outlook write, whose unused bytes become U+FFFD."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace").removeprefix("\ufeff")


def collapse(text: str) -> str:
    return " ".join(text.split())


def normal_url(url: str) -> str:
    """A profile address compared without scheme, ``www.``/country subdomain, query,
    fragment, percent-escapes, trailing slash or case: ``linkedin.com/in/priya``."""
    text = url.strip()
    if not text:
        return ""
    try:
        parts = urlsplit(text if _SCHEME.match(text) else "//" + text.lstrip("/"))
        host = (parts.hostname or "").removeprefix("www.")
    except ValueError:  # e.g. an unclosed "[" where an IPv6 host would be
        return text.lower().rstrip("/")
    if host.endswith(".linkedin.com"):
        host = "linkedin.com"
    return (host + unquote(parts.path).rstrip("/")).lower()


def identity_keys(name: str, organisation: str, email: str, linkedin_url: str) -> set[str]:
    """Keys under which two records are the same person: ``url:`` the profile, ``email:``
    the address, ``name:`` the name at the organisation (case and spacing ignored). An empty
    email or link gives no key; a name without an organisation still gives ``name:<name>|``."""
    keys = set()
    if person := collapse(name).casefold():
        keys.add(f"name:{person}|{collapse(organisation).casefold()}")
    if address := email.strip().lower():
        keys.add(f"email:{address}")
    if url := normal_url(linkedin_url):
        keys.add(f"url:{url}")
    return keys


@dataclass(frozen=True)
class Incoming:
    """One person an import would add, read and checked from a file.

    ``label`` names them in the import's report ("Priya Raman (line 4)"); ``emails`` are
    every address they have (the first is saved as their email, and any of them matching
    a contact already in the planner makes them a duplicate); ``history`` is the note the
    import leaves in their history, dated ``met_on`` (or the day of the import)."""

    label: str
    name: str
    organisation: str
    role: str
    emails: tuple[str, ...]
    phone: str
    linkedin_url: str
    notes: str
    tags: tuple[str, ...]
    circle: str
    warmth: str
    history: str
    met_on: date | None = None

    def keys(self) -> set[str]:
        keys = identity_keys(self.name, self.organisation, "", self.linkedin_url)
        for email in self.emails:
            keys |= identity_keys("", "", email, "")
        return keys

    def draft(self, organisation_id: int | None) -> ContactDraft:
        """The contact to save; ``organisation_id`` when their employer is a target
        organisation of the planner (then no separate company is kept)."""
        return ContactDraft(
            name=self.name,
            role=self.role[:ROLE_MAX],
            organisation_id=organisation_id,
            company="" if organisation_id is not None else self.organisation,
            email=self.emails[0] if self.emails else "",
            linkedin_url=self.linkedin_url,
            phone=self.phone,
            notes=self.notes,
            tags=list(self.tags),
            circle=self.circle,
            warmth=self.warmth,
        ).normalised()
