"""Reads remembered until the next write: served from memory while nothing changes,
fresh after any write, from any connection this process holds to the file."""

from __future__ import annotations

from datetime import date

import pytest

from planner.goals import GoalDraft
from planner.read_cache import cached_read
from planner.store import Database

TODAY = date(2026, 11, 22)
calls: list[str] = []


@cached_read
def titles(store, *, prefix: str = "") -> list[str]:
    calls.append(prefix)
    return [g.title for g in store.goals.list.uncached(store.goals) if g.title.startswith(prefix)]


@pytest.fixture(autouse=True)
def no_calls():
    calls.clear()


def test_a_read_runs_once_until_the_planner_is_written(store):
    store.goals.add(GoalDraft(title="First"), today=TODAY)
    assert titles(store) == ["First"] and titles(store) == ["First"]
    assert calls == [""]
    assert titles(store, prefix="F") == ["First"]  # other arguments are another read
    assert calls == ["", "F"]
    store.goals.add(GoalDraft(title="Second"), today=TODAY)
    assert titles(store) == ["First", "Second"]
    assert calls == ["", "F", ""]


def test_a_write_that_rolls_back_keeps_what_was_read(store):
    store.goals.add(GoalDraft(title="First"), today=TODAY)
    titles(store)
    with pytest.raises(RuntimeError), store.transaction() as cursor:
        cursor.execute("DELETE FROM goals")
        raise RuntimeError("changed my mind")
    assert titles(store) == ["First"] and calls == [""]


def test_what_a_caller_does_to_a_result_does_not_change_the_next_one(store):
    store.goals.add(GoalDraft(title="First"), today=TODAY)
    titles(store).append("scribbled")
    assert titles(store) == ["First"]


def test_a_write_through_another_connection_to_the_file_is_seen(tmp_path):
    path = tmp_path / "planner.duckdb"
    with Database(path) as first, Database(path) as second:
        reader, writer = first.session(), second.session()
        assert reader.goals.list() == []
        writer.goals.add(GoalDraft(title="Elsewhere"), today=TODAY)
        assert [g.title for g in reader.goals.list()] == ["Elsewhere"]


def test_a_planner_file_made_again_at_the_same_path_starts_afresh(tmp_path):
    path = tmp_path / "planner.duckdb"
    with Database(path) as database:
        store = database.session()
        store.goals.add(GoalDraft(title="Old"), today=TODAY)
        assert titles(store) == ["Old"]
    path.unlink()
    with Database(path) as database:
        assert titles(database.session()) == []


def test_another_owner_has_reads_of_its_own(database):
    mine, theirs = database.session("me"), database.session("them")
    mine.goals.add(GoalDraft(title="Mine"), today=TODAY)
    assert titles(mine) == ["Mine"] and titles(theirs) == []


def test_a_read_that_fails_is_not_remembered(store):
    @cached_read
    def flaky(store):
        calls.append("try")
        if len(calls) == 1:
            raise RuntimeError("once")
        return "ok"

    with pytest.raises(RuntimeError):
        flaky(store)
    assert flaky(store) == "ok" and flaky(store) == "ok"
    assert calls == ["try", "try"]


def test_one_persons_save_leaves_what_was_read_of_another_planner(database):
    """On a database a cohort shares, a save forgets its own planner's reads only."""
    mine, theirs = database.session("me"), database.session("them")
    theirs.goals.add(GoalDraft(title="Theirs"), today=TODAY)
    assert titles(theirs) == ["Theirs"] and calls == [""]
    mine.goals.add(GoalDraft(title="Mine"), today=TODAY)
    assert titles(theirs) == ["Theirs"] and calls == [""]  # still remembered
    theirs.goals.add(GoalDraft(title="Later"), today=TODAY)
    assert sorted(titles(theirs)) == ["Later", "Theirs"]
    assert calls == ["", ""]


def test_a_read_made_while_its_planner_was_written_is_not_kept(store):
    from planner.read_cache import ReadCache

    cache = ReadCache()

    def read_during_a_write():
        cache.changed(store.owner_id)  # another thread's save commits mid-read
        return "old"

    assert cache.get(store.owner_id, "k", read_during_a_write) == "old"
    assert cache.get(store.owner_id, "k", lambda: "new") == "new"

    def read_during_a_schema_change():
        cache.changed()
        return "old"

    assert cache.get(store.owner_id, "j", read_during_a_schema_change) == "old"
    assert cache.get(store.owner_id, "j", lambda: "new") == "new"


def test_the_planners_used_least_recently_are_forgotten_first(monkeypatch):
    """A server many people share keeps a bounded number of reads in all."""
    from planner import read_cache

    monkeypatch.setattr(read_cache, "TOTAL_MAX", 4)
    cache = read_cache.ReadCache()
    for owner in ("ann", "bob"):
        for key in ("a", "b"):
            cache.get(owner, key, lambda o=owner, k=key: f"{o}-{k}")
    assert cache.get("ann", "a", lambda: "read again") == "ann-a"  # ann used last
    cache.get("cy", "a", lambda: "cy-a")  # full: bob, used least recently, goes
    assert cache.get("bob", "a", lambda: "read again") == "read again"
    assert cache.get("ann", "b", lambda: "read again") == "ann-b"
