"""Every export of a planner whose every text field holds every hostile string is
well-formed and inert: the report (Markdown, HTML, PDF), the three CSV files, the
calendar file, the backup and every interview sheet."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, date, datetime
from html.parser import HTMLParser

import icalendar
import pypdf
import pytest

from planner import backup, report
from planner.calendar_export import calendar_bytes
from planner.csv_export import EXPORTS, FORMULA_PREFIXES
from planner.interview_sheet import render
from planner.store import Database

from . import hostile
from .fixtures import load_as_hand_edited

TODAY = date.today()
LIVE_TAG = re.compile(r"<(script|img|svg|iframe|a|b|i|style)\b[^>]*data-hostile", re.IGNORECASE)


class Balanced(HTMLParser):
    VOID = frozenset({"meta", "img", "br", "hr", "link", "input"})

    def __init__(self):
        super().__init__()
        self.stack, self.problems, self.tags = [], [], set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        if any(name.startswith("on") or name == "data-hostile" for name, _ in attrs):
            self.problems.append(f"<{tag}> with {attrs}")
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.problems.append(f"</{tag}> out of place")


def assert_inert_html(html: str) -> None:
    parser = Balanced()
    parser.feed(html)
    parser.close()
    assert not parser.problems and not parser.stack, (parser.problems[:3], parser.stack[:3])
    assert not parser.tags & {"script", "iframe", "svg", "a", "object"}, parser.tags
    assert not LIVE_TAG.search(html)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "planner.duckdb"
    database = Database(path)
    store = database.session()
    hostile.fill(store, today=TODAY)
    yield store
    database.close()


def test_the_corpus_covers_what_the_issue_names():
    text = "\n".join(hostile.STRINGS)
    assert len(hostile.STRINGS) >= 40
    for needle in ("<script", "<img", "![", "](javascript:", "javascript:", "=", "@SUM",
                   "\t=", "\r=", "$x^2$", "$$", "\r\n", "BEGIN:VEVENT", "DROP TABLE",
                   "\x00", "\x1b",
                   "\u0301", "\u202e", "\u200b", "مرحبا", "👩‍💻"):  # fmt: skip
        assert needle in text, needle
    assert max(map(len, hostile.STRINGS)) == 100_000


def test_every_free_text_field_holds_every_string(store):
    columns = hostile.free_text_columns(store)
    assert len(columns) >= 40
    for table, column in columns:
        values = store.content.rows(table, [column])
        flat = {v for (value,) in values for v in (value if isinstance(value, list) else [value])}
        assert set(hostile.STRINGS) <= flat or table == "settings", (table, column)


def test_the_report_is_inert_in_markdown_and_html(store):
    written = report.build(store, today=TODAY)
    html = report.html(written)
    assert_inert_html(html)
    markdown = report.markdown(written)
    assert not re.search(r"(?<!\\)<(script|img|svg|iframe|a|b)\b", markdown)
    assert not re.search(r"(?<!\\)\$", markdown), "math delimiters stay text"
    assert "x" * 100_000 in html and "x" * 100_000 in markdown  # nothing cut short


def test_the_pdf_report_opens(tmp_path):
    # Every page laid out: the short strings only (the 100,000-character ones make
    # hundreds of pages; test_report.py lays one out).
    with Database(tmp_path / "short.duckdb") as database:
        store = database.session()
        hostile.fill(store, today=TODAY, strings=hostile.SHORT)
        data = report.pdf(report.build(store, today=TODAY))
    reader = pypdf.PdfReader(io.BytesIO(data))
    text = "".join(page.extract_text() for page in reader.pages).replace("\x00", "")
    assert "All goals" in text and 'alert("x")' in text  # shown as text


@pytest.mark.parametrize("name", list(EXPORTS))
def test_each_csv_reads_back_with_every_formula_neutralised(store, name):
    _, export = EXPORTS[name]
    default = csv.field_size_limit(1_000_000)  # the 100,000-character notes are cells
    try:
        rows = list(csv.reader(io.StringIO(export(store), newline="")))
    finally:
        csv.field_size_limit(default)  # the limit is process-wide
    assert len(rows) >= 2
    width = len(rows[0])
    for row in rows[1:]:
        assert len(row) == width
        for cell in row:
            assert not cell.lstrip().startswith(FORMULA_PREFIXES), cell[:40]


def test_the_calendar_file_holds_one_event_per_meeting(store):
    entries = store.meetings.calendar_entries(since=datetime(2000, 1, 1))
    assert entries
    data = calendar_bytes(entries, now=datetime.now(UTC))
    calendar = icalendar.Calendar.from_ical(data)
    events = [c for c in calendar.walk() if c.name == "VEVENT"]
    assert len(events) == len(entries)  # no event smuggled in through a line break
    assert all(line.startswith((" ", "\t")) or ":" in line or ";" in line
               for line in data.decode().split("\r\n") if line)  # fmt: skip


def test_the_backup_carries_every_string_exactly(store, tmp_path):
    """The file's encoding keeps every hostile string as it was (read back for types)."""
    text = backup.export_text(store)
    json.loads(text)
    with Database(tmp_path / "restored.duckdb") as database:
        restored = database.session()
        load_as_hand_edited(restored, backup.parse(text))
        assert backup.export_text(restored) == text


def test_the_restore_refuses_the_strings_no_form_accepts_and_changes_nothing(store, tmp_path):
    """Control characters, line breaks in one-line fields and overlong text are named by
    table, row and column; the planner restored into stays empty."""
    with Database(tmp_path / "restored.duckdb") as database:
        restored = database.session()
        with pytest.raises(backup.BackupError) as refused:
            backup.import_text(restored, backup.export_text(store))
        assert not any(restored.content.row_counts().values())
    message = str(refused.value)
    assert message.startswith("This backup cannot be imported; nothing was changed:")
    assert "- table action_items, row " in message and "title: Keep it on one line." in message
    assert "(and more)" in message


def test_every_interview_sheet_is_inert(store):
    sheets = 0
    for interview_id, status in store.content.rows("interviews", ["id", "status"]):
        if status == "cancelled":  # a cancelled meeting has no sheet
            continue
        sheet = store.plans.sheet(interview_id)
        assert_inert_html(render(sheet, "html"))
        markdown = render(sheet, "md")
        assert not re.search(r"(?<!\\)<(script|img|svg|iframe|a|b)\b", markdown)
        assert not re.search(r"(?<!\\)\$", markdown), "math delimiters stay text"
        sheets += 1
    assert sheets == sum(
        1 for (status,) in store.content.rows("interviews", ["status"]) if status != "cancelled"
    )
