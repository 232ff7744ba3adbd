"""The calendar feed as a calendar app sees it: fetched over HTTP from the server
``scripts/start`` runs, parsed with icalendar; then a new link made on Home in Chromium
revokes the old one."""

from __future__ import annotations

import email
import re
import secrets
import urllib.error
import urllib.request
from datetime import date, datetime, timedelta
from email import policy

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from planner import demo, feed
from planner.__main__ import main
from planner.due import due_overview
from planner.steps import home
from planner.store import Database

from .conftest import SCREENSHOTS, VIEWPORT, serve
from .test_app_in_browser import TIMEOUT, act, assert_no_exception, main_area, script_runs

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The demo planner with a calendar link, served by scripts/start; yields the app's
    URL, the feed's token and what the feed must hold (meeting UIDs, due items)."""
    workdir = tmp_path_factory.mktemp("feed")
    planner = workdir / "planner.duckdb"
    today = date.today()
    with Database(planner) as database:
        store = database.session()
        demo.load_demo(store, today=today)
        home.make_calendar_link(store, base="http://localhost")
        token = feed.stored_token(store)
        start = datetime.combine(today, datetime.min.time())
        meetings = {m.uid: m.title for m in store.meetings.calendar_entries(since=start)}
        until = today + timedelta(days=feed.AHEAD_DAYS)
        oldest = today - timedelta(days=feed.PAST_DAYS)
        due = [
            (f"{i.identity}-local@interview-planner", i.text, i.due_on)
            for i in due_overview(store, today=today, until=until).items
            if i.kind in feed.KINDS and i.due_on >= oldest
        ]
    with serve(planner, workdir) as url:
        yield url, token, meetings, due


def fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


def test_a_calendar_app_subscribes_and_finds_the_meetings_and_due_items(served):
    url, token, meetings, due = served
    status, kind, body = fetch(f"{url}/feed/{token}.ics")
    assert (status, kind) == (200, "text/calendar; charset=utf-8")
    events = {str(e["UID"]): e for e in Calendar.from_ical(body).walk("VEVENT")}
    assert meetings and len(due) >= 5
    for uid, title in meetings.items():
        assert str(events[uid]["SUMMARY"]) == title
        assert [str(a["TRIGGER"].to_ical(), "ascii") for a in events[uid].walk("VALARM")] == [
            "-PT30M"
        ]
    for uid, text, due_on in due:
        assert str(events[uid]["SUMMARY"]) == text and events[uid]["DTSTART"].dt == due_on
        assert str(events[uid]["URL"]).startswith(url + "/")  # links back to this server
    assert len(events) == len(meetings) + len(due)


def test_the_daily_digest_reads_the_feed_while_the_app_holds_the_planner(served, capsys):
    url, token, _, due = served
    today = date.today()
    assert main(["digest", "--feed", f"{url}/feed/{token}.ics", "--to", "maya@example.org",
                 "--dry-run"]) == 0  # fmt: skip
    sent = email.message_from_string(capsys.readouterr().out, policy=policy.default)
    text = sent.get_body(preferencelist=("plain",)).get_content()
    assert [t for _, t, on in due if on <= today and t not in text] == []
    assert f"Open the planner: {url}/" in text
    wrong = f"{url}/feed/{secrets.token_urlsafe(32)}.ics"
    assert main(["digest", "--feed", wrong, "--to", "maya@example.org", "--dry-run"]) == 1
    assert "answered 404" in capsys.readouterr().err


@pytest.mark.parametrize("path", ["/feed/{wrong}.ics", "/feed/.ics", "/feed/", "/feed",
                                  "/feed/{token}.ics/x", "/feed/{token}"])  # fmt: skip
def test_a_wrong_or_missing_token_gets_a_bare_404(served, path):
    url, token, _, _ = served
    wrong = secrets.token_urlsafe(32)
    status, _, body = fetch(url + path.format(wrong=wrong, token=token))
    assert (status, body) == (404, b"Not found")


def test_a_new_link_made_on_home_revokes_the_old_one(served, browser):
    url, token, _, _ = served
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        script_runs(page)  # watch from the first message on, as act() needs
        page.goto(url)
        main = main_area(page)
        act(page, main.get_by_text("Get these reminders in your calendar").click)
        link = main.locator("code").filter(has_text="/feed/")
        expect(link).to_have_text(f"{url}/feed/{token}.ics", timeout=TIMEOUT)
        main.get_by_role("button", name="Make a new link").click()
        act(page, page.get_by_role("button", name="Yes, make a new link").click)
        assert_no_exception(page)
        expect(main.get_by_text("Made a new calendar link")).to_be_visible(timeout=TIMEOUT)
        expect(link).not_to_have_text(f"{url}/feed/{token}.ics", timeout=TIMEOUT)
        new = link.inner_text().strip()
        assert re.fullmatch(re.escape(url) + r"/feed/[A-Za-z0-9_-]{43}\.ics", new)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / "05-home-calendar-link.png", full_page=True)
    finally:
        context.close()
    assert fetch(f"{url}/feed/{token}.ics")[:1] == (404,)
    status, _, body = fetch(new)
    assert status == 200 and Calendar.from_ical(body).walk("VEVENT")
