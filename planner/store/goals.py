"""Goals and the assumptions listed for each."""

from __future__ import annotations

from datetime import date
from typing import Any

import duckdb

from planner.errors import NotFound, StaleEdit, ValidationError
from planner.goals import (
    ASSUMPTION_MAX,
    OPEN_STATUSES,
    Goal,
    GoalDraft,
    title_clashes,
    validate_goal,
)
from planner.read_cache import cached_read
from planner.store.records import Assumption, VersionChange
from planner.store.repository import Repository
from planner.text import check_text


def _goal_fields(draft: GoalDraft) -> list[Any]:
    """A draft's values in the order of the goals table's editable columns."""
    return [
        draft.title,
        draft.kind,
        draft.field,
        draft.target_roles,
        draft.target_organisations,
        draft.learning_aims,
        draft.fit_questions,
        draft.target_interviews,
        draft.target_date,
    ]


class GoalRepository(Repository):
    """Goals and the assumptions listed for each."""

    _GOAL_COLUMNS = (
        "g.id, g.title, g.kind, g.field, g.target_roles, g.target_organisations, "
        "g.learning_aims, g.fit_questions, g.target_interviews, g.target_date, g.status, "
        "g.created_at, g.updated_at, g.version"
    )

    @cached_read
    def list(self, *, statuses: tuple[str, ...] | None = None) -> list[Goal]:
        """Goals with their interviews done; active first, then paused, then achieved."""
        sql = f"""
            SELECT {self._GOAL_COLUMNS}, coalesce(done.n, 0) AS interviews_done
            FROM goals g
            LEFT JOIN (
                SELECT goal_id, count(*) AS n FROM interviews
                WHERE owner_id = ? AND status = 'done' GROUP BY goal_id
            ) done ON done.goal_id = g.id
            WHERE g.owner_id = ?
        """
        params: list[Any] = [self.owner_id, self.owner_id]
        if statuses is not None:
            if not statuses:
                return []
            sql += " AND g.status IN (SELECT unnest(?::VARCHAR[]))"
            params.append(list(statuses))
        sql += """
            ORDER BY CASE g.status WHEN 'active' THEN 0 WHEN 'paused' THEN 1 ELSE 2 END,
                     g.target_date NULLS LAST, g.id
        """
        return [Goal(*row) for row in self._rows(sql, params)]

    @cached_read
    def get(self, goal_id: int) -> Goal:
        """One goal, or NotFound."""
        row = self._one(
            f"""
            SELECT {self._GOAL_COLUMNS},
                   (SELECT count(*) FROM interviews i WHERE i.owner_id = g.owner_id
                      AND i.goal_id = g.id AND i.status = 'done')
            FROM goals g WHERE g.owner_id = ? AND g.id = ?
            """,
            [self.owner_id, goal_id],
        )
        if row is None:
            raise NotFound(f"No goal {goal_id}.")
        return Goal(*row)

    def _open_titles(self, cursor: duckdb.DuckDBPyConnection, exclude_id: int | None) -> list[str]:
        rows = cursor.execute(
            "SELECT title FROM goals WHERE owner_id = ? AND status IN (SELECT unnest(?::VARCHAR[]))"
            " AND id IS DISTINCT FROM ?",
            [self.owner_id, list(OPEN_STATUSES), exclude_id],
        ).fetchall()
        return [r[0] for r in rows]

    def add(self, draft: GoalDraft, *, today: date) -> int:
        """Save a new active goal, and the target organisations it names that are not on
        the list yet (unscored, to research first); returns its id. Raises
        ValidationError and saves nothing."""
        draft = draft.normalised()
        with self.transaction() as cur:
            errors = validate_goal(draft, today=today, open_titles=self._open_titles(cur, None))
            if errors:
                raise ValidationError(errors)
            goal_id = self._next_id(cur, "goals")
            now = self._now()
            cur.execute(
                """
                INSERT INTO goals (id, owner_id, title, kind, field, target_roles,
                    target_organisations, learning_aims, fit_questions, target_interviews,
                    target_date, status, created_at, updated_at, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, 1)
                """,
                [
                    goal_id,
                    self.owner_id,
                    *_goal_fields(draft),
                    now,
                    now,
                ],
            )
            self._store.organisations.ensure(cur, draft.target_organisations)
        return goal_id

    def update(self, goal_id: int, draft: GoalDraft, *, expected_version: int, today: date) -> None:
        """Save an edited goal, and the target organisations it now names that are not on
        the list yet. On ValidationError, StaleEdit or NotFound nothing is saved."""
        draft = draft.normalised()
        with self.transaction() as cur:
            current = cur.execute(
                "SELECT status, target_date, version FROM goals WHERE owner_id = ? AND id = ?",
                [self.owner_id, goal_id],
            ).fetchone()
            if current is None:
                raise NotFound(f"No goal {goal_id}.")
            status, saved_date, version = current
            if version != expected_version:
                raise StaleEdit.of("goal")
            titles = self._open_titles(cur, goal_id) if status in OPEN_STATUSES else []
            errors = validate_goal(
                draft, today=today, open_titles=titles, original_target_date=saved_date
            )
            if errors:
                raise ValidationError(errors)
            cur.execute(
                """
                UPDATE goals SET title = ?, kind = ?, field = ?, target_roles = ?,
                    target_organisations = ?, learning_aims = ?, fit_questions = ?,
                    target_interviews = ?, target_date = ?, updated_at = ?, version = version + 1
                WHERE owner_id = ? AND id = ?
                """,
                [
                    *_goal_fields(draft),
                    self._now(),
                    self.owner_id,
                    goal_id,
                ],
            )
            self._store.organisations.ensure(cur, draft.target_organisations)

    def set_status(self, goal_id: int, status: str) -> VersionChange:
        """Pause, resume, mark achieved or reopen a goal; returns its version before and
        after, so an edit open in the same window can follow the change.

        Reopening refuses (ValidationError on 'title') when another open goal
        already has the same title.
        """
        if status not in ("active", "paused", "achieved"):
            raise ValueError(f"unknown goal status {status!r}")
        with self.transaction() as cur:
            row = cur.execute(
                "SELECT title, status, version FROM goals WHERE owner_id = ? AND id = ?",
                [self.owner_id, goal_id],
            ).fetchone()
            if row is None:
                raise NotFound(f"No goal {goal_id}.")
            title, old_status, version = row
            reopening = status in OPEN_STATUSES and old_status not in OPEN_STATUSES
            if reopening and title_clashes(title, self._open_titles(cur, goal_id)):
                raise ValidationError(
                    {
                        "title": "Another active or paused goal has this title; "
                        "rename one of them before reopening this goal."
                    }
                )
            cur.execute(
                "UPDATE goals SET status = ?, updated_at = ?, version = version + 1"
                " WHERE owner_id = ? AND id = ?",
                [status, self._now(), self.owner_id, goal_id],
            )
        return VersionChange(before=version, after=version + 1)

    @cached_read
    def links(self, goal_id: int) -> dict[str, int]:
        """What refers to a goal, counted, so deleting it can say what it affects."""
        row = self._one(
            """
            SELECT
              (SELECT count(*) FROM contact_goals WHERE owner_id = ? AND goal_id = ?),
              (SELECT count(*) FROM interviews WHERE owner_id = ? AND goal_id = ?),
              (SELECT count(*) FROM research_notes WHERE owner_id = ? AND goal_id = ?),
              (SELECT count(*) FROM action_items WHERE owner_id = ? AND goal_id = ?),
              (SELECT count(*) FROM goal_assumptions WHERE owner_id = ? AND goal_id = ?)
            """,
            [self.owner_id, goal_id] * 5,
        )
        names = ("contacts", "interviews", "research notes", "action items", "assumptions")
        return dict(zip(names, row, strict=True))

    def delete(self, goal_id: int) -> None:
        """Delete a goal and its assumptions; contacts, interviews, notes and
        action items that referred to it stay, no longer linked to any goal."""
        with self.transaction() as cur:
            found = cur.execute(
                "SELECT count(*) FROM goals WHERE owner_id = ? AND id = ?", [self.owner_id, goal_id]
            ).fetchone()[0]
            if not found:
                raise NotFound(f"No goal {goal_id}.")
            params = [self.owner_id, goal_id]
            cur.execute(
                """
                DELETE FROM assumption_checks WHERE owner_id = ? AND assumption_id IN
                  (SELECT id FROM goal_assumptions WHERE owner_id = ? AND goal_id = ?)
                """,
                [self.owner_id, *params],
            )
            cur.execute("DELETE FROM goal_assumptions WHERE owner_id = ? AND goal_id = ?", params)
            cur.execute("DELETE FROM contact_goals WHERE owner_id = ? AND goal_id = ?", params)
            for table in ("interviews", "research_notes", "action_items"):
                cur.execute(
                    f"UPDATE {table} SET goal_id = NULL WHERE owner_id = ? AND goal_id = ?", params
                )
            cur.execute("DELETE FROM goals WHERE owner_id = ? AND id = ?", params)

    @cached_read
    def assumptions(self, goal_id: int | None = None) -> list[Assumption]:
        """A goal's assumptions (every goal's when None) with how many conversations
        confirmed and refuted each, counted in DuckDB."""
        return [
            Assumption(*row)
            for row in self._rows(
                """
                SELECT a.id, a.goal_id, a.statement,
                       count(*) FILTER (WHERE k.verdict = 'confirmed'),
                       count(*) FILTER (WHERE k.verdict = 'refuted')
                FROM goal_assumptions a
                LEFT JOIN assumption_checks k
                  ON k.owner_id = a.owner_id AND k.assumption_id = a.id
                WHERE a.owner_id = $o AND ($goal IS NULL OR a.goal_id = $goal)
                GROUP BY a.id, a.goal_id, a.statement
                ORDER BY a.goal_id, a.id
                """,
                {"o": self.owner_id, "goal": goal_id},
            )
        ]

    @staticmethod
    def _statement(statement: str) -> str:
        """An assumption as it is kept (spaces collapsed), refused when blank or too long."""
        statement = " ".join(statement.split())
        if not statement:
            raise ValidationError({"statement": "Write what you believe, in a sentence."})
        if message := check_text(statement, limit=ASSUMPTION_MAX, single_line=True):
            raise ValidationError({"statement": message})
        return statement

    def _refuse_a_repeat(self, cur, goal_id: int, statement: str, *, apart_from=None) -> None:
        (clash,) = cur.execute(
            "SELECT count(*) FROM goal_assumptions WHERE owner_id = ? AND goal_id = ? "
            "AND lower(statement) = lower(?) AND id IS DISTINCT FROM ?",
            [self.owner_id, goal_id, statement, apart_from],
        ).fetchone()
        if clash:
            raise ValidationError({"statement": "This goal already has that assumption."})

    def reword_assumption(self, assumption_id: int, statement: str, *, was: str) -> None:
        """Reword an assumption (what conversations said of it stays with it), unless
        another window changed it since it read ``was``."""
        statement = self._statement(statement)
        with self.transaction() as cur:
            row = cur.execute(
                "SELECT goal_id, statement FROM goal_assumptions WHERE owner_id = ? AND id = ?",
                [self.owner_id, assumption_id],
            ).fetchone()
            if row is None:
                raise NotFound("That assumption was removed (in another window?).")
            if row[1] != was:
                raise StaleEdit.of("assumption")
            self._refuse_a_repeat(cur, row[0], statement, apart_from=assumption_id)
            cur.execute(
                "UPDATE goal_assumptions SET statement = ? WHERE owner_id = ? AND id = ?",
                [statement, self.owner_id, assumption_id],
            )

    def add_assumption(self, goal_id: int, statement: str) -> int:
        """Note something the user believes before talking to anyone, on a goal."""
        statement = self._statement(statement)
        with self.transaction() as cur:
            found = cur.execute(
                "SELECT count(*) FROM goals WHERE owner_id = ? AND id = ?",
                [self.owner_id, goal_id],
            ).fetchone()[0]
            if not found:
                raise NotFound("That goal was deleted.")
            self._refuse_a_repeat(cur, goal_id, statement)
            assumption_id = self._next_id(cur, "goal_assumptions")
            cur.execute(
                "INSERT INTO goal_assumptions (id, owner_id, goal_id, statement, created_at) "
                "VALUES (?, ?, ?, ?, ?)",
                [assumption_id, self.owner_id, goal_id, statement, self._now()],
            )
        return assumption_id

    def remove_assumption(self, assumption_id: int) -> None:
        """Remove an assumption and the checks reflections made of it."""
        with self.transaction() as cur:
            cur.execute(
                "DELETE FROM assumption_checks WHERE owner_id = ? AND assumption_id = ?",
                [self.owner_id, assumption_id],
            )
            removed = cur.execute(
                "DELETE FROM goal_assumptions WHERE owner_id = ? AND id = ? RETURNING id",
                [self.owner_id, assumption_id],
            ).fetchall()
            if not removed:
                raise NotFound("That assumption was already removed.")
