"""The printable interview sheet: the plan for one meeting, with room for notes.

Two renderings of the same ``InterviewSheet``: Markdown (user text escaped so it
shows as typed) and a self-contained HTML page for printing (Jinja2 with
autoescape, so nothing a user typed can become markup). The templates live in
data/sheet/, beside the other text the planner ships.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from planner.paths import DATA_DIR
from planner.question_plans import INTRO_MINUTES
from planner.templates import environment

TEMPLATES = DATA_DIR / "sheet"
NOTE_LINES = 4  # ruled lines left under a question with no notes yet


@dataclass(frozen=True)
class SheetQuestion:
    text: str
    minutes: int
    must_ask: bool
    asked: bool = False
    notes: str = ""


@dataclass(frozen=True)
class InterviewSheet:
    contact_name: str
    contact_role: str
    organisation: str
    starts_at: datetime
    time_zone: str
    duration_minutes: int
    format: str  # its label, e.g. "Video call"
    location: str
    goal_title: str = ""
    learning_aims: list[str] = field(default_factory=list)
    fit_questions: list[str] = field(default_factory=list)
    introduction: str = ""
    questions: list[SheetQuestion] = field(default_factory=list)
    general_notes: str = ""

    @property
    def title(self) -> str:
        who = self.contact_name or "a contact"
        return f"Informational interview with {who}"

    @property
    def when(self) -> str:
        return f"{self.starts_at:%A %d %B %Y, %H:%M} ({self.time_zone})"

    @property
    def planned_minutes(self) -> int:
        return INTRO_MINUTES + sum(q.minutes for q in self.questions)

    @property
    def who(self) -> str:
        return ", ".join(x for x in (self.contact_role, self.organisation) if x)


def sheet_markdown(sheet: InterviewSheet) -> str:
    """The sheet as Markdown."""
    return (
        environment(TEMPLATES, autoescape=False)
        .get_template("interview_sheet.md.j2")
        .render(sheet=sheet)
    )


def sheet_html(sheet: InterviewSheet) -> str:
    """The sheet as one self-contained HTML page, styled for printing on A4 or Letter."""
    return (
        environment(TEMPLATES, autoescape=True)
        .get_template("interview_sheet.html.j2")
        .render(sheet=sheet, note_lines=NOTE_LINES)
    )


def sheet_filename(sheet: InterviewSheet, suffix: str) -> str:
    """A safe file name such as ``interview-2030-01-15-priya-raman.html`` (letters of any
    script are kept; everything else becomes a hyphen)."""
    slug = re.sub(r"[\W_]+", "-", sheet.contact_name.casefold()).strip("-")[:40]
    return f"interview-{sheet.starts_at:%Y-%m-%d}-{slug or 'contact'}.{suffix}"


def render(sheet: InterviewSheet, kind: str) -> str:
    """``kind`` is "md" or "html"."""
    if kind == "html":
        return sheet_html(sheet)
    if kind == "md":
        return sheet_markdown(sheet)
    raise ValueError(f"unknown sheet format {kind!r}: use md or html")
