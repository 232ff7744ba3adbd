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


def constant_styles(tree: ast.Module) -> set[str]:
    """Module-level names bound to one string literal that is a single <style> element and
    nothing else: fixed CSS written in the source, which no user text can reach."""
    names = set()
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
            value = node.value.value
            if isinstance(value, str) and re.fullmatch(r"<style>[^<]*</style>", value):
                names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
    return names


def calls_with_raw_html(path) -> list[str]:
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    styles = constant_styles(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            for keyword in node.keywords:
                if keyword.arg == "unsafe_allow_html":
                    found.append(f"{path.name}:{node.lineno} unsafe_allow_html")
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr == "html":
                base = func.value
                fixed_css = [type(a) for a in node.args] == [ast.Name] and (
                    node.args[0].id in styles
                )
                if isinstance(base, ast.Name) and base.id == "st" and not fixed_css:
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


def test_only_a_fixed_style_written_in_the_source_may_go_to_st_html(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import streamlit as st\n"
        'CSS = "<style>.a{color:red}</style>"\n'
        'NOT_CSS = "<style>.a{}</style><img src=x>"\n'
        "st.html(CSS)\n"
        "st.html(NOT_CSS)\n"
        "st.html(CSS + name)\n"
        'st.html(f"<style>{name}</style>")\n'
    )
    assert calls_with_raw_html(sample) == [
        "sample.py:5 st.html",
        "sample.py:6 st.html",
        "sample.py:7 st.html",
    ]


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
