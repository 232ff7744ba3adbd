"""From an organisation to a booked meeting, in Chromium: research, contact, request,
schedule, calendar file; and a LinkedIn import."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from icalendar import Calendar
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from .test_app_in_browser import (
    TIMEOUT,
    act,
    assert_no_exception,
    go_to,
    main_area,
    open_home,
)

pytestmark = pytest.mark.browser
SAMPLE = Path(__file__).resolve().parents[1] / "data" / "linkedin_connections.csv"


def choose(page: Page, label: str, option: str, attempts: int = 3) -> None:
    """Pick ``option`` in the selectbox labelled ``label`` and wait until the menu shows it.

    On a busy machine a click may focus the menu without opening its list (typing the
    option's name then opens the list, filtered to it, as for a keyboard user), or the
    list may be drawn again under the pointer and the option detached mid-click; each
    attempt opens the menu afresh until the menu shows the option."""
    main = main_area(page)
    menu = main.get_by_label(label, exact=True).first
    wanted = page.get_by_role("option", name=option, exact=True).first
    for _ in range(attempts):
        if not wanted.is_visible():
            menu.click()
            try:
                wanted.wait_for(state="visible", timeout=3_000)
            except PlaywrightTimeout:
                menu.press_sequentially(option)
                try:
                    wanted.wait_for(state="visible", timeout=TIMEOUT)
                except PlaywrightTimeout:
                    page.keyboard.press("Escape")
                    continue
        try:
            wanted.click(timeout=5_000)
        except PlaywrightTimeout:
            continue
        try:
            expect(menu).to_have_value(option, timeout=5_000)
            return
        except AssertionError:
            continue
    expect(menu).to_have_value(option, timeout=1)


def type_in(page: Page, field, text: str) -> None:
    """Type into a widget outside a form: leaving it reruns the page, so wait for that."""
    field.fill(text)
    act(page, lambda: field.press("Tab"))


def book_meeting(page: Page, day: str, start: str, attempts: int = 3) -> None:
    """Fill the open Meetings tab's day and start (typed as digits: date and time fields
    are segmented) and schedule it. Now and then the first digits typed into a field that
    has just appeared are lost; the form then says which is missing, and it is typed again."""
    main = main_area(page)
    for _ in range(attempts):
        main.get_by_label("Day", exact=True).get_by_role("spinbutton").first.click()
        page.keyboard.type(day)
        main.get_by_label("Start", exact=True).get_by_role("spinbutton").first.click()
        page.keyboard.type(start)
        page.keyboard.press("Tab")
        act(page, main.get_by_role("button", name="Schedule it").click)
        missing = main.get_by_text(re.compile(r"^Choose the (day of the meeting|start time)\.$"))
        if missing.count() == 0:
            return
    raise AssertionError("the meeting's day and start were not taken after retyping them")


def open_add_form(page: Page, expander: str):
    """The page's first form, under ``expander`` ("Add a contact"), which starts closed
    once the list has entries (other tests in the session may have added some)."""
    main = main_area(page)
    form = main.locator('[data-testid="stForm"]').first
    if not form.is_visible():
        main.locator("summary", has_text=expander).click()
    expect(form).to_be_visible(timeout=TIMEOUT)
    return form


def add_contact(page: Page, name: str) -> None:
    """On Contacts: add ``name`` with every other field left as it is, and open them."""
    form = open_add_form(page, "Add a contact")
    form.get_by_label("Name", exact=True).fill(name)
    act(page, form.get_by_role("button", name="Save contact").click)
    assert_no_exception(page)
    expect(main_area(page).get_by_role("heading", name=name)).to_be_visible(timeout=TIMEOUT)


def open_tab(page: Page, name: str) -> None:
    main_area(page).get_by_role("tab", name=name).click()


def test_an_organisation_to_a_booked_meeting(page: Page, screenshot):
    open_home(page)
    go_to(page, "2 Research")
    main = main_area(page)
    form = open_add_form(page, "Add an organisation")
    form.get_by_label("Name", exact=True).fill("Northwind Health")
    choose(page, "Motivation", "3 - very much")
    act(page, form.get_by_role("button", name="Save organisation").click)
    expect(main.get_by_text("Added 'Northwind Health'")).to_be_visible(timeout=TIMEOUT)
    screenshot(page, "30-research-organisation")

    go_to(page, "3 Contacts")
    form = open_add_form(page, "Add a contact")
    form.get_by_label("Name", exact=True).fill("Priya Raman")
    form.get_by_label("Role", exact=True).fill("Senior UX Researcher")
    form.get_by_label("Email", exact=True).fill("priya@example.org")
    choose(page, "Organisation", "Northwind Health")
    act(page, form.get_by_role("button", name="Save contact").click)
    assert_no_exception(page)
    expect(main.get_by_role("heading", name="Priya Raman")).to_be_visible(timeout=TIMEOUT)

    open_tab(page, "Write a message")
    type_in(page, main.get_by_label("What interests you about their work"), "how research works")
    type_in(page, main.get_by_label("Your name"), "Maya")
    act(page, main.get_by_role("button", name="Fill in the template").click)
    expect(main.get_by_text(re.compile(r"Request check: \d of 7"))).to_be_visible(timeout=TIMEOUT)
    screenshot(page, "31-contacts-request-draft")
    act(page, main.get_by_role("button", name="Mark this request as sent").click)
    expect(main.get_by_text("Recorded the request to Priya Raman.")).to_be_visible(timeout=TIMEOUT)

    open_tab(page, "Meetings")
    book_meeting(page, "20300115", "1600")
    assert_no_exception(page)
    expect(main.get_by_text("Scheduled the meeting with Priya Raman.")).to_be_visible(
        timeout=TIMEOUT
    )
    open_tab(page, "Meetings")
    with page.expect_download(timeout=TIMEOUT) as download:
        main.get_by_role("button", name="Calendar file").click()
    data = Path(download.value.path()).read_bytes()
    [event] = Calendar.from_ical(data).walk("VEVENT")
    assert str(event["summary"]) == "Informational interview: Priya Raman (Northwind Health)"
    assert event.decoded("dtstart").strftime("%Y-%m-%d %H:%M") == "2030-01-15 16:00"
    screenshot(page, "32-contacts-meeting")


def test_linkedin_connections_are_imported_from_the_page(page: Page, screenshot):
    open_home(page)
    go_to(page, "3 Contacts")
    main = main_area(page)
    main.get_by_text("Import your LinkedIn connections").click()
    main.locator('input[type="file"][accept*=".csv"]').set_input_files(str(SAMPLE))
    button = main.get_by_role("button", name="Import these connections")
    expect(button).to_be_visible(timeout=TIMEOUT)
    act(page, button.click)
    assert_no_exception(page)
    expect(main.get_by_text(re.compile(r"Imported \d+ new contacts from LinkedIn"))).to_be_visible(
        timeout=TIMEOUT
    )
    screenshot(page, "33-contacts-linkedin")


def test_an_address_book_goes_in_and_out_from_the_page(page: Page, screenshot, tmp_path):
    from ..test_vcard import APPLE, GOOGLE

    cards = tmp_path / "contacts.vcf"
    cards.write_text(GOOGLE + APPLE, encoding="utf-8")
    open_home(page)
    go_to(page, "3 Contacts")
    main = main_area(page)
    main.get_by_text("Your address book (vCard)").click()
    main.locator('input[type="file"][accept*=".vcf"]').set_input_files(str(cards))
    button = main.get_by_role("button", name="Import these contacts")
    expect(button).to_be_visible(timeout=TIMEOUT)
    act(page, button.click)
    assert_no_exception(page)
    expect(
        main.get_by_text(re.compile(r"Imported \d new contacts from your address book"))
    ).to_be_visible(timeout=TIMEOUT)
    screenshot(page, "34-contacts-address-book")
    if not main.get_by_role("button", name="Download every contact (.vcf)").is_visible():
        main.get_by_text("Your address book (vCard)").click()
    with page.expect_download(timeout=TIMEOUT) as download:
        main.get_by_role("button", name="Download every contact (.vcf)").click()
    exported = Path(download.value.path()).read_text(encoding="utf-8")
    assert download.value.suggested_filename == "contacts.vcf"
    assert "FN:Marta Kowalska" in exported and "FN:Dr Chidi Okonkwo" in exported
