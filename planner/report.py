"""The reflection report: what the user set out to learn and what they found, for one goal
or all of them and for a period, as Markdown, HTML or PDF.

It stays readable at any size: the most recent conversations of the period are told in
full (``in_full`` of them, 20 unless asked otherwise), every other one is a row of a
table, and the long lists (reasons behind a fit rating, actions, people to thank) show
their first entries and say how many more there are.

HTML is one self-contained file (charts drawn offline to SVG and inlined), rendered by
Jinja2 with autoescape; the PDF is that same HTML laid out by WeasyPrint, which may load
nothing but the inlined images. Markdown shows the charts' numbers as tables instead.
"""

from __future__ import annotations

import base64
import json
import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from functools import cache, lru_cache

from planner import charts, guidance, progress
from planner.errors import NotFound, ValidationError
from planner.goals import Goal
from planner.goals import progress as goal_progress
from planner.metrics import ConversationSummary
from planner.paths import DATA_DIR
from planner.progress import ProgressData
from planner.reflection import FIT_SCALE, FitEvidence
from planner.store import Store
from planner.store.records import ActionItem
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
IN_FULL = 20  # the most recent conversations told in full, unless the user asks otherwise
IN_FULL_MAX = 500  # more than this is a book, not a report
REASONS_SHOWN = 8  # per fit question, newest first
LISTED = 25  # open actions, done actions, people to thank, updates due: the first ones
ORGANISATIONS_NAMED = 3  # per month of earlier conversations, the most frequent


class ReportUnavailable(RuntimeError):
    """A format cannot be produced on this machine (e.g. the PDF library is missing)."""


@dataclass(frozen=True)
class GoalSection:
    goal: Goal
    evidence: list[FitEvidence]  # each with its newest REASONS_SHOWN reasons
    more_reasons: dict[str, int]  # fit question -> reasons given beyond those shown

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
class Listed:
    """The first entries of a long list, and how many more it has."""

    shown: list
    more: int

    @classmethod
    def of(cls, entries: list, limit: int = LISTED) -> Listed:
        return cls(entries[:limit], max(len(entries) - limit, 0))

    def __bool__(self) -> bool:
        return bool(self.shown)


@dataclass(frozen=True)
class MonthSummary:
    """The conversations of one month that are not told in full, in a table row."""

    month: date  # its first day
    held: int
    reflected: int
    interest: dict[str, int]  # a key of INTEREST_CHANGES -> reflections saying so
    organisations: Listed  # the most frequent first

    @property
    def interest_text(self) -> str:
        """e.g. "4 up, 2 same, 1 down" ("" before any reflection)."""
        counts = [f"{self.interest[k]} {k}" for k in INTEREST_CHANGES if self.interest.get(k)]
        return ", ".join(counts)


def by_month(conversations: list[ConversationSummary]) -> list[MonthSummary]:
    """``conversations`` (oldest first) grouped by the month they were held in."""
    months: dict[date, list[ConversationSummary]] = {}
    for c in conversations:
        months.setdefault(c.met_on.replace(day=1), []).append(c)
    rows = []
    for month, held in months.items():
        reflected = [c for c in held if c.reflected]
        named = Counter(c.organisation for c in held if c.organisation)
        rows.append(
            MonthSummary(
                month=month,
                held=len(held),
                reflected=len(reflected),
                interest=dict(Counter(c.interest_change for c in reflected)),
                organisations=Listed.of([n for n, _ in named.most_common()], ORGANISATIONS_NAMED),
            )
        )
    return rows


@dataclass(frozen=True)
class Report:
    scope: str  # the goal's title, or "All goals"
    generated_on: date
    period: str  # "" for every date, else "from 1 September 2026 to 30 November 2026"
    sections: list[GoalSection]
    conversations: list[ConversationSummary]  # every one held in the period, oldest first
    in_full: list[ConversationSummary]  # the most recent ones, oldest first
    summarised: list[MonthSummary]  # the others, a table row per month, oldest first
    organisations: list[str]
    people_met: int
    progress: ProgressData
    open_actions: Listed  # of ActionItem, soonest due first
    done_actions: Listed  # of ActionItem, latest done first
    to_thank: Listed  # of ConversationSummary, newest first
    check_ins: Listed  # of CheckInDue, soonest first
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


