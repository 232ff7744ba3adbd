"""Start the planner's web server for scripts/start: Streamlit's own ``streamlit run``,
saying the address once, how to stop, and that it stopped.

Streamlit's welcome is hidden (it repeats the address and advertises tools for
developers); its warnings and errors still show. Ctrl+C ends Streamlit with click's
"Aborted!", which reads like a failure: here it ends with a sentence instead.

    python -m planner.ui.serve [streamlit run options]
"""

from __future__ import annotations

import os
import socket
import sys

import click
from streamlit.web import cli as streamlit_cli

DEFAULT_PORT = 8501


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
