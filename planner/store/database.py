"""The planner file: one DuckDB connection per process, its write lock and migrations.

``Database`` owns the process-wide connection, the write lock and the
migrations. ``Store`` is one session's view of it: its own cursor (DuckDB
cursors on one connection must not run queries at the same time), every query
filtered on the owner id, every save one transaction behind the write lock.
All SQL in the project lives here, parameterised.
"""

from __future__ import annotations

import os
import threading
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import pyarrow as pa

from planner import migrations, read_cache
from planner.paths import DATA_DIR
from planner.store.repository import Session

if TYPE_CHECKING:
    from planner.store import Store

LOCAL_OWNER = "local"
# How each column type the planner uses is held in Arrow (backups, restores, imports).
ARROW_TYPES: dict[str, pa.DataType] = {
    "BIGINT": pa.int64(),
    "INTEGER": pa.int32(),
    "VARCHAR": pa.string(),
    "BOOLEAN": pa.bool_(),
    "DATE": pa.date32(),
    "TIMESTAMP": pa.timestamp("us"),
    "VARCHAR[]": pa.list_(pa.string()),
}
DEFAULT_DATABASE = DATA_DIR / "planner.duckdb"
# Bookkeeping tables: not user content, never exported.
INTERNAL_TABLES = frozenset(
    {"schema_migrations", "id_counters", "owner_id_counters", "owner_versions", "feed_tokens"}
)


def database_path(environ: dict[str, str] | None = None) -> Path:
    """The user's planner file: $PLANNER_DB if set, else data/planner.duckdb."""
    environ = os.environ if environ is None else environ
    configured = environ.get("PLANNER_DB", "").strip()
    return Path(configured).expanduser() if configured else DEFAULT_DATABASE


def demo_database_path(path: Path) -> Path:
    """Where the demo planner lives beside a user's planner, never inside it."""
    return path.with_name(f"{path.stem}.demo{path.suffix or '.duckdb'}")


@dataclass(frozen=True)
class PlannerPlace:
    """Where one planner is kept: a database (a DuckDB file or a server's address) and
    the owner whose rows it is."""

    target: str | Path
    owner_id: str

    @property
    def key(self) -> str:
        """A name for it, without a database password (session state keys show it). A
        file's own planner is named by its path alone, as before there were owners (the
        browser's unsent drafts are filed under it)."""
        from planner.store.postgres import is_database_url, shown_url

        if not is_database_url(self.target):
            if self.owner_id == LOCAL_OWNER:
                return str(self.target)
            return f"{self.target}#{self.owner_id}"
        return f"{shown_url(str(self.target))}#{self.owner_id}"


DEMO_OWNER_SUFFIX = ":demo"


def demo_place(own: PlannerPlace) -> PlannerPlace:
    """Where the demo planner lives beside a user's own, never inside it: a file of its
    own beside a DuckDB planner; on a database server, the same database under an owner
    of its own (the person's id with ':demo' after it)."""
    from planner.store.postgres import is_database_url

    if is_database_url(own.target):
        return PlannerPlace(own.target, own.owner_id + DEMO_OWNER_SUFFIX)
    return PlannerPlace(demo_database_path(Path(own.target)), own.owner_id)


class PlannerInUse(RuntimeError):
    """Another process has the planner file open."""


class PlannerUnavailable(RuntimeError):
    """The planner file cannot be opened; the message says why and what to do."""


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    nullable: bool


