"""The load benchmark of a shared deployment (not a test): N people signing in at once
through nginx to two app servers on one PostgreSQL database, each clicking through the
journey in a browser context of their own and saving a few things. Reports, for each
N, the time for a page to settle and for a save (median and 95th percentile), the
errors (which must be none), and the app servers' memory per session; then, once every
browser has gone, that the servers let their sessions go (server.disconnectedSessionTTL).

    .venv/bin/python -m planner.bench.load [--people 10 25 50] [--output docs/benchmarks.md]

Everything runs on 127.0.0.1, started by ``planner.local_deployment``; each round is
bounded in people and in time.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import platform
import random
import re
import statistics
import time
import urllib.request
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from playwright.async_api import TimeoutError as PlaywrightTimeout

from planner import journey
from planner.bench.browser import CHROMIUM_ARGS, SETTLED, TITLES
from planner.local_deployment import SESSION_TTL_S, LocalDeployment

PEOPLE_DEFAULT = (10, 25, 50)
ARRIVAL_GAP_S = 1.5  # people arrive one after another, not in the same millisecond
# A person reads a page before the next click: a pause drawn between these (seconds).
THINK_S = (2.0, 5.0)
ROUND_LIMIT_S = 1500  # a round that takes longer is stopped and counted as failed
# The longest a person waits for one step before it counts as an error. Generous: the
# browsers share the two cores with the servers, and a browser starting the app costs
# far more CPU than the server answering it.
WAIT_MS = 300_000
SECTION_START = "<!-- load benchmark: start -->"
SECTION_END = "<!-- load benchmark: end -->"
# The pages each person visits, in journey order, and what they save where.
VISITS = [journey.STEPS[0], *journey.STEPS[1:], *journey.TOOLS[:1], journey.HOME]


@dataclass
class Round:
    people: int
    page_s: list[float] = field(default_factory=list)
    save_s: list[float] = field(default_factory=list)
    sign_in_s: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    memory_before_mb: float = 0.0
    memory_peak_mb: float = 0.0
    memory_after_mb: float = 0.0
    sessions_peak: int = 0
    sessions_after: int = 0
    wall_s: float = 0.0
    server_cpu_s: float = 0.0  # the app servers' CPU time (user + system) in the round
    machine_cpu_s: float = 0.0  # the whole machine's busy CPU time in the round


def _rss_mb(pid: int) -> float:
    """Resident memory of the app server ``pid`` (the Python process start-replica became)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _cpu_s(pid: int) -> float:
    """CPU seconds (user + system) the process ``pid`` has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _machine_busy_s() -> float:
    """CPU seconds the whole machine has been busy (all cores, from /proc/stat)."""
    user, nice, system, _idle, _iowait, irq, softirq = (
        int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:8]
    )
    return (user + nice + system + irq + softirq) / os.sysconf("SC_CLK_TCK")


def _active_sessions(health_url: str) -> int:
    url = health_url.replace("/_stcore/health", "/_stcore/metrics?families=active_sessions")
    with urllib.request.urlopen(url, timeout=10) as response:
        found = re.search(rb"^active_sessions (\d+)", response.read(), re.MULTILINE)
    return int(found.group(1)) if found else 0


def _servers(deployment: LocalDeployment) -> tuple[float, int]:
    """All app servers' memory (MB) and connected sessions, summed."""
    memory = sum(_rss_mb(r.pid) for r in deployment.replicas if r.pid)
    sessions = sum(_active_sessions(r.health) for r in deployment.replicas)
    return memory, sessions


async def _settled(page, title: str) -> None:
    await page.wait_for_function(SETTLED, arg=[title], timeout=WAIT_MS)


async def _sign_in(page, subject: str) -> None:
    await page.goto("/", wait_until="domcontentloaded", timeout=WAIT_MS)
    await page.get_by_role("button", name="Sign in").click(timeout=WAIT_MS)
    await page.wait_for_url(re.compile(r"/oauth2/authorize"), timeout=WAIT_MS)
    await page.locator('input[name="sub"]').fill(subject)
    await page.get_by_role("button", name="Authorize").click(no_wait_after=True)
    await page.wait_for_url(re.compile(r"^http://127\.0\.0\.1:\d+/$"), timeout=WAIT_MS)
    await _settled(page, TITLES["home"])


async def _visit(page, step: journey.Step) -> float:
    sidebar = page.locator('[data-testid="stSidebar"]')
    started = time.perf_counter()
    await sidebar.get_by_role("link", name=step.label).first.click(timeout=WAIT_MS)
    await _settled(page, TITLES.get(step.key, step.label))
    return time.perf_counter() - started


