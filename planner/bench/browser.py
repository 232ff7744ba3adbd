"""The benchmark's browser pass: the real server on a planner, driven by headless Chromium.

Times the server's start until the first page is drawn, then each page from a click on
its sidebar link until it has settled (the script finished, the page's title shown, no
element left stale), and reads the server's peak memory (VmHWM) at the end. A bare
two-page Streamlit app is timed the same way in the same run: the yardstick the pages'
times are compared with.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from planner import journey
from planner.local_http import free_port
from planner.paths import REPO_ROOT

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TITLES = {"home": "Informational interview planner"}  # other pages are titled by their label
SETTLED = """([title]) => {
    const app = document.querySelector('[data-testid="stApp"]');
    const heading = document.querySelector('[data-testid="stMain"] h1');
    return app !== null
        && app.dataset.testConnectionState === "CONNECTED"
        && app.dataset.testScriptState === "notRunning"
        && heading !== null && heading.textContent.trim() === title
        && document.querySelector('[data-stale="true"]') === null;
}"""
# Two pages with a title and a sentence each, linked from the sidebar as the app's pages
# are (st.page_link: the project's config hides Streamlit's own page list).
BARE_APP = """import streamlit as st


def first():
    st.title("Bare one")
    st.write("A bare page")


def second():
    st.title("Bare two")
    st.write("A bare page")


pages = [st.Page(first, title="Bare one"), st.Page(second, title="Bare two")]
current = st.navigation(pages, position="hidden")
with st.sidebar:
    for page in pages:
        st.page_link(page)
current.run()
"""
BARE_TITLES = ("Bare one", "Bare two")
BARE_ROUNDS = 5  # clicks on each bare page after the first visit


@dataclass(frozen=True)
class BrowserTimes:
    start_s: float
    settled_s: dict[str, float]  # page label -> seconds, last visit
    peak_memory_mb: float
    bare_settled_s: float  # the bare page, the median of its warm visits
    bare_start_s: float  # the bare app's server start until its first page is drawn


def _peak_memory_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


@contextmanager
def _server(script: Path, env: dict[str, str]) -> Iterator[tuple[str, subprocess.Popen]]:
    """``streamlit run script`` on a free port, up once its health check answers."""
    port = free_port()
    url = f"http://localhost:{port}"
    command = [sys.executable, "-m", "streamlit", "run", str(script)]
    command += ["--server.headless", "true", "--browser.gatherUsageStats", "false"]
    command += ["--server.port", str(port), "--server.fileWatcherType", "none"]
    started = time.perf_counter()
    server = subprocess.Popen(
        command,
        cwd=REPO_ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while True:
            try:
                urllib.request.urlopen(f"{url}/_stcore/health", timeout=1)
                break
            except OSError:
                if server.poll() is not None or time.perf_counter() - started > 60:
                    raise RuntimeError("the server did not start") from None
                time.sleep(0.05)
        yield url, server
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


def _settle_after_click(page, label: str, title: str) -> float:
    """Seconds from a click on the sidebar link ``label`` until ``title``'s page settled."""
    link = page.locator('[data-testid="stSidebarNav"], [data-testid="stSidebar"]')
    target = link.get_by_role("link", name=label, exact=False).first
    clicked = time.perf_counter()
    target.click()
    page.wait_for_function(SETTLED, arg=[title], timeout=60_000)
    return time.perf_counter() - clicked


def _bare_times(browser, folder: Path) -> tuple[float, float]:
    """The bare app's start to its first page, and its pages' median settle (warm)."""
    script = folder / "bare_app.py"
    script.write_text(BARE_APP, encoding="utf-8")
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    started = time.perf_counter()
    with _server(script, dict(os.environ)) as (url, _):
        page.goto(url)
        page.wait_for_function(SETTLED, arg=[BARE_TITLES[0]], timeout=60_000)
        start_s = time.perf_counter() - started
        _settle_after_click(page, BARE_TITLES[1], BARE_TITLES[1])  # the first visit: cold
        samples = [
            _settle_after_click(page, title, title)
            for _ in range(BARE_ROUNDS)
            for title in BARE_TITLES
        ]
    page.close()
    return start_s, statistics.median(samples)


def measure(planner: Path, pages: list[journey.Step], *, visits: int = 2) -> BrowserTimes:
    from playwright.sync_api import sync_playwright

    env = {**os.environ, "PLANNER_DB": str(planner)}
    chromium = os.environ.get("PLANNER_CHROMIUM", "/usr/bin/chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            bare_start_s, bare_s = _bare_times(browser, planner.parent)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            started = time.perf_counter()
            with _server(REPO_ROOT / "app.py", env) as (url, server):
                page.goto(url)
                page.wait_for_function(SETTLED, arg=[TITLES["home"]], timeout=60_000)
                start_s = time.perf_counter() - started
                settled: dict[str, float] = {}
                for _ in range(visits):
                    for step in pages:
                        title = TITLES.get(step.key, step.label)
                        settled[step.label] = _settle_after_click(page, step.label, title)
                memory = _peak_memory_mb(server.pid)
                return BrowserTimes(start_s, settled, memory, bare_s, bare_start_s)
        finally:
            browser.close()
