"""The printable interview sheet: what it holds, that user text stays text, the command."""

from __future__ import annotations

import html.parser
import subprocess
import sys
from datetime import datetime

import pytest

from planner.interview_sheet import (
    InterviewSheet,
    SheetQuestion,
    sheet_filename,
    sheet_html,
    sheet_markdown,
)
from planner.paths import REPO_ROOT
from planner.templates import markdown_escape

HOSTILE = '<script>alert("x")</script> & **bold** [link](http://evil.example)'


def sheet(**changes) -> InterviewSheet:
    values = dict(
        contact_name="Priya Raman",
        contact_role="Senior UX Researcher",
        organisation="Northwind Health",
        starts_at=datetime(2030, 1, 15, 16, 0),
        time_zone="Europe/London",
        duration_minutes=30,
        format="Video call",
        location="https://meet.example/priya",
        goal_title="Explore user research",
        learning_aims=["what a junior researcher does in a normal week"],
        fit_questions=["Could I succeed there?"],
        introduction="I teach chemistry and I am exploring research.",
        questions=[
            SheetQuestion("How did you move into research?", 4, True),
            SheetQuestion("Who else should I talk to?", 2, False, asked=True, notes="Daniel"),
        ],
        general_notes="",
    )
    values.update(changes)
    return InterviewSheet(**values)


class _Text(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.text, self.tags = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def parsed(document: str) -> _Text:
    reader = _Text()
    reader.feed(document)
    return reader


def test_the_html_sheet_has_the_introduction_the_questions_in_order_and_room_for_notes():
    page = sheet_html(sheet())
    text = " ".join(" ".join(parsed(page).text).split())
    assert "Informational interview with Priya Raman" in text
    assert "Tuesday 15 January 2030, 16:00 (Europe/London), 30 minutes" in text
    assert "I teach chemistry and I am exploring research." in text
    assert text.index("How did you move into research?") < text.index("Who else should I talk to?")
    assert "8 of 30 minutes" in text  # 2 for introductions + 4 + 2
    assert "must ask" in text and "Daniel" in text
    assert page.count('class="lines"') == 2, (
        "blank lines under the unanswered question and general notes"
    )


def test_user_text_in_the_html_sheet_is_never_markup():
    page = sheet_html(
        sheet(
            contact_name=HOSTILE,
            introduction=HOSTILE,
            questions=[SheetQuestion(HOSTILE, 3, False, notes=HOSTILE)],
            general_notes=HOSTILE,
        )
    )
    reader = parsed(page)
    assert "script" not in reader.tags and "a" not in reader.tags
    assert "&lt;script&gt;" in page
    assert "".join(reader.text).count('<script>alert("x")</script>') >= 4


def test_the_markdown_sheet_lists_the_plan_and_escapes_user_text():
    text = sheet_markdown(sheet(general_notes=HOSTILE))
    assert text.startswith("# Informational interview with Priya Raman\n")
    assert "1. [ ] How did you move into research? (4 min, must ask)" in text
    assert "2. [x] Who else should I talk to? (2 min)" in text
    assert "Notes: Daniel" in text
    assert "\\<script\\>" in text and "\\*\\*bold\\*\\*" in text and "\\[link\\]" in text


@pytest.mark.parametrize(
    ("typed", "safe"),
    [
        ("1999. A good year", "1999\\. A good year"),
        ("- not a list", "\\- not a list"),
        ("# not a heading", "\\# not a heading"),
        ("C# & F#", "C\\# \\& F\\#"),
        ("line one\nline two", "line one  \nline two"),
    ],
)
def test_markdown_escaping_keeps_text_literal(typed, safe):
    assert markdown_escape(typed) == safe


def test_an_empty_plan_still_prints_a_useful_sheet():
    page = sheet_html(sheet(questions=[], introduction="", goal_title="", learning_aims=[]))
    assert "No questions planned yet." in page and "Who I am, why I asked you" in page
    assert "No questions planned yet." in sheet_markdown(sheet(questions=[]))


def test_sheet_file_names_are_safe():
    assert sheet_filename(sheet(contact_name="Zoë / O'Brien"), "html") == (
        "interview-2030-01-15-zoë-o-brien.html"
    )
    assert sheet_filename(sheet(contact_name="研究"), "md") == "interview-2030-01-15-研究.md"


def run(*args, **kwargs):
    return subprocess.run(
        [sys.executable, "-m", "planner", *map(str, args)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        **kwargs,
    )


def test_the_sheet_command_writes_html_or_markdown_for_a_demo_interview(tmp_path):
    db = tmp_path / "p.duckdb"
    assert run("demo", "--db", db).returncode == 0
    listed = run("interviews", "--db", db)
    assert listed.returncode == 0, listed.stderr
    daniel = next(line for line in listed.stdout.splitlines() if "Daniel Price" in line)
    interview = daniel.split()[0]
    assert "5 questions" in daniel
    html_out, md_out = tmp_path / "sheet.html", tmp_path / "out" / "sheet.md"
    done = run("sheet", "--db", db, "--interview", interview, "-o", html_out)
    assert done.returncode == 0, done.stderr
    assert "Daniel Price" in done.stdout
    page = html_out.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>")
    assert "How is research planned across the two product teams?" in page
    assert run("sheet", "--db", db, "--interview", interview, "-o", md_out).returncode == 0
    assert md_out.read_text(encoding="utf-8").startswith("# Informational interview with Daniel")
    missing = run("sheet", "--db", db, "--interview", "999", "-o", tmp_path / "x.md")
    assert missing.returncode == 1 and "deleted or cancelled" in missing.stderr


def test_a_file_name_never_leaves_the_folder():
    name = sheet_filename(sheet(contact_name="../../etc/passwd"), "md")
    assert "/" not in name and ".." not in name
