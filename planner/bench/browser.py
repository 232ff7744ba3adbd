"""The benchmark's browser pass: the real server on a planner, driven by headless Chromium.

Times the server's start until the first page is drawn, then each page from a click on
its sidebar link until it has settled (the script finished, the page's title shown, no
element left stale), and reads the server's peak memory (VmHWM) at the end.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from planner import journey
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


@dataclass(frozen=True)
class BrowserTimes:
    start_s: float
    settled_s: dict[str, float]  # page label -> seconds, last visit
    peak_memory_mb: float


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _peak_memory_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def measure(planner: Path, pages: list[journey.Step], *, visits: int = 2) -> BrowserTimes:
    from playwright.sync_api import sync_playwright

    port = _free_port()
    url = f"http://localhost:{port}"
    env = {**os.environ, "PLANNER_DB": str(planner)}
    command = [sys.executable, "-m", "streamlit", "run", str(REPO_ROOT / "app.py")]
    command += ["--server.headless", "true", "--browser.gatherUsageStats", "false"]
    command += ["--server.port", str(port), "--server.fileWatcherType", "none"]
    chromium = os.environ.get("PLANNER_CHROMIUM", "/usr/bin/chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
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
            page.goto(url)
            page.wait_for_function(SETTLED, arg=[TITLES["home"]], timeout=60_000)
            start_s = time.perf_counter() - started

            settled: dict[str, float] = {}
            for _ in range(visits):
                for step in pages:
                    title = TITLES.get(step.key, step.label)
                    link = page.locator('[data-testid="stSidebarNav"], [data-testid="stSidebar"]')
                    target = link.get_by_role("link", name=step.label, exact=False).first
                    clicked = time.perf_counter()
                    target.click()
                    page.wait_for_function(SETTLED, arg=[title], timeout=60_000)
                    settled[step.label] = time.perf_counter() - clicked
            return BrowserTimes(start_s, settled, _peak_memory_mb(server.pid))
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
            browser.close()
