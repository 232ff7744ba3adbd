"""Research notes and the facts they hold."""

from __future__ import annotations

from datetime import date
from typing import Any

from planner.errors import NotFound, StaleEdit, ValidationError
from planner.read_cache import cached_read
from planner.research import Note, NoteDraft, check_note
from planner.store.repository import Repository
from planner.store.shared import _like_escape


def _note_fields(draft: NoteDraft) -> list[Any]:
    return [
        draft.goal_id,
        draft.organisation_id,
        draft.topic_kind,
        draft.title,
        draft.body,
        draft.source_url,
        draft.noted_on,
        draft.facts,
    ]


class NoteRepository(Repository):
    """Research notes and the facts they hold."""

    _NOTE_SELECT = """
        SELECT n.id, n.topic_kind, n.title, n.body, n.source_url, n.noted_on, n.goal_id,
               coalesce(g.title, ''), n.organisation_id, coalesce(o.name, ''), n.facts,
               n.updated_at, n.version
        FROM research_notes n
        LEFT JOIN goals g ON g.owner_id = n.owner_id AND g.id = n.goal_id
        LEFT JOIN organisations o ON o.owner_id = n.owner_id AND o.id = n.organisation_id
        WHERE n.owner_id = $o
    """

    @cached_read
    def list(
        self,
        *,
        goal_id: int | None = None,
        topic_kind: str | None = None,
        search: str = "",
    ) -> list[Note]:
        """Research notes, newest first; ``search`` matches title, body and facts."""
        sql = self._NOTE_SELECT
        params: dict[str, Any] = {"o": self.owner_id}
        if goal_id is not None:
            sql += " AND n.goal_id = $goal"
            params["goal"] = goal_id
        if topic_kind is not None:
            sql += " AND n.topic_kind = $kind"
            params["kind"] = topic_kind
        if search.strip():
            sql += """ AND (n.title ILIKE $q ESCAPE '\\' OR n.body ILIKE $q ESCAPE '\\'
                       OR array_to_string(n.facts, ' ') ILIKE $q ESCAPE '\\')"""
            params["q"] = "%" + _like_escape(search.strip()) + "%"
        sql += " ORDER BY n.noted_on DESC, n.id DESC"
        return [Note(*row) for row in self._rows(sql, params)]

    @cached_read
    def known_facts(
        self, *, goal_id: int | None = None, organisation_id: int | None = None
    ) -> list[str]:
        """The facts the user noted (for a goal and/or an organisation when given), for
        the question lint."""
        return [
            fact
            for (fact,) in self._rows(
                """
                SELECT unnest(facts) FROM research_notes
                WHERE owner_id = $o
                  AND ($goal IS NULL OR goal_id = $goal OR organisation_id = $org)
                  AND ($org IS NULL OR organisation_id = $org OR goal_id = $goal)
                ORDER BY id
                """,
                {"o": self.owner_id, "goal": goal_id, "org": organisation_id},
            )
        ]

    def add(self, draft: NoteDraft, *, today: date) -> int:
        draft = draft.normalised()
        check_note(draft, today=today)
        with self.transaction() as cur:
            self._check_references(cur, draft)
            note_id = self._next_id(cur, "research_notes")
            now = self._now()
            cur.execute(
                """
                INSERT INTO research_notes (id, owner_id, goal_id, organisation_id, topic_kind,
                    title, body, source_url, noted_on, facts, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [note_id, self.owner_id, *_note_fields(draft), now, now],
            )
        return note_id

    def update(self, note_id: int, draft: NoteDraft, *, expected_version: int, today: date) -> None:
        draft = draft.normalised()
        check_note(draft, today=today)
        with self.transaction() as cur:
            row = cur.execute(
                "SELECT version FROM research_notes WHERE owner_id = ? AND id = ?",
                [self.owner_id, note_id],
            ).fetchone()
            if row is None:
                raise NotFound("That note was deleted.")
            if row[0] != expected_version:
                raise StaleEdit.of("research note")
            self._check_references(cur, draft)
            cur.execute(
                """
                UPDATE research_notes SET goal_id = ?, organisation_id = ?, topic_kind = ?,
                    title = ?, body = ?, source_url = ?, noted_on = ?, facts = ?,
                    updated_at = ?, version = version + 1
                WHERE owner_id = ? AND id = ?
                """,
                [*_note_fields(draft), self._now(), self.owner_id, note_id],
            )

    def _check_references(self, cur, draft: NoteDraft) -> None:
        for field, table, ref in (
            ("goal_id", "goals", draft.goal_id),
            ("organisation_id", "organisations", draft.organisation_id),
        ):
            if ref is None:
                continue
            (present,) = cur.execute(
                f"SELECT count(*) FROM {table} WHERE owner_id = ? AND id = ?",
                [self.owner_id, ref],
            ).fetchone()
            if not present:
                raise ValidationError(
                    {field: "That choice was deleted in another window; choose again."}
                )

    def delete(self, note_id: int) -> None:
        with self.transaction() as cur:
            deleted = cur.execute(
                "DELETE FROM research_notes WHERE owner_id = ? AND id = ? RETURNING id",
                [self.owner_id, note_id],
            ).fetchall()
            if not deleted:
                raise NotFound("That note was already deleted.")
