"""Use the planner as a newcomer does, in Chromium: every page, a goal, bad input, the demo.

All tests share one server and one planner file, but each has its own browser
context, so its own Streamlit session; none depends on another having run.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from datetime import date
from weakref import WeakKeyDictionary

import pytest
from google.protobuf.message import DecodeError
from playwright.sync_api import Locator, Page, WebSocket, expect
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from planner import backup, demo, journey
from planner.goals import GoalDraft, validate_goal

pytestmark = pytest.mark.browser

TIMEOUT = 20_000  # ms, for every wait on the app
SIDEBAR = '[data-testid="stSidebar"]'
NAV_LINKS = f'{SIDEBAR} a[data-testid="stPageLink-NavLink"]'
GOAL_CARD = '[class*="st-key-goal_card_"]'  # st.container(key=f"goal_card_{id}")
DEMO_CAPTION = "Showing the demo planner."

# The sidebar as planner.ui.sidebar() draws it: (label, step) in journey order.
NAVIGATION = [
    (journey.HOME.label, journey.HOME),
    *((f"{n} {step.label}", step) for n, step in enumerate(journey.STEPS, start=1)),
    *((tool.label, tool) for tool in journey.TOOLS),
]


# -- waiting on Streamlit ------------------------------------------------------
#
# A click in Streamlit sends a message to the server, which runs the page's script and
# streams the result back over the websocket. The browser's own state attribute
# (data-test-script-state) is not enough to wait on: a quick run can start and finish
# within one render, and under load the server may start the run only seconds after
# the click. So runs are counted from the websocket itself (Streamlit's ForwardMsg:
# every run opens with new_session and ends with script_finished), and then the page
# must have stopped changing.
#
# Now and then (a few clicks in a hundred, seen on the Save button just after a page
# switch) Streamlit's frontend takes a click without sending anything to the server;
# a second click works. click() notices that no rerun request left the browser and
# clicks again: safe, since nothing happened on the server.

PAGE_CHANGES = """
window.__plannerLastChange = performance.now();
new MutationObserver(() => { window.__plannerLastChange = performance.now(); })
    .observe(document, {subtree: true, childList: true, characterData: true, attributes: true});
"""


class ScriptRuns:
    """The script runs of one page's Streamlit session, as its websocket reports them."""

    def __init__(self, page: Page):
        self.requested = 0  # rerun requests the browser sent
        self.finished = 0  # runs that ran to the end (not cut short by a rerun)
        self.running = False
        page.on("websocket", self._watch)
        page.add_init_script(PAGE_CHANGES)

    def _watch(self, socket: WebSocket) -> None:
        socket.on("framereceived", self._frame)
        socket.on("framesent", self._sent)

    def _sent(self, payload: str | bytes) -> None:
        if not isinstance(payload, bytes):
            return
        try:
            message = BackMsg.FromString(payload)
        except DecodeError:
            return
        if message.WhichOneof("type") == "rerun_script":
            self.requested += 1

    def _frame(self, payload: str | bytes) -> None:
        if not isinstance(payload, bytes):
            return
        try:
            message = ForwardMsg.FromString(payload)
        except DecodeError:
            return
        kind = message.WhichOneof("type")
        if kind == "new_session":
            self.running = True
        elif kind == "script_finished":
            self.running = False
            if message.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                self.finished += 1


_RUNS: WeakKeyDictionary[Page, ScriptRuns] = WeakKeyDictionary()


def script_runs(page: Page) -> ScriptRuns:
    """The run counter of ``page``, watching from its first navigation on."""
    if page not in _RUNS:
        _RUNS[page] = ScriptRuns(page)
    return _RUNS[page]


