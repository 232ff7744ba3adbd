"""Contacts in and out of an address book, as vCard files (.vcf).

Reading takes what phones, Google Contacts, Outlook and Apple Contacts export: vCard 2.1
(quoted-printable, bare TYPE parameters), 3.0 and 4.0, folded lines, UTF-8 (or a Windows
code page from older Outlook). Each card is read on its own, so one broken card is
reported and the rest still come in. Photos, addresses, birthdays and the like are left
out: the planner has no place for them. Parsing and writing are vobject's; this module
only decides what goes where.

Writing gives vCard 3.0, the version every address book imports.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import vobject
from vobject.base import ContentLine, VObjectError

from planner.contact_import import Incoming, collapse, decode_export, normal_url
from planner.contacts import (
    NAME_MAX,
    NOTES_MAX,
    ROLE_MAX,
    TAG_MAX,
    TAGS_MAX,
    Contact,
    email_problem,
    phone_problem,
)
from planner.text import check_text

MAX_BYTES = 20_000_000  # tens of thousands of cards; far beyond any address book
HISTORY = "Imported from your address book"
# Google Contacts puts every card in these groups; they say nothing about the person.
_SYSTEM_GROUPS = {"mycontacts", "starred", "starred in android"}
_BEGIN = re.compile(r"^BEGIN:VCARD\s*$", re.IGNORECASE)
_END = re.compile(r"^END:VCARD\s*$", re.IGNORECASE)
_NOT_VCARD = (
    "This does not look like a vCard file: no line says BEGIN:VCARD. Export your contacts "
    "from your address book as vCard (.vcf) and upload that file as it is."
)


# vobject logs each line it skips; the import reports the card instead, in the user's words.
logging.getLogger("vobject.base").setLevel(logging.CRITICAL)


class VCardFileError(ValueError):
    """The file cannot be read as vCards at all; nothing was imported."""


@dataclass
class ParsedCards:
    """The people read from the cards, one message per card skipped or changed on the
    way in, and one per card that repeats an earlier card of the file (those stay in
    ``people``: the store's import skips them by the same keys, and reports them)."""

    people: list[Incoming] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    duplicates_in_file: list[str] = field(default_factory=list)


def _split_cards(text: str) -> list[tuple[int, str]]:
    """Each card's text with the number of the line it starts on. Lines outside a card are
    ignored; a card left open at the end of the file is taken as it is."""
    cards: list[tuple[int, str]] = []
    current: list[str] | None = None
    start = 0
    for number, line in enumerate(re.split(r"\r\n|\r|\n", text), start=1):
        if _BEGIN.match(line) and current is None:
            current, start = [line], number
        elif current is not None:
            current.append(line)
            if _END.match(line):
                cards.append((start, "\r\n".join(current) + "\r\n"))
                current = None
    if current is not None:
        cards.append((start, "\r\n".join([*current, "END:VCARD"]) + "\r\n"))
    return cards


def _read_card(text: str) -> tuple[vobject.base.Component, bool]:
    """The card, and whether some of its lines could not be read and were left out."""
    try:
        return vobject.readOne(text, allowQP=True), False
    except (VObjectError, ValueError, UnicodeError, LookupError):
        return vobject.readOne(text, allowQP=True, ignoreUnreadable=True), True


def _lines(card: vobject.base.Component, name: str) -> list[ContentLine]:
    return list(card.contents.get(name, []))


# Control characters other than tab and line breaks: invisible, never meant, and refused
# by the contact rules; dropped rather than losing the card for them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _flat(value: object) -> str:
    """A property's value as one string (vobject gives lists for structured values),
    without control characters."""
    if isinstance(value, list | tuple):
        return " ".join(_flat(v) for v in value)
    return _CONTROL.sub("", value) if isinstance(value, str) else ""


def _types(line: ContentLine) -> set[str]:
    """A property's TYPE values, however the version writes them (TYPE=a,b; TYPE=a;TYPE=b;
    or vCard 2.1's bare ;PREF)."""
    found = {t.lower() for t in getattr(line, "singletonparams", [])}
    for value in line.params.get("TYPE", []):
        found |= {t.strip().strip('"').lower() for t in value.split(",")}
    return found


def _preference(line: ContentLine) -> int:
    """Lower is preferred: vCard 4.0's PREF=1..100, or TYPE=pref in 3.0 and 2.1."""
    if (pref := line.params.get("PREF")) and str(pref[0]).isdigit():
        return int(pref[0])
    return 0 if "pref" in _types(line) else 101


def _by_preference(lines: list[ContentLine]) -> list[ContentLine]:
    return sorted(lines, key=_preference)  # sorted() is stable: file order among equals


def _unique(values: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    kept = []
    for value in values:
        if value and value.casefold() not in seen:
            seen.add(value.casefold())
            kept.append(value)
    return kept


def _name(card: vobject.base.Component) -> str:
    for line in _lines(card, "fn"):
        if name := collapse(_flat(line.value)):
            return name
    for line in _lines(card, "n"):
        n = line.value
        parts = [getattr(n, a, "") for a in ("prefix", "given", "additional", "family", "suffix")]
        if name := collapse(" ".join(_flat(p) for p in parts)):
            return name
    return ""


def _emails(card: vobject.base.Component) -> list[str]:
    return _unique(
        _flat(line.value).strip().removeprefix("mailto:").strip()
        for line in _by_preference(_lines(card, "email"))
    )


def _phones(card: vobject.base.Component) -> list[str]:
    phones = []
    for line in _by_preference(_lines(card, "tel")):
        phone = _flat(line.value).strip()
        if phone.lower().startswith("tel:"):  # vCard 4.0: tel:+1-555-0100;ext=12
            phone = phone[4:].split(";")[0]
        phones.append(collapse(phone))
    return _unique(phones)


def _linkedin(card: vobject.base.Component) -> str:
    for name in ("url", "x-socialprofile"):
        for line in _lines(card, name):
            url = _flat(line.value).strip()
            if normal_url(url).startswith("linkedin.com/") and not any(c.isspace() for c in url):
                return url if re.match(r"https?://", url, re.I) else "https://" + url
    return ""


def _organisation(card: vobject.base.Component) -> str:
    for line in _lines(card, "org"):
        value = line.value
        first = value[0] if isinstance(value, list) and value else value  # not the department
        if organisation := collapse(_flat(first)):
            return organisation
    return ""


def _role(card: vobject.base.Component) -> str:
    for name in ("title", "role"):
        for line in _lines(card, name):
            if role := collapse(_flat(line.value)):
                return role
    return ""


def _tags(card: vobject.base.Component) -> list[str]:
    tags = []
    for line in _lines(card, "categories"):
        values = line.value if isinstance(line.value, list) else [line.value]
        tags += [collapse(_flat(v)) for v in values]
    tags = [t for t in _unique(tags) if t.casefold() not in _SYSTEM_GROUPS]
    return [t for t in tags if not check_text(t, limit=TAG_MAX, single_line=True)][:TAGS_MAX]


def _notes(card: vobject.base.Component) -> str:
    notes = [_flat(line.value).replace("\r\n", "\n").replace("\r", "\n").strip() for line in
             _lines(card, "note")]  # fmt: skip
    return "\n\n".join(n for n in notes if n)


def _cut(value: str, limit: int) -> str:
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


def _person(card: vobject.base.Component, label: str, problems: list[str]) -> Incoming | None:
    """The contact one card would become, or None (with the reason in ``problems``)."""
    name = _name(card)
    if not name:
        problems.append(f"{label}: no name; skipped.")
        return None
    if message := check_text(name, limit=NAME_MAX, single_line=True):
        problems.append(f"{label}: Name: {message} Skipped.")  # not echoed: it is unusable
        return None
    label = f"{_cut(name, 60)} ({label.lower()})"
    emails, phones = _emails(card), _phones(card)
    usable_emails = [e for e in emails if email_problem(e) is None]
    usable_phones = [p for p in phones if phone_problem(p) is None]
    email = usable_emails[0] if usable_emails else ""
    phone = usable_phones[0] if usable_phones else ""
    # The planner keeps one email and one phone; the rest go in the notes, not lost.
    notes = [_notes(card)]
    if others := [e for e in emails if e != email]:
        notes.append("Other emails: " + ", ".join(others))
    if others := [p for p in phones if p != phone]:
        notes.append("Other phones: " + ", ".join(others))
    note = "\n\n".join(n for n in notes if n)
    organisation, role = _organisation(card), _role(card)
    for what, value in (("organisation", organisation), ("title", role)):
        if len(value) > ROLE_MAX:
            problems.append(f"{label}: the {what} was cut to {ROLE_MAX} characters.")
    if len(note) > NOTES_MAX:
        problems.append(f"{label}: the note was cut to {NOTES_MAX:,} characters.")
    return Incoming(
        label=label,
        name=name,
        organisation=_cut(organisation, ROLE_MAX),
        role=_cut(role, ROLE_MAX),
        emails=tuple([email, *[e for e in usable_emails if e != email]] if email else []),
        phone=phone,
        linkedin_url=_linkedin(card),
        notes=_cut(note, NOTES_MAX),
        tags=tuple(_tags(card)),
        circle="other",
        warmth="warm",  # someone in your own address book knows you
        history=HISTORY,
    )


def parse_cards(data: bytes) -> ParsedCards:
    """The people in a .vcf file. A card that cannot be used (no name, a name with control
    characters) is reported and skipped; a card with lines that cannot be read comes in
    without them, reported. Raises VCardFileError when no card is in the file."""
    if len(data) > MAX_BYTES:
        raise VCardFileError(
            f"This file is {len(data) / 1e6:.0f} MB; an address book export is far smaller. "
            "Check that it is the right file."
        )
    cards = _split_cards(decode_export(data))
    if not cards:
        raise VCardFileError(_NOT_VCARD)
    parsed = ParsedCards()
    seen: dict[str, str] = {}  # identity key -> the label of the first card with it
    for number, (line, text) in enumerate(cards, start=1):
        label = f"Card {number}, line {line}"
        try:
            card, partly = _read_card(text)
        except (VObjectError, ValueError, UnicodeError, LookupError) as error:
            problems = f"{label}: cannot be read ({_cut(str(error), 120)}); skipped."
            parsed.problems.append(problems)
            continue
        if (person := _person(card, label, parsed.problems)) is None:
            continue
        if partly:
            parsed.problems.append(f"{person.label}: some lines could not be read; left out.")
        parsed.people.append(person)
        keys = person.keys()
        if earlier := next((seen[k] for k in sorted(keys) if k in seen), None):
            parsed.duplicates_in_file.append(f"{person.label} repeats {earlier}.")
        for key in keys:
            seen.setdefault(key, person.label)
    return parsed


def import_summary(added: int, skipped: int) -> str:
    """What a vCard import did, in a sentence or two."""
    summary = f"Imported {added} new contacts from your address book."
    if skipped:
        summary += f" Skipped {skipped} already in your planner or twice in the file."
    return summary


# -- writing ----------------------------------------------------------------------------


def _name_parts(name: str) -> vobject.vcard.Name:
    """vCard 3.0 requires N; the last word is taken as the family name, which is right
    for most names and harmless for the rest (address books show FN)."""
    words = name.split()
    if len(words) < 2:
        return vobject.vcard.Name(given=name)
    return vobject.vcard.Name(family=words[-1], given=" ".join(words[:-1]))


def _card(contact: Contact) -> vobject.base.Component:
    card = vobject.vCard()
    card.add("uid").value = f"interview-planner-contact-{contact.id}"
    card.add("fn").value = contact.name
    card.add("n").value = _name_parts(contact.name)
    if contact.organisation:
        card.add("org").value = [contact.organisation]
    if contact.role:
        card.add("title").value = contact.role
    if contact.email:
        email = card.add("email")
        email.value = contact.email
        email.type_param = "INTERNET"
    if contact.phone:
        phone = card.add("tel")
        phone.value = contact.phone
        phone.type_param = "VOICE"
    if contact.linkedin_url:
        card.add("url").value = contact.linkedin_url
    if contact.tags:
        card.add("categories").value = list(contact.tags)
    if contact.notes:
        card.add("note").value = contact.notes
    return card


def cards_bytes(contacts: Iterable[Contact]) -> bytes:
    """One vCard 3.0 per contact, UTF-8 with CRLF line ends and lines folded as the
    format requires. Every value is escaped by vobject, so nothing in a note can end a
    card or add a property."""
    return "".join(_card(c).serialize() for c in contacts).encode("utf-8")
