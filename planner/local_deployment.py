"""A shared deployment started on this machine from deploy/'s own files, for trying it
(``deploy/try-locally``), for the tests and for the load benchmark: a throwaway
PostgreSQL (``local_postgres``), a local OpenID Connect provider (oidc-provider-mock,
where anyone signs in by typing a name), N app servers started by
``deploy/start-replica`` and nginx running ``deploy/nginx/planner.conf``. Everything
listens on 127.0.0.1 only and is removed at the end.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from planner import local_postgres
from planner.local_http import free_port

REPO = Path(__file__).resolve().parent.parent
NGINX_CONF = REPO / "deploy" / "nginx" / "planner.conf"
START_REPLICA = REPO / "deploy" / "start-replica"
START_TIMEOUT_S = 90
SESSION_TTL_S = 30  # a closed browser's session is released this long after (locally)
# People the local provider offers with a click (anyone else signs in by typing a name).
PEOPLE = (
    {"sub": "ann", "name": "Ann Okafor", "email": "ann@example.edu"},
    {"sub": "bob", "name": "Bob Lindqvist", "email": "bob@example.edu"},
    {"sub": "chen", "name": "Chen Wei", "email": "chen@example.edu"},
)


class DeploymentFailed(RuntimeError):
    """A part would not start; the message holds its log."""


def _nginx() -> str:
    found = shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if os.access(p, os.X_OK)), None
    )
    if not found:
        raise DeploymentFailed(
            "nginx is not installed: run 'sudo apt-get install nginx' and try again."
        )
    return found


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@dataclass
class Process:
    """One started part: its command, log and process (a session of its own, so it and
    its children stop together)."""

    name: str
    command: list[str]
    env: dict[str, str]
    log: Path
    health: str
    popen: subprocess.Popen | None = None

    def start(self) -> None:
        with self.log.open("ab") as log:
            self.popen = subprocess.Popen(
                self.command,
                cwd=REPO,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def wait_until_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not _answers(self.health):
            if self.popen is None or self.popen.poll() is not None:
                raise DeploymentFailed(f"{self.name} stopped:\n{self.tail()}")
            if time.monotonic() > deadline:
                raise DeploymentFailed(
                    f"{self.name} did not answer at {self.health}:\n{self.tail()}"
                )
            time.sleep(0.2)

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.popen is None or self.popen.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.popen.pid, sig)
        try:
            self.popen.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.popen.pid, signal.SIGKILL)
            self.popen.wait(timeout=15)

    def tail(self, lines: int = 40) -> str:
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    @property
    def pid(self) -> int | None:
        return self.popen.pid if self.popen else None


def local_nginx_conf(replica_ports: list[int], port: int) -> str:
    """``deploy/nginx/planner.conf`` with this machine's ports in its marked lines."""
    text = NGINX_CONF.read_text()
    servers = "".join(
        f"    server 127.0.0.1:{p} max_fails=1 fail_timeout=10s;  # replica\n"
        for p in replica_ports
    )
    text, count = re.subn(r"(    server [^\n]*# replica\n)+", servers, text)
    text = re.sub(r"listen [^;]*;(\s*# listen)", f"listen 127.0.0.1:{port};\\1", text)
    text = re.sub(r"server_name [^;]*;(\s*# server_name)", "server_name 127.0.0.1;\\1", text)
    if count != 1:
        raise DeploymentFailed(f"{NGINX_CONF} has no block of lines marked '# replica'")
    return text


