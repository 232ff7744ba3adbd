"""The load benchmark's report: its table, and its place in docs/benchmarks.md (the
benchmark itself is run by hand, never in the test run)."""

from __future__ import annotations

from planner.bench import load


def a_round(people: int, errors: int = 0) -> load.Round:
    done = load.Round(people)
    done.page_s = [0.5, 1.0, 1.5, 2.0] * people
    done.save_s = [1.0, 3.0] * people
    done.sign_in_s = [4.0] * people
    done.errors = [f"person {n}: TimeoutError" for n in range(errors)]
    done.memory_before_mb, done.memory_peak_mb, done.memory_after_mb = 400, 420, 405
    done.sessions_peak, done.server_cpu_s, done.machine_cpu_s = 10, 30.0, 120.0
    return done


def test_the_table_reports_each_round_with_its_errors():
    text = load.markdown([a_round(10), a_round(50, errors=2)], replicas=2)
    rows = [
        line for line in text.splitlines() if line.startswith("| 10 ") or line.startswith("| 50 ")
    ]
    assert len(rows) == 2
    cells = [c.strip() for c in rows[0].strip("|").split("|")]
    assert cells[6] == "0" and cells[7] == "10" and cells[8] == "2.0 MB"  # 20 MB / 10
    assert cells[10] == "25 %"  # 30 s of the machine's 120 s
    assert "person 1: TimeoutError" in text and "2 app servers" in text


def test_a_new_run_replaces_the_last_one_in_place(tmp_path):
    doc = tmp_path / "benchmarks.md"
    doc.write_text("# Benchmarks\n\n## Issue 20: PostgreSQL\n\nkept\n")
    load.write_section(doc, load.markdown([a_round(10)], replicas=2))
    first = doc.read_text()
    assert first.index("Issue 21") < first.index("Issue 20") and "kept" in first
    load.write_section(doc, load.markdown([a_round(25)], replicas=2))
    second = doc.read_text()
    assert second.count(load.SECTION_START) == 1
    assert "\n| 25 |" in second and "\n| 10 |" not in second
    assert second.endswith("kept\n")
