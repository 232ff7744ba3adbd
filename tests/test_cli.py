"""The command line, run as a user runs it: ``python -m planner ...`` in a new process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from planner.paths import REPO_ROOT


def run_planner(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "planner", *map(str, args)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


@pytest.mark.parametrize("command", [[], ["demo"], ["export"], ["import"]])
def test_every_command_explains_itself(command):
    result = run_planner(*command, "--help")
    assert result.returncode == 0
    assert result.stdout.startswith("usage: python -m planner")
    assert "--db" in result.stdout or not command


def test_a_demo_exported_and_imported_again_gives_the_same_file(tmp_path):
    demo_db, copy_db = tmp_path / "demo.duckdb", tmp_path / "copy.duckdb"
    first, second = tmp_path / "first.json", tmp_path / "second.json"

    made = run_planner("demo", "--db", demo_db, "--today", "2026-11-22")
    assert made.returncode == 0, made.stderr
    assert "16 contacts" in made.stdout

    assert run_planner("export", "--db", demo_db, "-o", first).returncode == 0
    imported = run_planner("import", first, "--db", copy_db)
    assert imported.returncode == 0, imported.stderr
    assert "16 contacts" in imported.stdout
    assert run_planner("export", "--db", copy_db, "-o", second).returncode == 0

    assert second.read_bytes() == first.read_bytes()
    assert json.loads(first.read_text())["tables"]["goals"]["rows"]


def test_import_refuses_a_planner_that_holds_data_unless_replacing(tmp_path):
    db, other, file = tmp_path / "p.duckdb", tmp_path / "o.duckdb", tmp_path / "b.json"
    run_planner("demo", "--db", db)
    run_planner("demo", "--db", other, "--today", "2020-01-01")
    run_planner("export", "--db", other, "-o", file)

    refused = run_planner("import", file, "--db", db)
    assert refused.returncode == 1
    assert refused.stdout == ""
    assert "already holds data" in refused.stderr
    assert "--replace" in refused.stderr

    replaced = run_planner("import", file, "--db", db, "--replace")
    assert replaced.returncode == 0, replaced.stderr
    again = tmp_path / "again.json"
    run_planner("export", "--db", db, "-o", again)
    assert again.read_bytes() == file.read_bytes()


def test_demo_refuses_to_overwrite_without_replace(tmp_path):
    db = tmp_path / "p.duckdb"
    assert run_planner("demo", "--db", db).returncode == 0
    refused = run_planner("demo", "--db", db)
    assert refused.returncode == 1
    assert "already holds data" in refused.stderr
    assert run_planner("demo", "--db", db, "--replace").returncode == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfe not text", "not UTF-8"),
        (b'{"format": "interview-planner-backup", ', "JSON is broken at line 1"),
        (b'{"format": "spreadsheet"}', "not a planner backup"),
        (
            b'{"format": "interview-planner-backup", "format_version": 1, '
            b'"schema_version": 999, "tables": {}}',
            "newer version of the planner",
        ),
    ],
)
def test_a_bad_backup_is_refused_with_a_reason_and_changes_nothing(tmp_path, content, message):
    db, file = tmp_path / "p.duckdb", tmp_path / "bad.json"
    file.write_bytes(content)
    result = run_planner("import", file, "--db", db)
    assert result.returncode == 1
    assert message in result.stderr
    assert result.stderr.startswith("error: ")
    assert not db.exists(), "a refused import does not even create the planner"


def test_a_missing_backup_file_is_reported(tmp_path):
    result = run_planner("import", tmp_path / "nowhere.json", "--db", tmp_path / "p.duckdb")
    assert result.returncode == 1
    assert "Cannot read" in result.stderr


def test_a_wrong_command_line_is_a_usage_error():
    result = run_planner("demo", "--today", "next tuesday")
    assert result.returncode == 2
    assert "not a date like 2026-01-31" in result.stderr
    assert run_planner("export").returncode == 2  # -o is required


def test_a_backup_nested_200000_levels_deep_is_refused_in_one_line(tmp_path):
    db, file = tmp_path / "p.duckdb", tmp_path / "deep.json"
    tables = "[" * 200_000 + "]" * 200_000
    file.write_text(
        '{"format": "interview-planner-backup", "format_version": 1, "schema_version": 1, '
        f'"tables": {{"goals": {tables}}}}}'
    )
    result = run_planner("import", file, "--db", db)
    assert result.returncode == 1
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert "nested far deeper" in result.stderr
    assert not db.exists()


@pytest.mark.parametrize(
    "command", [["due"], ["export", "-o", "out.json"], ["report", "--format", "md", "-o", "r.md"]]
)
def test_a_damaged_planner_file_is_one_line_and_left_as_it_was(demo_file, tmp_path, command):
    """A planner file cut short (a full disk, a copy interrupted) is found on opening."""
    damaged = tmp_path / "damaged.duckdb"
    whole = demo_file.read_bytes()
    damaged.write_bytes(whole[: len(whole) // 2])
    before = damaged.read_bytes()
    result = run_planner(*[str(tmp_path / a) if a.endswith((".json", ".md")) else a
                           for a in command], "--db", damaged)  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert "is damaged and cannot be read" in result.stderr and "restore" in result.stderr
    assert "Traceback" not in result.stderr
    assert damaged.read_bytes() == before


def test_a_planner_file_from_a_newer_version_is_one_line_and_left_as_it_was(demo_file):
    with duckdb.connect(str(demo_file)) as connection:
        connection.execute("INSERT INTO schema_migrations VALUES (999, 'future', now()::TIMESTAMP)")
    before = demo_file.read_bytes()
    result = run_planner("due", "--db", demo_file)
    assert result.returncode == 1
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert "newer version" in result.stderr and "Traceback" not in result.stderr
    assert demo_file.read_bytes() == before


def test_a_backup_with_an_impossible_value_is_one_line_per_problem(tmp_path):
    source = tmp_path / "demo.duckdb"
    run_planner("demo", "--db", source, "--today", "2026-12-01")
    exported = tmp_path / "backup.json"
    run_planner("export", "--db", source, "-o", exported)
    text = exported.read_text(encoding="utf-8").replace('"video"', '"zoom"', 1)
    exported.write_text(text, encoding="utf-8")
    target = tmp_path / "target.duckdb"
    result = run_planner("import", exported, "--db", target)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("error: This backup cannot be imported; nothing was changed:")
    assert "- table interviews, row " in result.stderr and '"zoom" is not a meeting format' in (
        result.stderr
    )
