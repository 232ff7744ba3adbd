"""Keeping in touch with a contact after the conversation: how often to check in, whether
they said the user may get back to them, and the check-ins now due."""

from __future__ import annotations

from datetime import date

from planner.errors import NotFound, ValidationError
from planner.read_cache import cached_read
from planner.store.records import CheckInDue
from planner.store.repository import Repository
from planner.thanks import CHECK_IN_RANGE


class KeepingInTouch(Repository):
    """The keeping-in-touch part of ``store.contacts`` (a base class, not a repository of
    its own: these are columns of the contacts table)."""

    @cached_read
    def check_ins_due(self, *, today: date) -> list[CheckInDue]:
        """Thanked contacts and those kept in touch whose next check-in (their interval
        after the last time you were in contact) is today or past. Counted in DuckDB."""
        rows = self._rows(
            """
            WITH last_contact AS (
                -- A message, a reply or a meeting; a step that moved them with a channel
                -- (a thank-you, an update) is contact too.
                SELECT contact_id, max(happened_at)::DATE AS last_on
                FROM contact_events
                WHERE owner_id = $o AND (kind IN ('message_sent', 'reply', 'meeting')
                                         OR (kind = 'stage' AND channel <> ''))
                GROUP BY contact_id
            ), last_meeting AS (
                SELECT contact_id, max(starts_at)::DATE AS met_on
                FROM interviews WHERE owner_id = $o AND status = 'done' GROUP BY contact_id
            ), last_advice AS (
                SELECT DISTINCT ON (i.contact_id) i.contact_id, r.advice
                FROM reflections r
                JOIN interviews i ON i.owner_id = r.owner_id AND i.id = r.interview_id
                WHERE r.owner_id = $o AND r.advice <> ''
                ORDER BY i.contact_id, i.starts_at DESC, r.id DESC
            )
            SELECT c.id, c.name, coalesce(o.name, c.company, ''),
                   l.last_on + least(greatest(c.check_in_every_days, $low), $high),
                   l.last_on, m.met_on,
                   coalesce(v.advice, ''),
                   coalesce((SELECT array_agg(a.title ORDER BY a.done_on, a.id) FROM action_items a
                             JOIN reflections ar ON ar.owner_id = a.owner_id
                                AND ar.id = a.reflection_id
                             JOIN interviews ai ON ai.owner_id = ar.owner_id
                                AND ai.id = ar.interview_id
                             WHERE a.owner_id = c.owner_id AND ai.contact_id = c.id
                               AND a.done_on IS NOT NULL AND a.done_on >= l.last_on),
                            ARRAY[]::VARCHAR[]),
                   c.email, least(greatest(c.check_in_every_days, $low), $high)
            FROM contacts c
            JOIN last_contact l ON l.contact_id = c.id
            LEFT JOIN organisations o ON o.owner_id = c.owner_id AND o.id = c.organisation_id
            LEFT JOIN last_meeting m ON m.contact_id = c.id
            LEFT JOIN last_advice v ON v.contact_id = c.id
            WHERE c.owner_id = $o AND c.stage IN ('thanked', 'keeping_in_touch')
              AND l.last_on + least(greatest(c.check_in_every_days, $low), $high) <= $today
            ORDER BY 4, c.id
            """,
            # A hand-edited file may hold any number; the planner keeps to its range.
            {
                "o": self.owner_id,
                "today": today,
                "low": CHECK_IN_RANGE[0],
                "high": CHECK_IN_RANGE[1],
            },
        )
        return [CheckInDue(*row[:7], list(row[7]), *row[8:]) for row in rows]

    def set_check_in_every(self, contact_id: int, days: int) -> None:
        """How often to get back in touch with this contact, in days."""
        low, high = CHECK_IN_RANGE
        if not low <= days <= high:
            raise ValidationError({"check_in_every_days": f"Choose {low}-{high} days."})
        with self.transaction() as cur:
            updated = cur.execute(
                "UPDATE contacts SET check_in_every_days = ?, updated_at = ?, "
                "version = version + 1 WHERE owner_id = ? AND id = ? RETURNING id",
                [days, self._now(), self.owner_id, contact_id],
            ).fetchall()
            if not updated:
                raise NotFound("That contact was deleted.")

    def set_may_recontact(self, contact_id: int, allowed: bool) -> None:
        """Record that they said the user may contact them again (or not)."""
        with self.transaction() as cur:
            updated = cur.execute(
                "UPDATE contacts SET may_recontact = ?, updated_at = ?, version = version + 1 "
                "WHERE owner_id = ? AND id = ? RETURNING id",
                [allowed, self._now(), self.owner_id, contact_id],
            ).fetchall()
            if not updated:
                raise NotFound("That contact was deleted.")

    @cached_read
    def check_in_every(self, contact_id: int) -> int:
        """How often (days) to get back in touch with this contact."""
        row = self._one(
            "SELECT check_in_every_days FROM contacts WHERE owner_id = ? AND id = ?",
            [self.owner_id, contact_id],
        )
        if row is None:
            raise NotFound("That contact was deleted.")
        low, high = CHECK_IN_RANGE  # a hand-edited file may hold any number
        return min(max(row[0], low), high)

    @cached_read
    def may_recontact(self, contact_id: int) -> bool:
        row = self._one(
            "SELECT may_recontact FROM contacts WHERE owner_id = ? AND id = ?",
            [self.owner_id, contact_id],
        )
        return bool(row and row[0])
