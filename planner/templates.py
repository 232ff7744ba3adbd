"""The Jinja2 environments for the files the planner writes (interview sheet, report).

HTML templates are rendered with autoescape on, so nothing a user typed becomes markup;
Markdown templates pass every user text through the ``md`` filter instead.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

# "$" too: a viewer with math support would render "$x$" as a formula.
_MARKDOWN_INLINE = re.compile(r"([\\`*_{}\[\]<>|~#&!$])")
# Block markers at a line's start; a backslash only escapes punctuation, so an ordered
# list marker is broken by escaping its dot: "1999\. was the year".
_MARKDOWN_LINE_START = re.compile(r"^(\s*)(\d*)([-+=>.)])", re.MULTILINE)


def markdown_escape(text: str) -> str:
    """User text for a Markdown file: it renders as typed (no links, emphasis, headings,
    HTML or list markers), and stays readable as plain text."""
    escaped = _MARKDOWN_INLINE.sub(r"\\\1", str(text))
    escaped = _MARKDOWN_LINE_START.sub(r"\1\2\\\3", escaped)
    return escaped.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "  \n")


def markdown_cell(text: str) -> str:
    """User text for one cell of a Markdown table: on one line, escaped."""
    return markdown_escape(" ".join(str(text).split()))


@cache
def environment(folder: Path, *, autoescape: bool) -> Environment:
    """Templates in ``folder``; ``autoescape`` for HTML ones."""
    env = Environment(
        loader=FileSystemLoader(folder),
        # Explicitly on: select_autoescape() goes by the file ending, and ours end in .j2.
        autoescape=autoescape,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = markdown_escape
    env.filters["md_cell"] = markdown_cell
    return env