class Database:
    """The process-wide connection to one planner file (or ``:memory:``)."""

    backend = "duckdb"

    def __init__(self, path: str | Path, *, schema_version: int | None = None):
        """Open (creating if needed) and migrate to ``schema_version`` (default: latest).

        Before a migration changes an existing planner, a copy of it is exported beside
        the file; a migration that fails leaves the planner as it was and says so.
        """
        self.path = str(path)
        self.recovery_note = ""  # set when the planner opened only after a repair
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._connection = self._connect()
        self.write_lock = threading.RLock()
        self.reads = read_cache.for_file(self.path)
        self.reads.changed()  # the file may be new, or changed while nobody here held it
        try:
            with self.write_lock:
                self._migrate(schema_version)
                self._user_tables = _read_user_tables(self._connection)
                self.schema_version = migrations.current_version(self._connection)
                self._read_every_row()
        except duckdb.Error as error:
            self._connection.close()
            raise PlannerUnavailable(self._damaged(error)) from error
        except Exception:
            self._connection.close()
            raise

    def _read_every_row(self) -> None:
        """Read every row of every table once, so a damaged file (cut short by a full
        disk or a bad copy) is found on opening, with a message, rather than by whichever
        page first reads the missing part. Hashing each row makes DuckDB read every column."""
        if self.path == ":memory:":
            return
        for table in self._user_tables:
            self._connection.execute(
                f"SELECT count(*) FROM {quote_identifier(table)} AS r WHERE hash(r) IS NULL"
            ).fetchone()

    def _damaged(self, error: duckdb.Error) -> str:
        backups = sorted(Path(self.path).parent.glob("*backup*.json"))
        latest = f" (your latest is {backups[-1]})" if backups else ""
        return (
            f"The planner at {self.path} is damaged and cannot be read ({error}). It was not "
            "changed. Move it aside, then restore your latest backup" + latest + " on the "
            "Backup page or with 'python -m planner import'."
        )

    def _connect(self) -> duckdb.DuckDBPyConnection:
        try:
            return duckdb.connect(self.path)
        except duckdb.IOException as error:
            if "lock" in str(error).lower():
                raise PlannerInUse(
                    f"The planner at {self.path} is open in another program (another "
                    "planner window or command). Close it there, then try again."
                ) from error
            return self._open_without_log(error)
        except duckdb.Error as error:
            return self._open_without_log(error)

    def _open_without_log(self, error: duckdb.Error) -> duckdb.DuckDBPyConnection:
        """The file would not open. If a write-ahead log (changes not yet folded into the
        file) is what fails to replay, move it aside (never delete it), open what the file
        holds, and say so; otherwise report the error."""
        log = Path(self.path + ".wal")
        if self.path == ":memory:" or not log.exists():
            raise PlannerUnavailable(
                f"The planner at {self.path} cannot be opened: {error}"
            ) from error
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        kept = log.with_name(f"{log.name}.unreadable-{stamp}")
        log.rename(kept)
        try:
            connection = duckdb.connect(self.path)
        except duckdb.Error as second:
            kept.rename(log)  # leave everything as it was found
            raise PlannerUnavailable(
                f"The planner at {self.path} cannot be opened: {second}"
            ) from second
        backups = sorted(Path(self.path).parent.glob("*backup*.json"))
        offer = f" Your latest backup file is {backups[-1]}." if backups else ""
        self.recovery_note = (
            "The planner's last changes could not be read back after the program stopped "
            f"unexpectedly ({error}). The planner opened with everything saved before them; "
            f"the unreadable log was kept as {kept}."
            + offer
            + " If something is missing, restore a backup on the Backup page."
        )
        return connection

    def _migrate(self, schema_version: int | None) -> None:
        current = migrations.current_version(self._connection)
        waiting = [m for m in migrations.pending(self._connection)
                   if schema_version is None or m.version <= schema_version]  # fmt: skip
        copy = None
        if current and waiting and self.path != ":memory:":
            copy = Path(f"{self.path}.before-v{waiting[0].version}")
            if not copy.exists():
                # EXPORT DATABASE reads through the connection, so changes still in the
                # write-ahead log are in the copy too (a file copy could miss them).
                self._connection.execute(f"EXPORT DATABASE '{_sql_path(copy)}' (FORMAT parquet)")
        try:
            migrations.migrate(self._connection, target=schema_version)
        except migrations.SchemaTooNew as error:
            raise PlannerUnavailable(
                f"The planner at {self.path} was written by a newer version of the program: "
                f"{error} The file was not changed."
            ) from error
        except Exception as error:
            now_at = migrations.current_version(self._connection)
            kept = f" A copy made before the update is in {copy}." if copy else ""
            raise PlannerUnavailable(
                f"Updating the planner at {self.path} to this version of the program failed "
                f"({error}). The step that failed changed nothing: the planner is as it was "
                f"at version {now_at}.{kept}"
            ) from error

    def upgrade(self) -> list[int]:
        """Apply every pending migration; returns the versions applied."""
        with self.write_lock:
            done = migrations.migrate(self._connection)
            self._user_tables = _read_user_tables(self._connection)
            self.schema_version = migrations.current_version(self._connection)
            self.reads.changed()
            return done

    @property
    def user_tables(self) -> dict[str, list[Column]]:
        """Every table holding user content, with its columns (owner_id left out)."""
        return self._user_tables

    def session(self, owner_id: str = LOCAL_OWNER) -> Store:
        """A store for one user session, with its own cursor."""
        from planner.store import Store  # the store is composed over this database

        return Store(Session(self, self._connection.cursor(), owner_id))

    def notice_other_writes(self, owner_id: str) -> None:
        """Nothing to notice: DuckDB lets one process at a time open the file, and this
        process's own writes already move the read cache on."""

    def insert_rows(self, cursor, table: str, columns: list[str], rows: list[tuple]) -> None:
        """Many rows into ``table`` in one statement, through an Arrow table."""
        types = {c.name: c.type for c in self.user_tables[table]} | {"owner_id": "VARCHAR"}
        values = list(zip(*rows, strict=True)) if rows else [() for _ in columns]
        arrays = [
            pa.array(list(v), type=ARROW_TYPES[types[c]])
            for c, v in zip(columns, values, strict=True)
        ]
        incoming = pa.Table.from_arrays(arrays, names=columns)
        self.load_table(cursor, table, incoming, owner_id=None, replace=False)

    def after_bulk_write(self, cursor, tables: list[str]) -> None:
        """Nothing to do: DuckDB keeps no statistics a plan could go stale on."""

    def load_table(
        self, cursor, table: str, incoming: pa.Table, owner_id: str | None, *, replace: bool
    ) -> None:
        """Write an Arrow table's rows into ``table``. With ``replace``, the owner's rows
        the table lacks are deleted and the rest written over in place: deleting a key
        and inserting it again in one transaction is what DuckDB has failed to replay
        from its write-ahead log after a crash."""
        cursor.register("incoming_rows", incoming)
        try:
            names = ", ".join(quote_identifier(n) for n in incoming.column_names)
            target = quote_identifier(table)
            if replace:
                cursor.execute(
                    f"DELETE FROM {target} WHERE owner_id = ? "
                    "AND id NOT IN (SELECT id FROM incoming_rows)",
                    [owner_id],
                )
            verb = "INSERT OR REPLACE" if replace else "INSERT"
            cursor.execute(f"{verb} INTO {target} ({names}) SELECT {names} FROM incoming_rows")
        finally:
            cursor.unregister("incoming_rows")

    def checkpoint(self) -> None:
        """Fold the write-ahead log into the file now, so a crash leaves nothing of a big
        change to replay. Best effort: while another session is reading, DuckDB refuses,
        and it checkpoints on its own later."""
        with self.write_lock, suppress(duckdb.Error):
            self._connection.execute("CHECKPOINT")

    def close(self) -> None:
        self._connection.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def database_target(environ: dict[str, str] | None = None) -> str | Path:
    """Where the planner is kept: $PLANNER_DATABASE_URL (a PostgreSQL server) if set,
    else the DuckDB file ``database_path`` names."""
    from planner.store.postgres import is_database_url

    environ = os.environ if environ is None else environ
    url = environ.get("PLANNER_DATABASE_URL", "").strip()
    if url and not is_database_url(url):
        raise PlannerUnavailable(
            "PLANNER_DATABASE_URL should be a PostgreSQL address such as "
            "postgresql://user:password@host:5432/name; it starts with "
            f"{url.split(':', 1)[0]!r}. Nothing was opened."
        )
    return url or database_path(environ)


