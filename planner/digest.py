"""The daily digest: the due list as an e-mail, for the mornings the planner stays closed.

It lists what is due today or overdue (thank-yous first, as on Home), the meetings of the
coming days, and a count of what waits without a date, each with its context and a link
to the page where it is done. Plain text and HTML (autoescaped: nothing a user typed
becomes markup); the subject and the addresses hold no user text but the addresses given.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from icalendar import Calendar

from planner.due import DueItem, due_overview
from planner.journey import DEFAULT_BASE, page_url
from planner.paths import DATA_DIR
from planner.templates import environment

TEMPLATES = DATA_DIR / "digest"
COMING_DAYS = 7  # meetings this far ahead are listed under "Coming up"
# How the kinds that wait without a date are counted in one closing line.
_UNDATED = {
    "referral": ("person suggested to you and never written to",
                 "people suggested to you and never written to"),
    "undated_action": ("action item without a due date", "action items without a due date"),
    "organisation": ("target organisation to research and score",
                     "target organisations to research and score"),
}  # fmt: skip
_COMING = {"meeting", "unplanned_meeting"}


class DigestError(ValueError):
    """The digest cannot be sent as asked (an address that is not one)."""


@dataclass(frozen=True)
class Entry:
    """One line of the digest: what to do, when, its context and where to do it."""

    text: str
    when: str
    context: tuple[str, ...]
    link_label: str
    url: str


@dataclass(frozen=True)
class Digest:
    today: date
    due: list[Entry]  # due today or overdue, most urgent first
    coming: list[Entry]  # meetings in the next COMING_DAYS days
    waiting: str  # what waits without a date, in a sentence ("" when nothing)
    home: str  # the planner's address

    @property
    def subject(self) -> str:
        count = len(self.due)
        if not count:
            return f"Interview planner: nothing due on {self.today:%a %d %b}"
        things = "thing" if count == 1 else "things"
        return f"Interview planner: {count} {things} due on {self.today:%a %d %b}"


def _entry(item: DueItem, today: date, base: str) -> Entry:
    _, label, _ = item.destination()
    return Entry(item.text, item.when(today), item.context, label, item.url(base))


def _waiting_sentence(counts: Counter) -> str:
    parts = []
    for kind, (one, many) in _UNDATED.items():
        if count := counts.get(kind, 0):
            parts.append(f"{count:,} {one if count == 1 else many}")
    return ("Also waiting, with no date: " + "; ".join(parts) + ".") if parts else ""


def build(store, *, today: date, base: str = DEFAULT_BASE) -> Digest:
    """Today's digest from the due list."""
    overview = due_overview(store, today=today)
    due, coming = [], []
    for item in overview.items:
        if item.due_on is None:
            continue
        if item.kind in _COMING and item.due_on > today:
            if item.due_on <= today + timedelta(days=COMING_DAYS):
                coming.append(_entry(item, today, base))
        elif item.due_on <= today:
            due.append(_entry(item, today, base))
    undated = Counter(i.kind for i in overview.items if i.due_on is None) + overview.left_out
    return Digest(today, due, coming, _waiting_sentence(undated), page_url(base, "home"))


def from_feed(calendar: bytes, *, today: date, home: str) -> Digest:
    """Today's digest read from the planner's calendar feed (``feed.feed_bytes``), for
    when the app has the planner file open: the reminders due by ``today`` and the
    meetings of the coming days. What waits without a date, and what is overdue by more
    than the feed's ``PAST_DAYS``, is not in the feed."""
    due: list[tuple[tuple[bool, date], Entry]] = []
    coming: list[tuple[tuple[bool, date], Entry]] = []
    for event in Calendar.from_ical(calendar).walk("VEVENT"):
        start = event["DTSTART"].dt
        timed = isinstance(start, datetime)  # a meeting; reminders are all-day
        day = start.date() if timed else start
        if day > today + timedelta(days=COMING_DAYS) or (day > today and not timed):
            continue  # a reminder not due yet, or a meeting beyond the coming days
        lines = str(event.get("DESCRIPTION", "")).split("\n")
        # The feed ends each description with "<where it is done>: <link>".
        label, link = lines[-1].rsplit(": ", 1) if ": http" in lines[-1] else ("Open it", home)
        title, context = str(event["SUMMARY"]), tuple(line for line in lines[:-1] if line)
        if timed:  # when it is, rather than its context
            title, context = f"{title}, {start:%a %d %b at %H:%M}.", ()
        late = (today - day).days
        when = "due today" if late == 0 else f"{late} day{'s' if late != 1 else ''} overdue"
        entry = Entry(title, when if late >= 0 else "", context, label, link)
        thanks_first = not str(event["UID"]).startswith("thank_you-")  # as on Home
        (due if late >= 0 else coming).append(((thanks_first, day), entry))
    return Digest(
        today,
        [entry for _, entry in sorted(due, key=lambda pair: pair[0])],
        [entry for _, entry in sorted(coming, key=lambda pair: pair[0])],
        "",
        home,
    )


def address(text: str, *, what: str) -> Address:
    """``text`` as one e-mail address, or DigestError saying what is wrong with it."""
    value = text.strip()
    if not value or any(c in value for c in '\r\n\t<>,;"') or any(ord(c) < 32 for c in value):
        raise DigestError(f"The {what} address {value!r} is not one e-mail address.")
    try:
        parsed = Address(addr_spec=value)
    except (ValueError, IndexError) as error:
        raise DigestError(f"The {what} address {value!r} is not an e-mail address.") from error
    if not parsed.username or "." not in parsed.domain:
        raise DigestError(f"The {what} address {value!r} is not an e-mail address.")
    return parsed


def message(digest: Digest, *, to: str, sender: str = "") -> EmailMessage:
    """The e-mail: the digest in plain text with an HTML alternative. ``sender`` defaults
    to ``to`` (people send their digest to themselves)."""
    recipient = address(to, what="recipient")
    from_ = address(sender, what="sender") if sender.strip() else recipient
    email = EmailMessage()
    email["Subject"] = digest.subject
    email["From"] = Address("Interview planner", from_.username, from_.domain)
    email["To"] = recipient
    email["Date"] = formatdate(localtime=True)
    email["Message-ID"] = make_msgid(domain=from_.domain)
    email["Auto-Submitted"] = "auto-generated"  # so vacation replies stay quiet
    email.set_content(environment(TEMPLATES, autoescape=False).get_template(
        "digest.txt.j2").render(digest=digest))  # fmt: skip
    email.add_alternative(
        environment(TEMPLATES, autoescape=True).get_template("digest.html.j2").render(
            digest=digest), subtype="html",
    )  # fmt: skip
    return email
