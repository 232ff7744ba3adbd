"""The Questions page with the keyboard only: Tab to a control, Enter or Space to use it.
An icon button (moving a question, found by the label naming the question), a question
ticked in the bank list, and a lint rewrite applied."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from .test_app_in_browser import TIMEOUT, act, assert_no_exception, main_area
from .test_questions_in_browser import enter_demo, open_meeting_with

pytestmark = pytest.mark.browser

TABS_MAX = 400  # more than the demo plan's page holds


def has_focus(target: Locator) -> bool:
    return target.evaluate(
        "(e) => e === document.activeElement || e.contains(document.activeElement)"
    )


def tab_to(page: Page, target: Locator) -> None:
    """Press Tab until ``target`` has the keyboard focus (as a keyboard user would)."""
    expect(target).to_be_visible(timeout=TIMEOUT)
    for _ in range(TABS_MAX):
        if has_focus(target):
            return
        page.keyboard.press("Tab")
    pytest.fail(f"Tab never reached {target}")


def press(page: Page, key: str) -> None:
    """Press ``key`` on what has the focus and wait for the run it starts."""
    act(page, lambda: page.keyboard.press(key))
    assert_no_exception(page)


def plan_tab(page: Page) -> Locator:
    return main_area(page).get_by_role("tabpanel", name="Plan")


def numbered(page: Page, number: int, start: str) -> Locator:
    return plan_tab(page).get_by_text(re.compile(rf"^{number}\. {re.escape(start)}"))


def test_a_plan_is_corrected_with_the_keyboard_only(page: Page, screenshot):
    enter_demo(page)
    open_meeting_with(page, "Sofia")  # "How does a small non-profit…", then "What did…"
    main = plan_tab(page)
    expect(numbered(page, 1, "How does a small non-profit")).to_be_visible(timeout=TIMEOUT)

    # An icon button, named after the question it moves (not "arrow_downward icon").
    down = main.get_by_role(
        "button", name="Move “How does a small non-profit decide what…” down", exact=True
    )
    expect(down).to_have_count(1)
    expect(main.get_by_role("button", name=re.compile("arrow_"))).to_have_count(0)
    tab_to(page, down)
    press(page, "Enter")
    expect(numbered(page, 1, "What did the first year")).to_be_visible(timeout=TIMEOUT)
    expect(numbered(page, 2, "How does a small non-profit")).to_be_visible()

    # The bank, as a list: open it, open a section, tick a question, add it.
    from_bank = main.locator("summary", has_text="Add from the bank")
    tab_to(page, from_bank)
    press(page, "Enter")  # the list is built once opened
    heading = page.locator("summary", has_text=re.compile(r"Career path and background \(\d+\)"))
    expect(heading).to_be_visible(timeout=TIMEOUT)
    details = heading.locator("xpath=..")  # its own section, not the one around the bank
    section = heading
    tab_to(page, section)
    page.keyboard.press("Enter")
    tick = details.get_by_role("checkbox").first
    label = tick.evaluate("(e) => e.closest('label').innerText").strip()
    tab_to(page, tick)
    press(page, "Space")
    add = main.get_by_role("button", name="Add 1 ticked to the plan")
    tab_to(page, add)
    press(page, "Enter")
    added = main_area(page).get_by_text("Added 1 question to the plan.")
    expect(added).to_be_visible(timeout=TIMEOUT)
    expect(numbered(page, 3, label.split(" (")[0])).to_be_visible(timeout=TIMEOUT)

    # A question the lint flags, typed in, then its rewrite applied.
    form = main.locator('[data-testid="stForm"]', has_text="Add to the plan")
    tab_to(page, form.get_by_label("Your question"))
    page.keyboard.type("What is the starting salary here?")
    tab_to(page, form.get_by_role("button", name="Add to the plan"))
    press(page, "Enter")
    expect(main.get_by_text(re.compile("^Questions about pay"))).to_be_visible(timeout=TIMEOUT)
    use = main.get_by_role("button", name="Use “How does progression usually work in this field?”")
    tab_to(page, use)
    screenshot(page, "44-questions-keyboard-rewrite")
    press(page, "Enter")
    expect(numbered(page, 4, "How does progression usually work")).to_be_visible(timeout=TIMEOUT)
    expect(main.get_by_text(re.compile("^Questions about pay"))).to_have_count(0)