async def _save(page, title: str, expander: str, field_label: str, text: str, button: str):
    """Open the add form under ``expander``, type ``text`` and save; seconds from the
    click on ``button`` until the page settled showing ``text``."""
    main = page.locator('[data-testid="stMain"]')
    section = main.locator('[data-testid="stExpander"]', has_text=expander)
    form = section.locator('[data-testid="stForm"]').first
    for _ in range(5):  # a click on a section the page is redrawing can be lost: again
        if await form.is_visible():
            break
        await section.locator("summary").first.click()
        with contextlib.suppress(PlaywrightTimeout):
            await form.wait_for(state="visible", timeout=15_000)
    await form.get_by_label(field_label, exact=True).fill(text)
    started = time.perf_counter()
    await form.get_by_role("button", name=button).click()
    await main.get_by_text(text, exact=True).first.wait_for(timeout=WAIT_MS)
    await _settled(page, title)
    return time.perf_counter() - started


async def _think(chance: random.Random) -> None:
    await asyncio.sleep(chance.uniform(*THINK_S))


async def _person(browser, deployment: LocalDeployment, number: int, result: Round) -> None:
    chance = random.Random(number)  # the same pauses in every run
    await asyncio.sleep(number * ARRIVAL_GAP_S)
    context = await browser.new_context(
        viewport={"width": 1400, "height": 1000},
        base_url=deployment.url,
    )
    await context.route(re.compile(r"^https?://(?!127\.0\.0\.1)"), lambda route: route.abort())
    context.set_default_timeout(WAIT_MS)
    page = await context.new_page()
    subject = f"load-{result.people}-{number}-{os.getpid()}-{time.monotonic_ns() % 10**6}"
    try:
        started = time.perf_counter()
        await _sign_in(page, subject)
        result.sign_in_s.append(time.perf_counter() - started)
        for step in VISITS:
            await _think(chance)
            result.page_s.append(await _visit(page, step))
            if step.key == "goals":
                for goal in (f"Learn how {subject} could move into UX research",
                             f"Ask {subject}'s alumni about data teams"):  # fmt: skip
                    await _think(chance)
                    result.save_s.append(
                        await _save(page, step.label, "Add a goal", "Title", goal, "Save goal")
                    )
            elif step.key == "contacts":
                contact = f"Contact of {subject}"
                await _think(chance)
                saved = await _save(
                    page, step.label, "Add a contact", "Name", contact, "Save contact"
                )
                result.save_s.append(saved)
        if await page.locator('[data-testid="stException"]').count():
            result.errors.append(f"{subject}: the page shows an exception")
    except Exception as error:  # counted, not raised: the round goes on for the others
        said = f"{subject}: {type(error).__name__}: {str(error).splitlines()[0][:200]}"
        result.errors.append(said)
        print(f"  error: {said}", flush=True)
    finally:
        await context.close()


async def _round(
    deployment: LocalDeployment, people: int, *, settle_s: float = SESSION_TTL_S + 15
) -> Round:
    from playwright.async_api import async_playwright

    result = Round(people)
    result.memory_before_mb, _ = _servers(deployment)
    cpu_before = sum(_cpu_s(r.pid) for r in deployment.replicas if r.pid)
    machine_before = _machine_busy_s()
    chromium = os.environ.get("PLANNER_CHROMIUM", "/usr/bin/chromium")
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        started = time.perf_counter()
        work = asyncio.gather(*(_person(browser, deployment, n, result) for n in range(people)))
        task = asyncio.ensure_future(work)
        while not task.done():
            memory, sessions = _servers(deployment)
            result.memory_peak_mb = max(result.memory_peak_mb, memory)
            result.sessions_peak = max(result.sessions_peak, sessions)
            if time.perf_counter() - started > ROUND_LIMIT_S:
                task.cancel()
                result.errors.append(f"the round ran past {ROUND_LIMIT_S} s and was stopped")
                break
            await asyncio.sleep(0.5)
        with contextlib.suppress(asyncio.CancelledError):
            await task
        result.wall_s = time.perf_counter() - started
        result.server_cpu_s = sum(_cpu_s(r.pid) for r in deployment.replicas if r.pid) - cpu_before
        result.machine_cpu_s = _machine_busy_s() - machine_before
        await browser.close()
    await asyncio.sleep(settle_s)  # the servers' sweep of sessions gone
    result.memory_after_mb, result.sessions_after = _servers(deployment)
    return result


def _p(values: list[float], quantile: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(quantile * 100) - 1]


