"""The planner's storage: a ``Database`` (one DuckDB file, one connection per process,
its write lock, migrations and read cache) and, per user session, a ``Store`` made of
one repository per aggregate: ``store.goals``, ``store.contacts``, ``store.meetings``...

All SQL in the project lives in this package, parameterised, every query filtered on
the session's owner id, every save one transaction behind the write lock.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from planner.store.actions import ActionRepository
from planner.store.bank import BankRepository
from planner.store.board import BoardRepository
from planner.store.contacts import ContactRepository
from planner.store.content import ContentRepository
from planner.store.database import (
    ARROW_TYPES,
    DEFAULT_DATABASE,
    INTERNAL_TABLES,
    LOCAL_OWNER,
    Column,
    Database,
    PlannerInUse,
    PlannerPlace,
    PlannerUnavailable,
    database_path,
    database_target,
    demo_database_path,
    demo_place,
    open_database,
    shared_database,
)
from planner.store.goals import GoalRepository
from planner.store.meetings import MeetingRepository
from planner.store.metrics import MetricsRepository
from planner.store.notes import NoteRepository
from planner.store.organisations import OrganisationRepository
from planner.store.outreach import OutreachRepository
from planner.store.plans import PlanRepository
from planner.store.reflections import ReflectionRepository
from planner.store.repository import Session
from planner.store.settings import SettingsRepository

__all__ = [
    "ARROW_TYPES",
    "DEFAULT_DATABASE",
    "INTERNAL_TABLES",
    "LOCAL_OWNER",
    "Column",
    "Database",
    "PlannerInUse",
    "PlannerPlace",
    "PlannerUnavailable",
    "Store",
    "database_path",
    "database_target",
    "demo_database_path",
    "demo_place",
    "integrity_errors",
    "open_database",
    "open_store",
    "shared_database",
]


class Store:
    """One session's planner, as its repositories. Create with ``Database.session()``."""

    def __init__(self, session: Session):
        self.session = session
        self.goals = GoalRepository(session, self)
        self.organisations = OrganisationRepository(session, self)
        self.notes = NoteRepository(session, self)
        self.contacts = ContactRepository(session, self)
        self.outreach = OutreachRepository(session, self)
        self.meetings = MeetingRepository(session, self)
        self.plans = PlanRepository(session, self)
        self.bank = BankRepository(session, self)
        self.reflections = ReflectionRepository(session, self)
        self.actions = ActionRepository(session, self)
        self.settings = SettingsRepository(session, self)
        self.metrics = MetricsRepository(session, self)
        self.board = BoardRepository(session, self)
        self.content = ContentRepository(session, self)

    @property
    def owner_id(self) -> str:
        return self.session.owner_id

    @property
    def database(self) -> Database:
        return self.session.database

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """Several writes of one user action, saved together or not at all."""
        with self.session.transaction() as cursor:
            yield cursor


def open_store(target: str | Path, owner_id: str = LOCAL_OWNER) -> Store:
    """A store on its own Database (a file or a database address), for the command line
    and tests."""
    return open_database(target).session(owner_id)


def integrity_errors() -> tuple[type[Exception], ...]:
    """The errors a database raises for a row that breaks a key or a constraint."""
    try:
        import psycopg
    except ImportError:
        return (duckdb.ConstraintException,)
    return (duckdb.ConstraintException, psycopg.errors.IntegrityError)
