"""The benchmark: ``python -m planner.bench`` (or ``scripts/bench``).

In one process and one run it builds synthetic planners S, M and L, then times under
``streamlit.testing.v1.AppTest`` a bare page (``st.write`` only) and every page of the
app at each size: the median of ``--reruns`` reruns of one AppTest instance after a
warm-up, and counts the elements each page draws (from the AppTest tree). Ratios are the
figures (L/S: how cost grows with data; L/bare: cost against an empty page); milliseconds
depend on the machine. At L it also times the reflection report (HTML, PDF; the PDF's
page count at every size), a backup export + import, the server's start to a first page
in Chromium, each page settling in the browser (warm) against a bare Streamlit page
settling the same way, and the server's peak memory. With ``--postgres`` it also copies
the largest planner into a throwaway local PostgreSQL server and times every page on it,
against the same page on DuckDB.

Results go to stdout and, with ``--output``, to a Markdown file (docs/benchmarks.md).
Not part of the test run: it takes a few minutes.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from planner import journey
from planner.bench import browser, synthetic
from planner.paths import REPO_ROOT

BARE_PAGE = 'import streamlit as st\n\nst.write("A bare page")\n'
PAGES = [journey.HOME, *journey.STEPS, *journey.TOOLS]
TARGETS = {
    "growth": 1.3,  # a page at L within 1.3x the same page at S
    "bare": 10.0,  # a page at L under 10x the bare page
    "elements": 80,  # elements a page's default view draws, at most
    "settled": 3.0,  # every page settled in the browser at L within 3x the bare page
    "html_report_s": 1.0,
    "pdf_report_s": 10.0,
    "backup_s": 10.0,  # export + import at L
    "feed_s": 1.0,  # the calendar feed served at L, the first request after a change
    "start_s": 1.5,  # server start until the first page is drawn
    "memory_mb": 300.0,
    "postgres": 1.5,  # a page at L on a local PostgreSQL within 1.5x the page on DuckDB
}


@dataclass
class Results:
    today: date
    reruns: int
    sizes: list[str]
    build_s: dict[str, float] = field(default_factory=dict)
    bare_ms: float = 0.0
    page_ms: dict[str, dict[str, float]] = field(default_factory=dict)  # page -> size -> ms
    elements: dict[str, dict[str, int]] = field(default_factory=dict)  # page -> size -> count
    pdf_pages: dict[str, int] = field(default_factory=dict)  # size -> the PDF report's pages
    timings_s: dict[str, float] = field(default_factory=dict)
    settled_s: dict[str, float] = field(default_factory=dict)
    bare_settled_s: float | None = None
    bare_start_s: float | None = None
    start_s: float | None = None
    memory_mb: float | None = None
    postgres_ms: dict[str, float] = field(default_factory=dict)  # page -> ms at the largest
    # page -> {"duckdb": ms, "postgres": ms}: reruns right after a save (nothing remembered)
    after_save_ms: dict[str, dict[str, float]] = field(default_factory=dict)
    postgres_timings_s: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def median_ms(
    run: Callable[[], object],
    reruns: int,
    warm_up: int = 3,
    before: Callable[[], object] | None = None,
) -> float:
    for _ in range(warm_up):
        run()
    samples = []
    for _ in range(reruns):
        if before is not None:
            before()
        started = time.perf_counter()
        run()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000


def forget_reads() -> None:
    """Drop what the app's planner remembers, as a save does: the next rerun reads it all
    from the database again."""
    from planner.store import database_target, shared_database

    shared_database(database_target()).reads.changed()


def time_bare_page(folder: Path, reruns: int) -> float:
    from streamlit.testing.v1 import AppTest

    script = folder / "bare_page.py"
    script.write_text(BARE_PAGE, encoding="utf-8")
    at = AppTest.from_file(str(script), default_timeout=120)
    return median_ms(at.run, reruns)


def element_count(at) -> int:
    """The elements and containers a page drew in its main area (the page's own; the
    sidebar's navigation is Streamlit's)."""
    return sum(1 for _ in at.main) - 1  # the main area itself is not counted


def time_page(step: journey.Step, reruns: int, *, cold: bool = False) -> tuple[float, int]:
    """The page's median rerun in ms, and how many elements its default view draws.
    ``cold``: each rerun follows a save, so the page reads the database again."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=120)
    at.run()
    if step.page != "app.py":
        at.switch_page(step.page)
        at.run()
    if at.exception:
        raise RuntimeError(f"{step.label} failed: {at.exception[0].value}")
    return median_ms(at.run, reruns, before=forget_reads if cold else None), element_count(at)


