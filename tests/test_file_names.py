"""Every file the planner offers for download gets a safe name, whatever the user typed:
no path separators, quotes or control characters, no reserved device names, bounded
length, letters of any script kept."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest

from planner import report
from planner.calendar_export import ics_filename
from planner.interview_sheet import InterviewSheet, sheet_filename
from planner.paths import download_name

from . import hostile

TODAY = date(2026, 11, 24)
SAFE = re.compile(r"^[\w][\w.-]*$")  # \w: letters and digits of any script, and _
RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(10)),
    *(f"lpt{i}" for i in range(10)),
}
NAMES = [*hostile.SHORT, "../../etc/passwd", "..\\..\\boot.ini", 'quote"d', "CON", "nul", "", " ",
         "a/b\\c:d*e?f<g>h|i", "Ümlaut Ærø Łódź", "名前"]  # fmt: skip


def file_names(text: str) -> list[str]:
    sheet = InterviewSheet(
        contact_name=text,
        contact_role="",
        organisation="",
        starts_at=datetime(2026, 12, 1, 10),
        time_zone="UTC",
        duration_minutes=30,
        format="Video call",
        location="",
    )
    return [
        sheet_filename(sheet, "html"),
        report.filename_for(text, TODAY, "pdf"),
        ics_filename(text, TODAY),
    ]


@pytest.mark.parametrize("text", NAMES, ids=range(len(NAMES)))
def test_download_names_are_safe(text):
    for name in file_names(text):
        assert SAFE.match(name), name
        assert len(name) <= 120, name
        assert ".." not in name
        stem = name.split(".")[0].casefold()
        assert stem not in RESERVED


def test_letters_of_any_script_are_kept():
    assert "名前" in report.filename_for("名前", TODAY, "md")
    assert "ümlaut-ærø-łódź" in report.filename_for("Ümlaut Ærø Łódź", TODAY, "md")


def test_a_download_from_the_demo_planner_says_so():
    assert download_name("backup", TODAY, "json") == "interview-planner-backup-2026-11-24.json"
    demo = download_name("contacts", TODAY, "csv", demo=True)
    assert demo == "interview-planner-demo-contacts-2026-11-24.csv"
    assert SAFE.match(demo)
