"""The layers, checked on the source itself: Streamlit only in the planner/ui/ package, SQL
only in the store, and pages that draw a step's view and call its commands, nothing more.

- Inside planner/, only the ui/ package imports streamlit (the benchmark may import
  ``streamlit.testing``: it runs the pages under AppTest, as the tests do).
- No SQL outside the store (planner/store.py, planner/store_*.py, planner/store/,
  planner/migrations/): no string in any other module or page reads as a statement.
- A page (app.py, pages/*.py) imports only streamlit, pandas, the standard library,
  planner.ui, planner.steps.*, planner.guidance, planner.vocabulary and planner.errors;
  from another planner module only plain value types (dataclasses, enums) and UPPERCASE
  constants.
- A page never calls a store method: ``store`` is only handed to a step's functions.
- Sizes a newcomer can read in one sitting: a page under 300 lines, a planner/ module
  under 600, no class with more than 35 public methods.
"""

from __future__ import annotations

import ast
import dataclasses
import enum
import importlib
import inspect
import re
import sys
from pathlib import Path

import pytest

from planner.paths import REPO_ROOT

PLANNER = REPO_ROOT / "planner"
PLANNER_SOURCES = sorted(PLANNER.rglob("*.py"))
PAGES = [REPO_ROOT / "app.py", *sorted((REPO_ROOT / "pages").glob("*.py"))]


def name(path: Path) -> str:
    return str(path.relative_to(REPO_ROOT)) if path.is_relative_to(REPO_ROOT) else path.name


def pages() -> list:
    """Every page, as parameters."""
    return [pytest.param(path, id=name(path)) for path in PAGES]


