from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from planner import demo
from planner.store import Database, Store

from .fixtures import TODAY, hand_built_planner

__all__ = ["TODAY"]  # tests import it from here


@pytest.fixture
def database() -> Database:
    with Database(":memory:") as db:
        yield db


@pytest.fixture
def store(database: Database) -> Store:
    return database.session()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "planner.duckdb"


@pytest.fixture
def planner_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The planner file the app under AppTest opens (through PLANNER_DB)."""
    path = tmp_path / "planner.duckdb"
    monkeypatch.setenv("PLANNER_DB", str(path))
    return path


@pytest.fixture
def hand_built(store: Store) -> dict[str, int]:
    """Two goals and four people whose Progress numbers are worked out by hand (ids by name)."""
    return hand_built_planner(store)


@pytest.fixture
def demo_file(planner_file: Path) -> Path:
    """The planner file the app opens, holding the demo planner dated around today."""
    with Database(planner_file) as db:
        demo.load_demo(db.session(), today=date.today())
    return planner_file
