"""The guidance text the planner ships, read from data/guidance.toml."""

from __future__ import annotations

import tomllib
from functools import cache
from typing import Any

from planner.paths import DATA_DIR

GUIDANCE_FILE = DATA_DIR / "guidance.toml"


@cache
def _all() -> dict[str, Any]:
    with GUIDANCE_FILE.open("rb") as handle:
        return tomllib.load(handle)


def text(key: str) -> Any:
    """The guidance entry at a dotted key, e.g. ``text("home.tagline")``."""
    value: Any = _all()
    for part in key.split("."):
        value = value[part]
    return value.strip() if isinstance(value, str) else value
