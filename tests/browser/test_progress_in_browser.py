"""Progress on the demo planner in Chromium: the charts are drawn, a goal narrows them,
and the HTML reflection report downloads with every goal in it."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .test_app_in_browser import TIMEOUT, act, assert_no_exception, go_to, main_area
from .test_questions_in_browser import enter_demo

pytestmark = pytest.mark.browser

DEMO_GOALS = [
    "Find out whether UX research suits a former teacher",
    "Evaluate Northwind Health as a place to work",
    "Understand what learning designers do day to day",
    "Meet people in the Leeds civic tech scene",
]
CHARTS = 9


def test_progress_charts_the_demo_and_its_report_downloads(page: Page, screenshot):
    enter_demo(page)
    go_to(page, "6 Progress")
    main = main_area(page)
    charts = main.locator('[data-testid="stVegaLiteChart"]')
    expect(charts).to_have_count(CHARTS, timeout=TIMEOUT)
    # drawn, not just placed: each chart has painted marks into its canvas or SVG
    drawn = main.locator(
        '[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg.marks'
    )
    expect(drawn).to_have_count(CHARTS, timeout=TIMEOUT)
    sizes = drawn.evaluate_all("els => els.map(e => e.getBoundingClientRect().height)")
    assert all(height > 60 for height in sizes), sizes
    assert_no_exception(page)
    screenshot(page, "60-progress-demo")

    with page.expect_download(timeout=TIMEOUT) as download:
        main.get_by_role("button", name="Download the report (HTML)").click()
    assert download.value.suggested_filename.startswith("reflection-report-")
    report = Path(download.value.path()).read_text(encoding="utf-8")
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", report)).split())
    for title in DEMO_GOALS:
        assert f"Goal: {title}" in text
    assert report.count('src="data:image/svg+xml;base64,') == CHARTS

    picker = main.get_by_label("Goal", exact=True)
    picker.click()
    picker.fill("Evaluate Northwind")  # the menu filters as you type; Enter takes the first
    act(page, lambda: picker.press("Enter"))
    assert_no_exception(page)
    expect(main.get_by_text("For: " + DEMO_GOALS[1])).to_be_visible(timeout=TIMEOUT)
    expect(main.get_by_text("16 contacts:")).to_have_count(0)
    screenshot(page, "61-progress-one-goal")


def test_the_activity_chart_spans_the_page_in_three_rows(page: Page, screenshot):
    enter_demo(page)
    go_to(page, "6 Progress")
    main = main_area(page)
    heading = main.get_by_role("heading", name="Activity by week")
    expect(heading).to_be_visible(timeout=TIMEOUT)
    drawn = main.locator(
        '[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg.marks'
    )
    expect(drawn).to_have_count(CHARTS, timeout=TIMEOUT)
    boxes = drawn.evaluate_all(
        "els => els.map(e => { const r = e.getBoundingClientRect();"
        " return [r.top, r.width, r.height]; })"
    )
    under = heading.bounding_box()
    # The first chart under the heading is Activity's.
    _, width, height = min((box for box in boxes if box[0] > under["y"]), key=lambda b: b[0])
    assert width > 0.9 * under["width"], (width, under)  # stretched to the column
    assert height > 3 * 90, height  # three rows of bars, none squeezed
    heading.scroll_into_view_if_needed()
    assert_no_exception(page)
    screenshot(page, "62-progress-activity")
