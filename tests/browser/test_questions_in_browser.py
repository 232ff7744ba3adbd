"""Preparing a demo interview in Chromium: a plan built from the bank and by hand, the
printable sheet downloaded and read back, and notes taken on the day that survive a
closed tab."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .test_app_in_browser import (
    TIMEOUT,
    act,
    assert_no_exception,
    click,
    go_to,
    main_area,
    open_home,
)
from .test_contacts_in_browser import add_contact, book_meeting

pytestmark = pytest.mark.browser


def enter_demo(page: Page) -> None:
    open_home(page)
    click(page, main_area(page).get_by_role("button", name="Explore a demo planner"))
    assert_no_exception(page)


def open_meeting_with(page: Page, name: str) -> None:
    """Open the Questions page on the meeting with ``name``."""
    go_to(page, "4 Questions")
    picker = main_area(page).get_by_label("Meeting", exact=True)
    expect(picker).to_be_visible(timeout=TIMEOUT)
    if name not in (picker.get_attribute("value") or ""):  # the meeting now chosen
        picker.click()
        act(page, page.get_by_role("option").filter(has_text=name).first.click)
    assert_no_exception(page)
    expect(main_area(page).get_by_text(name).first).to_be_visible(timeout=TIMEOUT)


def test_a_plan_for_a_demo_interview_prints_as_a_sheet(page: Page, screenshot):
    enter_demo(page)
    open_meeting_with(page, "Sofia")  # two questions, none asking whom else to talk to
    main = main_area(page)
    expect(main.get_by_text("No question near the end asks whom else to talk to")).to_be_visible(
        timeout=TIMEOUT
    )
    click(page, main.get_by_role("button", name=re.compile(r"^Add “Who else")))
    assert_no_exception(page)
    expect(main.get_by_text("No question near the end")).to_have_count(0)

    form = main.locator('[data-testid="stForm"]', has_text="Add to the plan")
    form.get_by_label("Your question").fill("What do you enjoy most, and what would you change?")
    click(page, form.get_by_role("button", name="Add to the plan"))
    assert_no_exception(page)
    expect(main.get_by_text("Two questions in one")).to_be_visible(timeout=TIMEOUT)
    screenshot(page, "40-questions-plan")

    with page.expect_download(timeout=TIMEOUT) as download:
        main.get_by_role("button", name="Interview sheet (HTML, to print)").click()
    sheet = Path(download.value.path()).read_text(encoding="utf-8")
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", sheet)).split())
    assert "Informational interview with Sofia" in text
    order = [
        "How does a small non-profit decide what to research?",
        "What did the first year after your move feel like?",
        "What do you enjoy most, and what would you change?",
    ]
    positions = [text.index(q) for q in order]
    assert positions == sorted(positions)
    assert re.search(r"Who else[^?]*\?", text)
    assert "45 minutes" in text
    with page.expect_download(timeout=TIMEOUT) as download:
        main.get_by_role("button", name="Interview sheet (Markdown)").click()
    markdown = Path(download.value.path()).read_text(encoding="utf-8")
    assert markdown.startswith("# Informational interview with Sofia")
    assert "What do you enjoy most, and what would you change?" in markdown


def schedule_meeting_with(page: Page, name: str, day: str) -> None:
    """Add ``name`` as a contact in my own planner and book a meeting on ``day`` (YYYYMMDD)."""
    go_to(page, "3 Contacts")
    main = main_area(page)
    add_contact(page, name)
    main.get_by_role("tab", name="Meetings").click()
    book_meeting(page, day, "0930")
    expect(main.get_by_text(f"Scheduled the meeting with {name}.")).to_be_visible(timeout=TIMEOUT)


def open_day_view(page: Page, name: str) -> None:
    open_meeting_with(page, name)
    act(page, main_area(page).get_by_role("tab", name="Interview day").click)
    expect(main_area(page).get_by_label("General notes")).to_be_visible(timeout=TIMEOUT)


def test_notes_are_saved_as_typed_and_survive_a_closed_tab(page: Page, screenshot):
    open_home(page)
    schedule_meeting_with(page, "Ana Day", "20310310")
    open_day_view(page, "Ana Day")
    notes = main_area(page).get_by_label("General notes")
    first = "She moved from <b>teaching</b> & never looked back."
    notes.click()
    page.keyboard.type(first, delay=20)
    # No blur, no Ctrl+Enter: the field saves on its own while focus stays in it.
    expect(main_area(page).get_by_text("Saved", exact=True)).to_be_visible(timeout=TIMEOUT)
    assert notes.evaluate("(el) => el === el.getRootNode().activeElement")
    screenshot(page, "41-questions-interview-day")

    page.keyboard.type("\nAsk about guilds.")  # and the tab is closed at once
    context = page.context
    page.close()

    # Either the text left with the closing tab, or the browser kept it and sends it now
    # ("Restored unsaved text"): both ways it is back, and saved.
    again = context.new_page()
    open_home(again)
    open_day_view(again, "Ana Day")
    expected = first + "\nAsk about guilds."
    expect(main_area(again).get_by_label("General notes")).to_have_value(expected)
    expect(main_area(again).get_by_text(re.compile(r"Saved$"))).to_be_visible(timeout=TIMEOUT)
    act(again, main_area(again).get_by_role("tab", name="Plan").click)
    with again.expect_download(timeout=TIMEOUT) as download:
        main_area(again).get_by_role("button", name="Interview sheet (Markdown)").click()
    sheet = Path(download.value.path()).read_text(encoding="utf-8")
    assert (
        "She moved from \\<b\\>teaching\\</b\\> \\& never looked back.  \nAsk about guilds."
        in sheet
    )


def test_notes_from_another_window_are_not_typed_over(page: Page, screenshot):
    open_home(page)
    schedule_meeting_with(page, "Ben Ode", "20310311")
    open_day_view(page, "Ben Ode")
    other = page.context.new_page()
    open_home(other)
    open_day_view(other, "Ben Ode")
    theirs = "Written in the other window."
    main_area(other).get_by_label("General notes").click()
    other.keyboard.type(theirs)
    expect(main_area(other).get_by_text("Saved", exact=True)).to_be_visible(timeout=TIMEOUT)

    main_area(page).get_by_label("General notes").click()
    page.keyboard.type("Typed here without seeing it.")
    refusal = main_area(page).get_by_text(re.compile(r"^Not saved: .*another window"))
    expect(refusal).to_be_visible(timeout=TIMEOUT)
    screenshot(page, "42-questions-notes-changed-elsewhere")
    # Opened again, the notes hold theirs with mine (kept in the browser) below, saved.
    fresh = page.context.new_page()
    open_home(fresh)
    open_day_view(fresh, "Ben Ode")
    both = theirs + "\n\nTyped here without seeing it."
    expect(main_area(fresh).get_by_label("General notes")).to_have_value(both, timeout=TIMEOUT)
    expect(main_area(fresh).get_by_text(re.compile(r"Saved$"))).to_be_visible(timeout=TIMEOUT)
    screenshot(fresh, "43-questions-notes-kept-both")
