"""Use the planner as a newcomer does, in Chromium: every page, a goal, bad input, the demo."""

from __future__ import annotations

import re

import pytest

from planner import journey

pytestmark = pytest.mark.browser

SIDEBAR_LINKS = '[data-testid="stSidebar"] [data-testid="stPageLink-NavLink"]'
EXPECTED_LINKS = [
    journey.HOME.label,
    *(f"{n} {step.label}" for n, step in enumerate(journey.STEPS, start=1)),
    *(tool.label for tool in journey.TOOLS),
]


def settle(page) -> None:
    """Wait until the app is connected and the script has finished its run."""
    app = page.locator('[data-testid="stApp"]')
    app.wait_for()
    page.wait_for_function(
        """() => {
            const app = document.querySelector('[data-testid="stApp"]');
            return app && app.dataset.testConnectionState === 'CONNECTED'
                && app.dataset.testScriptState === 'notRunning';
        }"""
    )
    page.wait_for_timeout(300)  # let the last deltas paint
    page.wait_for_function(
        "() => document.querySelector('[data-testid=\"stApp\"]')"
        ".dataset.testScriptState === 'notRunning'"
    )


def assert_no_exception(page) -> None:
    errors = page.locator('[data-testid="stException"]')
    assert errors.count() == 0, errors.first.inner_text()


def open_home(page) -> None:
    page.goto("/")
    settle(page)
    page.locator("h1").first.wait_for()


def go_to(page, label: str) -> None:
    page.locator(SIDEBAR_LINKS).filter(has_text=re.compile(rf"{re.escape(label)}$")).click()
    settle(page)


def shoot(page, screenshot, name: str) -> None:
    """A screenshot of the whole page: Streamlit scrolls inside its main area, so grow
    the window to the main area's height first."""
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": 1400, "height": max(1000, height + 40)})
    page.wait_for_timeout(300)
    screenshot(page, name)
    page.set_viewport_size({"width": 1400, "height": 1000})


def main_area(page):
    return page.locator('[data-testid="stMain"]')


def goal_cards(page):
    return main_area(page).locator("h4")


def add_goal(page, title: str) -> None:
    form = main_area(page).locator('[data-testid="stForm"]').first
    if not form.is_visible():
        main_area(page).get_by_text("Add a goal").click()
    form.get_by_label("Title").fill(title)
    form.get_by_role("button", name="Save goal").click()
    settle(page)


def test_every_page_in_the_navigation_opens_without_an_error(page, screenshot):
    open_home(page)
    links = page.locator(SIDEBAR_LINKS)
    labels = [text.splitlines()[-1].strip() for text in links.all_inner_texts()]
    assert labels == EXPECTED_LINKS

    for number, label in enumerate(EXPECTED_LINKS, start=1):
        go_to(page, label)
        assert_no_exception(page)
        title = page.locator("h1").first
        title.wait_for()
        assert title.inner_text().strip()
        slug = label.split()[-1].lower()
        shoot(page, screenshot, f"{number:02d}-{slug}-empty")


def test_a_goal_made_in_the_form_is_listed_exactly_as_typed(page, screenshot):
    title = 'Try <b>product</b> & "design" *now*'
    open_home(page)
    go_to(page, "1 Goals")
    add_goal(page, title)
    assert_no_exception(page)

    card = goal_cards(page).filter(has_text=title)
    card.wait_for()
    assert card.inner_text().strip() == title
    assert main_area(page).locator("b", has_text="product").count() == 0
    assert main_area(page).locator("em", has_text="now").count() == 0
    assert main_area(page).get_by_text(f"Saved the goal '{title}'.").is_visible()
    shoot(page, screenshot, "10-goals-new-goal")


def test_a_goal_without_a_title_is_refused_next_to_the_field(page, screenshot):
    open_home(page)
    go_to(page, "1 Goals")
    before = goal_cards(page).count()
    add_goal(page, "   ")

    form = main_area(page).locator('[data-testid="stForm"]').first
    message = form.get_by_text("Give the goal a title")
    message.wait_for()
    assert form.get_by_text("Nothing was saved").is_visible()
    assert goal_cards(page).count() == before
    assert_no_exception(page)
    shoot(page, screenshot, "11-goals-bad-input")


def test_the_demo_opens_apart_from_my_planner_and_can_be_left(page, screenshot):
    mine = "My own goal, kept apart from the demo"
    open_home(page)
    go_to(page, "1 Goals")
    add_goal(page, mine)
    goal_cards(page).filter(has_text=mine).wait_for()

    go_to(page, "Home")
    main_area(page).get_by_role("button", name="Explore a demo planner").click()
    settle(page)
    page.get_by_text("Showing the demo planner.").wait_for()
    assert_no_exception(page)
    shoot(page, screenshot, "20-home-demo")

    go_to(page, "1 Goals")
    assert_no_exception(page)
    assert goal_cards(page).count() >= 2
    assert goal_cards(page).filter(has_text=mine).count() == 0
    shoot(page, screenshot, "21-goals-demo")

    go_to(page, "Backup")
    assert_no_exception(page)
    main_area(page).get_by_text("15 contacts").wait_for()
    shoot(page, screenshot, "22-backup-demo")

    page.locator('[data-testid="stSidebar"]').get_by_role("button", name="Leave the demo").click()
    settle(page)
    go_to(page, "1 Goals")
    goal_cards(page).filter(has_text=mine).wait_for()
    assert page.get_by_text("Showing the demo planner.").count() == 0
