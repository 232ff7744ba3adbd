"""The planner on a PostgreSQL server, for a deployment shared by many people.

The same repositories and the same SQL run here as on DuckDB: statements are written
with DuckDB's placeholders (``?`` and ``$name``) and translated once to psycopg's.
What differs is how a session reaches the data:

- Connections come from a pool; a read borrows one for a transaction, a write keeps
  one for the whole user action.
- Every transaction first says whose it is (``SET LOCAL planner.owner``): row-level
  security then shows it that owner's rows only, even to a query that forgot its
  ``owner_id`` filter.
- Several app processes share the database, so a write transaction holds the owner's
  advisory lock (one writer per planner at a time, like DuckDB's write lock within a
  process) and moves the owner's row in ``owner_versions`` on; each process reads that
  number once per rerun to learn whether its remembered reads are still true.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

from planner import migrations, read_cache
from planner.errors import WriteConflict
from planner.store.repository import IDS_PER_OWNER_FROM, Session

if TYPE_CHECKING:
    from planner.store import Store
    from planner.store.database import Column

LOCAL_OWNER = "local"
POOL_SIZE_DEFAULT = 10
_MANY_ROWS = 500  # rows inserted at once after which a table's statistics are refreshed
CONNECT_TIMEOUT_S = 30  # how long to wait for the server before saying it cannot be reached
_OWNER_VERSIONS_FROM = IDS_PER_OWNER_FROM  # owner_versions came with per-owner ids
# The owner setting that row-level security reads; set per transaction.
OWNER_SETTING = "planner.owner"
# The one value of it that shows every owner's rows: only migrations set it.
EVERY_OWNER = "*every-owner*"
_TYPES = {  # PostgreSQL's type names as DuckDB spells them (the backup's vocabulary)
    "character varying": "VARCHAR",
    "text": "VARCHAR",
    "character varying[]": "VARCHAR[]",
    "text[]": "VARCHAR[]",
    "bigint": "BIGINT",
    "integer": "INTEGER",
    "smallint": "SMALLINT",
    "boolean": "BOOLEAN",
    "date": "DATE",
    "timestamp without time zone": "TIMESTAMP",
    "double precision": "DOUBLE",
    "bigint[]": "BIGINT[]",
}


def is_database_url(target: object) -> bool:
    return isinstance(target, str) and target.startswith(("postgresql://", "postgres://"))


def shown_url(url: str) -> str:
    """The address without any password (in the address or among its options), for
    messages: postgresql://user@host:port/name."""
    parts = urlsplit(url)
    try:
        port = f":{parts.port}" if parts.port else ""
    except ValueError:  # a port that is not a number: show no port
        port = ""
    host = parts.hostname or ""
    if ":" in host:  # an IPv6 address keeps its brackets
        host = f"[{host}]"
    user = f"{parts.username}@" if parts.username else ""
    return urlunsplit((parts.scheme, user + host + port, parts.path, "", ""))


_TOKENS = re.compile(r"--[^\n]*|'(?:[^']|'')*'|::|\$[A-Za-z_][A-Za-z_0-9]*|\?|%", re.DOTALL)


@functools.lru_cache(maxsize=4096)
def translate(sql: str) -> str:
    """A statement in DuckDB's placeholders (``?``, ``$name``) in psycopg's (``%s``,
    ``%(name)s``); every ``%`` doubled. A ``?`` or ``$`` inside quotes or a comment is
    text, not a placeholder."""

    def one(match: re.Match) -> str:
        token = match.group(0)
        if token == "?":
            return "%s"
        if token == "%":
            return "%%"
        if token.startswith("$"):
            return f"%({token[1:]})s"
        return token.replace("%", "%%")  # psycopg reads % inside quotes and comments too

    return _TOKENS.sub(one, sql)


def _as_arrays(params: Any) -> Any:
    """Tuples as lists: psycopg sends a tuple as a record, DuckDB reads it as a list."""
    if isinstance(params, dict):
        return {k: list(v) if isinstance(v, tuple) else v for k, v in params.items()}
    return [list(v) if isinstance(v, tuple) else v for v in params]


class PostgresCursor:
    """A psycopg cursor that takes the statements the repositories write for DuckDB."""

    def __init__(self, cursor: Any):
        self._cursor = cursor

    def execute(self, sql: str, params: Any = ()) -> PostgresCursor:
        if params:
            self._cursor.execute(translate(sql), _as_arrays(params))
        else:  # psycopg reads no placeholders in a statement given no parameters
            self._cursor.execute(sql)
        return self

    def fetchone(self) -> tuple | None:
        return self._cursor.fetchone()

    def fetchall(self) -> list[tuple]:
        return self._cursor.fetchall()

    @property
    def raw(self) -> Any:
        """The psycopg cursor itself, for many rows at once."""
        return self._cursor


