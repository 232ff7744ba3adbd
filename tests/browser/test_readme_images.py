"""The README's screenshots are drawn by scripts/readme_images.py from the demo planner;
running it here keeps it working as the pages change, and the README shows each image.

The committed images are not compared pixel by pixel with the ones drawn here: the demo
is dated around today, so its dates (and with them the pixels) move every day. After
changing what Home, Questions or Progress draw, run the script and commit docs/images/."""

from __future__ import annotations

import struct
import subprocess
import sys
from pathlib import Path

import pytest

from planner.paths import REPO_ROOT

pytestmark = pytest.mark.browser
IMAGES = ("home.png", "question-plan.png", "progress.png")


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", header[16:24])


def test_the_script_draws_the_three_screenshots_the_readme_shows(tmp_path):
    result = subprocess.run(
        [sys.executable, REPO_ROOT / "scripts" / "readme_images.py", "--output", tmp_path],
        cwd=REPO_ROOT,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.split() == [str(tmp_path / name) for name in IMAGES]
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    for name in IMAGES:
        drawn, kept = tmp_path / name, REPO_ROOT / "docs" / "images" / name
        assert png_size(drawn) == (1920, 1200)  # the window at 1.5 pixels a point
        assert drawn.stat().st_size > 50_000  # a page drawn, not a blank window
        assert png_size(kept) == png_size(drawn)
        assert f"](docs/images/{name})" in readme, name
