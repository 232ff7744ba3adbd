"""A newcomer's first minutes: scripts/setup in a fresh copy of the repository (no
.venv) says one line per stage and nothing else; a failure shows what failed and what
to do; scripts/start prints the address once and how to stop it.

The tests marked ``install`` make a new environment and install the planner into it
from PyPI (about a minute): ``-m "not install"`` leaves them out when offline."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest

from planner.local_http import answers, free_port
from planner.paths import REPO_ROOT

STAGES = {
    "Creating the environment…",
    "Installing the planner (about a minute)…",
    "Ready.",
}
# Without Pango the PDF report cannot be laid out; set-up says so once, or installs it.
PANGO_LINES = re.compile(r"^(Note: The PDF report needs Pango|Installing Pango for the PDF)")
NOISE = re.compile(r"warn|deprecat", flags=re.IGNORECASE)
START = [REPO_ROOT / "scripts" / "start", "--server.headless", "true"]
SETUP_TIMEOUT = 600  # a first install downloads the planner's libraries


def fresh_copy(destination: Path) -> Path:
    """The repository's tracked files, as a clone would have them: no .venv, no data."""
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=REPO_ROOT, capture_output=True, check=True
    ).stdout.split(b"\0")
    for name in filter(None, listed):
        source = REPO_ROOT / os.fsdecode(name)
        if source.is_file():  # a file deleted but not yet committed is skipped
            target = destination / os.fsdecode(name)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return destination


