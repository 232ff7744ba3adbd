"""The private calendar feed: the planner's meetings and due list, for a calendar app to
subscribe to by URL, so its reminders reach the user while the planner is closed.

The address holds a long random token (the only secret: anyone with the link can read
the feed, nobody without it can). The token is kept in the planner's settings; making a
new link replaces it, and the old address stops working at once. Each due item is an
all-day event on its due day whose UID stays the same while it waits (see
``DueItem.identity``), so a calendar app updates it in place, and drops it on the next
refresh once it is done.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from urllib.parse import quote

from planner.calendar_export import AllDay, calendar_bytes
from planner.due import DueItem, due_overview
from planner.journey import page_url
from planner.read_cache import cached_read

TOKEN_SETTING = "calendar_feed_token"
ROUTE = "/feed/{token}.ics"  # served by the app (app.py) beside its pages
REFRESH_MINUTES = 60  # how often calendar apps are asked to fetch it again
AHEAD_DAYS = 92  # follow-ups, action items and check-ins falling due this far ahead
# Reminders overdue longer than this are left out: an all-day event in a week the user no
# longer looks at reminds nobody (Home and the digest still list them).
PAST_DAYS = 30
# The due list's dated kinds that become all-day events. Meetings are timed events of
# their own; "plan the questions" and a goal's pace are said on Home, not in a calendar.
KINDS = ("thank_you", "second_contact", "follow_up", "give_up", "reflection", "action",
         "check_in")  # fmt: skip


def new_token() -> str:
    """43 URL-safe characters from 256 random bits."""
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """What the database files a token under (its SHA-256, in hex): enough to find
    whose feed an address opens, useless as an address."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def make_token(store) -> str:
    """A new token for ``store``'s planner, replacing its earlier one (whose address
    stops working at once)."""
    token = new_token()
    store.settings.save_feed_token(TOKEN_SETTING, token, token_hash(token))
    return token


def owner_of(lookup_store, offered: str) -> str | None:
    """Whose planner the token ``offered`` opens (None: nobody's). The caller checks the
    owner's stored token too (``token_matches``): a restore or a deleted planner leaves
    the filed hash behind without the token."""
    return lookup_store.settings.feed_owner(token_hash(offered))


def stored_token(store) -> str:
    """The planner's feed token, or "" before a link was ever made."""
    return store.settings.all().get(TOKEN_SETTING, "")


def token_matches(stored: str, offered: str) -> bool:
    """Whether ``offered`` is the feed's token, in time that does not depend on how much
    of it is right. No link made yet matches nothing."""
    if not stored:
        hmac.compare_digest(offered.encode(), offered.encode())  # the same work either way
        return False
    return hmac.compare_digest(stored.encode(), offered.encode())


def feed_url(base: str, token: str) -> str:
    return base.rstrip("/") + ROUTE.replace("{token}", quote(token, safe=""))


def _reminder(item: DueItem, owner_id: str, base: str) -> AllDay:
    _, label, _ = item.destination()
    url = item.url(base)
    description = "\n".join([*item.context, f"{label}: {url}"])
    owner = quote(owner_id, safe="")
    return AllDay(f"{item.identity}-{owner}@interview-planner", item.text, item.due_on,
                  description, url)  # fmt: skip


@cached_read
def feed_bytes(store, *, today: date, base: str) -> bytes:
    """The feed as of ``today``: meetings from today on (with their 30-minute reminder
    and a link to their question plan), and each due item of ``KINDS`` on its due day,
    from those overdue by up to ``PAST_DAYS`` to those due ``AHEAD_DAYS`` ahead. Links
    point at ``base``. Remembered until the planner is next written."""
    start = datetime.combine(today, datetime.min.time())
    meetings = []
    for booked in store.meetings.list(status="scheduled"):
        if booked.starts_at < start:
            continue
        meeting = store.meetings.calendar_entry(booked)
        plan = page_url(base, "questions", {"interview": str(booked.id)})
        meetings.append(replace(meeting, description=(
            f"{meeting.description}\n\nPlan your questions: {plan}".strip())))  # fmt: skip
    overview = due_overview(store, today=today, until=today + timedelta(days=AHEAD_DAYS))
    oldest = today - timedelta(days=PAST_DAYS)
    reminders = [
        _reminder(item, store.owner_id, base)
        for item in overview.items
        if item.kind in KINDS and item.due_on is not None and item.due_on >= oldest
    ]
    return calendar_bytes(
        meetings, all_day=reminders, now=datetime.now(UTC), refresh_minutes=REFRESH_MINUTES
    )
