"""The question bank: shipped questions, the user's edits and retirements, and
their own questions.
"""

from __future__ import annotations

from planner.errors import NotFound, StaleEdit
from planner.question_bank import bank_by_key
from planner.questions import (
    BankEntry,
    OwnQuestion,
    QuestionDraft,
    check_question,
    merged_bank,
)
from planner.store.repository import Repository


class BankRepository(Repository):
    """The question bank: shipped questions, the user's edits and retirements, and
    their own questions.
    """

    def own(self) -> list[OwnQuestion]:
        """Every question the user wrote or changed, retired ones included, oldest first."""
        return [
            OwnQuestion(*row)
            for row in self._rows(
                "SELECT id, text, category, tiara, bank_key, retired, version FROM questions "
                "WHERE owner_id = ? ORDER BY id",
                [self.owner_id],
            )
        ]

    def entries(self) -> list[BankEntry]:
        """The bank as the user sees it: shipped questions with their edits, then their own."""
        return merged_bank(self.own())

    def texts(self, cur, *, except_ref: str) -> list[str]:
        own = [
            OwnQuestion(*row)
            for row in cur.execute(
                "SELECT id, text, category, tiara, bank_key, retired, version FROM questions "
                "WHERE owner_id = ? ORDER BY id",
                [self.owner_id],
            ).fetchall()
        ]
        return [e.text for e in merged_bank(own) if e.ref != except_ref]

    def add(self, draft: QuestionDraft) -> int:
        """Save a question of the user's own to their bank; returns its id."""
        draft = draft.normalised()
        with self.transaction() as cur:
            check_question(draft, others=self.texts(cur, except_ref=""))
            return self.insert(cur, draft, bank_key="", retired=False)

    def insert(self, cur, draft: QuestionDraft, *, bank_key: str, retired: bool) -> int:
        question_id = self._next_id(cur, "questions")
        now = self._now()
        cur.execute(
            """
            INSERT INTO questions (id, owner_id, text, category, tiara, bank_key, retired,
                created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                question_id,
                self.owner_id,
                draft.text,
                draft.category,
                draft.tiara,
                bank_key,
                retired,
                now,
                now,
            ],
        )
        return question_id

    def _override_id(self, cur, bank_key: str) -> tuple[int, int] | None:
        return cur.execute(
            "SELECT id, version FROM questions WHERE owner_id = ? AND bank_key = ? "
            "ORDER BY id LIMIT 1",
            [self.owner_id, bank_key],
        ).fetchone()

    def edit(self, ref: str, draft: QuestionDraft, *, expected_version: int) -> None:
        """Change a bank entry's wording, category or TIARA element. A shipped question
        gets the user's own version (the shipped file never changes)."""
        draft = draft.normalised()
        with self.transaction() as cur:
            check_question(draft, others=self.texts(cur, except_ref=ref))
            kind, _, name = ref.partition(":")
            if kind == "bank":
                if name not in bank_by_key():
                    raise NotFound("That question is no longer in the shipped bank.")
                found = self._override_id(cur, name)
                if found is None:
                    if expected_version:
                        raise StaleEdit.of("question")
                    self.insert(cur, draft, bank_key=name, retired=False)
                    return
                question_id, version = found
            else:
                question_id = int(name)
                row = cur.execute(
                    "SELECT version FROM questions WHERE owner_id = ? AND id = ?",
                    [self.owner_id, question_id],
                ).fetchone()
                if row is None:
                    raise NotFound("That question was deleted.")
                (version,) = row
            if version != expected_version:
                raise StaleEdit.of("question")
            cur.execute(
                "UPDATE questions SET text = ?, category = ?, tiara = ?, updated_at = ?, "
                "version = version + 1 WHERE owner_id = ? AND id = ?",
                [
                    draft.text,
                    draft.category,
                    draft.tiara,
                    self._now(),
                    self.owner_id,
                    question_id,
                ],
            )

    def set_retired(self, ref: str, retired: bool) -> None:
        """Retire a bank entry (it leaves the bank's list, plans keep it) or bring it back."""
        with self.transaction() as cur:
            kind, _, name = ref.partition(":")
            if kind == "bank":
                shipped = bank_by_key().get(name)
                if shipped is None:
                    raise NotFound("That question is no longer in the shipped bank.")
                found = self._override_id(cur, name)
                if found is None:
                    if retired:
                        draft = QuestionDraft(shipped.text, shipped.category, shipped.tiara)
                        self.insert(cur, draft, bank_key=name, retired=True)
                    return
                question_id = found[0]
            else:
                question_id = int(name)
            updated = cur.execute(
                "UPDATE questions SET retired = ?, updated_at = ?, version = version + 1 "
                "WHERE owner_id = ? AND id = ? RETURNING id",
                [retired, self._now(), self.owner_id, question_id],
            ).fetchall()
            if not updated:
                raise NotFound("That question was deleted.")
