"""Two browser tabs editing the same contact in Chromium: the tab that saves second is
told its change was not saved, and the first tab's change stands."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import Page, expect

from planner.contacts import ContactDraft
from planner.store import Database

from .conftest import SCREENSHOTS, VIEWPORT, serve
from .test_app_in_browser import TIMEOUT, act, assert_no_exception, main_area, script_runs

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("two-windows")
    planner = workdir / "planner.duckdb"
    with Database(planner) as database:
        contact_id = database.session().contacts.add(
            ContactDraft(name="Lee Park"), today=date.today()
        )
    with serve(planner, workdir) as url:
        yield url, contact_id


def role(page: Page):
    """The Role field of the open contact's Edit details tab."""
    return main_area(page).get_by_test_id("stTabs").get_by_label("Role", exact=True)


def open_edit_tab(page: Page, url: str, contact_id: int) -> None:
    script_runs(page)  # watch from the first message on, as act() needs
    page.goto(f"{url}/Contacts?contact={contact_id}")
    expect(main_area(page).get_by_role("heading", name="Lee Park")).to_be_visible(timeout=TIMEOUT)
    act(page, main_area(page).get_by_role("tab", name="Edit details").click)
    expect(role(page)).to_be_visible(timeout=TIMEOUT)


def test_the_second_save_of_a_contact_is_refused_with_a_message(browser, served):
    url, contact_id = served
    context = browser.new_context(viewport=VIEWPORT)
    try:
        mine, theirs = context.new_page(), context.new_page()
        for page in (mine, theirs):
            open_edit_tab(page, url, contact_id)
        role(theirs).fill("Head of Research")
        act(theirs, main_area(theirs).get_by_role("button", name="Save changes").click)
        expect(main_area(theirs).get_by_text("Saved Lee Park.")).to_be_visible(timeout=TIMEOUT)

        role(mine).fill("Intern")
        act(mine, main_area(mine).get_by_role("button", name="Save changes").click)
        assert_no_exception(mine)
        expect(main_area(mine).get_by_text("changed in another window")).to_be_visible(
            timeout=TIMEOUT
        )
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        mine.screenshot(path=SCREENSHOTS / "33-contacts-changed-elsewhere.png", full_page=True)
        expect(role(mine)).to_have_value("Head of Research")  # the saved one, shown
        mine.reload()
        open_edit_tab(mine, url, contact_id)
        expect(role(mine)).to_have_value("Head of Research")
    finally:
        context.close()