def open_database(
    target: str | Path, *, schema_version: int | None = None, **server_options
) -> Database:
    """The planner at ``target``: a ``postgresql://`` address (``server_options`` go to
    ``PostgresDatabase``) or a DuckDB file."""
    from planner.store.postgres import PostgresDatabase, is_database_url

    if is_database_url(target):
        return PostgresDatabase(str(target), schema_version=schema_version, **server_options)  # type: ignore[return-value]
    return Database(target, schema_version=schema_version)


_SHARED: dict[str, Database] = {}
_SHARED_LOCK = threading.Lock()


def shared_database(target: str | Path) -> Database:
    """The one open Database of the planner at ``target`` in this process: the app's
    pages and its calendar feed share it (DuckDB lets one process at a time open a file;
    on PostgreSQL it is one connection pool). Opened on first use; one that cannot be
    opened is not remembered, so the next call tries again."""
    from planner.store.postgres import is_database_url

    key = str(target) if is_database_url(target) else os.path.realpath(target)
    with _SHARED_LOCK:
        if key not in _SHARED:
            _SHARED[key] = open_database(target)
        return _SHARED[key]


def _read_user_tables(connection: duckdb.DuckDBPyConnection) -> dict[str, list[Column]]:
    rows = connection.execute(
        """
        SELECT table_name, column_name, data_type, is_nullable = 'YES'
        FROM information_schema.columns
        WHERE table_catalog = current_database() AND table_schema = 'main'
        ORDER BY table_name, ordinal_position
        """
    ).fetchall()
    tables: dict[str, list[Column]] = {}
    for table, column, type_, nullable in rows:
        if table in INTERNAL_TABLES or column == "owner_id":
            continue
        tables.setdefault(table, []).append(Column(column, type_, nullable))
    return tables


def _sql_path(path: Path) -> str:
    """A path inside a single-quoted SQL string."""
    return str(path).replace("'", "''")


def quote_identifier(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'
