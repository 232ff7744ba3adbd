"""Goals in the store: saved whole or not at all, per owner, safe across sessions."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest

from planner.errors import NotFound, StaleEdit, ValidationError
from planner.goals import GoalDraft
from planner.store import Database
from tests.conftest import TODAY


def draft(title: str = "Explore data journalism", **changes) -> GoalDraft:
    return GoalDraft(title=title, **changes)


def test_a_saved_goal_comes_back_as_typed(store):
    goal_id = store.goals.add(
        draft(
            kind="change",
            field="Media",
            target_roles=["Data reporter", "Graphics editor"],
            target_organisations=["The Daily Example"],
            learning_aims=["How do reporters pick stories?"],
            fit_questions=["want", "succeed"],
            target_interviews=5,
            target_date=TODAY + timedelta(days=45),
        ),
        today=TODAY,
    )
    goal = store.goals.get(goal_id)
    assert goal.title == "Explore data journalism"
    assert goal.kind == "change"
    assert goal.target_roles == ["Data reporter", "Graphics editor"]
    assert goal.fit_questions == ["succeed", "want"]
    assert goal.target_interviews == 5
    assert goal.target_date == TODAY + timedelta(days=45)
    assert goal.status == "active"
    assert goal.interviews_done == 0
    assert goal.version == 1


def test_bad_input_saves_nothing(store):
    with pytest.raises(ValidationError) as caught:
        store.goals.add(draft("", target_interviews=0), today=TODAY)
    assert set(caught.value.errors) == {"title", "target_interviews"}
    assert store.goals.list() == []


def test_a_duplicate_open_title_is_refused_but_an_achieved_one_is_not(store):
    first = store.goals.add(draft("Same title"), today=TODAY)
    with pytest.raises(ValidationError):
        store.goals.add(draft("same  TITLE"), today=TODAY)
    store.goals.set_status(first, "achieved")
    second = store.goals.add(draft("Same title"), today=TODAY)
    # Reopening the achieved one would make two open goals with one title.
    with pytest.raises(ValidationError):
        store.goals.set_status(first, "active")
    store.goals.set_status(second, "paused")
    with pytest.raises(ValidationError):
        store.goals.add(draft("Same title"), today=TODAY)
    assert len(store.goals.list()) == 2


def test_editing_saves_changes_and_bumps_the_version(store):
    goal_id = store.goals.add(draft(), today=TODAY)
    store.goals.update(
        goal_id, draft("Explore data journalism", field="News"), expected_version=1, today=TODAY
    )
    goal = store.goals.get(goal_id)
    assert goal.field == "News"
    assert goal.version == 2


def test_an_edit_from_a_stale_window_is_refused_not_lost_silently(store):
    goal_id = store.goals.add(draft(), today=TODAY)
    store.goals.update(goal_id, draft(field="First edit"), expected_version=1, today=TODAY)
    with pytest.raises(StaleEdit):
        store.goals.update(goal_id, draft(field="Second edit"), expected_version=1, today=TODAY)
    assert store.goals.get(goal_id).field == "First edit"


def test_editing_a_goal_may_keep_its_own_title(store):
    goal_id = store.goals.add(draft("Keep me"), today=TODAY)
    store.goals.update(goal_id, draft("Keep me", field="x"), expected_version=1, today=TODAY)
    assert store.goals.get(goal_id).field == "x"


def test_pause_resume_achieve_and_reopen(store):
    goal_id = store.goals.add(draft(), today=TODAY)
    for status in ("paused", "active", "achieved", "active"):
        store.goals.set_status(goal_id, status)
        assert store.goals.get(goal_id).status == status


def test_reopening_is_refused_while_an_open_goal_has_the_same_title(store):
    old = store.goals.add(draft("Explore nursing"), today=TODAY)
    store.goals.set_status(old, "achieved")
    store.goals.add(draft("explore  NURSING"), today=TODAY)
    with pytest.raises(ValidationError) as refused:
        store.goals.set_status(old, "active")
    assert "rename one of them" in refused.value.errors["title"]
    assert store.goals.get(old).status == "achieved"


def test_the_list_puts_active_first_then_paused_then_achieved(store):
    achieved = store.goals.add(draft("A"), today=TODAY)
    paused = store.goals.add(draft("B"), today=TODAY)
    active = store.goals.add(draft("C"), today=TODAY)
    store.goals.set_status(achieved, "achieved")
    store.goals.set_status(paused, "paused")
    assert [g.id for g in store.goals.list()] == [active, paused, achieved]
    assert [g.id for g in store.goals.list(statuses=("achieved",))] == [achieved]


def test_deleting_a_goal_keeps_what_was_linked_to_it(store):
    from tests.fixtures import fill_every_table

    fill_every_table(store, rows_per_table=2)  # goal 1 is referenced by row 1 of other tables
    links = store.goals.links(1)
    assert links["interviews"] == 1
    assert links["contacts"] == 1
    store.goals.delete(1)
    with pytest.raises(NotFound):
        store.goals.get(1)
    counts = store.content.row_counts()
    assert counts["interviews"] == 2
    assert counts["research_notes"] == 2
    assert counts["contact_goals"] == 1
    assert counts["goal_assumptions"] == 1
    assert store.goals.links(1) == dict.fromkeys(links, 0)


def test_progress_counts_only_done_interviews_of_that_goal(store):
    from tests.fixtures import fill_every_table

    fill_every_table(store, rows_per_table=3)
    # The filler gives interview n the goal n; only interview 1 is done.
    statuses = dict(store.content.rows("interviews", ["goal_id", "status"]))
    assert statuses == {1: "done", 2: "cancelled", 3: "scheduled"}
    assert {g.id: g.interviews_done for g in store.goals.list()} == {1: 1, 2: 0, 3: 0}
    with store.transaction() as cursor:  # every write goes through a transaction
        cursor.execute("UPDATE interviews SET goal_id = 2, status = 'done'")
    assert {g.id: g.interviews_done for g in store.goals.list()} == {1: 0, 2: 3, 3: 0}
    assert store.goals.get(2).interviews_done == 3


def test_owners_see_only_their_own_goals(database):
    mine = database.session("me")
    theirs = database.session("someone-else")
    mine.goals.add(draft("Mine"), today=TODAY)
    assert theirs.goals.list() == []
    theirs.goals.add(draft("Mine"), today=TODAY)  # same title is fine for another owner
    assert [g.title for g in mine.goals.list()] == ["Mine"]
    assert theirs.content.row_counts()["goals"] == 1


def test_a_save_that_fails_halfway_leaves_nothing(store):
    class Boom(Exception):
        pass

    with pytest.raises(Boom), store.transaction() as cur:
        cur.execute(
            "INSERT INTO goals (id, owner_id, title, kind, created_at, updated_at)"
            " VALUES (77, 'local', 'half', 'explore', now()::TIMESTAMP, now()::TIMESTAMP)"
        )
        raise Boom
    assert store.goals.list() == []


def test_sessions_in_threads_lose_no_write(db_path):
    with Database(db_path) as db:
        errors = []

        def work(worker: int) -> None:
            session = db.session()
            try:
                for n in range(15):
                    session.goals.add(draft(f"Goal {worker}-{n}"), today=TODAY)
                    session.goals.list()
            except Exception as error:  # pragma: no cover - reported below
                errors.append(error)

        threads = [threading.Thread(target=work, args=(w,)) for w in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        titles = {g.title for g in db.session().goals.list()}
        assert len(titles) == 6 * 15


def test_a_second_process_gets_a_clear_message(db_path):
    import subprocess
    import sys

    with Database(db_path):
        result = subprocess.run(
            [sys.executable, "-m", "planner", "export", "--db", str(db_path), "-o", "/dev/null"],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1
    assert "open in another program" in result.stderr
    assert "Traceback" not in result.stderr


def test_writes_inside_one_transaction_are_saved_together_or_not_at_all(store):
    with pytest.raises(ValidationError), store.transaction():
        store.goals.add(GoalDraft(title="Kept only with the second"), today=TODAY)
        store.goals.add(GoalDraft(title=""), today=TODAY)  # refused: no title
    assert store.goals.list() == []
    with store.transaction():
        store.goals.add(GoalDraft(title="First"), today=TODAY)
        store.goals.add(GoalDraft(title="Second"), today=TODAY)
    assert sorted(g.title for g in store.goals.list()) == ["First", "Second"]
