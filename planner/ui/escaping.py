"""User text made inert before Streamlit shows it."""

from __future__ import annotations

from planner.text import inert_markdown


def md(text: str) -> str:
    """User text made inert for st.markdown and widget labels (see text.inert_markdown)."""
    return inert_markdown(text)
