"""After a demo conversation, in Chromium: mark it done, reflect, thank them, and find the
person they suggested in Contacts, referred by them."""

from __future__ import annotations

import re

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

pytestmark = pytest.mark.browser


def test_a_demo_conversation_from_done_to_thanked_with_a_referral(page: Page, screenshot):
    open_home(page)
    click(page, main_area(page).get_by_role("button", name="Explore a demo planner"))
    main = main_area(page)

    # Kemi's meeting was yesterday and waits to be marked done: it comes first.
    go_to(page, "4 Questions")
    expect(main.get_by_label("Meeting", exact=True)).to_have_value(re.compile("^Kemi Okoro"))
    act(page, main.get_by_role("tab", name="Interview day").click)
    click(page, main.get_by_role("button", name="Mark the interview done"))
    expect(main.get_by_text("Marked the interview with Kemi Okoro done.")).to_be_visible(
        timeout=TIMEOUT
    )

    go_to(page, "5 Reflect")
    expect(main.get_by_label("Conversation", exact=True)).to_have_value(
        re.compile(r"^Kemi Okoro.*no reflection yet$")
    )
    form = main.locator('[data-testid="stForm"]', has_text="Save the reflection")
    form.get_by_label("What I learned about the field").fill(
        "Research operations keeps studies running: recruiting, consent, tools."
    )
    form.get_by_label("Their advice").fill("Volunteer to run recruitment for one study.")
    form.get_by_role("textbox", name="Themes (comma-separated)").fill("research ops, recruiting")
    click(page, form.get_by_role("button", name="Save the reflection"))
    assert_no_exception(page)
    expect(main.get_by_text("Saved your reflection.")).to_be_visible(timeout=TIMEOUT)

    referral = main.locator('[data-testid="stForm"]', has_text="Add as a contact")
    referral.get_by_label("Name", exact=True).fill("Tunde Bello")
    referral.get_by_label("Role", exact=True).fill("Research recruiter")
    click(page, referral.get_by_role("button", name="Add as a contact"))
    expect(
        main.get_by_text("Added Tunde Bello to your contacts, referred by Kemi Okoro.")
    ).to_be_visible(timeout=TIMEOUT)
    screenshot(page, "50-reflect-saved")

    act(page, main.get_by_role("tab", name="Thank-you").click)
    note = main.get_by_label("Thank-you note (edit freely)")
    expect(note).to_have_value(re.compile(r"^Hello Kemi,"))
    assert "What you said about research ops has stayed with me." in note.input_value()
    assert "Volunteer to run recruitment for one study." in note.input_value()
    screenshot(page, "51-reflect-thank-you")
    click(page, main.get_by_role("button", name="Mark the thank-you as sent"))
    assert_no_exception(page)
    expect(main.get_by_text("Recorded your thank-you to Kemi Okoro.")).to_be_visible(
        timeout=TIMEOUT
    )
    expect(main.get_by_text("You thanked Kemi Okoro for this conversation.")).to_be_visible(
        timeout=TIMEOUT
    )

    act(page, main.get_by_role("tab", name="Reflection").click)
    click(page, main.get_by_role("link", name="Tunde Bello"))
    expect(main.get_by_role("heading", name="Tunde Bello")).to_be_visible(timeout=TIMEOUT)
    expect(main.get_by_text("Referred by Kemi Okoro")).to_be_visible(timeout=TIMEOUT)
    assert_no_exception(page)
    screenshot(page, "52-contacts-referral")