def run_setup(repo: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"}
    return subprocess.run(
        [repo / "scripts" / "setup"],
        cwd=repo,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=SETUP_TIMEOUT,
    )


@pytest.fixture(scope="module")
def fresh_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fresh_copy(tmp_path_factory.mktemp("clone"))


@pytest.fixture(scope="module")
def first_setup(fresh_repo: Path) -> subprocess.CompletedProcess[str]:
    return run_setup(fresh_repo)


@pytest.mark.install
def test_a_first_setup_says_one_line_per_stage_and_ends_ready(first_setup):
    assert first_setup.returncode == 0, first_setup.stdout + first_setup.stderr
    output = (first_setup.stdout + first_setup.stderr).splitlines()
    assert not [line for line in output if NOISE.search(line)], output
    assert output[0] == "Creating the environment…"
    assert output[1] == "Installing the planner (about a minute)…"
    assert output[-1] == "Ready."
    assert all(line in STAGES or PANGO_LINES.match(line) for line in output), output


@pytest.mark.install
def test_the_installed_planner_works_and_ships_its_data(fresh_repo, first_setup):
    assert first_setup.returncode == 0
    checked = subprocess.run(
        [
            fresh_repo / ".venv" / "bin" / "python",
            "-c",
            "from importlib import resources; import planner.migrations as m;"
            "print(sorted(p.name for p in resources.files('planner.components').iterdir()));"
            "print(m.__file__)",
        ],
        cwd="/",  # not the repository: the install alone must find the package
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "autosave.js" in checked
    assert checked.splitlines()[1].startswith(str(fresh_repo))  # the editable copy


@pytest.mark.install
def test_packaging_the_planner_raises_no_warning(fresh_repo, first_setup):
    """What set-up keeps aside, read here: pip's and setuptools' own output for the
    planner's package (the data folders once made setuptools warn at length)."""
    assert first_setup.returncode == 0
    pip = [fresh_repo / ".venv" / "bin" / "python", "-m", "pip"]
    built = subprocess.run(
        [*pip, "install", "--no-deps", "--disable-pip-version-check", "-e", "."],
        cwd=fresh_repo,
        capture_output=True,
        text=True,
        timeout=SETUP_TIMEOUT,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    # pip's complaint about an index folder this machine's own pip settings name is
    # about the machine, not the package.
    machine = re.compile(r"^WARNING: Location '.*' is ignored")
    noise = [
        line
        for line in (built.stdout + built.stderr).splitlines()
        if NOISE.search(line) and not machine.match(line)
    ]
    assert noise == []


@pytest.mark.install
def test_a_half_made_environment_is_made_again(tmp_path):
    """What a venv that failed part-way leaves (Debian without python3-venv, or
    Ctrl+C): a .venv with a python but no pip. The next run starts it again."""
    repo = fresh_copy(tmp_path / "clone")
    subprocess.run(["python3", "-m", "venv", "--without-pip", repo / ".venv"], check=True)
    result = run_setup(repo)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[:2] == [
        "Creating the environment…",
        "Installing the planner (about a minute)…",
    ]


@pytest.mark.install
def test_a_second_setup_is_silent_and_installs_nothing(fresh_repo, first_setup):
    assert first_setup.returncode == 0
    stamp = fresh_repo / ".venv" / ".installed-runtime"
    before = stamp.stat().st_mtime_ns
    again = run_setup(fresh_repo)
    assert again.returncode == 0
    assert again.stdout == "" and again.stderr == ""
    assert stamp.stat().st_mtime_ns == before


@pytest.mark.install
def test_a_failing_install_shows_its_output_and_what_to_do(tmp_path):
    repo = fresh_copy(tmp_path / "clone")
    pyproject = repo / "pyproject.toml"
    pyproject.write_text(pyproject.read_text() + "\n[this is not toml\n")
    result = run_setup(repo)
    assert result.returncode != 0
    assert result.stdout.splitlines()[-1] == "Installing the planner (about a minute)…"
    assert "Set-up failed while running: .venv/bin/python -m pip install" in result.stderr
    assert "Expected ']' at the end of a table" in result.stderr  # pip's own reason
    assert "run this again" in result.stderr
    assert not (repo / ".venv" / ".installed-runtime").exists()  # the next run tries again


def _start(
    port: int,
    planner: Path,
    log: Path,
    *,
    command=START,
    env: dict | None = None,
    cwd: Path = REPO_ROOT,
) -> subprocess.Popen:
    with log.open("wb") as out:
        return subprocess.Popen(
            [*command, "--server.port", str(port), "--server.fileWatcherType", "none"],
            cwd=cwd,
            env={**(os.environ if env is None else env), "PLANNER_DB": str(planner)},
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def test_start_prints_the_address_once_and_how_to_stop_then_stops_on_ctrl_c(tmp_path):
    port, log = free_port(), tmp_path / "start.log"
    process = _start(port, tmp_path / "planner.duckdb", log)
    try:
        _serve_until_healthy(process, port, log)
        time.sleep(1)  # anything Streamlit prints once it listens
        os.killpg(process.pid, signal.SIGINT)  # what Ctrl+C in the terminal sends
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    lines = [line for line in log.read_text().splitlines() if line.strip()]
    setup_lines = [line for line in lines if line in STAGES or PANGO_LINES.match(line)]
    rest = [line for line in lines if line not in setup_lines]
    assert rest[0] == f"The planner is at http://localhost:{port} (press Ctrl+C here to stop it)."
    assert sum(f"localhost:{port}" in line for line in lines) == 1
    assert not [line for line in lines if NOISE.search(line) or "Streamlit" in line], lines
    assert rest[1:] == [
        "The planner has stopped. Everything you saved is kept; scripts/start opens it again."
    ]
    assert process.returncode == 0


def test_start_on_a_port_in_use_says_the_planner_may_be_running(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [*START, "--server.port", str(port)],
            cwd=REPO_ROOT,
            env={**os.environ, "PLANNER_DB": str(tmp_path / "planner.duckdb")},
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=300,
        )
    assert result.returncode == 1
    assert f"already using port {port}" in result.stderr
    assert f"http://localhost:{port}" in result.stderr
    assert f"scripts/start --server.port {port + 1}" in result.stderr
    assert not (tmp_path / "planner.duckdb").exists()


def _serve_until_healthy(process: subprocess.Popen, port: int, log: Path) -> None:
    deadline = time.monotonic() + 120  # set-up may install first
    while not answers(f"http://localhost:{port}"):
        assert process.poll() is None, log.read_text()
        assert time.monotonic() < deadline, log.read_text()
        time.sleep(0.5)


@pytest.mark.parametrize("desktop", [True, False], ids=["desktop", "no-desktop"])
def test_start_opens_the_browser_only_when_there_is_a_desktop(tmp_path, desktop):
    """Streamlit's own behaviour, kept: xdg-open is called with the address when a
    display is set, never on a machine without one (a server, or CI)."""
    bin_dir, opened = tmp_path / "bin", tmp_path / "opened.txt"
    bin_dir.mkdir()
    fake_browser = bin_dir / "xdg-open"
    fake_browser.write_text(f'#!/bin/sh\necho "$1" >> {opened}\n')
    fake_browser.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["PATH"] = f"{bin_dir}:{env['PATH']}"
    if desktop:
        env["DISPLAY"] = ":0"
    port, log = free_port(), tmp_path / "start.log"
    command = [REPO_ROOT / "scripts" / "start"]  # headless left to Streamlit
    process = _start(port, tmp_path / "planner.duckdb", log, command=command, env=env)
    try:
        _serve_until_healthy(process, port, log)
        deadline = time.monotonic() + 10
        while desktop and not opened.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(1)  # a browser opened late would show here
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    if desktop:
        assert opened.read_text().split() == [f"http://localhost:{port}"]
    else:
        assert not opened.exists()


@pytest.mark.install
def test_start_in_a_fresh_copy_after_setup_says_only_the_address(fresh_repo, first_setup, tmp_path):
    """With the set-up test above, what a fresh clone's scripts/start prints: the
    stage lines, then this."""
    assert first_setup.returncode == 0
    port, log = free_port(), tmp_path / "start.log"
    command = [fresh_repo / "scripts" / "start", "--server.headless", "true"]
    process = _start(port, tmp_path / "planner.duckdb", log, command=command, cwd=fresh_repo)
    try:
        _serve_until_healthy(process, port, log)
        time.sleep(1)  # anything Streamlit prints once it listens
        os.killpg(process.pid, signal.SIGINT)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    assert [line for line in log.read_text().splitlines() if line.strip()] == [
        f"The planner is at http://localhost:{port} (press Ctrl+C here to stop it).",
        "The planner has stopped. Everything you saved is kept; scripts/start opens it again.",
    ]
