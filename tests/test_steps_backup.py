"""The Backup step: what a backup would hold, the file, and a restore that is refused with
a message under the file field and changes nothing."""

from __future__ import annotations

import pytest

from planner import backup as rules
from planner.errors import ValidationError
from planner.goals import GoalDraft
from planner.steps import backup
from planner.store import Database

from .conftest import TODAY


def test_an_empty_planner_says_its_backup_will_be_empty(store):
    view = backup.load(store, today=TODAY)
    assert view.holds == "This planner is empty; the backup will be too."
    assert view.empty
    assert view.file_name == "interview-planner-backup-2026-11-22.json"
    assert backup.load(store, today=TODAY, demo=True).file_name.startswith(
        "interview-planner-demo-backup-"
    )


def test_a_filled_planner_says_what_its_backup_holds_and_follows_the_next_write(store):
    store.goals.add(GoalDraft(title="Explore UX"), today=TODAY)
    view = backup.load(store, today=TODAY)
    assert view.holds == "Holds 1 goal." and not view.empty
    store.goals.add(GoalDraft(title="Teaching abroad"), today=TODAY)
    assert backup.load(store, today=TODAY).holds == "Holds 2 goals."


def test_the_backup_file_is_the_planners_full_backup(store):
    store.goals.add(GoalDraft(title="Explore UX"), today=TODAY)
    data = backup.backup_file(store)
    assert data == rules.export_text(store).encode("utf-8")


def test_a_backup_restores_into_an_empty_planner_and_replaces_a_full_one(store):
    store.goals.add(GoalDraft(title="Explore UX"), today=TODAY)
    data = backup.backup_file(store)
    with Database(":memory:") as other:
        fresh = other.session()
        assert backup.restore(fresh, data, replace=False) == "Restored the backup: 1 goal."
        assert [g.title for g in fresh.goals.list()] == ["Explore UX"]
        fresh.goals.add(GoalDraft(title="Made after the backup"), today=TODAY)
        backup.restore(fresh, data, replace=True)
        assert [g.title for g in fresh.goals.list()] == ["Explore UX"]


def test_a_file_that_is_not_a_backup_is_refused_under_the_file_field(store):
    store.goals.add(GoalDraft(title="Explore UX"), today=TODAY)
    before = rules.export_text(store)
    with pytest.raises(ValidationError) as refused:
        backup.restore(store, b"not a backup", replace=True)
    assert list(refused.value.errors) == ["file"]
    assert rules.export_text(store) == before


def test_a_planner_filled_since_the_page_was_drawn_is_not_overwritten(store):
    data = backup.backup_file(store)  # an empty planner's backup
    store.goals.add(GoalDraft(title="Made in another window"), today=TODAY)
    with pytest.raises(ValidationError) as refused:
        backup.restore(store, data, replace=False)
    assert "already holds data" in refused.value.errors["file"]
    assert [g.title for g in store.goals.list()] == ["Made in another window"]
