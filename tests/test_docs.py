"""The README stays true: its commands exist, CI runs its test command, every command is listed."""

from __future__ import annotations

import os
import re

from planner import journey
from planner.__main__ import build_parser
from planner.paths import REPO_ROOT

README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
GUIDE = (REPO_ROOT / "docs" / "guide.md").read_text(encoding="utf-8")


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


def test_every_setting_and_page_is_documented_in_the_guide():
    for setting in ("PLANNER_DB", "PLANNER_DATABASE_URL", "PLANNER_BASE_URL"):
        assert f"| `{setting}` |" in GUIDE, setting
    numbers = {step.key: f"{i} " for i, step in enumerate(journey.STEPS, start=1)}
    for step in (journey.HOME, *journey.STEPS, *journey.TOOLS, journey.ACCOUNT):
        heading = f"### {numbers.get(step.key, '')}{step.label}"
        assert re.search(rf"^{re.escape(heading)}$", GUIDE, flags=re.MULTILINE), heading


METHOD_TERMS = {
    "LAMP": ("Advocacy", "Motivation", "Posting"),
    "3B7": ("3 business days", "7 business days"),
    "TIARA": ("Trends", "Insights", "Advice", "Resources", "Assignments"),
}


def test_the_readme_explains_the_method_and_links_the_guide():
    before_command_line = README.split("## Command line", 1)[0]
    assert len(before_command_line.splitlines()) <= 60  # about two screens
    for term, explained_by in METHOD_TERMS.items():  # each explained where first used
        first_use = README.index(term)
        assert first_use < len(before_command_line), term
        nearby = README[first_use : first_use + 250]
        assert all(word in nearby for word in explained_by), term
    assert "](docs/guide.md)" in before_command_line


def test_links_between_the_docs_point_at_headings_that_exist():
    documents = {"README.md": README, "docs/guide.md": GUIDE}
    for name, text in documents.items():
        for target, anchor in re.findall(r"\]\(((?:docs/guide\.md|)?)#([a-z0-9-]+)\)", text):
            linked = GUIDE if target == "docs/guide.md" or name == "docs/guide.md" else README
            headings = re.findall(r"^#+ (.+)$", linked, flags=re.MULTILINE)
            slugs = {re.sub(r"[^a-z0-9 -]", "", h.lower()).replace(" ", "-") for h in headings}
            assert anchor in slugs, f"{name} links #{anchor}"
