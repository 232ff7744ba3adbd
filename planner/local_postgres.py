"""A throwaway PostgreSQL server from the machine's own packages, for tests, the
benchmark and trying the shared setup locally: a temporary folder, a free port on
127.0.0.1, stopped (and its folder removed) at the end.

Debian's ``initdb`` refuses to run as root, so as root the server is run by the
``postgres`` user. The planner connects as a role that is not a superuser (a superuser
would pass through row-level security), which owns its database.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from planner.local_http import free_port

APP_ROLE = "planner"
APP_PASSWORD = "planner-local-only"


class PostgresNotAvailable(RuntimeError):
    """PostgreSQL's programs are missing or the server would not start; says why."""


def _binaries() -> Path:
    configured = os.environ.get("PLANNER_PG_BIN", "").strip()
    if configured:
        return Path(configured)
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_major, reverse=True)
    if not found:
        raise PostgresNotAvailable(
            "PostgreSQL is not installed: run 'sudo apt-get install postgresql' "
            "(or set PLANNER_PG_BIN to the folder holding initdb and pg_ctl)."
        )
    return Path(found[0]).parent


def _major(path: str) -> int:
    try:
        return int(Path(path).parts[-3])
    except ValueError:
        return 0


@dataclass
class LocalPostgres:
    """A running throwaway server; ``url(dbname)`` is how the planner reaches it."""

    folder: Path
    port: int
    bin: Path
    as_postgres_user: bool

    def url(self, dbname: str = "planner") -> str:
        return f"postgresql://{APP_ROLE}:{APP_PASSWORD}@127.0.0.1:{self.port}/{dbname}"

    def admin(self, sql: str, dbname: str = "postgres") -> None:
        """Run ``sql`` as the server's superuser (for making roles and databases only)."""
        import psycopg  # the server's own driver: only the shared setup installs it

        address = f"postgresql://postgres@127.0.0.1:{self.port}/{dbname}"
        with psycopg.connect(address, autocommit=True) as connection:
            connection.execute(sql)

    def create_database(self, dbname: str, *, template: str | None = None) -> str:
        """A new empty database owned by the planner's role; returns its URL."""
        like = f" TEMPLATE {template}" if template else ""
        self.admin(f'CREATE DATABASE "{dbname}" OWNER {APP_ROLE}{like}')
        return self.url(dbname)

    def drop_database(self, dbname: str) -> None:
        self.admin(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')

    def _run(self, command: list, **kwargs) -> str:
        command = [str(part) for part in command]
        if self.as_postgres_user:
            command = ["runuser", "-u", "postgres", "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, check=False, **kwargs)
        if done.returncode != 0:
            raise PostgresNotAvailable(
                f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout}{done.stderr}"
            )
        return done.stdout

    def stop(self) -> None:
        with contextlib.suppress(PostgresNotAvailable):
            self._run([self.bin / "pg_ctl", "stop", "-D", self.folder / "data", "-m", "fast",
                       "-w"])  # fmt: skip
        shutil.rmtree(self.folder, ignore_errors=True)


def start(*, durable: bool = False) -> LocalPostgres:
    """Start a server on a free port of 127.0.0.1 and make the planner's role and a
    ``planner`` database. Unless ``durable``, it trades crash safety for speed (no fsync):
    it is thrown away at the end anyway."""
    binaries = _binaries()
    as_postgres_user = os.geteuid() == 0
    folder = Path(tempfile.mkdtemp(prefix="planner-pg-"))
    if as_postgres_user:
        shutil.chown(folder, "postgres", "postgres")
    server = LocalPostgres(folder, free_port(), binaries, as_postgres_user)
    data = folder / "data"
    try:
        server._run([binaries / "initdb", "-D", data, "-U", "postgres", "--auth=trust",
                     "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"])  # fmt: skip
        options = [
            "-c listen_addresses=127.0.0.1",
            f"-c port={server.port}",
            f"-c unix_socket_directories={folder}",
            "-c max_connections=200",
        ]
        if not durable:
            options += ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]
        server._run([binaries / "pg_ctl", "start", "-D", data, "-w", "-t", "60",
                     "-l", folder / "server.log", "-o", " ".join(options)])  # fmt: skip
        server.admin(f"CREATE ROLE {APP_ROLE} LOGIN PASSWORD '{APP_PASSWORD}'")
        server.create_database("planner")
    except BaseException as error:
        log = folder / "server.log"
        detail = log.read_text(errors="replace") if log.exists() else ""
        server.stop()
        if isinstance(error, PostgresNotAvailable):
            raise PostgresNotAvailable(f"{error}\n{detail}") from None
        raise
    return server


@contextlib.contextmanager
def running(*, durable: bool = False) -> Iterator[LocalPostgres]:
    server = start(durable=durable)
    try:
        yield server
    finally:
        server.stop()


if __name__ == "__main__":  # python -m planner.local_postgres: a server to try things on
    import time

    with running(durable=True) as server:
        print(f"PLANNER_DATABASE_URL={server.url()}  (Ctrl+C stops it and deletes it)")
        with contextlib.suppress(KeyboardInterrupt):
            while True:
                time.sleep(3600)
