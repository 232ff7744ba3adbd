"""Action items: what the user will do next, from a gap or their own."""

from __future__ import annotations

from datetime import date

from planner.errors import NotFound, StaleEdit, ValidationError
from planner.read_cache import cached_read
from planner.reflection import (
    ActionDraft,
    validate_action,
)
from planner.store.records import ActionItem, FirstFew
from planner.store.repository import Repository


class ActionRepository(Repository):
    """Action items: what the user will do next, from a gap or their own."""

    def add(self, draft: ActionDraft) -> int:
        """Save an action item; returns its id."""
        if errors := validate_action(draft):
            raise ValidationError(errors)
        with self.transaction() as cur:
            for table, ref in (("goals", draft.goal_id), ("reflections", draft.reflection_id)):
                if (
                    ref is not None
                    and not cur.execute(
                        f"SELECT count(*) FROM {table} WHERE owner_id = ? AND id = ?",
                        [self.owner_id, ref],
                    ).fetchone()[0]
                ):
                    raise NotFound("What this action belonged to was deleted; reload.")
            action_id = self._next_id(cur, "action_items")
            now = self._now()
            cur.execute(
                "INSERT INTO action_items (id, owner_id, goal_id, reflection_id, title, kind, "
                "due_on, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    action_id,
                    self.owner_id,
                    draft.goal_id,
                    draft.reflection_id,
                    " ".join(draft.title.split()),
                    draft.kind,
                    draft.due_on,
                    now,
                    now,
                ],
            )
        return action_id

    def update(self, action_id: int, title: str, due_on: date | None, *, expected_version: int):
        """Change an action item's title and due date (None: no due date), unless another
        window changed it since it was shown at ``expected_version``."""
        draft = ActionDraft(title, due_on=due_on)
        if errors := validate_action(draft):
            raise ValidationError(errors)
        with self.transaction() as cur:
            row = cur.execute(
                "SELECT version FROM action_items WHERE owner_id = ? AND id = ?",
                [self.owner_id, action_id],
            ).fetchone()
            if row is None:
                raise NotFound("That action item was deleted.")
            if row[0] != expected_version:
                raise StaleEdit.of("action item")
            cur.execute(
                "UPDATE action_items SET title = ?, due_on = ?, updated_at = ?, "
                "version = version + 1 WHERE owner_id = ? AND id = ?",
                [" ".join(title.split()), due_on, self._now(), self.owner_id, action_id],
            )

    def set_done(self, action_id: int, done_on: date | None) -> None:
        """Tick an action item off (on ``done_on``) or, with None, reopen it."""
        with self.transaction() as cur:
            updated = cur.execute(
                "UPDATE action_items SET done_on = ?, updated_at = ?, version = version + 1 "
                "WHERE owner_id = ? AND id = ? RETURNING id",
                [done_on, self._now(), self.owner_id, action_id],
            ).fetchall()
            if not updated:
                raise NotFound("That action item was deleted.")

    def delete(self, action_id: int) -> None:
        with self.transaction() as cur:
            removed = cur.execute(
                "DELETE FROM action_items WHERE owner_id = ? AND id = ? RETURNING id",
                [self.owner_id, action_id],
            ).fetchall()
            if not removed:
                raise NotFound("That action item was already deleted.")

    @cached_read
    def list(
        self,
        *,
        open_only: bool = False,
        reflection_id: int | None = None,
        goal_id: int | None = None,
    ) -> list[ActionItem]:
        """Action items (of one reflection or goal, when given): open ones first by due
        date (undated last), then done ones, latest first."""
        return [
            ActionItem(*row)
            for row in self._rows(
                """
                SELECT a.id, a.title, a.kind, a.due_on, a.done_on, a.goal_id,
                       coalesce(g.title, ''), a.reflection_id, coalesce(c.name, ''), a.version
                FROM action_items a
                LEFT JOIN goals g ON g.owner_id = a.owner_id AND g.id = a.goal_id
                LEFT JOIN reflections r ON r.owner_id = a.owner_id AND r.id = a.reflection_id
                LEFT JOIN interviews i ON i.owner_id = r.owner_id AND i.id = r.interview_id
                LEFT JOIN contacts c ON c.owner_id = i.owner_id AND c.id = i.contact_id
                WHERE a.owner_id = $o AND (NOT $open OR a.done_on IS NULL)
                  AND ($reflection IS NULL OR a.reflection_id = $reflection)
                  AND ($goal IS NULL OR a.goal_id = $goal)
                ORDER BY a.done_on IS NOT NULL, a.done_on DESC, a.due_on NULLS LAST, a.id
                """,
                {
                    "o": self.owner_id,
                    "open": open_only,
                    "reflection": reflection_id,
                    "goal": goal_id,
                },
            )
        ]

    @cached_read
    def undated(self, *, limit: int | None = None) -> FirstFew[ActionItem]:
        """Open action items with no due date, oldest first: the first ``limit`` (all
        when None) and how many there are."""
        rows = self._rows(
            """
            SELECT a.id, a.title, a.kind, a.due_on, a.done_on, a.goal_id,
                   coalesce(g.title, ''), a.reflection_id, coalesce(c.name, ''), a.version,
                   count(*) OVER ()
            FROM action_items a
            LEFT JOIN goals g ON g.owner_id = a.owner_id AND g.id = a.goal_id
            LEFT JOIN reflections r ON r.owner_id = a.owner_id AND r.id = a.reflection_id
            LEFT JOIN interviews i ON i.owner_id = r.owner_id AND i.id = r.interview_id
            LEFT JOIN contacts c ON c.owner_id = i.owner_id AND c.id = i.contact_id
            WHERE a.owner_id = $o AND a.done_on IS NULL AND a.due_on IS NULL
            ORDER BY a.created_at, a.id
            LIMIT $limit
            """,
            {"o": self.owner_id, "limit": limit},
        )
        return FirstFew.of(rows, ActionItem)
