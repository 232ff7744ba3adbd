"""The app in a real browser: started with the README's command, driven by Playwright.

One app server for the whole test session, on a temporary planner file; a new
browser context per test is a new Streamlit session (demo mode is per session).
Chromium is Debian's (/usr/bin/chromium, or PLANNER_CHROMIUM): Playwright's own
browser download is not used.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

from planner.bench.browser import CHROMIUM_ARGS  # one list for the tests and the benchmark
from planner.local_http import answers, free_port

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
VIEWPORT = {"width": 1400, "height": 1000}
# scripts/start runs scripts/setup first, which reinstalls when pyproject.toml changed.
START_TIMEOUT = 90


@contextlib.contextmanager
def serve(planner: Path, workdir: Path, database_url: str = "") -> Iterator[str]:
    """The planner on ``planner`` started by ``scripts/start``; yields its URL. With a
    ``database_url`` it keeps the planner on that PostgreSQL database instead."""
    port = free_port()
    url = f"http://localhost:{port}"
    log_path = workdir / "streamlit.log"
    env = {**os.environ, "PLANNER_DB": str(planner)}
    if database_url:
        env["PLANNER_DATABASE_URL"] = database_url
    command = [REPO / "scripts" / "start", "--server.headless", "true"]
    command += ["--server.port", str(port)]
    # Someone editing the repository during a run must not make the server re-import
    # modules mid-test (classes would change identity under cached objects).
    command += ["--server.fileWatcherType", "none"]
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command,
            cwd=REPO,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not answers(url):
            if process.poll() is not None:
                pytest.fail(
                    f"scripts/start exited with {process.returncode}:\n"
                    + log_path.read_text(errors="replace")
                )
            if time.monotonic() > deadline:
                pytest.fail(
                    f"the app was not healthy at {url} after {START_TIMEOUT} s:\n"
                    + log_path.read_text(errors="replace")
                )
            time.sleep(0.5)
        yield url
    finally:
        _stop(process)


@pytest.fixture(scope="session")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The planner started by ``scripts/start`` on an empty temporary planner file.

    The demo planner is written next to PLANNER_DB, so it lands in the same
    temporary folder.
    """
    workdir = tmp_path_factory.mktemp("app")
    with serve(workdir / "planner.duckdb", workdir) as url:
        yield url


def _stop(process: subprocess.Popen) -> None:
    """Stop the server and anything it started (its own process group)."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    except ProcessLookupError:
        pass


@pytest.fixture(scope="session")
def browser():
    executable = os.environ.get("PLANNER_CHROMIUM", "/usr/bin/chromium")
    if not Path(executable).is_file():
        pytest.fail(f"Chromium not found at {executable}: install it or set PLANNER_CHROMIUM.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """Keep each phase's report on the test, for the page fixture to see a failure."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def page(browser, app_url, request: pytest.FixtureRequest):
    """A fresh page in a fresh context: a new Streamlit session for each test.

    When the test fails, the page as it was is saved as failed-<test>.png.
    """
    context = browser.new_context(viewport=VIEWPORT, base_url=app_url)
    context.set_default_timeout(20_000)
    page = context.new_page()
    yield page
    keep_if_failed(page, request)
    context.close()


def keep_if_failed(page, request: pytest.FixtureRequest) -> None:
    """Save the page as failed-<test>.png when the test using it failed."""
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed and not page.is_closed():
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"failed-{request.node.name}.png")


@pytest.fixture(scope="session")
def screenshot():
    """``screenshot(page, "01-home-empty")`` saves the whole page under test-artifacts/.

    Streamlit scrolls inside its main area, not the document, so Playwright's
    full_page alone would cut the page at the window's height: the window is
    grown to the main area's height for the shot, then put back. Transitions
    (an expander opening) are let finish first, or the height would be short.
    """
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def content_height(page) -> int:
        return page.evaluate(
            """() => Math.max(...Array.from(
                document.querySelectorAll(
                    '[data-testid="stMain"], [data-testid="stSidebarContent"]'
                ),
                (element) => element.scrollHeight,
            ))"""
        )

    def take(page, name: str) -> Path:
        with contextlib.suppress(PlaywrightTimeout):  # an endless spinner may keep running
            page.wait_for_function(
                """() => document.getAnimations().every((animation) =>
                    animation.playState !== "running"
                    || animation.effect?.getTiming().iterations === Infinity
                )""",
                timeout=3_000,
            )
        height = VIEWPORT["height"]
        for _ in range(5):  # until the window holds everything
            wanted = max(VIEWPORT["height"], content_height(page))
            if wanted == height:
                break
            height = wanted
            page.set_viewport_size({"width": VIEWPORT["width"], "height": height})
            page.wait_for_timeout(200)  # let the layout follow the new height
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=path, full_page=True, animations="disabled")
        page.set_viewport_size(VIEWPORT)
        return path

    return take