def _numeric_as_number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _configure(connection: Any) -> None:
    """Sums and averages come back as PostgreSQL's ``numeric``; the planner's code
    (written for DuckDB) expects ints and floats."""
    from psycopg.types.numeric import NumericLoader

    class NumberLoader(NumericLoader):
        def load(self, data):  # type: ignore[override]
            return _numeric_as_number(super().load(data))

    connection.adapters.register_loader("numeric", NumberLoader)
    connection.autocommit = False


@contextmanager
def _autocommit(connection: Any) -> Iterator[None]:
    """The migrations say BEGIN and COMMIT themselves."""
    connection.autocommit = True
    try:
        yield
    finally:
        connection.autocommit = False


def _pool_size_setting() -> int:
    text = os.environ.get("PLANNER_DATABASE_POOL", "").strip()
    if not text:
        return POOL_SIZE_DEFAULT
    if not text.isdigit() or int(text) < 1:
        from planner.store.database import PlannerUnavailable

        raise PlannerUnavailable(
            f"PLANNER_DATABASE_POOL should be a whole number of connections, such as 10; "
            f"it is {text!r}."
        )
    return int(text)


class PostgresSession(Session):
    """One user session: no connection of its own, a pooled one per transaction."""

    def __init__(self, database: PostgresDatabase, owner_id: str):
        self.database = database
        self.owner_id = owner_id
        if owner_id == EVERY_OWNER:  # the migrations' own view of every planner
            raise ValueError(f"{owner_id!r} cannot own a planner")
        self.cursor_lock = threading.RLock()
        self._current: PostgresCursor | None = None  # the open write transaction's
        self._writer: int | None = None  # the thread that opened it

    @contextmanager
    def reading(self) -> Iterator[PostgresCursor]:
        if self._current is not None and self._writer == threading.get_ident():
            yield self._current  # a read inside this session's own write
            return
        with self.database.owner_transaction(self.owner_id) as cursor:
            yield cursor

    def rows(self, sql: str, params: Any = ()) -> list[tuple]:
        with self.reading() as cursor:
            return cursor.execute(sql, params).fetchall()

    def one(self, sql: str, params: Any = ()) -> tuple | None:
        with self.reading() as cursor:
            return cursor.execute(sql, params).fetchone()

    @contextmanager
    def transaction(self) -> Iterator[PostgresCursor]:
        with self.cursor_lock:
            if self._current is not None:
                yield self._current
                return
            with self.database.owner_transaction(self.owner_id, write=True) as cursor:
                self._current, self._writer = cursor, threading.get_ident()
                try:
                    yield cursor
                finally:
                    self._current = self._writer = None


