"""Correcting a contact's history (``store.contacts``): an entry redated or reworded, a
note, reply or message deleted, the latest step undone. The rules and their wording are
``planner.history``'s.

A message recorded with an entry (the request or thank-you sent through the planner) is
kept with the same contact and time; it follows the entry: redated with it, removed
with it, and a thank-you removed is no longer counted as sent for its meeting.
"""

from __future__ import annotations

from datetime import datetime

from planner.contacts import check_event
from planner.errors import NotFound, ValidationError
from planner.history import (
    DELETABLE_KINDS,
    GONE,
    MEETING_ENTRIES_FOLLOW_THE_MEETING,
    MEETING_ENTRY,
    NOT_THE_LATEST_STEP,
    STEP_CAME_WITH_A_MEETING,
    meeting_behind,
)
from planner.store.repository import Repository


class HistoryCorrections(Repository):
    """The history-correcting part of ``store.contacts`` (a base class: these are rows
    of the contacts' history)."""

    def _entry(self, cur, contact_id: int, event_id: int):
        row = cur.execute(
            "SELECT kind, stage_from, stage_to, happened_at FROM contact_events "
            "WHERE owner_id = ? AND contact_id = ? AND id = ?",
            [self.owner_id, contact_id, event_id],
        ).fetchone()
        if row is None:
            raise NotFound(GONE)
        return row

    def correct_event(
        self, contact_id: int, event_id: int, *, happened_at: datetime, channel: str, summary: str
    ) -> None:
        """Redate an entry and correct its channel and summary (its kind and stages stay)."""
        summary = summary.strip()
        check_event(channel=channel, summary=summary)
        with self.transaction() as cur:
            kind, _, _, was = self._entry(cur, contact_id, event_id)
            if kind == MEETING_ENTRY:
                raise ValidationError({"history": MEETING_ENTRIES_FOLLOW_THE_MEETING})
            cur.execute(
                "UPDATE contact_events SET happened_at = ?, channel = ?, summary = ? "
                "WHERE owner_id = ? AND id = ?",
                [happened_at, channel, summary, self.owner_id, event_id],
            )
            self._follow(cur, contact_id, was, happened_at)

    def delete_event(self, contact_id: int, event_id: int) -> None:
        """Delete a note, a reply or a message sent (with the message kept with it)."""
        with self.transaction() as cur:
            kind, _, _, was = self._entry(cur, contact_id, event_id)
            if kind not in DELETABLE_KINDS:
                refused = MEETING_ENTRIES_FOLLOW_THE_MEETING if kind == MEETING_ENTRY else None
                raise ValidationError({"history": refused or NOT_THE_LATEST_STEP})
            self._remove(cur, contact_id, event_id, was)

    def undo_step(self, contact_id: int, event_id: int) -> str:
        """Undo the contact's latest step: they go back to the stage it found them at,
        which is returned. Refused for an earlier step, or one a meeting stands behind."""
        with self.transaction() as cur:
            kind, stage_from, stage_to, was = self._entry(cur, contact_id, event_id)
            stage = cur.execute(
                "SELECT stage FROM contacts WHERE owner_id = ? AND id = ?",
                [self.owner_id, contact_id],
            ).fetchone()
            latest = cur.execute(
                "SELECT id FROM contact_events WHERE owner_id = ? AND contact_id = ? "
                "AND kind = 'stage' ORDER BY happened_at DESC, id DESC LIMIT 1",
                [self.owner_id, contact_id],
            ).fetchone()
            if kind != "stage" or latest[0] != event_id or stage is None or stage[0] != stage_to:
                raise ValidationError({"history": NOT_THE_LATEST_STEP})
            statuses = cur.execute(
                "SELECT DISTINCT status FROM interviews WHERE owner_id = ? AND contact_id = ?",
                [self.owner_id, contact_id],
            ).fetchall()
            if meeting_behind(stage_to, [s for (s,) in statuses]):
                raise ValidationError({"history": STEP_CAME_WITH_A_MEETING})
            self._remove(cur, contact_id, event_id, was)
            cur.execute(
                "UPDATE contacts SET stage = ?, updated_at = ?, version = version + 1 "
                "WHERE owner_id = ? AND id = ?",
                [stage_from, self._now(), self.owner_id, contact_id],
            )
            return stage_from

    def _remove(self, cur, contact_id: int, event_id: int, was: datetime) -> None:
        params = [self.owner_id, contact_id, was]
        cur.execute(
            "UPDATE interviews SET thank_you_sent_at = NULL, updated_at = ?, "
            "version = version + 1 "
            "WHERE owner_id = ? AND contact_id = ? AND thank_you_sent_at = ?",
            [self._now(), *params],
        )
        cur.execute(
            "DELETE FROM outreach WHERE owner_id = ? AND contact_id = ? AND sent_at = ?", params
        )
        cur.execute(
            "DELETE FROM contact_events WHERE owner_id = ? AND id = ?", [self.owner_id, event_id]
        )

    def _follow(self, cur, contact_id: int, was: datetime, now: datetime) -> None:
        """The message and thank-you recorded with an entry move with its new date."""
        params = [now, self.owner_id, contact_id, was]
        cur.execute(
            "UPDATE outreach SET sent_at = ? WHERE owner_id = ? AND contact_id = ? AND sent_at = ?",
            params,
        )
        cur.execute(
            "UPDATE interviews SET thank_you_sent_at = ? "
            "WHERE owner_id = ? AND contact_id = ? AND thank_you_sent_at = ?",
            params,
        )
