"""Every page on a planner whose every text field holds every hostile string: it renders
without an error, and no user text reaches Streamlit's Markdown as live markup."""

from __future__ import annotations

import re
from datetime import date

import pytest

from planner import journey
from planner.steps import reflect
from planner.store import Database

from . import hostile
from .apptest_helpers import open_page

PAGES = [journey.HOME, *journey.STEPS, *journey.TOOLS]
# A tag the corpus carries, not preceded by the backslash that makes it text.
LIVE_TAG = re.compile(r"(?<!\\)<(script|img|svg|iframe|a|b|i|style)\b", re.IGNORECASE)
LIVE_LINK = re.compile(r"(?<!\\)\[click me(?<!\\)\]\(")
# Runs Streamlit turns into links, arrows, signs or icons after escapes are resolved,
# left whole (not split by the empty directive ui.md puts before special characters).
LIVE_RUN = re.compile(
    r"https?\\?:(?!color\[\])|www\\?\.|\w\\?@evil|-\\?>|>\\?=|\\:material\\?/"
    r"|\\:streamlit\\?:(?!color\[\])"
)
VIEWS = {
    "pages/4_Questions.py": ("questions_view", ["Plan", "Interview day", "Question bank"]),
    "pages/5_Reflect.py": (reflect.VIEW_KEY, list(reflect.TABS)),
}


@pytest.fixture(scope="module")
def hostile_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "planner.duckdb"
    with Database(path) as database:
        hostile.fill(database.session(), today=date.today())
    return path


def texts(at) -> list[str]:
    """Every text Streamlit renders as Markdown on the page, with its element kind."""
    found = []

    def walk(node):
        for child in getattr(node, "children", {}).values():
            if child.type in ("markdown", "caption", "info", "warning", "error", "success",
                              "subheader", "title", "header", "alert"):  # fmt: skip
                found.append(str(child.value))
            for label in ("label", "help"):
                value = getattr(child, label, None)
                if isinstance(value, str):
                    found.append(value)
            walk(child)

    walk(at._tree)
    return found


def assert_inert(at) -> None:
    for text in texts(at):
        assert not LIVE_TAG.search(text), text[:300]
        assert not LIVE_LINK.search(text), text[:300]
        assert not LIVE_RUN.search(text), text[:300]


@pytest.mark.parametrize("step", PAGES, ids=lambda s: s.key)
def test_every_page_renders_hostile_text_inert(hostile_file, step, monkeypatch):
    monkeypatch.setenv("PLANNER_DB", str(hostile_file))
    at = open_page(step.page)  # asserts no exception
    assert_inert(at)
    key, views = VIEWS.get(step.page, (None, []))
    if views:  # a view the page does not draw would be tested as the default one
        assert [tab.label for tab in at.tabs] == views
    for view in views:
        at.session_state[key] = view
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        assert_inert(at)