def parse(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def imported_modules(tree: ast.Module) -> list[tuple[int, str]]:
    """(line, module) of every import; a relative import is named with its dots."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            found.append((node.lineno, "." * node.level + (node.module or "")))
    return found


# -- 1. Streamlit only in the planner/ui/ package -------------------------------------------


def in_the_ui(path: Path) -> bool:
    return PLANNER / "ui" in path.parents


def streamlit_imports(path: Path) -> list[str]:
    in_bench = PLANNER / "bench" in path.parents
    return [
        f"{path.name}:{line} imports {module}"
        for line, module in imported_modules(parse(path))
        if (module == "streamlit" or module.startswith("streamlit."))
        and not (in_bench and module.startswith("streamlit.testing"))
    ]


OUTSIDE_THE_UI = [p for p in PLANNER_SOURCES if not in_the_ui(p)]


@pytest.mark.parametrize("path", OUTSIDE_THE_UI, ids=name)
def test_only_the_ui_package_imports_streamlit(path):
    assert streamlit_imports(path) == []


# -- 2. SQL only in the store -------------------------------------------------------------

SQL = re.compile(
    r"\bSELECT\b.+?\bFROM\b"
    r"|\bINSERT\s+(?:OR\s+\w+\s+)?INTO\b"
    r"|\bUPDATE\s+\S+\s+SET\b"
    r"|\bDELETE\s+FROM\b"
    r"|\b(?:CREATE|ALTER|DROP)\s+(?:TABLE|VIEW|INDEX|SEQUENCE|SCHEMA)\b",
    re.DOTALL,  # keywords in capitals, as the store writes them: English prose is not SQL
)


def in_the_store(path: Path) -> bool:
    relative = path.relative_to(PLANNER).parts if PLANNER in path.parents else ()
    return bool(relative) and (
        relative[0] in ("store", "migrations")
        or (len(relative) == 1 and re.fullmatch(r"store(_\w+)?\.py", relative[0]) is not None)
    )


def sql_strings(path: Path) -> list[str]:
    """Every string literal (an f-string with its fields as {}) that reads as SQL."""
    found = []
    for node in ast.walk(parse(path)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
        elif isinstance(node, ast.JoinedStr):
            text = "".join(
                part.value if isinstance(part, ast.Constant) else "{}" for part in node.values
            )
        else:
            continue
        if match := SQL.search(text):
            found.append(f"{path.name}:{node.lineno} {match.group(0)[:60]!r}")
    return found


OUTSIDE_THE_STORE = [p for p in PLANNER_SOURCES if not in_the_store(p)]


@pytest.mark.parametrize("path", OUTSIDE_THE_STORE, ids=name)
def test_no_sql_outside_the_store(path):
    assert sql_strings(path) == []


@pytest.mark.parametrize("path", pages())
def test_no_sql_in_a_page(path):
    assert sql_strings(path) == []


# -- 3. What a page may import ------------------------------------------------------------

PAGE_MODULES = ("planner.ui", "planner.guidance", "planner.vocabulary", "planner.errors",
                "planner.feed_server")  # fmt: skip  # the routes app.py adds to the server


def module_allowed(module: str) -> bool:
    top = module.split(".")[0]
    return (
        top in ("streamlit", "pandas", "__future__")
        or top in sys.stdlib_module_names
        or module in PAGE_MODULES
        or module == "planner.steps"
        or module.startswith("planner.steps.")
    )


def value_type(name: str, value: object) -> bool:
    """A plain value: a dataclass or an enum, or an UPPERCASE constant (not a function)."""
    if isinstance(value, type):
        return dataclasses.is_dataclass(value) or issubclass(value, enum.Enum)
    constant = name.upper() == name and any(c.isalpha() for c in name)
    return constant and not callable(value) and not inspect.ismodule(value)


def import_problems(path: Path) -> list[str]:
    found = []
    for node in ast.walk(parse(path)):
        where = f"{path.name}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Import):
            found += [f"{where} import {a.name}" for a in node.names if not module_allowed(a.name)]
        elif isinstance(node, ast.ImportFrom):
            module = "." * node.level + (node.module or "")
            if module == "planner":  # from planner import ui, steps, charts...
                found += [
                    f"{where} from planner import {a.name}"
                    for a in node.names
                    if not module_allowed(f"planner.{a.name}")
                ]
            elif module_allowed(module):
                continue
            elif module.startswith("planner."):
                source = importlib.import_module(module)
                found += [
                    f"{where} from {module} import {a.name}"
                    for a in node.names
                    if not value_type(a.name, getattr(source, a.name, None))
                ]
            else:
                found.append(f"{where} from {module} import ...")
    return found


@pytest.mark.parametrize("path", pages())
def test_a_page_imports_only_its_steps_and_plain_values(path):
    assert import_problems(path) == []


# -- 4. No store method called from a page ------------------------------------------------


def store_calls(path: Path) -> list[str]:
    """Every call of something reached from the name ``store`` (store.x(), store.a.b())."""
    found = []
    for node in ast.walk(parse(path)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            root = node.func
            while isinstance(root, ast.Attribute):
                root = root.value
            if isinstance(root, ast.Name) and root.id == "store":
                found.append(f"{path.name}:{node.lineno} store...{node.func.attr}()")
    return found


@pytest.mark.parametrize("path", pages())
def test_a_page_never_calls_the_store(path):
    assert store_calls(path) == []


# -- the rules find what they look for ---------------------------------------------------


# -- 5. Sizes -------------------------------------------------------------------------------

PAGE_LINES_MAX = 300
MODULE_LINES_MAX = 600
PUBLIC_METHODS_MAX = 35


def line_count(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def crowded_classes(path: Path) -> list[str]:
    """Classes with more public methods than a reader can hold in mind."""
    found = []
    for node in ast.walk(parse(path)):
        if isinstance(node, ast.ClassDef):
            public = [
                item.name
                for item in node.body
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef)
                and not item.name.startswith("_")
            ]
            if len(public) > PUBLIC_METHODS_MAX:
                found.append(f"{name(path)}:{node.lineno} {node.name} has {len(public)}")
    return found


@pytest.mark.parametrize("path", pages())
def test_a_page_reads_in_one_sitting(path):
    assert line_count(path) < PAGE_LINES_MAX, f"{name(path)}: split its drawing into ui helpers"


@pytest.mark.parametrize("path", [pytest.param(p, id=name(p)) for p in PLANNER_SOURCES])
def test_a_planner_module_reads_in_one_sitting(path):
    assert line_count(path) < MODULE_LINES_MAX, f"{name(path)}: split it by concern"
    assert crowded_classes(path) == []


def test_the_rules_find_what_they_look_for(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import json\n"
        "import streamlit as st\n"
        "from streamlit.testing.v1 import AppTest\n"
        "import planner.store\n"
        "from planner import charts, guidance, ui\n"
        "from planner.steps import progress\n"
        "from planner.goals import GoalDraft, progress as rule\n"
        "from planner.progress import TREE_NODES_MAX, load\n"
        "from planner.store import Store\n"
        "import requests\n"
        "store = ui.page('x')\n"
        "progress.load(store, today=None)\n"
        "store.list_goals()\n"
        "store.database.reads.changed()\n"
        "sql = f'SELECT id, {columns} FROM goals'\n"
        "more = 'UPDATE goals SET title = ?'\n"
        "prose = 'Select a goal from the list, then update its settings.'\n"
    )
    assert streamlit_imports(sample) == [
        "sample.py:2 imports streamlit",
        "sample.py:3 imports streamlit.testing.v1",
    ]
    assert sorted(import_problems(sample)) == [
        "sample.py:10 import requests",
        "sample.py:4 import planner.store",
        "sample.py:5 from planner import charts",
        "sample.py:7 from planner.goals import progress",
        "sample.py:8 from planner.progress import load",
        "sample.py:9 from planner.store import Store",
    ]
    assert store_calls(sample) == [
        "sample.py:13 store...list_goals()",
        "sample.py:14 store...changed()",
    ]
    assert [line.split(" ")[0] for line in sql_strings(sample)] == ["sample.py:15", "sample.py:16"]
    assert in_the_store(PLANNER / "store.py") and in_the_store(PLANNER / "store_plans.py")
    assert in_the_store(PLANNER / "migrations" / "__init__.py")
    assert in_the_store(PLANNER / "store" / "goals.py")
    assert not in_the_store(PLANNER / "steps" / "store_things.py")
    assert not in_the_store(PLANNER / "progress.py")
    assert not in_the_store(REPO_ROOT / "pages" / "store.py")
    assert in_the_ui(PLANNER / "ui" / "forms.py") and in_the_ui(PLANNER / "ui" / "__init__.py")
    assert not in_the_ui(PLANNER / "ui.py") and not in_the_ui(PLANNER / "uikit.py")
    assert not in_the_ui(PLANNER / "steps" / "ui" / "forms.py")
    crowded = tmp_path / "crowded.py"
    crowded.write_text(
        "class Everything:\n"
        + "".join(f"    def m{n}(self): ...\n" for n in range(PUBLIC_METHODS_MAX + 1))
        + "    def _hidden(self): ...\n"
        "class Fine:\n    def one(self): ...\n"
    )
    assert [problem.split(" ", 1)[1] for problem in crowded_classes(crowded)] == [
        f"Everything has {PUBLIC_METHODS_MAX + 1}"
    ]
    assert line_count(crowded) == PUBLIC_METHODS_MAX + 5
    assert PLANNER / "ui" / "forms.py" not in OUTSIDE_THE_UI
    assert PLANNER / "steps" / "contacts.py" in OUTSIDE_THE_UI
