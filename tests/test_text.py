"""Free-text rules shared by every form, and showing user text literally."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.text import check_text, clean_lines, inert_markdown


def test_text_within_the_limit_is_accepted():
    assert check_text("Explore UX research", limit=120) is None
    assert check_text("x" * 120, limit=120) is None


def test_too_long_text_says_how_long_it_is():
    assert check_text("x" * 1201, limit=1200) == (
        "Keep it to 1,200 characters or fewer (this is 1,201)."
    )


@pytest.mark.parametrize("bad", ["a\x00b", "bell\x07", "esc\x1b[0m", "del\x7f"])
def test_invisible_control_characters_are_refused(bad):
    assert "control characters" in check_text(bad, limit=100)


def test_tabs_and_line_breaks_are_ordinary_text():
    assert check_text("one\ttwo\nthree\r\n", limit=100) is None


def test_single_line_fields_refuse_line_breaks():
    assert check_text("one\ntwo", limit=100, single_line=True) == "Keep it on one line."


def test_broken_unicode_is_refused_rather_than_lost():
    assert "broken characters" in check_text("half \ud83d of an emoji", limit=100)


def test_clean_lines_drops_blanks_and_keeps_order():
    assert clean_lines(["  b ", "", "   ", "a"]) == ["b", "a"]


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("<b>bold</b>", r"\<b\>bold\</b\>"),
        ("**not bold**", r"\*\*not bold\*\*"),
        (":red[alarm]", r"\:red\[alarm\]"),
        (":material/flag:", r"\:material/flag\:"),
        ("[link](https://x.example)", r"\[link\]\(https\://x\.example\)"),
        ("# heading", r"\# heading"),
        ("$x^2$", r"\$x\^2\$"),
        ("line one\nline two", "line one  \nline two"),
    ],
)
def test_user_text_is_escaped_for_markdown(typed, shown):
    assert inert_markdown(typed) == shown


@given(st.text())
def test_escaping_only_adds_backslashes_and_hard_breaks(typed):
    shown = inert_markdown(typed)
    unescaped = re.sub(r"\\(.)", r"\1", shown.replace("  \n", "\n"), flags=re.DOTALL)
    assert unescaped == typed