def markdown(rounds: list[Round], *, replicas: int) -> str:
    lines = [
        SECTION_START,
        "## Issue 21: many people at once on a shared deployment",
        "",
        f"Run on {date.today().isoformat()}, {platform.machine()}, {os.cpu_count()} cores, "
        f"by `python -m planner.bench.load`: nginx (`deploy/nginx/planner.conf`) in front of "
        f"{replicas} app servers (`deploy/start-replica`) on one local PostgreSQL, people "
        "signing in at a local OpenID provider. Each person is a browser context of its own "
        "in one headless Chromium on the same machine (which takes most of its CPU); people "
        f"arrive {ARRIVAL_GAP_S:g} s apart, sign in, visit "
        f"{len(VISITS)} pages in journey order and save two goals and a contact, reading "
        f"each page for {THINK_S[0]:.0f} to {THINK_S[1]:.0f} s before the next click. A page "
        "counts from the click on its sidebar link until it has settled; a save from the "
        "click on its button until the page shows what was saved and has settled.",
        "",
        "| People | Page p50 | Page p95 | Save p50 | Save p95 | Sign-in p50 | Errors "
        "| Sessions at peak | Memory per session | Server CPU per run | App servers' share "
        "of the CPU | Round |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rounds:
        per_session = (r.memory_peak_mb - r.memory_before_mb) / max(r.sessions_peak, 1)
        runs = len(r.page_s) + len(r.save_s) + 2 * len(r.sign_in_s)
        per_run = r.server_cpu_s / max(runs, 1) * 1000
        lines.append(
            f"| {r.people} | {_p(r.page_s, 0.5):.2f} s | {_p(r.page_s, 0.95):.2f} s "
            f"| {_p(r.save_s, 0.5):.2f} s | {_p(r.save_s, 0.95):.2f} s "
            f"| {_p(r.sign_in_s, 0.5):.2f} s | {len(r.errors)} | {r.sessions_peak} "
            f"| {per_session:.1f} MB | {per_run:.0f} ms "
            f"| {100 * r.server_cpu_s / max(r.machine_cpu_s, 1e-9):.0f} % | {r.wall_s:.0f} s |"
        )
    lines += [
        "",
        "Sessions at peak is the most sessions connected to the app servers at once. Memory "
        "per session is the growth of the app servers' resident memory from before the "
        "round to its peak, divided by the sessions at the peak. Server CPU per run is the "
        "CPU time both app servers used in the round divided by the script runs asked of "
        "them (page visits, saves, two per sign-in): what a page costs the server, apart "
        "from the browsers' share of the same two cores. The app servers' share is their "
        "CPU time against the whole machine's busy time in the round; most of the rest is "
        "Chromium starting the app in every new browser (PostgreSQL, nginx and the sign-in "
        "provider take little), so the times above are what the people of a round waited "
        "on this one machine, not what a server of its own would make them wait. Once "
        "every browser had gone "
        f"and the servers' session time-to-live ({SESSION_TTL_S} s here, "
        "`server.disconnectedSessionTTL`) had passed:",
        "",
    ]
    for r in rounds:
        lines.append(
            f"- after {r.people} people: {r.sessions_after} sessions still connected; "
            f"memory {r.memory_before_mb:.0f} MB before, {r.memory_peak_mb:.0f} MB at the "
            f"peak, {r.memory_after_mb:.0f} MB after."
        )
    errors = [e for r in rounds for e in r.errors]
    if errors:
        lines += ["", "Errors:", "", *(f"- {e}" for e in errors[:20])]
    lines += ["", SECTION_END]
    return "\n".join(lines) + "\n"


def write_section(path: Path, section: str) -> None:
    """Put ``section`` in ``path`` in place of the last one, or after the targets."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if SECTION_START in text and SECTION_END in text:
        before, rest = text.split(SECTION_START, 1)
        after = rest.split(SECTION_END, 1)[1].lstrip("\n")
        text = before + section + "\n" + after
    elif "\n## Issue 20" in text:
        text = text.replace("\n## Issue 20", "\n" + section + "\n## Issue 20", 1)
    else:
        text += "\n" + section
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m planner.bench.load")
    parser.add_argument("--people", type=int, nargs="+", default=list(PEOPLE_DEFAULT))
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--output", type=Path, help="write the results into this Markdown file")
    args = parser.parse_args(argv)
    if any(n < 1 or n > 100 for n in args.people):
        parser.error("--people takes numbers from 1 to 100 (the load stays bounded)")
    rounds = []
    deployment = LocalDeployment(replica_count=args.replicas).start()
    try:
        # Not counted: each app server's first sessions import every page's modules.
        print("warming up ...", flush=True)
        asyncio.run(_round(deployment, 2 * args.replicas, settle_s=0))
        for people in args.people:
            print(f"{people} people ...", flush=True)
            done = asyncio.run(_round(deployment, people))
            print(f"  {len(done.page_s)} pages, {len(done.save_s)} saves, "
                  f"{len(done.errors)} errors, {done.wall_s:.0f} s", flush=True)  # fmt: skip
            rounds.append(done)
    finally:
        deployment.stop()
    section = markdown(rounds, replicas=args.replicas)
    print(section)
    if args.output:
        write_section(args.output, section)
    return 0 if not any(r.errors for r in rounds) else 1


if __name__ == "__main__":
    raise SystemExit(main())
