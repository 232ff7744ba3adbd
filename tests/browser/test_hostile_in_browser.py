"""Every page in Chromium on a planner whose every text field holds every hostile
string: no element the user's text describes exists in the page, no script runs."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import Page

from planner import journey
from planner.store import Database

from .. import hostile
from .conftest import SCREENSHOTS, VIEWPORT, serve
from .test_app_in_browser import assert_no_exception

pytestmark = pytest.mark.browser
PAGES = [journey.HOME, *journey.STEPS, *journey.TOOLS]
TITLES = {"home": "Informational interview planner"}
# Pages holding the corpus's 100,000-character texts take Chromium up to about 15 s to lay
# out (Reflect, alone on the machine), more on a busy one. This test is about escaping;
# speed is the benchmark's business.
SETTLE = 90_000


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("hostile-app")
    planner = workdir / "planner.duckdb"
    with Database(planner) as database:
        hostile.fill(database.session(), today=date.today())
    with serve(planner, workdir) as url:
        yield url


def injected(page: Page) -> int:
    """Elements carrying the corpus's marker attribute, in the page and every frame, and
    links or images pointing where the corpus's addresses point."""
    return sum(
        frame.locator('[data-hostile], a[href*="evil.example"], img[src*="evil.example"]').count()
        for frame in page.frames
    )


def goal_page(page, number: int) -> bool:
    """Turn the Goals page to its page ``number`` (the page picker above the cards, four
    goals a page); False when it has no such page."""
    main = page.locator('[data-testid="stMain"]')
    picker = main.get_by_label("Page", exact=True)
    if picker.get_attribute("max") is not None and number > int(picker.get_attribute("max")):
        return False
    picker.fill(str(number))
    picker.press("Enter")
    first = (number - 1) * 4 + 1
    main.get_by_text(re.compile(rf"^{first:,}-[\d,]+ of [\d,]+$")).wait_for(timeout=SETTLE)
    page.wait_for_function(
        """() => document.querySelector('[data-testid="stApp"]')
            ?.dataset.testScriptState === "notRunning"
            && document.querySelector('[data-stale="true"]') === null""",
        timeout=SETTLE,
    )
    return True


def test_no_page_turns_user_text_into_elements_or_scripts(browser, hostile_url):
    context = browser.new_context(viewport=VIEWPORT, base_url=hostile_url)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        for step in PAGES:
            path = "" if step.key == "home" else step.page.split("_", 1)[1].removesuffix(".py")
            page.goto(f"{hostile_url}/{path}")
            title = TITLES.get(step.key, step.label)
            page.locator('[data-testid="stMain"] h1', has_text=title).wait_for(timeout=SETTLE)
            page.wait_for_function(
                """() => document.querySelector('[data-testid="stApp"]')
                    ?.dataset.testScriptState === "notRunning" """,
                timeout=SETTLE,
            )
            page.wait_for_timeout(500)  # charts and components draw after the script ends
            assert_no_exception(page)
            assert injected(page) == 0, step.label
            # The empty directive that keeps runs apart never shows, and what Streamlit
            # would turn into icons or arrows reads as typed.
            # (Were Streamlit to stop drawing it, ":color" would show.)
            assert page.get_by_text(":color", exact=False).count() == 0, step.label
            if step.key == "goals":  # each string is some goal's title, four goals a page
                wanted = {":material/home:", "a -> b <- c", "someone@evil.example"}
                wanted.add('data-hostile="1"')  # the text is there, shown as typed
                for number in range(1, len(hostile.STRINGS) // 4 + 2):
                    if number > 1 and not goal_page(page, number):
                        break
                    wanted -= {t for t in wanted if page.get_by_text(t, exact=False).count()}
                    if not wanted:
                        break
                assert not wanted, wanted
            # The text is there, shown as typed.
            assert page.get_by_text('data-hostile="1"', exact=False).count() > 0 or step.key in (
                "contacts",
                "backup",
                "goals",  # found above, across its pages
            ), step.label
            # The window only: the 100,000-character texts make pages far too tall to shoot.
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=SCREENSHOTS / f"80-hostile-{step.key}.png")
        assert dialogs == []
    finally:
        context.close()
