"""Start the planner's web server for scripts/start: Streamlit's own ``streamlit run``.
Once the server answers, it says the address and how to stop, once, and opens the
planner in the default browser when there is a desktop to open it on; after Ctrl+C it
says that the planner stopped.

Streamlit's welcome is hidden (it repeats the address and advertises tools for
developers); its warnings and errors still show. Ctrl+C ends Streamlit with click's
"Aborted!", which reads like a failure: here it ends with a sentence instead (SIGTERM,
from a service manager or a test, ends it silently). Streamlit
opens no browser for an app that serves routes of its own (the calendar feed), so the
planner does, under Streamlit's rule: not when ``server.headless`` is on, which it is by
default on Linux without a display.

    python -m planner.ui.serve [streamlit run options]
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import tomllib
import webbrowser
from pathlib import Path

import click
from streamlit import config
from streamlit.web import cli as streamlit_cli

from planner.local_http import answers

READY_TIMEOUT_S = 120  # a first start on a large planner, a slow disk


def configured_port() -> str:
    """The port Streamlit's config files set (the project's over the user's), else 8501.

    Read here rather than through Streamlit's config: parsing it before ``streamlit
    run`` does makes Streamlit announce a changed [server] section."""
    port = "8501"
    for path in (Path.home() / ".streamlit" / "config.toml", Path(".streamlit/config.toml")):
        with contextlib.suppress(OSError, tomllib.TOMLDecodeError):
            port = str(tomllib.loads(path.read_text()).get("server", {}).get("port", port))
    return port


def chosen_port(args: list[str]) -> int:
    """The port the options ask for (the last one given wins, as in Streamlit), else the
    environment's, else the config files'."""
    port = os.environ.get("STREAMLIT_SERVER_PORT") or configured_port()
    for i, arg in enumerate(args):
        if arg.startswith("--server.port="):
            port = arg.split("=", 1)[1]
        elif arg == "--server.port" and i + 1 < len(args):
            port = args[i + 1]
    if not port.isdigit() or not 1 <= int(port) <= 65535:
        raise SystemExit(f"The port must be a number from 1 to 65535, not {port!r}.")
    return int(port)


def in_use(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def open_in_browser(address: str) -> None:
    """The default browser, its own messages kept off the terminal where possible."""
    opener = {"linux": "xdg-open", "darwin": "open"}.get(sys.platform)
    if opener and shutil.which(opener):
        subprocess.Popen([opener, address], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    else:
        webbrowser.open(address)


def welcome_once_ready(port: int) -> None:
    """Once the server on ``port`` answers: say where it is and how to stop it, and open
    it in the browser unless it runs headless. Nothing is said of a server that never
    answers (a wrong option, a planner that cannot open): Streamlit says why."""
    address = f"http://localhost:{port}"

    def wait_then_welcome() -> None:
        deadline = time.monotonic() + READY_TIMEOUT_S
        while not answers(f"http://127.0.0.1:{port}"):
            if time.monotonic() > deadline:
                return
            time.sleep(0.2)
        print(f"The planner is at {address} (press Ctrl+C here to stop it).", flush=True)
        if not config.get_option("server.headless"):  # read once the options are loaded
            open_in_browser(address)

    threading.Thread(target=wait_then_welcome, name="welcome", daemon=True).start()


def main(args: list[str]) -> int:
    port = chosen_port(args)
    if in_use(port):
        print(
            f"Something is already using port {port}: the planner may be running "
            f"already, at http://localhost:{port}.\nTo start another one, give it "
            f"another port: scripts/start --server.port {port + 1}",
            file=sys.stderr,
        )
        return 1
    run = ["run", "app.py", "--browser.gatherUsageStats", "false"]
    run += ["--logger.hideWelcomeMessage", "true", *args]
    # The port is always passed on: Streamlit would otherwise move to the next free
    # port when this one is taken, and the address said would be wrong.
    run += ["--server.port", str(port)]
    welcome_once_ready(port)
    try:
        streamlit_cli.main.main(args=run, prog_name="streamlit", standalone_mode=False)
    except click.exceptions.Abort:  # Ctrl+C
        print(
            "The planner has stopped. Everything you saved is kept; scripts/start opens it again."
        )
    except click.ClickException as error:  # an option Streamlit does not know
        error.show()
        return error.exit_code
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
