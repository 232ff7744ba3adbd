"""The store's question plans: one plan per interview, its questions in order.

A mixin of ``planner.store.Store``, like ``store_network``.
"""

from __future__ import annotations

from typing import Any

from planner.errors import NotFound
from planner.goals import ValidationError
from planner.question_plans import PlannedQuestion
from planner.text import check_text

QUESTION_MAX = 300
MINUTES_RANGE = (1, 15)


class PlanStore:
    """Question plans (mixed into Store)."""

    owner_id: str

    def plan_for(self, interview_id: int) -> int:
        """The interview's plan id, made empty on first use."""
        with self.transaction() as cur:
            found = cur.execute(
                "SELECT count(*) FROM interviews WHERE owner_id = ? AND id = ?",
                [self.owner_id, interview_id],
            ).fetchone()[0]
            if not found:
                raise NotFound("That interview was deleted.")
            row = cur.execute(
                "SELECT id FROM question_plans WHERE owner_id = ? AND interview_id = ?",
                [self.owner_id, interview_id],
            ).fetchone()
            if row is not None:
                return row[0]
            plan_id = self._next_id(cur, "question_plans")
            now = self._now()
            cur.execute(
                "INSERT INTO question_plans (id, owner_id, interview_id, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?)",
                [plan_id, self.owner_id, interview_id, now, now],
            )
            return plan_id

    def plan_questions(self, plan_id: int) -> list[tuple]:
        """(id, text, minutes, must_ask, asked, answer_notes, bank_key) in plan order."""
        return self._rows(
            """
            SELECT id, text, minutes, must_ask, asked, answer_notes, bank_key
            FROM plan_questions WHERE owner_id = ? AND plan_id = ?
            ORDER BY position, id
            """,
            [self.owner_id, plan_id],
        )

    def planned(self, plan_id: int) -> list[PlannedQuestion]:
        return [PlannedQuestion(t, m, must) for _, t, m, must, *_ in self.plan_questions(plan_id)]

    def add_plan_question(
        self,
        plan_id: int,
        text: str,
        *,
        minutes: int = 3,
        must_ask: bool = False,
        bank_key: str = "",
    ) -> int:
        """Add a question at the end of the plan."""
        text = " ".join(text.split())
        errors: dict[str, Any] = {}
        if not text:
            errors["text"] = "Write the question."
        elif message := check_text(text, limit=QUESTION_MAX, single_line=True):
            errors["text"] = message
        if not MINUTES_RANGE[0] <= minutes <= MINUTES_RANGE[1]:
            errors["minutes"] = f"Allow {MINUTES_RANGE[0]}-{MINUTES_RANGE[1]} minutes."
        if errors:
            raise ValidationError(errors)
        with self.transaction() as cur:
            (last,) = cur.execute(
                "SELECT coalesce(max(position), 0) FROM plan_questions "
                "WHERE owner_id = ? AND plan_id = ?",
                [self.owner_id, plan_id],
            ).fetchone()
            question_id = self._next_id(cur, "plan_questions")
            now = self._now()
            cur.execute(
                """
                INSERT INTO plan_questions (id, owner_id, plan_id, bank_key, text, position,
                    must_ask, minutes, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    question_id,
                    self.owner_id,
                    plan_id,
                    bank_key,
                    text,
                    last + 1,
                    must_ask,
                    minutes,
                    now,
                    now,
                ],
            )
        return question_id

    def move_plan_question(self, question_id: int, step: int) -> None:
        """Move a question up (step -1) or down (+1) in its plan; the order is its priority."""
        with self.transaction() as cur:
            row = cur.execute(
                "SELECT plan_id FROM plan_questions WHERE owner_id = ? AND id = ?",
                [self.owner_id, question_id],
            ).fetchone()
            if row is None:
                raise NotFound("That question was removed.")
            ids = [
                i
                for (i,) in cur.execute(
                    "SELECT id FROM plan_questions WHERE owner_id = ? AND plan_id = ? "
                    "ORDER BY position, id",
                    [self.owner_id, row[0]],
                ).fetchall()
            ]
            at = ids.index(question_id)
            to = min(max(at + step, 0), len(ids) - 1)
            ids.insert(to, ids.pop(at))
            cur.execute(
                """
                UPDATE plan_questions SET position = new.position, version = version + 1
                FROM (SELECT unnest(?::BIGINT[]) AS id, generate_subscripts(?::BIGINT[], 1)
                      AS position) AS new
                WHERE plan_questions.owner_id = ? AND plan_questions.id = new.id
                """,
                [ids, ids, self.owner_id],
            )

    def remove_plan_question(self, question_id: int) -> None:
        with self.transaction() as cur:
            removed = cur.execute(
                "DELETE FROM plan_questions WHERE owner_id = ? AND id = ? RETURNING id",
                [self.owner_id, question_id],
            ).fetchall()
            if not removed:
                raise NotFound("That question was already removed.")
