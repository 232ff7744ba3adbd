from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path

import pytest

from planner import demo, local_postgres
from planner.store import Database, Store, open_database

from .fixtures import TODAY, hand_built_planner

__all__ = ["TODAY"]  # tests import it from here

# Every test that takes ``database`` or ``store`` runs on each backend.
BACKENDS = ["duckdb", "postgres"]
_TEMPLATE = "planner_template"  # a migrated database each test's is copied from
_DATABASE_NUMBERS = itertools.count(1)


@pytest.fixture(scope="session")
def postgres_server() -> local_postgres.LocalPostgres:
    """A throwaway PostgreSQL server for the whole run, from Debian's packages. When it
    cannot start, every test on PostgreSQL fails with the reason (never a silent skip)."""
    try:
        server = local_postgres.start()
    except local_postgres.PostgresNotAvailable as error:
        pytest.fail(f"The PostgreSQL tests need a local server: {error}", pytrace=False)
    try:
        open_database(server.create_database(_TEMPLATE)).close()  # migrated once
        yield server
    finally:
        server.stop()


@pytest.fixture
def postgres_url(postgres_server: local_postgres.LocalPostgres) -> str:
    """The address of a new database of this test's own, already migrated."""
    name = f"test_{next(_DATABASE_NUMBERS)}"
    url = postgres_server.create_database(name, template=_TEMPLATE)
    yield url
    postgres_server.drop_database(name)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def database(backend: str, request: pytest.FixtureRequest) -> Database:
    """A new, empty planner on each backend: DuckDB in memory, then PostgreSQL."""
    target = ":memory:" if backend == "duckdb" else request.getfixturevalue("postgres_url")
    with open_database(target) as db:
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
def server_planner(postgres_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The app under AppTest keeps its planner on a new PostgreSQL database (no file)."""
    from planner.store import database as store_database

    monkeypatch.setenv("PLANNER_DATABASE_URL", postgres_url)
    monkeypatch.delenv("PLANNER_DB", raising=False)
    yield postgres_url
    opened = store_database._SHARED.pop(postgres_url, None)
    if opened is not None:
        opened.close()


@pytest.fixture
def app_planner(backend: str, request: pytest.FixtureRequest) -> str | Path:
    """Where the app under AppTest keeps its planner, on each backend: a file, then a
    PostgreSQL database."""
    if backend == "duckdb":
        return request.getfixturevalue("planner_file")
    return request.getfixturevalue("server_planner")


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
