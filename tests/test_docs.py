"""The README stays true: its commands exist, CI runs its test command, every command is listed."""

from __future__ import annotations

import os
import re

from planner import journey
from planner.__main__ import build_parser
from planner.paths import REPO_ROOT

README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")


def quick_start_commands() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    indented = [line for line in section.splitlines() if line.startswith("    ")]
    return [line.split("#", 1)[0].strip() for line in indented]


def test_the_quick_start_is_two_commands_that_exist():
    commands = quick_start_commands()
    assert commands == ["scripts/start", "scripts/test"]
    for command in commands:
        script = REPO_ROOT / command
        assert script.is_file() and os.access(script, os.X_OK), command


def test_ci_runs_the_readme_test_command():
    ci = (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^scripts/test\b", ci, flags=re.MULTILINE)


def test_every_command_line_command_is_documented():
    parser = build_parser()
    [commands] = [a for a in parser._actions if a.dest == "command"]
    for name in commands.choices:
        assert f"python -m planner {name} " in README, name


def test_every_setting_and_page_is_documented():
    assert "PLANNER_DB" in README
    for step in (journey.HOME, *journey.STEPS, *journey.TOOLS):
        assert re.search(rf"^\| (\d )?{step.label} \|", README, flags=re.MULTILINE), step.label