class PostgresDatabase:
    """Many people's planners in one PostgreSQL database, through a connection pool."""

    backend = "postgres"

    def __init__(
        self,
        url: str,
        *,
        schema_version: int | None = None,
        pool_size: int = 0,
        connect_timeout: float | None = None,
    ):
        """Connect (a pool of ``pool_size`` connections, else $PLANNER_DATABASE_POOL,
        else 10) and migrate to ``schema_version`` (default: latest), once for all the
        servers starting together."""
        import psycopg
        from psycopg_pool import ConnectionPool, PoolTimeout

        from planner.store.database import PlannerUnavailable

        self.url = url
        self.path = shown_url(url)
        self.recovery_note = ""
        self.write_lock = threading.RLock()
        self.reads = read_cache.ReadCache()
        self._seen_versions: dict[str, int] = {}
        self.pool_size = max(pool_size or _pool_size_setting(), 1)
        connect_timeout = CONNECT_TIMEOUT_S if connect_timeout is None else connect_timeout
        self._check_role(url, connect_timeout)
        self._pool = ConnectionPool(
            url,
            min_size=1,
            max_size=self.pool_size,
            configure=_configure,
            check=ConnectionPool.check_connection,  # a server restarted meanwhile
            open=False,
            name="planner",
            timeout=connect_timeout,
        )
        try:
            self._pool.open(wait=True, timeout=connect_timeout)
        except (psycopg.Error, PoolTimeout) as error:
            self._pool.close()
            raise PlannerUnavailable(
                f"The planner's database at {self.path} cannot be reached ({error}). "
                "Check PLANNER_DATABASE_URL and that the server is running."
            ) from None
        try:
            self._migrate(schema_version)
            self._user_tables = self._read_user_tables()
            self.schema_version = self._schema_version()
            self._versioned = self.schema_version >= _OWNER_VERSIONS_FROM
        except Exception:
            self._pool.close()
            raise

    def _check_role(self, url: str, timeout: float) -> None:
        """Connect once, to say why if the server refuses (a wrong password, no such
        database), and to refuse a role that row-level security would not bind."""
        import psycopg

        from planner.store.database import PlannerUnavailable

        try:
            with psycopg.connect(url, connect_timeout=max(int(timeout), 1)) as connection:
                superuser, bypass = connection.execute(
                    "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user"
                ).fetchone()
        except psycopg.Error as error:
            reason = " ".join(str(error).split())
            raise PlannerUnavailable(
                f"The planner's database at {self.path} cannot be reached ({reason}). "
                "Check PLANNER_DATABASE_URL and that the server is running."
            ) from None
        if superuser or bypass:
            raise PlannerUnavailable(
                f"The planner connects to {self.path} as a role that passes through "
                "row-level security (a superuser, or BYPASSRLS), so one person's rows would "
                "not be kept from another's. Connect as an ordinary role that owns the "
                "database."
            )

    # -- transactions -----------------------------------------------------------------

    @contextmanager
    def owner_transaction(self, owner_id: str, *, write: bool = False) -> Iterator[PostgresCursor]:
        """One transaction as ``owner_id``: committed at the end, rolled back on error.
        A write also holds the owner's advisory lock and moves the owner's version on."""
        import psycopg

        version, committed = None, False
        with contextlib.ExitStack() as borrowed:
            try:
                connection = borrowed.enter_context(self._pool.connection())
            except psycopg.OperationalError as error:  # the server is down or full
                if write:
                    raise
                raise self._unreachable(error) from None
            try:
                with connection.transaction(), psycopg.ClientCursor(connection) as raw:
                    raw.execute("SELECT set_config(%s, %s, true)", [OWNER_SETTING, owner_id])
                    if write:
                        raw.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [owner_id])
                    cursor = PostgresCursor(raw)
                    yield cursor
                    if write and self._versioned:
                        (version,) = raw.execute(
                            "INSERT INTO owner_versions (owner_id, version) VALUES (%s, 1) "
                            "ON CONFLICT (owner_id) DO UPDATE "
                            "SET version = owner_versions.version + 1 RETURNING version",
                            [owner_id],
                        ).fetchone()
                    committed = write  # the commit follows as the block ends
            except (psycopg.errors.SerializationFailure, psycopg.errors.DeadlockDetected) as e:
                # The owner's advisory lock keeps two saves to one planner apart; this is
                # the rare conflict PostgreSQL finds anyway. Nothing was saved.
                raise WriteConflict() from e
            except psycopg.OperationalError as error:
                if write:  # a save that failed: the page shows what was refused
                    raise
                raise self._unreachable(error) from None
            finally:
                if committed:  # (or the commit itself failed): read afresh
                    self.reads.changed(owner_id)
                if version is not None:
                    self._seen_versions[owner_id] = version

    def _unreachable(self, error: Exception) -> Exception:
        from planner.store.database import PlannerUnavailable

        return PlannerUnavailable(
            f"The planner's database at {self.path} cannot be reached right now "
            f"({error}). Nothing was lost; reload the page in a moment."
        )

    def notice_other_writes(self, owner_id: str) -> None:
        """(Once per rerun.) Forget what was remembered of ``owner_id``'s planner if
        another process has written to it since."""
        import psycopg

        if not self._versioned:
            return
        try:
            with self._pool.connection() as connection:
                row = connection.execute(
                    "SELECT version FROM owner_versions WHERE owner_id = %s", [owner_id]
                ).fetchone()
                connection.commit()
        except psycopg.OperationalError as error:
            raise self._unreachable(error) from None
        version = row[0] if row else 0
        if self._seen_versions.get(owner_id) != version:
            self._seen_versions[owner_id] = version
            self.reads.changed(owner_id)

    # -- schema ---------------------------------------------------------------------------

    def _migrate(self, schema_version: int | None) -> None:
        import psycopg

        from planner.store.database import PlannerUnavailable

        with self._pool.connection() as connection, _autocommit(connection):
            cursor = PostgresCursor(psycopg.ClientCursor(connection))
            try:
                migrations.migrate(cursor, target=schema_version, backend=self.backend)
            except migrations.SchemaTooNew as error:
                raise PlannerUnavailable(
                    f"The planner's database at {self.path} was written by a newer version "
                    f"of the program: {error} It was not changed."
                ) from error
            except Exception as error:
                now_at = migrations.current_version(cursor)
                raise PlannerUnavailable(
                    f"Updating the planner's database at {self.path} to this version of the "
                    f"program failed ({error}). The step that failed changed nothing: the "
                    f"database is as it was at version {now_at}."
                ) from error

    def upgrade(self) -> list[int]:
        import psycopg

        with self._pool.connection() as connection, _autocommit(connection):
            cursor = PostgresCursor(psycopg.ClientCursor(connection))
            done = migrations.migrate(cursor, backend=self.backend)
        self._user_tables = self._read_user_tables()
        self.schema_version = self._schema_version()
        self._versioned = self.schema_version >= _OWNER_VERSIONS_FROM
        self.reads.changed()
        return done

    def _schema_version(self) -> int:
        import psycopg

        with self._pool.connection() as connection:
            return migrations.current_version(PostgresCursor(psycopg.ClientCursor(connection)))

    def _read_user_tables(self) -> dict[str, list[Column]]:
        from planner.store.database import INTERNAL_TABLES, Column

        with self._pool.connection() as connection:
            rows = connection.execute(
                """
                SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod),
                       NOT a.attnotnull
                FROM pg_attribute a
                JOIN pg_class c ON c.oid = a.attrelid
                WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'
                  AND a.attnum > 0 AND NOT a.attisdropped
                ORDER BY c.relname, a.attnum
                """
            ).fetchall()
            connection.commit()
        tables: dict[str, list[Column]] = {}
        for table, column, type_, nullable in rows:
            if table in INTERNAL_TABLES or column == "owner_id":
                continue
            tables.setdefault(table, []).append(Column(column, _TYPES.get(type_, type_), nullable))
        return tables

    @property
    def user_tables(self) -> dict[str, list[Column]]:
        return self._user_tables

    # -- sessions -------------------------------------------------------------------------

    def session(self, owner_id: str = LOCAL_OWNER) -> Store:
        from planner.store import Store

        return Store(PostgresSession(self, owner_id))

    def insert_rows(
        self, cursor: PostgresCursor, table: str, columns: list[str], rows, *, analyze=True
    ) -> None:
        """Many rows into ``table`` at once: psycopg sends them in one pipeline (COPY would
        be quicker, but PostgreSQL refuses it on a table with row-level security)."""
        from planner.store.database import quote_identifier

        names = ", ".join(quote_identifier(c) for c in columns)
        marks = ", ".join(["%s"] * len(columns))
        rows = [_as_arrays(row) for row in rows]
        cursor.raw.executemany(
            f"INSERT INTO {quote_identifier(table)} ({names}) VALUES ({marks})", rows
        )
        if analyze and len(rows) >= _MANY_ROWS:
            self.after_bulk_write(cursor, [table])

    def after_bulk_write(self, cursor: PostgresCursor, tables: list[str]) -> None:
        """Bring the planner's statistics of ``tables`` up to date after many rows went
        in at once (a restore, an import): until autovacuum gets round to it, the planner
        would pick plans for empty tables, and a page can take minutes instead of
        milliseconds."""
        from planner.store.database import quote_identifier

        if tables:
            cursor.execute("ANALYZE " + ", ".join(quote_identifier(t) for t in sorted(tables)))

    def load_table(
        self, cursor: PostgresCursor, table: str, incoming: Any, owner_id: str, *, replace: bool
    ) -> None:
        """Write an Arrow table's rows into ``table`` (with ``replace``, in place of the
        owner's rows: PostgreSQL's log replays a delete and insert of a key fine)."""
        from planner.store.database import quote_identifier

        if replace:
            cursor.execute(f"DELETE FROM {quote_identifier(table)} WHERE owner_id = ?", [owner_id])
        columns = incoming.column_names
        rows = (tuple(row[c] for c in columns) for row in incoming.to_pylist())
        self.insert_rows(cursor, table, columns, rows, analyze=False)  # the caller analyzes

    def checkpoint(self) -> None:
        """PostgreSQL keeps its own log safe; nothing to do."""

    def close(self) -> None:
        self._pool.close()

    def __enter__(self) -> PostgresDatabase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