def time_once(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def time_exports(path: Path, folder: Path, results: Results) -> None:
    from planner import backup, report
    from planner.store import Database

    with Database(path) as database:
        store = database.session()
        written = report.build(store, today=results.today)
        # Each format as if asked for alone: no chart remembered from another.
        for kind, name in (
            ("html", "HTML report"),
            ("pdf", "PDF report"),
            ("md", "Markdown report"),
        ):
            report.forget_charts()
            results.timings_s[name] = time_once(lambda kind=kind: report.render(written, kind))
        time_reminders(store, results)
        started = time.perf_counter()
        text = backup.export_text(store)
    with Database(folder / "restored.duckdb") as restored:
        backup.import_text(restored.session(), text)
    results.timings_s["backup export + import"] = time.perf_counter() - started


def count_pdf_pages(path: Path, today: date) -> int:
    """The PDF report's page count for the planner at ``path`` (its default scope)."""
    from planner import report
    from planner.store import Database

    if report.pdf_problem():
        return 0
    with Database(path) as database:
        return report.pdf_page_count(report.build(database.session(), today=today))


def time_reminders(store, results: Results) -> None:
    """The calendar feed (first request after a change, then the next one, remembered),
    the daily digest and the vCard export of every contact."""
    from planner import digest, feed
    from planner.steps import contacts

    base = journey.DEFAULT_BASE
    make_feed = lambda: feed.feed_bytes(store, today=results.today, base=base)  # noqa: E731
    results.timings_s["calendar feed, first request"] = time_once(make_feed)
    results.timings_s["calendar feed, next request"] = time_once(make_feed)
    written = lambda: digest.message(  # noqa: E731
        digest.build(store, today=results.today), to="bench@example.org"
    )
    results.timings_s["daily digest"] = time_once(written)
    results.timings_s["vCard export"] = time_once(lambda: contacts.address_book_file(store))


def time_on_postgres(path: Path, reruns: int, results: Results) -> None:
    """Copy the planner at ``path`` into a throwaway local PostgreSQL server (durable, as
    a deployment runs it) and time every page there, as on DuckDB: remembered reruns,
    and reruns right after a save (every read from the database), on both."""
    from planner import backup, local_postgres
    from planner.store import Database, open_database

    os.environ["PLANNER_DB"] = str(path)
    for step in PAGES:
        ms, _ = time_page(step, reruns, cold=True)
        results.after_save_ms.setdefault(step.label, {})["duckdb"] = ms
    with Database(path) as database:
        text = backup.export_text(database.session())
    with local_postgres.running(durable=True) as server:
        url = server.url()
        with open_database(url) as database:
            store = database.session()
            results.postgres_timings_s["backup import"] = time_once(
                lambda: backup.import_text(store, text)
            )
            results.postgres_timings_s["backup export"] = time_once(
                lambda: backup.export_text(store)
            )
        os.environ["PLANNER_DATABASE_URL"] = url
        try:
            for step in PAGES:
                ms, _ = time_page(step, reruns)
                results.postgres_ms[step.label] = ms
                cold, _ = time_page(step, reruns, cold=True)
                results.after_save_ms[step.label]["postgres"] = cold
                print(f"PostgreSQL {step.label}: {ms:.1f} ms, {cold:.1f} ms after a save",
                      file=sys.stderr)  # fmt: skip
        finally:
            del os.environ["PLANNER_DATABASE_URL"]
            from planner.store import database as store_database

            for key in [k for k in store_database._SHARED if k == url]:
                store_database._SHARED.pop(key).close()


def run(args: argparse.Namespace) -> Results:
    results = Results(today=date.today(), reruns=args.reruns, sizes=args.sizes)
    folder = Path(args.keep or tempfile.mkdtemp(prefix="planner-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name in args.sizes:
        path = folder / f"planner-{name}.duckdb"
        path.unlink(missing_ok=True)
        from planner.store import Database

        started = time.perf_counter()
        with Database(path) as database:
            synthetic.build(database.session(), synthetic.SIZES[name], today=results.today)
        results.build_s[name] = time.perf_counter() - started
        paths[name] = path
        # The server of the browser pass needs a file this process does not hold open.
        shutil.copyfile(path, folder / f"planner-{name}-browser.duckdb")
        print(f"built {name} in {results.build_s[name]:.1f} s: {path}", file=sys.stderr)

    results.bare_ms = time_bare_page(folder, args.reruns)
    print(f"bare page: {results.bare_ms:.1f} ms", file=sys.stderr)
    for name in args.sizes:
        os.environ["PLANNER_DB"] = str(paths[name])
        for step in PAGES:
            ms, elements = time_page(step, args.reruns)
            results.page_ms.setdefault(step.label, {})[name] = ms
            results.elements.setdefault(step.label, {})[name] = elements
            print(f"{name} {step.label}: {ms:.1f} ms, {elements} elements", file=sys.stderr)
        results.pdf_pages[name] = count_pdf_pages(paths[name], results.today)

    largest = args.sizes[-1]
    time_exports(paths[largest], folder, results)
    if args.postgres:
        time_on_postgres(paths[largest], args.reruns, results)
    if args.browser:
        measured = browser.measure(folder / f"planner-{largest}-browser.duckdb", PAGES, visits=2)
        results.start_s = measured.start_s
        results.settled_s = measured.settled_s
        results.memory_mb = measured.peak_memory_mb
        results.bare_settled_s = measured.bare_settled_s
        results.bare_start_s = measured.bare_start_s
    return results


# -- the report ------------------------------------------------------------------------


def _verdict(ok: bool) -> str:
    return "yes" if ok else "**no**"


def markdown(results: Results, command: str) -> str:
    small, large = results.sizes[0], results.sizes[-1]
    growth_target, bare_target = TARGETS["growth"], TARGETS["bare"]
    lines = [
        f"Measured {results.today.isoformat()} with `{command}`",
        f"(median of {results.reruns} AppTest reruns after a warm-up; {platform.python_version()}"
        f" on {os.cpu_count()} cores, {platform.machine()}).",
        "",
        "Planners built: "
        + ", ".join(f"{n} in {s:.1f} s" for n, s in results.build_s.items())
        + f". Bare page rerun: **{results.bare_ms:.1f} ms**.",
        "",
        "| page | " + " | ".join(f"{n} ms" for n in results.sizes)
        + f" | {large}/{small} | {large}/bare | elements {small} | elements {large}"
        + f" | {large} within {growth_target}x {small} | {large} under {bare_target:.0f}x bare"
        + f" | at most {TARGETS['elements']} elements |",
        "| --- | " + " | ".join("---:" for _ in results.sizes)
        + " | ---: | ---: | ---: | ---: | --- | --- | --- |",
    ]  # fmt: skip
    for page, by_size in results.page_ms.items():
        growth = by_size[large] / by_size[small]
        bare = by_size[large] / results.bare_ms
        counts = results.elements.get(page, {})
        most = max(counts.values(), default=0)
        cells = " | ".join(f"{by_size[n]:.1f}" for n in results.sizes)
        verdicts = " | ".join(
            _verdict(ok)
            for ok in (growth <= growth_target, bare < bare_target, most <= TARGETS["elements"])
        )
        lines.append(
            f"| {page} | {cells} | {growth:.2f} | {bare:.1f} | {counts.get(small, 0)} | "
            f"{counts.get(large, 0)} | {verdicts} |"
        )
    lines += [
        "",
        f"At {large}:",
        "",
        "| what | measured | target | met |",
        "| --- | ---: | ---: | --- |",
    ]
    for name, target in (("HTML report", "html_report_s"),
                         ("PDF report", "pdf_report_s"),
                         ("calendar feed, first request", "feed_s"),
                         ("calendar feed, next request", "feed_s"),
                         ("backup export + import", "backup_s")):  # fmt: skip
        if (took := results.timings_s.get(name)) is not None:
            lines.append(
                f"| {name} | {took:.2f} s | < {TARGETS[target]:.0f} s | "
                f"{_verdict(took < TARGETS[target])} |"
            )
    for name in ("Markdown report", "daily digest", "vCard export"):
        if name in results.timings_s:
            lines.append(f"| {name} | {results.timings_s[name]:.2f} s | - | - |")
    if results.start_s is not None:
        met = _verdict(results.start_s < TARGETS["start_s"])
        lines.append(
            f"| server start to the first page drawn | {results.start_s:.2f} s | "
            f"< {TARGETS['start_s']} s | {met} |"
        )
    if results.bare_start_s is not None:
        lines.append(
            f"| a bare Streamlit app's start to its first page (same run) | "
            f"{results.bare_start_s:.2f} s | - | - |"
        )
    if results.memory_mb is not None:
        met = _verdict(results.memory_mb < TARGETS["memory_mb"])
        lines.append(
            f"| peak server memory (every page visited twice) | {results.memory_mb:.0f} MB | "
            f"< {TARGETS['memory_mb']:.0f} MB | {met} |"
        )
    if results.pdf_pages:
        pages = ", ".join(f"{n}: {count}" for n, count in results.pdf_pages.items())
        lines += ["", f"Pages in the PDF report (every goal, every date): {pages}."]
    if results.postgres_ms:
        target = TARGETS["postgres"]
        lines += [
            "",
            f"On PostgreSQL at {large} (a local server on the same machine, durable; the "
            "planner copied in through a backup): every page's rerun against the same page "
            "on DuckDB.",
            "",
            "Remembered: a rerun with nothing changed (reads served from memory). After a "
            "save: a rerun that reads everything from the database again, as the first "
            "rerun after any save does.",
            "",
            "| page | DuckDB ms | PostgreSQL ms | PostgreSQL/DuckDB | within "
            f"{target}x | after a save: DuckDB ms | PostgreSQL ms | PostgreSQL/DuckDB | "
            f"within {target}x |",
            "| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | --- |",
        ]
        for page, ms in results.postgres_ms.items():
            duck = results.page_ms[page][large]
            after = results.after_save_ms.get(page, {})
            cold_duck, cold_pg = after.get("duckdb", float("nan")), after.get("postgres", 0.0)
            lines.append(
                f"| {page} | {duck:.1f} | {ms:.1f} | {ms / duck:.2f} | "
                f"{_verdict(ms / duck <= target)} | {cold_duck:.1f} | {cold_pg:.1f} | "
                f"{cold_pg / cold_duck:.2f} | {_verdict(cold_pg / cold_duck <= target)} |"
            )
        timings = ", ".join(f"{n} {s:.2f} s" for n, s in results.postgres_timings_s.items())
        lines += ["", f"The {large} planner into and out of PostgreSQL: {timings}."]
    if results.settled_s:
        bare = results.bare_settled_s or float("nan")
        lines += [
            "",
            f"In Chromium at {large}, from a click in the sidebar until the page settled "
            f"(second visit). A bare Streamlit page settles in **{bare:.2f} s** measured the "
            "same way in the same run (median of its warm visits):",
            "",
            f"| page | settled | /bare | within {TARGETS['settled']:.0f}x bare |",
            "| --- | ---: | ---: | --- |",
        ]
        for page, seconds in results.settled_s.items():
            ratio = seconds / bare
            lines.append(
                f"| {page} | {seconds:.2f} s | {ratio:.1f} | "
                f"{_verdict(ratio <= TARGETS['settled'])} |"
            )
    return "\n".join(lines) + "\n"


def write_results(path: Path, section: str) -> None:
    """Replace the generated part of ``path`` (between its markers), keeping the rest."""
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    text = path.read_text(encoding="utf-8") if path.exists() else f"{start}\n{end}\n"
    if start not in text or end not in text:
        text += f"\n{start}\n{end}\n"
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    path.write_text(f"{head}{start}\n{section}{end}{tail}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m planner.bench", description=__doc__)
    parser.add_argument("--sizes", default="S,M,L", help="planner sizes, smallest first")
    parser.add_argument("--reruns", type=int, default=15, help="timed reruns per page (>= 15)")
    parser.add_argument("--no-browser", dest="browser", action="store_false", help="skip Chromium")
    parser.add_argument(
        "--postgres",
        action="store_true",
        help="also time every page on a throwaway local PostgreSQL server",
    )
    parser.add_argument("--keep", type=Path, default=None, help="folder for the planners")
    parser.add_argument("--output", type=Path, default=None, help="Markdown file to update")
    args = parser.parse_args(argv)
    args.sizes = [s.strip().upper() for s in args.sizes.split(",")]
    unknown = [s for s in args.sizes if s not in synthetic.SIZES]
    if unknown:
        parser.error(f"unknown size {unknown[0]}: use S, M or L")
    results = run(args)
    command = "python -m planner.bench " + " ".join(argv if argv is not None else sys.argv[1:])
    section = markdown(results, command.strip())
    print(section)
    if args.output:
        write_results(args.output, section)
        print(f"Wrote the results to {args.output}.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
