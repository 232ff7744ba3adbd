"""Progress: the whole search in charts, each with what to read from it; the reflection
report and the spreadsheet exports, each built when its download is clicked.

The numbers and their sentences are ``planner.progress``'s (the report uses them too), the
charts ``planner.charts``'s, the files ``planner.report``'s and ``planner.csv_export``'s.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from planner import charts, csv_export, progress, report
from planner.paths import download_name
from planner.progress import ProgressData
from planner.read_cache import cached_read
from planner.store import Store

REPORT_FORMATS = report.FORMATS  # "md", "html", "pdf" -> the format's name
IN_FULL, IN_FULL_RANGE = report.IN_FULL, (0, report.IN_FULL_MAX)
period_label = report.period_label


@dataclass(frozen=True)
class Download:
    key: str  # a report format or a CSV export's name
    label: str  # the button's label
    file_name: str
    mime: str


@dataclass(frozen=True)
class ProgressView:
    data: ProgressData
    charts: dict[str, dict | None]  # Vega-Lite specifications; None: nothing to draw yet
    sentences: dict[str, str]  # what to read from each chart drawn with a sentence
    network_figures: tuple[str, str, str] | None  # None before the first contact
    network_sentence: str  # "" before the first contact
    fit_for_every_goal: bool  # a goal is picked, yet the fit chart compares every career
    reports: dict[str, Download]  # by format
    spreadsheets: tuple[Download, ...]

    @property
    def scope(self) -> str:
        return self.data.scope_label


@cached_read
def goal_menu(store: Store) -> dict[int, str]:
    """The goals the page can narrow to: id -> title, in the Goals page's order."""
    return {goal.id: goal.title for goal in store.goals.list()}


@cached_read
def load(
    store: Store, *, today: date, goal_id: int | None = None, demo: bool = False
) -> ProgressView:
    """Everything the Progress page shows for one goal (every goal when ``goal_id`` is
    None); ``demo`` names the downloads as the demo planner's."""
    data = progress.load(store, today=today, goal_id=goal_id)
    specs = charts.specifications(data)
    return ProgressView(
        data=data,
        charts=specs,
        sentences={
            key: sentence
            for key, sentence in progress.chart_sentences(data, _drawn(specs)).items()
            if key != "network"  # said under the network figures instead
        },
        network_figures=data.network_figures() if data.contacts else None,
        network_sentence=progress.network_sentence(data) if data.contacts else "",
        fit_for_every_goal=data.goal is not None and bool(data.fits),
        reports={
            kind: Download(
                kind,
                f"Download the report ({name})",
                report.filename_for(data.scope_label, today, kind),
                report.MEDIA_TYPES[kind],
            )
            for kind, name in REPORT_FORMATS.items()
        },
        spreadsheets=tuple(
            Download(
                name,
                f"{label.capitalize().replace('-', ' ')} (.csv)",
                download_name(label, today, "csv", demo=demo),
                "text/csv",
            )
            for name, (label, _) in csv_export.EXPORTS.items()
        ),
    )


def _drawn(specs: dict[str, dict | None]) -> set[str]:
    return {key for key, spec in specs.items() if spec is not None}


def pdf_problem() -> str | None:
    """Why this machine cannot make a PDF, or None when it can (asked only when the PDF
    format is picked: finding out loads the PDF library)."""
    return report.pdf_problem()


# -- commands: the downloads, built when clicked ----------------------------------------


def report_problems(*, since: date | None, until: date | None, in_full: int) -> list[str]:
    """Why the report cannot be made for this scope (nothing when it can)."""
    return list(report.scope_problems(since=since, until=until, in_full=in_full).values())


def report_file(store: Store, *, today: date, kind: str, **scope) -> bytes:
    """The reflection report in ``kind`` ("md", "html" or "pdf") for ``scope``: the goal
    (``goal_id``), the period (``since``, ``until``) and how many conversations are told
    in full (``in_full``), as ``report.build`` takes them."""
    return report.render(report.build(store, today=today, **scope), kind)


def spreadsheet(store: Store, name: str) -> bytes:
    """The CSV export ``name`` ("contacts", "interviews" or "actions") as its file's bytes."""
    _, export = csv_export.EXPORTS[name]
    return csv_export.csv_bytes(export(store))
