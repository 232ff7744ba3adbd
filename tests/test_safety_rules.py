"""Rules that keep user text inert everywhere, checked on the source itself: no page or
planner module opens a door for raw HTML, the one component never parses markup, and
the server keeps its cross-site protection and stays on this machine."""

from __future__ import annotations

import ast
import re
import tomllib

import pytest

from planner.paths import REPO_ROOT

SOURCES = sorted(
    [
        REPO_ROOT / "app.py",
        *(REPO_ROOT / "pages").glob("*.py"),
        *(REPO_ROOT / "planner").rglob("*.py"),
    ]
)


def calls_with_raw_html(path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            for keyword in node.keywords:
                if keyword.arg == "unsafe_allow_html":
                    found.append(f"{path.name}:{node.lineno} unsafe_allow_html")
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr == "html":
                base = func.value
                if isinstance(base, ast.Name) and base.id == "st":
                    found.append(f"{path.name}:{node.lineno} st.html")
            if isinstance(func, ast.Attribute) and func.attr in ("iframe", "declare_component"):
                found.append(f"{path.name}:{node.lineno} {func.attr}")
    return found


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(REPO_ROOT)))
def test_no_source_passes_raw_html_to_streamlit(path):
    assert calls_with_raw_html(path) == []


def test_the_rule_finds_what_it_looks_for(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import streamlit as st\nst.markdown(x, unsafe_allow_html=True)\nst.html(x)\n"
    )
    assert calls_with_raw_html(sample) == ["sample.py:2 unsafe_allow_html", "sample.py:3 st.html"]


def test_the_only_component_is_the_autosave_field_and_it_never_parses_markup():
    components = REPO_ROOT / "planner" / "components"
    scripts = sorted(components.glob("*.js"))
    assert [p.name for p in scripts] == ["autosave.js"]
    code = scripts[0].read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                 "new Function", "setAttribute(\"on"):  # fmt: skip
        assert sink not in code, sink
    assert ".value" in code  # the notes travel as a text field's value, never as markup
    html = (components / "autosave.html").read_text(encoding="utf-8")
    assert not re.search(r"<script|\son\w+=", html, re.IGNORECASE)


def test_the_server_stays_on_this_machine_with_xsrf_protection():
    config = tomllib.loads((REPO_ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["address"] == "localhost"
    assert config["server"]["enableXsrfProtection"] is True
    assert config["browser"]["gatherUsageStats"] is False
