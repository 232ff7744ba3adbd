"""The reflection report: what the user set out to learn and what they found, for one goal
or all of them, as Markdown, HTML or PDF.

HTML is one self-contained file (charts drawn offline to SVG and inlined), rendered by
Jinja2 with autoescape; the PDF is that same HTML laid out by WeasyPrint, which may load
nothing but the inlined images. Markdown shows the charts' numbers as tables instead.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from planner import charts, guidance, progress
from planner.errors import NotFound
from planner.goals import Goal
from planner.goals import progress as goal_progress
from planner.metrics import ConversationSummary
from planner.paths import DATA_DIR
from planner.progress import ProgressData
from planner.reflection import FIT_SCALE, FitEvidence
from planner.store import Store
from planner.store.records import ActionItem, CheckInDue
from planner.templates import environment
from planner.vocabulary import ACTION_KINDS, INTEREST_CHANGES, STAGES

TEMPLATES = DATA_DIR / "report"
FORMATS = {"md": "Markdown", "html": "HTML", "pdf": "PDF"}
MEDIA_TYPES = {"md": "text/markdown", "html": "text/html", "pdf": "application/pdf"}
CHART_WIDTH = 620  # pixels
SLUG_CHARS = 40  # of the scope in a file name
# Labels are measured in the font they are drawn in: the report's own (see its CSS),
# or a long label would overrun the chart's edge in the PDF.
_CHART_CONFIG = {"font": "DejaVu Sans"}


class ReportUnavailable(RuntimeError):
    """A format cannot be produced on this machine (e.g. the PDF library is missing)."""


@dataclass(frozen=True)
class GoalSection:
    goal: Goal
    evidence: list[FitEvidence]

    @property
    def progress_text(self) -> str:
        return goal_progress(self.goal).describe()


@dataclass(frozen=True)
class Figure:
    title: str
    sentence: str  # what to read from it, from the numbers (the page says the same)
    how_to_read: str  # what its marks and colours mean
    svg_base64: str


@dataclass(frozen=True)
class Report:
    scope: str  # the goal's title, or "All goals"
    generated_on: date
    sections: list[GoalSection]
    conversations: list[ConversationSummary]
    organisations: list[str]
    people_met: int
    progress: ProgressData
    open_actions: list[ActionItem]
    done_actions: list[ActionItem]
    to_thank: list[ConversationSummary]
    check_ins: list[CheckInDue]
    charts: dict[str, dict | None]  # Vega-Lite specifications; None: nothing to draw

    @property
    def title(self) -> str:
        return f"Reflection report: {self.scope}"

    @property
    def reflected(self) -> int:
        return sum(1 for c in self.conversations if c.reflected)

    @property
    def skills_have(self) -> list[str]:
        return [s.skill for s in self.progress.skills if s.have >= s.gap]

    @property
    def skills_gap(self) -> list[str]:
        return [s.skill for s in self.progress.skills if s.gap > s.have]

    @property
    def sentences(self) -> dict[str, str]:
        """What to read from each chart with something to show, by the chart's key."""
        drawn = {key for key, spec in self.charts.items() if spec is not None}
        return progress.chart_sentences(self.progress, drawn)

    @property
    def chart_sentences(self) -> list[tuple[str, str]]:
        """(chart title, what to read from it), in the order the charts are drawn."""
        said = self.sentences
        return [(title, said[key]) for key, title in FIGURE_TITLES.items() if key in said]

    @property
    def pipeline_rows(self) -> list[tuple[str, int]]:
        return [(STAGES[s.stage], s.contacts) for s in self.progress.pipeline]


def build(store: Store, *, today: date, goal_id: int | None = None) -> Report:
    """Everything the report says, for one goal (or all goals when ``goal_id`` is None)."""
    data = progress.load(store, today=today, goal_id=goal_id)
    if goal_id is not None and data.goal is None:
        raise NotFound(f"No goal {goal_id}.")
    conversations = store.metrics.conversations(goal_id)
    actions = store.actions.list(goal_id=goal_id)
    met = {c.contact_id for c in conversations if c.contact_id is not None}
    return Report(
        scope=data.scope_label,
        generated_on=today,
        sections=[GoalSection(g, store.reflections.fit_evidence(g.id)) for g in data.goals],
        conversations=conversations,
        organisations=sorted({c.organisation for c in conversations if c.organisation}),
        people_met=len(met),
        progress=data,
        open_actions=[a for a in actions if a.done_on is None],
        done_actions=[a for a in actions if a.done_on is not None],
        # Someone deleted from the planner can no longer be thanked from it.
        to_thank=[c for c in conversations if not c.thanked and c.contact_id is not None],
        check_ins=[
            c
            for c in store.contacts.check_ins_due(today=today)
            if goal_id is None or c.contact_id in met
        ],
        charts=charts.specifications(data, width=CHART_WIDTH),
    )


