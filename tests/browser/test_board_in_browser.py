"""The pipeline board in Chromium, by keyboard: a card moved to the next stage from its
move menu, then opened (its name is a link) on the contact's own page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from planner.board import move_menu_label

from .test_app_in_browser import TIMEOUT, act, assert_no_exception, go_to, main_area, open_home
from .test_contacts_in_browser import add_contact

pytestmark = pytest.mark.browser

NAME = "Katherine Johnson"


def column(page: Page, label: str):
    """The board's column headed ``label`` ("Request sent · 1")."""
    heading = page.get_by_text(re.compile(rf"^{re.escape(label)} · [\d,]+$"))
    return main_area(page).locator('[data-testid="stColumn"]').filter(has=heading)


def test_a_card_is_moved_and_opened_with_the_keyboard_only(page: Page, screenshot):
    open_home(page)
    go_to(page, "3 Contacts")
    main = main_area(page)
    add_contact(page, NAME)

    go_to(page, "Pipeline board")
    card_link = main.get_by_role("link", name=NAME)
    expect(column(page, "Identified").get_by_role("link", name=NAME)).to_be_visible(timeout=TIMEOUT)
    # From the card's name, Tab reaches its move menu; the arrow keys open and choose.
    card_link.focus()
    page.keyboard.press("Tab")
    menu = main.get_by_role("combobox", name=move_menu_label(NAME))
    expect(menu).to_be_focused(timeout=TIMEOUT)
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("option", name="Request sent")).to_be_visible(timeout=TIMEOUT)
    act(page, lambda: page.keyboard.press("Enter"))
    assert_no_exception(page)
    expect(main.get_by_text(f"Moved {NAME} to Request sent.")).to_be_visible(timeout=TIMEOUT)
    moved = column(page, "Request sent").get_by_role("link", name=NAME)
    expect(moved).to_be_visible(timeout=TIMEOUT)
    expect(column(page, "Identified").get_by_role("link", name=NAME)).to_have_count(0)
    screenshot(page, "board-card-moved")

    moved.focus()
    act(page, lambda: page.keyboard.press("Enter"))
    assert_no_exception(page)
    expect(page).to_have_title(re.compile(r"^Contacts - "), timeout=TIMEOUT)
    expect(main.get_by_role("heading", name=NAME)).to_be_visible(timeout=TIMEOUT)
    expect(main.get_by_text("Request sent").first).to_be_visible(timeout=TIMEOUT)