def build(
    store: Store,
    *,
    today: date,
    goal_id: int | None = None,
    since: date | None = None,
    until: date | None = None,
    in_full: int = IN_FULL,
) -> Report:
    """Everything the report says, for one goal (or all goals when ``goal_id`` is None)
    and the conversations held from ``since`` to ``until`` (each end included, open when
    None), the ``in_full`` most recent of them told in full. The charts and figures cover
    the whole search; the period narrows the conversations and what follows from them."""
    problems = scope_problems(since=since, until=until, in_full=in_full)
    if problems:
        raise ValidationError(problems)
    data = progress.load(store, today=today, goal_id=goal_id)
    if goal_id is not None and data.goal is None:
        raise NotFound(f"No goal {goal_id}.")
    conversations = [
        c
        for c in store.metrics.conversations(goal_id)
        if (since is None or c.met_on >= since) and (until is None or c.met_on <= until)
    ]
    cut = len(conversations) - in_full
    actions = [a for a in store.actions.list(goal_id=goal_id) if _in_period(a, since, until)]
    met = {c.contact_id for c in conversations if c.contact_id is not None}
    open_actions = [a for a in actions if a.done_on is None]
    open_actions.sort(key=lambda a: (a.due_on is None, a.due_on or today, a.id))
    done_actions = sorted((a for a in actions if a.done_on is not None), key=_latest_done)
    # Someone deleted from the planner can no longer be thanked from it.
    to_thank = [c for c in reversed(conversations) if not c.thanked and c.contact_id is not None]
    check_ins = [
        c
        for c in store.contacts.check_ins_due(today=today)
        if (goal_id is None and since is None and until is None) or c.contact_id in met
    ]
    return Report(
        scope=data.scope_label,
        generated_on=today,
        period=period_label(since, until),
        sections=[_section(g, store.reflections.fit_evidence(g.id)) for g in data.goals],
        conversations=conversations,
        in_full=conversations[max(cut, 0) :],
        summarised=by_month(conversations[: max(cut, 0)]),
        organisations=sorted({c.organisation for c in conversations if c.organisation}),
        people_met=len(met),
        progress=data,
        open_actions=Listed.of(open_actions),
        done_actions=Listed.of(done_actions),
        to_thank=Listed.of(to_thank),
        check_ins=Listed.of(check_ins),
        charts=charts.specifications(data, width=CHART_WIDTH),
    )


def scope_problems(
    *, since: date | None, until: date | None, in_full: int = IN_FULL
) -> dict[str, str]:
    """What is wrong with a report's period or its number told in full, by field."""
    problems = {}
    if since is not None and until is not None and since > until:
        problems["period"] = (
            f"The period starts ({since:%d %B %Y}) after it ends ({until:%d %B %Y}): "
            "swap the two dates."
        )
    if not 0 <= in_full <= IN_FULL_MAX:
        problems["in_full"] = (
            f"Conversations told in full: a number from 0 to {IN_FULL_MAX} (the others "
            "are counted month by month)."
        )
    return problems


def period_label(since: date | None, until: date | None) -> str:
    """The period in words: "" for every date."""
    if since and until:
        return f"from {since:%d %B %Y} to {until:%d %B %Y}"
    if since:
        return f"from {since:%d %B %Y} on"
    if until:
        return f"up to {until:%d %B %Y}"
    return ""


def _in_period(action: ActionItem, since: date | None, until: date | None) -> bool:
    """An action belongs to the period when it was due, done or (undated and open) is
    still waiting in it."""
    day = action.done_on or action.due_on
    if day is None:
        return until is None
    return (since is None or day >= since) and (until is None or day <= until)


def _latest_done(action: ActionItem) -> tuple:
    return (-action.done_on.toordinal(), -action.id)


def _section(goal: Goal, evidence: list[FitEvidence]) -> GoalSection:
    """A goal's section: each fit question with its newest reasons (a reason is a
    rating's "why"; a rating without one is counted in the average only)."""
    shown, more = [], {}
    for e in evidence:
        reasons = [s for s in e.sentences if s[2]]
        shown.append(replace(e, sentences=reasons[:REASONS_SHOWN]))
        more[e.fit_question] = max(len(reasons) - REASONS_SHOWN, 0)
    return GoalSection(goal, shown, more)


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
    specs, said = report.charts, report.sentences
    drawn = []
    for key, title in FIGURE_TITLES.items():
        if specs[key] is None:
            continue
        svg = _svg(json.dumps(specs[key], sort_keys=True))
        how_to_read = guidance.text(f"progress.read.{key}")
        image = base64.b64encode(svg.encode("utf-8")).decode()
        drawn.append(Figure(title, said[key], how_to_read, image))
    return drawn


@lru_cache(maxsize=32)
def _svg(spec: str) -> str:
    """A chart (its Vega-Lite specification as JSON) drawn to SVG: sharp at any zoom or
    print size, several times smaller than a PNG and quicker to draw. Shown through
    <img>, so nothing in it could ever run. Remembered: the HTML and the PDF of one
    report draw the same charts, and drawing them is most of the HTML's time."""
    import vl_convert

    return vl_convert.vegalite_to_svg(
        json.loads(spec),
        config=_CHART_CONFIG,
        allowed_base_urls=[],  # no fetching, ever
    )


def forget_charts() -> None:
    """Forget the charts drawn so far (the benchmark times each format from nothing)."""
    _svg.cache_clear()


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


def _laid_out(report: Report):
    """The report laid out as PDF pages. Nothing is fetched: the fetcher only accepts
    the inlined data: images, so no URL anywhere can make it reach out."""
    if problem := pdf_problem():
        raise ReportUnavailable(problem)
    import weasyprint
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"data"})
    return weasyprint.HTML(string=html(report), url_fetcher=fetcher).render()


def pdf(report: Report) -> bytes:
    """The report as PDF, laid out from the HTML."""
    return _laid_out(report).write_pdf()


def pdf_page_count(report: Report) -> int:
    """How many pages the PDF of ``report`` has (the benchmark states it)."""
    return len(_laid_out(report).pages)


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