def settle(page: Page, after: int = 0, quiet_ms: int = 250) -> None:
    """Wait until more than ``after`` runs have finished, none is under way, and the page
    has shown the result: connected, idle, and unchanged for ``quiet_ms``."""
    runs = script_runs(page)
    deadline = time.monotonic() + TIMEOUT / 1000
    while runs.finished <= after or runs.running:
        if time.monotonic() > deadline:
            raise AssertionError(
                f"no script run finished within {TIMEOUT} ms "
                f"(finished {runs.finished}, waiting for more than {after}, "
                f"running: {runs.running})"
            )
        page.wait_for_timeout(50)  # lets Playwright deliver the websocket frames
    page.wait_for_function(
        """(quiet) => {
            const app = document.querySelector('[data-testid="stApp"]');
            return app !== null
                && app.dataset.testConnectionState === "CONNECTED"
                && app.dataset.testScriptState === "notRunning"
                && performance.now() - window.__plannerLastChange >= quiet;
        }""",
        arg=quiet_ms,
        timeout=TIMEOUT,
    )


def act(page: Page, action: Callable[[], object], attempts: int = 3) -> None:
    """Do ``action`` and wait for the script run it causes.

    When ``action`` is a locator's click (``act(page, button.click)``) and the click
    sent nothing to the server, it is clicked again, up to ``attempts`` times. Any
    other action is done once.
    """
    runs = script_runs(page)
    finished = runs.finished
    retry = getattr(action, "__name__", "") == "click" and isinstance(
        getattr(action, "__self__", None), Locator
    )
    for _ in range(attempts if retry else 1):
        requested = runs.requested
        action()
        deadline = time.monotonic() + 2
        while runs.requested == requested and time.monotonic() < deadline:
            page.wait_for_timeout(50)  # lets Playwright deliver the websocket frames
        if runs.requested > requested:
            break
    settle(page, after=finished)


def click(page: Page, target: Locator) -> None:
    """Click ``target`` (a button or a page link) and wait for the script run it causes."""
    act(page, target.click)


def assert_no_exception(page: Page) -> None:
    errors = page.locator('[data-testid="stException"]')
    count = errors.count()
    assert count == 0, "the page shows an exception:\n" + "\n---\n".join(errors.all_inner_texts())


# -- moving around -------------------------------------------------------------


def main_area(page: Page):
    return page.locator('[data-testid="stMain"]')


def expect_page(page: Page, step: journey.Step) -> None:
    """The page for ``step`` is shown: its browser title and its own st.title."""
    expect(page).to_have_title(re.compile(rf"^{re.escape(step.label)} - "), timeout=TIMEOUT)
    expect(main_area(page).locator("h1").first).to_be_visible(timeout=TIMEOUT)


def open_home(page: Page) -> None:
    script_runs(page)  # watch from the first message on
    page.goto("/")
    settle(page)
    expect_page(page, journey.HOME)


def nav_labels(page: Page) -> list[str]:
    """The sidebar links' labels; each link's text is its Material icon's name, then its label."""
    expect(page.locator(NAV_LINKS).first).to_be_visible(timeout=TIMEOUT)
    return [text.split("\n")[-1].strip() for text in page.locator(NAV_LINKS).all_inner_texts()]


def go_to(page: Page, label: str) -> None:
    """Follow a sidebar link by its label, e.g. "1 Goals"."""
    step = dict(NAVIGATION)[label]
    index = nav_labels(page).index(label)
    click(page, page.locator(NAV_LINKS).nth(index))
    expect_page(page, step)
    assert_no_exception(page)


def goal_cards(page: Page):
    return main_area(page).locator(GOAL_CARD)


def goal_card(page: Page, title: str):
    """The card whose heading reads exactly ``title``."""
    return goal_cards(page).filter(
        has=page.locator("h4", has_text=re.compile(rf"^{re.escape(title)}$"))
    )


def new_goal_form(page: Page):
    return (
        main_area(page)
        .locator('[data-testid="stExpander"]', has_text="Add a goal")
        .locator('[data-testid="stForm"]')
    )


def submit_new_goal(page: Page, title: str) -> None:
    """Fill in the title of the add-a-goal form, keep every other default, and save."""
    form = new_goal_form(page)
    if not form.is_visible():  # the expander starts closed once there are goals
        main_area(page).locator("summary", has_text="Add a goal").click()
    expect(form).to_be_visible(timeout=TIMEOUT)
    form.get_by_label("Title").fill(title)
    click(page, form.get_by_role("button", name="Save goal"))
    assert_no_exception(page)


# -- the tests -----------------------------------------------------------------


