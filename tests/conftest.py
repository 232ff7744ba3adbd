from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from planner.store import Database, Store

TODAY = date(2026, 11, 22)  # a Sunday; tests that depend on "today" pass it explicitly


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