@dataclass
class LocalDeployment:
    replica_count: int = 2
    port: int = 0  # nginx's; 0: a free one
    people: tuple[dict, ...] = PEOPLE
    folder: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="planner-deploy-")))
    postgres: local_postgres.LocalPostgres | None = None
    provider: Process | None = None
    replicas: list[Process] = field(default_factory=list)
    nginx: Process | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def issuer(self) -> str:
        """The local provider's issuer (people's owner ids are made from it)."""
        assert self.provider is not None
        return self.provider.health.removesuffix("/.well-known/openid-configuration")

    @property
    def database_url(self) -> str:
        assert self.postgres is not None
        return self.postgres.url()

    def start(self) -> LocalDeployment:
        try:
            self._start()
        except BaseException:
            self.stop()
            raise
        return self

    def _start(self) -> None:
        nginx = _nginx()
        self.port = self.port or free_port()
        self.postgres = local_postgres.start()
        provider_port = free_port()
        issuer = f"http://127.0.0.1:{provider_port}"
        command = [str(Path(sys.executable).parent / "oidc-provider-mock"),
                   "--port", str(provider_port)]  # fmt: skip
        for claims in self.people:
            command += ["--user-claims", json.dumps(claims)]
        self.provider = Process(
            "the OpenID provider",
            command,
            dict(os.environ, PYTHONWARNINGS="ignore"),
            self.folder / "provider.log",
            f"{issuer}/.well-known/openid-configuration",
        )
        self.provider.start()
        secrets_file = self.folder / "secrets.toml"
        secrets_file.write_text(
            "[auth]\n"
            f'redirect_uri = "{self.url}/oauth2callback"\n'
            f'cookie_secret = "{secrets.token_urlsafe(32)}"\n'
            'client_id = "interview-planner"\n'
            f'client_secret = "{secrets.token_urlsafe(24)}"\n'
            f'server_metadata_url = "{issuer}/.well-known/openid-configuration"\n'
        )
        secrets_file.chmod(0o600)
        self.provider.wait_until_ready()
        ports = [free_port() for _ in range(self.replica_count)]
        for number, port in enumerate(ports, start=1):
            env = {
                **os.environ,
                "PLANNER_DATABASE_URL": self.database_url,
                "PLANNER_SECRETS": str(secrets_file),
                "PLANNER_PORT": str(port),
                "PLANNER_ALLOWED_HOSTS": "127.0.0.1,localhost",
                "PLANNER_BASE_URL": self.url,
                "PLANNER_SESSION_TTL": str(SESSION_TTL_S),
            }
            env.pop("PLANNER_DB", None)
            self.replicas.append(
                Process(
                    f"app server {number}",
                    [str(START_REPLICA)],
                    env,
                    self.folder / f"replica-{number}.log",
                    f"http://127.0.0.1:{port}/_stcore/health",
                )
            )
        # The first migrates the new database; the others find it done (they would
        # wait on its lock if started together, which a test of its own shows).
        self.replicas[0].start()
        self.replicas[0].wait_until_ready()
        for replica in self.replicas[1:]:
            replica.start()
        for replica in self.replicas[1:]:
            replica.wait_until_ready()
        self._start_nginx(nginx, ports)

    def _start_nginx(self, nginx: str, ports: list[int]) -> None:
        (self.folder / "planner.conf").write_text(local_nginx_conf(ports, self.port))
        user = "user root;\n" if os.geteuid() == 0 else ""
        main = self.folder / "nginx.conf"
        main.write_text(
            f"{user}worker_processes 1;\npid {self.folder}/nginx.pid;\n"
            f"error_log {self.folder}/nginx-error.log warn;\n"
            "events { worker_connections 1024; }\n"
            "http {\n"
            "  log_format planner '$request $status upstream=$upstream_addr "
            "browser=$cookie_planner_server';\n"
            f"  access_log {self.folder}/nginx-access.log planner;\n"
            f"  client_body_temp_path {self.folder}/body;\n"
            f"  proxy_temp_path {self.folder}/proxy;\n"
            f"  fastcgi_temp_path {self.folder}/fastcgi;\n"
            f"  uwsgi_temp_path {self.folder}/uwsgi;\n"
            f"  scgi_temp_path {self.folder}/scgi;\n"
            f"  include {self.folder}/planner.conf;\n"
            "}\n"
        )
        self.nginx = Process(
            "nginx",
            [nginx, "-c", str(main), "-p", str(self.folder), "-g", "daemon off;"],
            dict(os.environ),
            self.folder / "nginx.log",
            f"{self.url}/_stcore/health",
        )
        self.nginx.start()
        self.nginx.wait_until_ready()

    def kill_replica(self, index: int) -> None:
        """Stop app server ``index`` as a crash would (SIGKILL: nothing tidied up)."""
        self.replicas[index].stop(signal.SIGKILL)

    def restart_replica(self, index: int) -> None:
        self.replicas[index].start()
        self.replicas[index].wait_until_ready()

    def logs(self) -> str:
        parts = [self.provider, *self.replicas, self.nginx]
        return "\n\n".join(f"== {p.name} ==\n{p.tail()}" for p in parts if p is not None)

    def stop(self) -> None:
        for part in [self.nginx, *self.replicas, self.provider]:
            if part is not None:
                part.stop()
        if self.postgres is not None:
            self.postgres.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


@contextlib.contextmanager
def running(replica_count: int = 2, port: int = 0) -> Iterator[LocalDeployment]:
    deployment = LocalDeployment(replica_count, port).start()
    try:
        yield deployment
    finally:
        deployment.stop()


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        prog="deploy/try-locally",
        description="Start the shared deployment on this machine: PostgreSQL, a local "
        "sign-in provider, app servers and nginx, all on 127.0.0.1 (Ctrl+C stops it all "
        "and deletes what it made).",
    )
    parser.add_argument("--replicas", type=int, default=2, help="app servers (default 2)")
    parser.add_argument("--port", type=int, default=8080, help="nginx's port (default 8080)")
    args = parser.parse_args(argv)
    if args.replicas < 1:
        parser.error("--replicas must be at least 1")
    print(f"Starting PostgreSQL, the sign-in provider, {args.replicas} app servers and nginx ...")
    try:
        with running(args.replicas, args.port) as deployment:
            names = ", ".join(p["sub"] for p in deployment.people)
            print(f"\nOpen {deployment.url} and sign in: click one of {names}, or type any name.")
            print("Each name is a person with a planner of their own.")
            for replica in deployment.replicas:
                print(f"  {replica.name}: pid {replica.pid}, log {replica.log}")
            print("Ctrl+C stops everything and deletes it.")
            with contextlib.suppress(KeyboardInterrupt):
                while all(r.popen and r.popen.poll() is None for r in deployment.replicas):
                    time.sleep(1)
                print("An app server stopped:\n" + deployment.logs())
    except (DeploymentFailed, local_postgres.PostgresNotAvailable) as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
