"""Start the planner's web server for scripts/start: Streamlit's own ``streamlit run``,
saying the address once, how to stop, and that it stopped, and opening the planner in
the default browser once it answers, when there is a desktop to open it on.

Streamlit's welcome is hidden (it repeats the address and advertises tools for
developers); its warnings and errors still show. Ctrl+C ends Streamlit with click's
"Aborted!", which reads like a failure: here it ends with a sentence instead. Streamlit
opens no browser for an app that serves routes of its own (the calendar feed), so the
planner does, under Streamlit's rule: not when ``server.headless`` is on, which it is by
default on Linux without a display.

    python -m planner.ui.serve [streamlit run options]
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import webbrowser

import click
from streamlit import config
from streamlit.web import cli as streamlit_cli

from planner.local_http import answers

DEFAULT_PORT = 8501
READY_TIMEOUT_S = 120  # a first start on a large planner, a slow disk


def chosen_port(args: list[str]) -> int:
    """The port the options ask for (the last one given wins, as in Streamlit)."""
    port = os.environ.get("STREAMLIT_SERVER_PORT", str(DEFAULT_PORT))
    for i, arg in enumerate(args):
        if arg.startswith("--server.port="):
            port = arg.split("=", 1)[1]
        elif arg == "--server.port" and i + 1 < len(args):
            port = args[i + 1]
    try:
        return int(port)
    except ValueError:
        raise SystemExit(f"The port must be a number, not {port!r}.") from None


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


def open_once_ready(port: int, address: str) -> None:
    """Open ``address`` once the server on ``port`` answers, unless it runs headless."""

    def wait_then_open() -> None:
        deadline = time.monotonic() + READY_TIMEOUT_S
        while not answers(f"http://127.0.0.1:{port}"):
            if time.monotonic() > deadline:
                return
            time.sleep(0.2)
        if not config.get_option("server.headless"):  # read once the options are loaded
            open_in_browser(address)

    threading.Thread(target=wait_then_open, name="open-browser", daemon=True).start()


def main(args: list[str]) -> int:
    port = chosen_port(args)
    address = f"http://localhost:{port}"
    if in_use(port):
        print(
            f"Something is already using port {port}: the planner may be running "
            f"already, at {address}.\nTo start another one, give it another port: "
            f"scripts/start --server.port {port + 1}",
            file=sys.stderr,
        )
        return 1
    print(f"The planner is at {address} (press Ctrl+C here to stop it).", flush=True)
    run = ["run", "app.py", "--browser.gatherUsageStats", "false"]
    run += ["--logger.hideWelcomeMessage", "true", *args]
    # The port is always passed on: Streamlit would otherwise move to the next free
    # port when this one is taken, and the address above would be wrong.
    run += ["--server.port", str(port)]
    open_once_ready(port, address)
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
