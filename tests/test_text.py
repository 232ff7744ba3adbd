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
    for separator in ("\u2028", "\u2029", "\x85"):  # invisible, and they split lists
        message = check_text(f"one{separator}two", limit=100, single_line=True)
        assert "invisible line separator" in message
        assert check_text(f"one{separator}two", limit=100) is None, "fine in notes"


def test_broken_unicode_is_refused_rather_than_lost():
    assert "broken characters" in check_text("half \ud83d of an emoji", limit=100)


def test_clean_lines_drops_blanks_and_keeps_order():
    assert clean_lines(["  b ", "", "   ", "a"]) == ["b", "a"]


S = ":color[]"  # an empty span between a special character and its neighbours


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("<b>bold</b>", rf"{S}\<b{S}\>bold{S}\<{S}\/b{S}\>"),
        ("**not bold**", rf"{S}\*{S}\*not bold{S}\*{S}\*"),
        (":red[alarm]", rf"{S}\:red{S}\[alarm{S}\]"),
        (":material/flag:", rf"{S}\:material{S}\/flag{S}\:"),
        ("https://x.example", rf"https{S}\:{S}\/{S}\/x{S}\.example"),
        ("me@x.example", rf"me{S}\@x{S}\.example"),
        ("a -> b", rf"a {S}\-{S}\> b"),
        ("# heading", rf"{S}\# heading"),
        ("$x^2$", rf"{S}\$x{S}\^2{S}\$"),
        ("line one\nline two", "line one  \nline two"),
        ("one\r\ntwo\rthree", "one  \ntwo  \nthree"),
        ("\t=1+1\n    code?", f"{S}\t{S}\\=1{S}\\+1  \n{S}    code?"),
    ],
)
def test_user_text_is_escaped_for_markdown(typed, shown):
    assert inert_markdown(typed) == shown


@given(st.text())
def test_escaping_only_adds_separators_backslashes_and_hard_breaks(typed):
    shown = inert_markdown(typed)
    unescaped = re.sub(
        re.escape(S) + r"(?:\\(.))?",
        lambda m: m.group(1) or "",
        shown.replace("  \n", "\n"),
        flags=re.DOTALL,
    )
    assert unescaped == re.sub(r"\r\n?", "\n", typed)


def test_a_list_field_reads_lines_and_commas_the_same_way():
    from planner.text import split_list

    assert split_list("UX researcher, Service designer\n\n  Data analyst \r\nPM,") == [
        "UX researcher",
        "Service designer",
        "Data analyst",
        "PM",
    ]
    assert split_list(" , \n") == []


def test_a_list_of_sentences_is_read_one_a_line_with_its_commas_kept():
    from planner.text import list_preview, split_lines

    assert split_lines("About 180 staff, half remote\r\n\n  Founded in 2015 \rNHS partner") == [
        "About 180 staff, half remote",
        "Founded in 2015",
        "NHS partner",
    ]
    assert split_lines(" \n\r\n") == []
    assert list_preview(["a", "b"]) == "Will be saved as: a · b"
    assert list_preview([]) == ""
