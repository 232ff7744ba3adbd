"""Checks every free-text field shares: length limits and characters that cannot be kept.

Limits are enforced with a message, never by cutting the user's text short.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# C0 controls other than tab, line feed and carriage return, plus DEL: invisible,
# and some (NUL) break other programs that read exports.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_LINE_BREAK = re.compile(r"[\r\n]")
# Invisible line and paragraph separators: they split lists of entries like a line
# break, but a one-line field shows nothing, so they get their own message.
_INVISIBLE_BREAK = re.compile(r"[\x85\u2028\u2029]")
_LINE_END = re.compile(r"\r\n?|\n")
# Markdown, Streamlit directive (":red[...]", ":material/x:") and HTML characters, and
# those of links Streamlit finds in plain text ("/", "@").
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=^&@/])")
# Streamlit acts on some text after Markdown escapes are resolved: it links bare web and
# mail addresses, turns "->", ">=" and "--" into arrows, signs and dashes, and
# ":material/name:" into an icon. An empty directive renders as an empty <span>, so one
# before each special character keeps such runs apart; nothing of it is visible or copied.
_SEPARATOR = ":color[]"


def check_text(value: str, *, limit: int, single_line: bool = False) -> str | None:
    """Why ``value`` cannot be saved as typed, or None when it can."""
    if not isinstance(value, str):
        return "Expected text."
    if len(value) > limit:
        return f"Keep it to {limit:,} characters or fewer (this is {len(value):,})."
    if _SURROGATE.search(value):
        return "Contains broken characters that cannot be stored; retype or paste it again."
    if _CONTROL.search(value):
        return "Contains invisible control characters; remove them and try again."
    if single_line and _LINE_BREAK.search(value):
        return "Keep it on one line."
    if single_line and _INVISIBLE_BREAK.search(value):
        return (
            "Contains an invisible line separator (often pasted along with text); "
            "retype that part and try again."
        )
    return None


SETTING_MAX = 300  # a name, a contact line, a one-line background


def setting_problem(value: str) -> str | None:
    """Why a user setting (a short line of text) cannot be saved, or None."""
    return check_text(value.strip(), limit=SETTING_MAX, single_line=True)


def clean_lines(values: Iterable[str]) -> list[str]:
    """Entries with surrounding spaces removed and blank ones dropped, order kept."""
    return [v.strip() for v in values if v and v.strip()]


_LIST_SEPARATOR = re.compile(r"\r\n?|\n|,")
_LINE_BREAK = re.compile(r"\r\n?|\n")

# A list field holds short names (roles, tags, skills), read one a line or
# comma-separated, or sentences (facts, takeaways, what to learn), read one a line, as a
# comma inside a sentence is part of it. Each field says which in its label or help.
NAMES_HINT = "one per line, or comma-separated"
SENTENCES_HINT = "one per line"


def split_list(text: str) -> list[str]:
    """The names typed in a list field: one a line, or comma-separated, or both mixed;
    spaces around each trimmed, blank ones dropped, order kept. Every list of names in
    the planner reads its text with this, so a comma means the same everywhere."""
    return clean_lines(_LIST_SEPARATOR.split(text))


def split_lines(text: str) -> list[str]:
    """The sentences typed in a list field: one a line, commas kept inside them; spaces
    around each trimmed, blank ones dropped, order kept."""
    return clean_lines(_LINE_BREAK.split(text))


def list_preview(items: list[str]) -> str:
    """The items a list field will save, in words ("" when there are none)."""
    return "Will be saved as: " + " · ".join(items) if items else ""


def inert_markdown(text: str) -> str:
    """User text to show through Markdown exactly as typed: every character Markdown,
    Streamlit directives or HTML would act on is backslash-escaped and set apart from its
    neighbours (see _SEPARATOR); line breaks are kept, and a line opening with spaces or
    a tab starts with a separator too, as indentation would make it a code block."""
    escaped = _MARKDOWN_SPECIAL.sub(_SEPARATOR + r"\\\1", text)
    return "  \n".join(
        _SEPARATOR + line if line[:1] in (" ", "\t") else line for line in _LINE_END.split(escaped)
    )
