"""The whole journey on the PostgreSQL backend, as a careers office would run it: the
README's start command with PLANNER_DATABASE_URL set, driven in Chromium, the rows read
back from the server itself."""

from __future__ import annotations

import html
import re
from datetime import datetime
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from planner.store import open_database

from .conftest import VIEWPORT, serve
from .test_app_in_browser import (
    TIMEOUT,
    assert_no_exception,
    go_to,
    goal_card,
    main_area,
    open_home,
    submit_new_goal,
)
from .test_contacts_in_browser import add_contact, book_meeting, open_tab

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server_backed_app(postgres_server, tmp_path_factory):
    """The app on a PostgreSQL database of its own; yields (app address, database address)."""
    workdir = tmp_path_factory.mktemp("app-on-postgres")
    database_url = postgres_server.create_database("browser_journey")
    with serve(workdir / "unused.duckdb", workdir, database_url=database_url) as url:
        yield url, database_url, workdir
    postgres_server.drop_database("browser_journey")


@pytest.fixture
def server_page(browser, server_backed_app):
    context = browser.new_context(viewport=VIEWPORT, base_url=server_backed_app[0])
    context.set_default_timeout(20_000)
    yield context.new_page()
    context.close()


def test_the_journey_runs_on_postgres(server_page: Page, server_backed_app, screenshot):
    page = server_page
    _, database_url, workdir = server_backed_app
    open_home(page)
    go_to(page, "1 Goals")
    submit_new_goal(page, "Explore hospital data teams")
    expect(goal_card(page, "Explore hospital data teams")).to_have_count(1, timeout=TIMEOUT)

    go_to(page, "3 Contacts")
    add_contact(page, "Ada Lovelace")
    open_tab(page, "Meetings")
    book_meeting(page, "20300115", "1600")
    main = main_area(page)
    expect(main.get_by_text("Scheduled the meeting with Ada Lovelace.")).to_be_visible(
        timeout=TIMEOUT
    )
    screenshot(page, "90-postgres-contact-meeting")

    go_to(page, "6 Progress")
    with page.expect_download(timeout=TIMEOUT) as download:
        main_area(page).get_by_role("button", name="Download the report (HTML)").click()
    report = Path(download.value.path()).read_text(encoding="utf-8")
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", report)).split())
    assert "Explore hospital data teams" in text
    assert_no_exception(page)
    screenshot(page, "91-postgres-progress")

    # The rows are on the server, and no planner file was made beside the app.
    with open_database(database_url) as database:
        store = database.session()
        assert [g.title for g in store.goals.list()] == ["Explore hospital data teams"]
        assert [c.name for c in store.contacts.list()] == ["Ada Lovelace"]
        assert len(store.meetings.calendar_entries(since=datetime(2030, 1, 1))) == 1
    assert not list(workdir.glob("*.duckdb"))
