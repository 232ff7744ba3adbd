"""A meeting moved and then cancelled in Chromium: the Meetings tab, the history and the
calendar files a calendar app reads (same event, a higher SEQUENCE, then a cancellation);
the meeting form starts in the browser's time zone."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from icalendar import Calendar
from playwright.sync_api import Page, expect

from .conftest import keep_if_failed
from .test_app_in_browser import (
    TIMEOUT,
    act,
    assert_no_exception,
    go_to,
    main_area,
    open_home,
    settle,
)
from .test_contacts_in_browser import add_contact, book_meeting, open_tab

pytestmark = pytest.mark.browser


@pytest.fixture
def page_in_new_york(browser, app_url, request):
    """A fresh session in a browser whose clock says America/New_York (saved as
    failed-<test>.png when the test fails, as the ``page`` fixture does)."""
    context = browser.new_context(
        # Tall enough for a popover opened under a long contact list to fit below its button.
        viewport={"width": 1400, "height": 1400},
        base_url=app_url,
        timezone_id="America/New_York",
    )
    context.set_default_timeout(20_000)
    page = context.new_page()
    yield page
    keep_if_failed(page, request)
    context.close()


def downloaded(page: Page, button: str) -> Calendar:
    """The calendar file behind the Meetings tab's first button labelled ``button``."""
    with page.expect_download(timeout=TIMEOUT) as download:
        main_area(page).get_by_role("button", name=button).first.click()
    return Calendar.from_ical(Path(download.value.path()).read_bytes())


def popover(page: Page):
    return page.get_by_test_id("stPopoverBody")


def open_popover(page: Page, label: str):
    """Open the first popover labelled ``label`` (opening one runs nothing); its body.

    The button is scrolled to the top of the window first: a popover opened near the
    bottom (a long contact list above it) would put its Save button below the window,
    where nothing can scroll it into view."""
    button = main_area(page).get_by_role("button", name=label).first
    button.evaluate("element => element.scrollIntoView({block: 'start'})")
    button.click()
    expect(popover(page)).to_be_visible(timeout=TIMEOUT)
    return popover(page)


def press(button):
    """A click on a button inside an open popover, wherever the popover is drawn: a rerun
    can move the page under it and leave the button below the window, where a pointer
    cannot reach it (the popover does not scroll), so the click event goes to the button
    itself."""
    return lambda: button.dispatch_event("click")


def set_number(page: Page, field, value: str) -> None:
    """Type ``value`` into a number field and wait until the app has it.

    A number field commits on Enter or blur; a popover that has just opened can still
    redraw its fields and drop what was typed, so the value is typed again until it
    stays (a save clicked before that would save the old number)."""
    for _ in range(3):
        field.fill(value)
        field.press("Enter")
        settle(page)
        if field.input_value() == value:
            return
    expect(field).to_have_value(value, timeout=TIMEOUT)


def test_a_meeting_is_rescheduled_then_cancelled(page_in_new_york: Page, screenshot):
    page = page_in_new_york
    open_home(page)
    go_to(page, "3 Contacts")
    main = main_area(page)
    add_contact(page, "Grace Hopper")

    open_tab(page, "Meetings")
    zone = main.get_by_role("combobox", name="Time zone")
    expect(zone).to_have_value("America/New_York", timeout=TIMEOUT)
    book_meeting(page, "20300115", "1600")
    expect(main.get_by_text("Scheduled the meeting with Grace Hopper.")).to_be_visible(
        timeout=TIMEOUT
    )
    open_tab(page, "Meetings")
    [booked] = downloaded(page, "Calendar file").walk("VEVENT")

    body = open_popover(page, "Reschedule")
    body.get_by_label("Start", exact=True).get_by_role("spinbutton").first.click()
    page.keyboard.type("0930")
    set_number(page, body.get_by_label("Minutes", exact=True), "45")
    act(page, press(body.get_by_role("button", name="Save the new time")))
    assert_no_exception(page)
    expect(main.get_by_text("Moved the meeting with Grace Hopper")).to_be_visible(timeout=TIMEOUT)
    expect(popover(page)).to_be_hidden(timeout=TIMEOUT)  # saved: the form closes
    open_tab(page, "Meetings")
    [moved] = downloaded(page, "Calendar file").walk("VEVENT")
    assert str(moved["uid"]) == str(booked["uid"])
    assert int(moved["sequence"]) > int(booked["sequence"])
    assert moved.decoded("dtstart").strftime("%Y-%m-%d %H:%M") == "2030-01-15 09:30"
    assert moved.decoded("dtend") - moved.decoded("dtstart") == timedelta(minutes=45)

    open_popover(page, "Cancel meeting")
    question = "Cancel the meeting with Grace Hopper on Tuesday 15 January 2030 at 09:30"
    expect(popover(page).get_by_text(question)).to_be_visible(timeout=TIMEOUT)
    act(page, press(popover(page).get_by_role("button", name="Yes, cancel the meeting")))
    assert_no_exception(page)
    expect(main.get_by_text("Cancelled the meeting with Grace Hopper.")).to_be_visible(
        timeout=TIMEOUT
    )
    open_tab(page, "Meetings")
    expect(main.get_by_text("Cancelled", exact=True)).to_be_visible(timeout=TIMEOUT)
    expect(main.get_by_role("button", name="Reschedule")).to_have_count(0)
    cancellation = downloaded(page, "Cancellation file")
    [gone] = cancellation.walk("VEVENT")
    assert str(cancellation["method"]) == "CANCEL" and str(gone["status"]) == "CANCELLED"
    assert str(gone["uid"]) == str(booked["uid"])
    assert int(gone["sequence"]) > int(moved["sequence"])

    # A second meeting, moved, beside the cancelled one: the screenshot of the tab.
    book_meeting(page, "20300122", "1100")
    open_tab(page, "Meetings")
    set_number(page, open_popover(page, "Reschedule").get_by_label("Minutes", exact=True), "20")
    act(page, press(popover(page).get_by_role("button", name="Save the new time")))
    expect(main.get_by_text("Moved the meeting with Grace Hopper")).to_be_visible(timeout=TIMEOUT)
    open_tab(page, "History")
    expect(main.get_by_text("Rescheduled the meeting from").first).to_be_visible(timeout=TIMEOUT)
    open_tab(page, "Meetings")
    expect(main.get_by_label("Day", exact=True).get_by_role("spinbutton").first).to_have_text(
        "yyyy", timeout=TIMEOUT
    )  # the meeting form starts empty after a save
    screenshot(page, "34-contacts-meeting-rescheduled-and-cancelled")
