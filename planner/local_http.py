"""The planner's web server as seen from this machine: a free port on 127.0.0.1 to
start it on, and whether its health check answers yet (for scripts/start, the tests,
the benchmarks and the README's screenshots)."""

from __future__ import annotations

import socket
import urllib.request


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def answers(url: str) -> bool:
    """Whether the Streamlit server at ``url`` (``http://host:port``) says it is ready."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.read().strip() == b"ok"
    except OSError:
        return False
