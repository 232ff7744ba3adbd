"""The shared deployment as a careers office runs it, started by the test itself from
deploy/'s own files: nginx (deploy/nginx/planner.conf) in front of two app servers
(deploy/start-replica) on one PostgreSQL database, people signing in at a local OpenID
Connect provider. Two people work at once, each on another app server, and neither
ever sees the other's entries on any page, report, download, feed or backup. Killing
the app server a person is on loses nothing they saved."""

from __future__ import annotations

import json
import re
import urllib.request
from pathlib import Path

import pytest
from icalendar import Calendar
from playwright.sync_api import BrowserContext, Page, expect

from planner import accounts, journey
from planner.local_deployment import LocalDeployment
from planner.store import open_database

from .conftest import SCREENSHOTS, VIEWPORT, keep_if_failed
from .test_app_in_browser import (
    NAVIGATION,
    SIDEBAR,
    TIMEOUT,
    act,
    assert_no_exception,
    expect_page,
    go_to,
    goal_card,
    main_area,
    script_runs,
    settle,
    submit_new_goal,
)
from .test_contacts_in_browser import add_contact, book_meeting, open_tab

pytestmark = pytest.mark.browser

# What each person types, distinctive enough that a leak anywhere would be found.
PEOPLE = {
    "ann": {"goal": "Teach chemistry at a sixth-form college QZX", "contact": "Zora Annsworth"},
    "bob": {"goal": "Move into community nursing KWV", "contact": "Xavier Bobbington"},
}


def markers(name: str) -> list[str]:
    return [PEOPLE[name]["goal"], PEOPLE[name]["contact"], "QZX" if name == "ann" else "KWV"]


@pytest.fixture(scope="module")
def deployment():
    started = LocalDeployment(replica_count=2).start()
    try:
        yield started
    finally:
        if any(r.popen and r.popen.poll() not in (None, 0) for r in started.replicas):
            print(started.logs())
        started.stop()


@pytest.fixture
def contexts(browser, deployment, request):
    """New browser contexts through nginx (each a browser of its own), closed at the end;
    a failed test keeps each one's page as a screenshot."""
    made: list[BrowserContext] = []

    def new() -> BrowserContext:
        context = browser.new_context(viewport=VIEWPORT, base_url=deployment.url)
        context.set_default_timeout(20_000)
        # The provider's page asks a CDN for its style sheet; this machine is offline.
        context.route(re.compile(r"^https?://(?!127\.0\.0\.1)"), lambda route: route.abort())
        made.append(context)
        return context

    yield new
    for context in made:
        for page in context.pages:
            keep_if_failed(page, request)
        context.close()


def sign_in(page: Page, subject: str) -> None:
    """Sign in at the local provider as ``subject`` (a name it offers, or any other)."""
    script_runs(page)
    page.goto("/")
    main = main_area(page)
    expect(main.get_by_role("button", name="Sign in")).to_be_visible(timeout=TIMEOUT)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/oauth2/authorize"), timeout=TIMEOUT)
    page.locator('input[name="sub"]').fill(subject)
    before = script_runs(page).finished
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(re.compile(r"^http://127\.0\.0\.1:\d+/$"), timeout=TIMEOUT)
    settle(page, before)
    expect_page(page, journey.HOME)
    expect(page.locator(SIDEBAR).get_by_role("button", name="Sign out")).to_be_visible()


def replica_of(deployment: LocalDeployment, context: BrowserContext) -> str:
    """The app server nginx sends this browser to (from its access log, by its cookie)."""
    cookie = next(c["value"] for c in context.cookies() if c["name"] == "planner_server")
    log = (deployment.folder / "nginx-access.log").read_text()
    served = re.findall(rf"upstream=(.+?) browser={re.escape(cookie)}$", log, re.MULTILINE)
    assert served, f"no request of this browser in nginx's log ({cookie})"
    return served[-1].split(",")[-1].strip()


def body_text(page: Page) -> str:
    return page.locator("body").inner_text()


def assert_sees_none_of(page: Page, other: str, where: str) -> None:
    text = body_text(page)
    leaked = [m for m in markers(other) if m in text]
    assert not leaked, f"{where} shows {other}'s {leaked}"


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read()


def download(page: Page, button: str) -> str:
    with page.expect_download(timeout=TIMEOUT) as started:
        main_area(page).get_by_role("button", name=button).click()
    return Path(started.value.path()).read_text(encoding="utf-8")


def make_calendar_link(page: Page) -> str:
    main = main_area(page)
    make = main.get_by_role("button", name="Make my calendar link")
    if not make.is_visible():
        main.get_by_text("Get these reminders in your calendar").click()
    expect(make).to_be_visible(timeout=TIMEOUT)
    act(page, make.click)
    link = main.locator("code").filter(has_text="/feed/")
    expect(link).to_be_visible(timeout=TIMEOUT)
    return link.inner_text().strip()


def enter_own_work(page: Page, name: str) -> None:
    expect(goal_card(page, PEOPLE[name]["goal"])).to_have_count(1, timeout=TIMEOUT)
    go_to(page, "3 Contacts")
    add_contact(page, PEOPLE[name]["contact"])
    open_tab(page, "Meetings")
    book_meeting(page, "20300115" if name == "ann" else "20300116", "1600")
    expect(main_area(page).get_by_text("Scheduled the meeting with")).to_be_visible(timeout=TIMEOUT)