def test_every_page_in_the_navigation_opens_without_an_error(page: Page, screenshot):
    open_home(page)
    assert nav_labels(page) == [label for label, _ in NAVIGATION]

    for number, (label, step) in enumerate(NAVIGATION, start=1):
        go_to(page, label)
        screenshot(page, f"{number:02d}-{step.key}-empty")


def test_a_goal_made_in_the_form_is_shown_exactly_as_typed(page: Page, screenshot):
    title = 'Try <b>product</b> & "design" *now*'
    open_home(page)
    go_to(page, "1 Goals")
    submit_new_goal(page, title)

    expect(goal_card(page, title)).to_have_count(1, timeout=TIMEOUT)
    expect(main_area(page).get_by_text(f"Saved the goal '{title}'.")).to_be_visible()
    # Neither HTML nor Markdown in a title may act: no bold "product", no italic "now".
    expect(main_area(page).locator("b, strong", has_text="product")).to_have_count(0)
    expect(main_area(page).locator("em", has_text="now")).to_have_count(0)
    screenshot(page, "10-goals-new-goal")


def test_a_goal_without_a_title_is_refused_next_to_the_field(page: Page, screenshot):
    message = validate_goal(GoalDraft(title=""), today=date.today())["title"]
    open_home(page)
    go_to(page, "1 Goals")
    before = goal_cards(page).count()

    submit_new_goal(page, "   ")

    form = new_goal_form(page)
    expect(form.locator('[data-testid="stAlert"]', has_text=message)).to_be_visible(timeout=TIMEOUT)
    expect(form.get_by_text("Nothing was saved: 1 field needs attention")).to_be_visible()
    expect(goal_cards(page)).to_have_count(before)
    screenshot(page, "11-goals-bad-input")


def test_the_demo_opens_apart_from_my_planner_and_can_be_left(page: Page, screenshot):
    mine = "My own goal, kept apart from the demo"
    sample = demo.demo_document()["tables"]
    columns = sample["goals"]["columns"]
    demo_titles = [
        row[columns.index("title")]
        for row in sample["goals"]["rows"]
        if row[columns.index("status")] in ("active", "paused")
    ]
    demo_counts = {table: len(data["rows"]) for table, data in sample.items() if data["rows"]}

    open_home(page)
    go_to(page, "1 Goals")
    submit_new_goal(page, mine)
    expect(goal_card(page, mine)).to_have_count(1, timeout=TIMEOUT)

    go_to(page, "Home")
    click(page, main_area(page).get_by_role("button", name="Explore a demo planner"))
    assert_no_exception(page)
    expect(page.locator(SIDEBAR).get_by_text(DEMO_CAPTION)).to_be_visible(timeout=TIMEOUT)
    expect(main_area(page).get_by_text("Welcome to the demo planner.")).to_be_visible()
    expect(main_area(page).get_by_role("button", name="Back to my planner")).to_be_visible()
    screenshot(page, "20-home-demo")

    go_to(page, "1 Goals")
    assert len(demo_titles) >= 3, "the demo planner should show several open goals"
    for title in demo_titles:
        expect(goal_card(page, title)).to_have_count(1, timeout=TIMEOUT)
    expect(goal_cards(page)).to_have_count(len(demo_titles))
    expect(goal_card(page, mine)).to_have_count(0)
    screenshot(page, "21-goals-demo")

    go_to(page, "Backup")
    expect(
        main_area(page).get_by_text(f"Holds {backup.describe_counts(demo_counts)}.")
    ).to_be_visible(timeout=TIMEOUT)
    screenshot(page, "22-backup-demo")

    go_to(page, "Home")
    click(page, main_area(page).get_by_role("button", name="Back to my planner"))
    assert_no_exception(page)
    expect(page.locator(SIDEBAR).get_by_text(DEMO_CAPTION)).to_have_count(0)
    expect(main_area(page).get_by_role("button", name="Explore a demo planner")).to_be_visible()

    go_to(page, "1 Goals")
    expect(goal_card(page, mine)).to_have_count(1, timeout=TIMEOUT)
    for title in demo_titles:
        expect(goal_card(page, title)).to_have_count(0)