# -- figures -------------------------------------------------------------------------------


FIGURE_TITLES = {
    "pipeline": "Pipeline",
    "activity": "Activity by week",
    "goals": "Goals against target",
    "fit": "Fit across careers",
    "skills": "Skills heard most",
    "themes": "Themes",
    "assumptions": "Assumptions",
    "network": "Answers by circle",
    "tree": "Referral chains",
}


def figures(report: Report) -> list[Figure]:
    """Every chart with something to show, drawn offline to SVG, with what to read from
    it."""
    import vl_convert

    specs, said = report.charts, report.sentences
    drawn = []
    for key, title in FIGURE_TITLES.items():
        if specs[key] is None:
            continue
        # SVG: sharp at any zoom or print size, several times smaller than a PNG and
        # quicker to draw. Shown through <img>, so nothing in it could ever run.
        svg = vl_convert.vegalite_to_svg(
            specs[key],
            config=_CHART_CONFIG,
            allowed_base_urls=[],  # no fetching, ever
        )
        how_to_read = guidance.text(f"progress.read.{key}")
        image = base64.b64encode(svg.encode("utf-8")).decode()
        drawn.append(Figure(title, said[key], how_to_read, image))
    return drawn


def fit_reading(evidence: FitEvidence) -> str:
    """Which way a fit question leans and on how many ratings ("leaning yes (2 ratings)"),
    once enough conversations rated it to lean at all."""
    needed, ratings = progress.FIT_READING_AFTER, evidence.ratings
    counted = f"{ratings} rating{'' if ratings == 1 else 's'}"
    if ratings >= needed:
        return f"{evidence.leaning} ({counted})"
    return f"too early to lean either way ({counted}; {needed} needed)"


# -- rendering -------------------------------------------------------------------------------


def _context(report: Report) -> dict:
    return {
        "report": report,
        "interest": INTEREST_CHANGES,
        "action_kinds": ACTION_KINDS,
        "intro": guidance.text("progress.report_help"),
        "fit_scale": FIT_SCALE,
        "fit_reading": fit_reading,
    }


def markdown(report: Report) -> str:
    """The report as Markdown: every user text escaped, the charts as tables."""
    template = environment(TEMPLATES, autoescape=False).get_template("report.md.j2")
    return template.render(**_context(report))


def html(report: Report, *, with_figures: bool = True) -> str:
    """The report as one self-contained HTML page, readable on screen and printable."""
    template = environment(TEMPLATES, autoescape=True).get_template("report.html.j2")
    drawn = figures(report) if with_figures else []
    return template.render(**_context(report), figures=drawn)


@cache
def pdf_problem() -> str | None:
    """Why a PDF cannot be made on this machine, or None when it can."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as error:  # OSError: the system's Pango is missing
        return (
            "PDF needs WeasyPrint and the Pango library (on Debian: apt install "
            "libpango-1.0-0 libpangoft2-1.0-0). Download the HTML report and print it "
            f"instead. ({error})"
        )
    return None


def pdf(report: Report) -> bytes:
    """The report as PDF, laid out from the HTML. Nothing is fetched: the fetcher only
    accepts the inlined data: images, so no URL anywhere can make it reach out."""
    if problem := pdf_problem():
        raise ReportUnavailable(problem)
    import weasyprint
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"data"})
    return weasyprint.HTML(string=html(report), url_fetcher=fetcher).write_pdf()


def render(report: Report, kind: str) -> bytes:
    """The report in ``kind`` ("md", "html" or "pdf") as the bytes of its file."""
    if kind == "md":
        return markdown(report).encode("utf-8")
    if kind == "html":
        return html(report).encode("utf-8")
    if kind == "pdf":
        return pdf(report)
    raise ValueError(f"unknown report format {kind!r}: use md, html or pdf")


def filename(report: Report, kind: str) -> str:
    """The report's file name: ``filename_for`` its scope and date."""
    return filename_for(report.scope, report.generated_on, kind)


def filename_for(scope: str, on: date, kind: str) -> str:
    """A safe file name such as ``reflection-report-2026-11-24-all-goals.pdf`` (letters of
    any script kept, everything else a hyphen, at most 40 characters of the scope, cut
    between words)."""
    slug = re.sub(r"[\W_]+", "-", scope.casefold()).strip("-")
    if len(slug) > SLUG_CHARS:
        cut = slug[: SLUG_CHARS + 1]  # one more: a hyphen there ends a whole word
        slug = cut[: cut.rfind("-")] if "-" in cut[SLUG_CHARS // 2 :] else slug[:SLUG_CHARS]
    slug = slug.strip("-")
    return f"reflection-report-{on.isoformat()}-{slug or 'goal'}.{kind}"
