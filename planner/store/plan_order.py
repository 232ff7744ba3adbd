"""Changing the questions already in a plan: their order, their wording, and taking one
out with what Undo needs to put it back where it was."""

from __future__ import annotations

from planner.errors import NotFound, StaleEdit, ValidationError
from planner.question_plans import RemovedQuestion
from planner.questions import QUESTION_MAX, same_question
from planner.store.repository import Repository
from planner.text import check_text


def text_problem(text: str) -> str | None:
    """What is wrong with a planned question's wording (spaces already tidied)."""
    if not text:
        return "Write the question."
    return check_text(text, limit=QUESTION_MAX, single_line=True)


class PlanOrder(Repository):
    """The questions of a plan once added: moved, reworded, removed and put back."""

    def move_question(self, question_id: int, step: int) -> None:
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
            self._renumber(cur, ids)

    def edit_question_text(self, question_id: int, text: str, *, expected_version: int) -> None:
        """Reword a planned question (its minutes, must-ask mark and notes stay). Refused
        when empty, too long or already in the plan; StaleEdit when another window changed
        it since ``expected_version``."""
        text = " ".join(text.split())
        if message := text_problem(text):
            raise ValidationError({"text": message})
        with self.transaction() as cur:
            row = cur.execute(
                "SELECT plan_id, version FROM plan_questions WHERE owner_id = ? AND id = ?",
                [self.owner_id, question_id],
            ).fetchone()
            if row is None:
                raise NotFound("That question was removed from the plan.")
            plan_id, version = row
            if version != expected_version:
                raise StaleEdit.of("question")
            others = cur.execute(
                "SELECT text FROM plan_questions WHERE owner_id = ? AND plan_id = ? AND id <> ?",
                [self.owner_id, plan_id, question_id],
            ).fetchall()
            if same_question(text) in {same_question(t) for (t,) in others}:
                raise ValidationError({"text": "This question is already in the plan."})
            cur.execute(
                "UPDATE plan_questions SET text = ?, updated_at = ?, version = version + 1 "
                "WHERE owner_id = ? AND id = ?",
                [text, self._now(), self.owner_id, question_id],
            )

    def remove_question(self, question_id: int) -> RemovedQuestion:
        """Take a question out of its plan; returns it as it was, to put back (``restore``)."""
        with self.transaction() as cur:
            row = cur.execute(
                """
                SELECT plan_id, text, minutes, must_ask, asked, answer_notes, bank_key,
                       question_id, position
                FROM plan_questions WHERE owner_id = ? AND id = ?
                """,
                [self.owner_id, question_id],
            ).fetchone()
            if row is None:
                raise NotFound("That question was already removed.")
            *kept, position = row
            (before,) = cur.execute(
                "SELECT count(*) FROM plan_questions WHERE owner_id = ? AND plan_id = ? "
                "AND (position < ? OR (position = ? AND id < ?))",
                [self.owner_id, kept[0], position, position, question_id],
            ).fetchone()
            cur.execute(
                "DELETE FROM plan_questions WHERE owner_id = ? AND id = ?",
                [self.owner_id, question_id],
            )
            return RemovedQuestion(*kept, index=before)

    def restore_question(self, removed: RemovedQuestion) -> int:
        """Put a removed question back in its plan at the place it held, with its
        minutes, marks and notes. Returns its (new) id."""
        with self.transaction() as cur:
            if not self._plan_exists(cur, removed.plan_id):
                raise NotFound("That question plan was deleted.")
            rows = cur.execute(
                "SELECT id, text FROM plan_questions WHERE owner_id = ? AND plan_id = ? "
                "ORDER BY position, id",
                [self.owner_id, removed.plan_id],
            ).fetchall()
            ids = [i for i, _ in rows]
            if same_question(removed.text) in {same_question(t) for _, t in rows}:
                raise ValidationError({"text": "This question is already in the plan again."})
            new_id, now = self._next_id(cur, "plan_questions"), self._now()
            cur.execute(
                """
                INSERT INTO plan_questions (id, owner_id, plan_id, question_id, bank_key,
                    text, position, must_ask, minutes, asked, answer_notes, created_at,
                    updated_at)
                VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?)
                """,
                [
                    new_id,
                    self.owner_id,
                    removed.plan_id,
                    removed.question_id,
                    removed.bank_key,
                    removed.text,
                    removed.must_ask,
                    removed.minutes,
                    removed.asked,
                    removed.answer_notes,
                    now,
                    now,
                ],
            )
            ids.insert(min(removed.index, len(ids)), new_id)
            self._renumber(cur, ids)
            return new_id

    def _plan_exists(self, cur, plan_id: int) -> bool:
        return (
            cur.execute(
                "SELECT 1 FROM question_plans WHERE owner_id = ? AND id = ?",
                [self.owner_id, plan_id],
            ).fetchone()
            is not None
        )

    def _renumber(self, cur, ids: list[int]) -> None:
        """Give the plan's questions ``ids`` the positions 1, 2, ... in that order."""
        cur.execute(
            """
            UPDATE plan_questions SET position = new.position, version = version + 1
            FROM (SELECT unnest(?::BIGINT[]) AS id, generate_subscripts(?::BIGINT[], 1)
                  AS position) AS new
            WHERE plan_questions.owner_id = ? AND plan_questions.id = new.id
            """,
            [ids, ids, self.owner_id],
        )