def test_two_people_at_once_on_two_app_servers_never_see_each_other(
    deployment, contexts, screenshot
):
    ann_context = contexts()
    ann = ann_context.new_page()
    script_runs(ann)
    ann.goto("/")
    expect(main_area(ann).get_by_role("button", name="Sign in")).to_be_visible(timeout=TIMEOUT)
    screenshot(ann, "94-shared-signed-out")
    sign_in(ann, "ann")
    # Bob on the other app server: a new browser gets a random one, so draw again.
    for _ in range(12):
        bob_context = contexts()
        bob = bob_context.new_page()
        sign_in(bob, "bob")
        if replica_of(deployment, bob_context) != replica_of(deployment, ann_context):
            break
        bob_context.close()
    else:
        pytest.fail("nginx sent twelve new browsers to the same app server")

    # Both at work at once, a step each in turn.
    go_to(ann, "1 Goals")
    go_to(bob, "1 Goals")
    submit_new_goal(ann, PEOPLE["ann"]["goal"])
    submit_new_goal(bob, PEOPLE["bob"]["goal"])
    enter_own_work(ann, "ann")
    enter_own_work(bob, "bob")

    for me, page, other in (("ann", ann, "bob"), ("bob", bob, "ann")):
        for label, _ in NAVIGATION:
            go_to(page, label)
            assert_sees_none_of(page, other, f"{me}'s {label} page")
        page.locator(SIDEBAR).get_by_role("link", name="Your account").click()
        settle(page)
        expect(main_area(page).get_by_text(f"{me}@example.edu")).to_be_visible()
        assert_sees_none_of(page, other, f"{me}'s account page")
        screenshot(page, f"96-shared-account-{me}")
        everything = download(page, "Download everything (.json)")
        assert PEOPLE[me]["goal"] in everything
        assert not [m for m in markers(other) if m in everything], "the account download"

        go_to(page, "Backup")
        backup = json.loads(download(page, "Download backup (.json)"))
        titles = [row for row in backup["tables"]["goals"]["rows"]]
        assert any(PEOPLE[me]["goal"] in json.dumps(row) for row in titles)
        assert not [m for m in markers(other) if m in json.dumps(backup)], "the backup"

        go_to(page, "6 Progress")
        report = download(page, "Download the report (HTML)")
        assert PEOPLE[me]["goal"] in report
        assert not [m for m in markers(other) if m in report], "the report"

        go_to(page, "Home")
        feed = Calendar.from_ical(fetch(make_calendar_link(page)))
        summaries = " ".join(str(e["SUMMARY"]) for e in feed.walk("VEVENT"))
        assert PEOPLE[me]["contact"] in summaries
        assert not [m for m in markers(other) if m in summaries], "the calendar feed"
        assert_no_exception(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    ann.screenshot(path=SCREENSHOTS / "95-shared-ann-home.png", full_page=True)

    # On the database, each planner holds its own person's entries only.
    with open_database(deployment.database_url) as database:
        for me in PEOPLE:
            owner = accounts.owner_id_for(deployment.issuer, me)
            titles = [g.title for g in database.session(owner).goals.list()]
            assert titles == [PEOPLE[me]["goal"]], titles

    # Signing out and in again opens the same planner.
    ann.locator(SIDEBAR).get_by_role("button", name="Sign out").click()  # leaves the page
    # The provider is asked to end its session too, and sends the browser back.
    ann.get_by_role("button", name="End session").click()
    expect(main_area(ann).get_by_role("button", name="Sign in")).to_be_visible(timeout=TIMEOUT)
    assert_sees_none_of(ann, "ann", "the signed-out welcome")
    sign_in(ann, "ann")
    go_to(ann, "1 Goals")
    expect(goal_card(ann, PEOPLE["ann"]["goal"])).to_have_count(1, timeout=TIMEOUT)
    assert_sees_none_of(ann, "bob", "ann's goals after signing in again")


def test_a_person_loses_nothing_saved_when_their_app_server_is_killed(deployment, contexts):
    context = contexts()
    page = context.new_page()
    sign_in(page, "chen")
    go_to(page, "1 Goals")
    submit_new_goal(page, "Before the crash: shadow a hospital pharmacist")
    expect(goal_card(page, "Before the crash: shadow a hospital pharmacist")).to_have_count(1)
    server = replica_of(deployment, context)
    index = next(
        i for i, r in enumerate(deployment.replicas) if r.health.startswith(f"http://{server}/")
    )
    deployment.kill_replica(index)
    try:
        # The browser finds its server gone; reloading reaches the other one, still
        # signed in (both read the same sign-in cookie).
        page.reload()
        settle(page)
        expect(page.locator(SIDEBAR).get_by_role("button", name="Sign out")).to_be_visible()
        assert replica_of(deployment, context) != server
        go_to(page, "1 Goals")
        expect(goal_card(page, "Before the crash: shadow a hospital pharmacist")).to_have_count(1)
        submit_new_goal(page, "After the crash: ask about night shifts")
        expect(goal_card(page, "After the crash: ask about night shifts")).to_have_count(1)
        assert_no_exception(page)
    finally:
        deployment.restart_replica(index)
    with open_database(deployment.database_url) as database:
        owner = accounts.owner_id_for(deployment.issuer, "chen")
        titles = sorted(g.title for g in database.session(owner).goals.list())
    assert titles == [
        "After the crash: ask about night shifts",
        "Before the crash: shadow a hospital pharmacist",
    ]
