"""Draw the README's screenshots from the demo planner, in headless Chromium.

    .venv/bin/python scripts/readme_images.py [--output docs/images]

Writes the demo planner (dated around today) into a throwaway planner file, starts the
app on it with scripts/start, and saves what a newcomer would see: Home with the next
best actions, a question plan with its hints, and the Progress charts. The browser
tests run this script, so it keeps working as the pages change; run it again after
changing what those pages draw, and commit the images.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from planner.bench.browser import CHROMIUM_ARGS, SETTLED  # noqa: E402
from planner.local_http import answers, free_port  # noqa: E402

try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # the test tools are not installed
    raise SystemExit("Playwright is needed: scripts/setup test installs it.") from None

START = [REPO / "scripts" / "start", "--server.headless", "true"]
IMAGES = ("home.png", "question-plan.png", "progress.png")
VIEWPORT = {"width": 1280, "height": 800}
SCALE = 1.5  # sharp on a high-density screen, without the file size of 2
START_TIMEOUT_S = 180  # scripts/start may install first
TIMEOUT_MS = 60_000
# The demo meeting whose plan is shown, and a question of the kind the hints catch.
MEETING_WITH = "Sofia"
FLAWED_QUESTION = "Do you enjoy the work, and what would you change about it?"


@contextmanager
def demo_app(folder: Path) -> Iterator[str]:
    """The app started by scripts/start on a planner file holding the demo planner."""
    planner = folder / "planner.duckdb"
    subprocess.run(
        [sys.executable, "-m", "planner", "demo", "--db", str(planner)],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    port = free_port()
    url = f"http://localhost:{port}"
    log = (folder / "server.log").open("wb")
    server = subprocess.Popen(
        [*START, "--server.port", str(port), "--server.fileWatcherType", "none"],
        cwd=REPO,
        env={**os.environ, "PLANNER_DB": str(planner)},
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not answers(url):
            if server.poll() is not None or time.monotonic() > deadline:
                log.close()
                output = (folder / "server.log").read_text(errors="replace")
                raise RuntimeError(f"the app did not start:\n{output}")
            time.sleep(0.5)
        yield url
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()


def _settled(page, title: str) -> None:
    """The page titled ``title`` is drawn, its script finished and nothing left stale."""
    page.wait_for_function(SETTLED, arg=[title], timeout=TIMEOUT_MS)
    page.wait_for_timeout(500)  # charts and fonts finish drawing after the script
    errors = page.locator('[data-testid="stException"]')
    if errors.count():
        raise RuntimeError("the page shows an error:\n" + "\n".join(errors.all_inner_texts()))


def _open(page, url: str, path: str, title: str) -> None:
    page.goto(f"{url}/{path}")
    _settled(page, title)


def _shoot(page, top, path: Path) -> None:
    """A screenshot of the window with ``top`` (a locator) a little below its top edge,
    and the mouse out of the way (a hovered button is drawn in another colour)."""
    top.evaluate(
        """(element) => {
            element.scrollIntoView({block: "start"});
            let box = element.parentElement;
            while (box && box.scrollHeight <= box.clientHeight) box = box.parentElement;
            if (box) box.scrollBy(0, -24);
        }"""
    )
    page.mouse.move(VIEWPORT["width"] - 8, VIEWPORT["height"] // 2)  # the right margin
    page.wait_for_timeout(300)
    page.screenshot(path=path)


def home(page, url: str, output: Path) -> None:
    _open(page, url, "", "Informational interview planner")
    main = page.locator('[data-testid="stMain"]')
    main.get_by_text("Next best actions").wait_for()
    _shoot(page, main.locator("h1").first, output / "home.png")


def question_plan(page, url: str, output: Path) -> None:
    """A demo meeting's plan with a question added that two hints catch."""
    _open(page, url, "Questions", "Questions")
    main = page.locator('[data-testid="stMain"]')
    picker = main.get_by_label("Meeting", exact=True)
    if MEETING_WITH not in (picker.get_attribute("value") or ""):
        picker.click()
        page.get_by_role("option").filter(has_text=MEETING_WITH).first.click()
        expect(picker).to_have_value(re.compile(MEETING_WITH), timeout=TIMEOUT_MS)
        _settled(page, "Questions")
    form = main.locator('[data-testid="stForm"]', has_text="Add to the plan")
    form.get_by_label("Your question").fill(FLAWED_QUESTION)
    form.get_by_role("button", name="Add to the plan").click()
    main.get_by_text("Two questions in one").wait_for(timeout=TIMEOUT_MS)
    _settled(page, "Questions")
    heading = main.get_by_role("heading", name="The questions, in order")
    _shoot(page, heading, output / "question-plan.png")


def progress(page, url: str, output: Path) -> None:
    _open(page, url, "Progress", "Progress")
    charts = page.locator('[data-testid="stVegaLiteChart"]')
    charts.first.wait_for(timeout=TIMEOUT_MS)
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')]
            .slice(0, 2).every((chart) => chart.querySelector('canvas, svg'))""",
        timeout=TIMEOUT_MS,
    )
    page.wait_for_timeout(800)  # the charts' entry transitions
    main = page.locator('[data-testid="stMain"]')
    _shoot(page, main.locator("h1").first, output / "progress.png")


def draw(output: Path) -> list[Path]:
    output.mkdir(parents=True, exist_ok=True)
    chromium = os.environ.get("PLANNER_CHROMIUM", "/usr/bin/chromium")
    with (
        tempfile.TemporaryDirectory(prefix="planner-readme-") as folder,
        demo_app(Path(folder)) as url,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport=VIEWPORT, device_scale_factor=SCALE)
            page = context.new_page()
            for shot in (home, question_plan, progress):
                shot(page, url, output)
        finally:
            browser.close()
    return [output / name for name in IMAGES]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=REPO / "docs" / "images")
    for path in draw(parser.parse_args().output):
        print(path)


if __name__ == "__main__":
    main()
