"""Feedback on what the user typed: a checklist of what a text does and lacks, and a
warning line with the rewrite to try."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from planner.ui.escaping import md


def checklist(title: str, checks: Sequence[tuple[bool, str, str]]) -> None:
    """``title`` in bold, then each check as ``(passed, label, hint)``: done, or to fix
    with its hint (user text: escaped). Said in words, not icons: an icon's name would be
    what a screen reader reads."""
    lines = [
        f"- :green[✓ Done:] {label}" if passed else f"- :red[✗ To fix:] {label}: {md(hint)}"
        for passed, label, hint in checks
    ]
    st.markdown(f"**{title}**")
    st.markdown("\n".join(lines))


def warning_line(message: str, rewrite: str = "") -> str:
    """A warning about user text as one line of Markdown (for ``st.warning``), with the
    ``rewrite`` to try when there is one; both are user text, escaped."""
    hint = f" Try: *{md(rewrite)}*" if rewrite else ""
    return f"{md(message)}{hint}"
