"""Interviews (the meetings): scheduling, the calendar, held and thanked."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from functools import partial
from typing import Any

from planner.calendar_export import Meeting, zone
from planner.errors import NotFound, StaleEdit, ValidationError
from planner.meetings import (
    MeetingDraft,
    calendar_entry,
    cancelled,
    check_meeting,
    check_reschedule,
    rescheduled,
    stage_after_cancelling,
    thank_you_due,
)
from planner.read_cache import cached_read
from planner.store.records import FirstFew, MeetingEntry, MeetingWithoutPlan, UpcomingMeeting
from planner.store.repository import Repository
from planner.vocabulary import INTERVIEW_FORMATS

_BEFORE_MEETING = ("identified", "requested", "scheduled")


class MeetingRepository(Repository):
    """Interviews (the meetings): scheduling, the calendar, held and thanked."""

    @cached_read
    def upcoming(self, start: datetime, end: datetime) -> list[UpcomingMeeting]:
        """The meetings scheduled from ``start`` to ``end`` (wall-clock times)."""
        rows = self._rows(
            """
            SELECT i.id, c.id, c.name, coalesce(o.name, ''), i.starts_at, i.time_zone,
                   i.format, i.location
            FROM interviews i
            JOIN contacts c ON c.owner_id = i.owner_id AND c.id = i.contact_id
            LEFT JOIN organisations o ON o.owner_id = c.owner_id AND o.id = c.organisation_id
            WHERE i.owner_id = ? AND i.status = 'scheduled'
              AND i.starts_at >= ? AND i.starts_at < ?
            ORDER BY i.starts_at, i.id
            """,
            [self.owner_id, start, end],
        )
        return [UpcomingMeeting(*row) for row in rows]

    @cached_read
    def without_plan(
        self, since: datetime, *, limit: int | None = None
    ) -> FirstFew[MeetingWithoutPlan]:
        """Meetings scheduled from ``since`` (wall-clock) with no question planned (no
        plan, or an empty one), soonest first: the first ``limit`` (all when None) and
        how many there are."""
        rows = self._rows(
            """
            SELECT i.id, c.id, c.name, coalesce(o.name, c.company, ''), i.starts_at,
                   i.time_zone, count(*) OVER ()
            FROM interviews i
            JOIN contacts c ON c.owner_id = i.owner_id AND c.id = i.contact_id
            LEFT JOIN organisations o ON o.owner_id = c.owner_id AND o.id = c.organisation_id
            WHERE i.owner_id = $o AND i.status = 'scheduled' AND i.starts_at >= $since
              AND NOT EXISTS (SELECT 1 FROM question_plans p
                              JOIN plan_questions q ON q.owner_id = p.owner_id
                               AND q.plan_id = p.id
                              WHERE p.owner_id = i.owner_id AND p.interview_id = i.id)
            ORDER BY i.starts_at, i.id
            LIMIT $limit
            """,
            {"o": self.owner_id, "since": since, "limit": limit},
        )
        return FirstFew.of(rows, MeetingWithoutPlan)

    def mark_thanked(
        self, cur, contact_id: int, interview_id: int | None, sent_at: datetime
    ) -> int | None:
        """Mark the interview a thank-you is for as thanked; returns its id (None when the
        contact has no interview: a thank-you for an introduction, say)."""
        if interview_id is None:
            row = cur.execute(
                "SELECT id FROM interviews WHERE owner_id = ? AND contact_id = ? "
                "AND status = 'done' AND thank_you_sent_at IS NULL "
                "ORDER BY starts_at DESC LIMIT 1",
                [self.owner_id, contact_id],
            ).fetchone()
            if row is None:
                return None
            interview_id = row[0]
        updated = cur.execute(
            "UPDATE interviews SET thank_you_sent_at = ?, updated_at = ?, version = version + 1 "
            "WHERE owner_id = ? AND id = ? AND contact_id = ? RETURNING id",
            [sent_at, self._now(), self.owner_id, interview_id, contact_id],
        ).fetchall()
        if not updated:
            raise NotFound("That interview was deleted.")
        return interview_id

    def schedule(self, draft: MeetingDraft, *, now: datetime) -> int:
        """Save a meeting and move the contact to 'scheduled', in one transaction."""
        check_meeting(draft, now=now)
        with self.transaction() as cur:
            row = cur.execute(
                "SELECT stage FROM contacts WHERE owner_id = ? AND id = ?",
                [self.owner_id, draft.contact_id],
            ).fetchone()
            if row is None:
                raise NotFound("That contact was deleted.")
            interview_id = self._next_id(cur, "interviews")
            stamp = self._now()
            cur.execute(
                """
                INSERT INTO interviews (id, owner_id, contact_id, goal_id, starts_at, time_zone,
                    duration_minutes, format, location, status, thank_you_due,
                    created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'scheduled', ?, ?, ?)
                """,
                [
                    interview_id,
                    self.owner_id,
                    draft.contact_id,
                    draft.goal_id,
                    draft.starts_at,
                    draft.time_zone,
                    draft.duration_minutes,
                    draft.format,
                    draft.location.strip(),
                    thank_you_due(draft.on),
                    stamp,
                    stamp,
                ],
            )
            if row[0] != "scheduled":
                cur.execute(
                    "UPDATE contacts SET stage = 'scheduled', updated_at = ?, "
                    "version = version + 1 WHERE owner_id = ? AND id = ?",
                    [stamp, self.owner_id, draft.contact_id],
                )
                self._store.contacts.add_event(
                    cur,
                    draft.contact_id,
                    now.replace(tzinfo=None),
                    "stage",
                    stage_from=row[0],
                    stage_to="scheduled",
                    summary=f"Meeting on {draft.starts_at:%Y-%m-%d %H:%M} ({draft.time_zone})",
                )
        return interview_id

    def list(
        self, *, contact_id: int | None = None, status: str | None = None
    ) -> list[MeetingEntry]:
        """Interviews by start time, with whom and where."""
        sql = """
            SELECT i.id, c.id, c.name, coalesce(o.name, ''), i.starts_at, i.time_zone,
                   i.duration_minutes, i.format, i.location, i.status, i.version, c.notes
            FROM interviews i
            JOIN contacts c ON c.owner_id = i.owner_id AND c.id = i.contact_id
            LEFT JOIN organisations o ON o.owner_id = c.owner_id AND o.id = c.organisation_id
            WHERE i.owner_id = $o
        """
        params: dict[str, Any] = {"o": self.owner_id}
        if contact_id is not None:
            sql += " AND i.contact_id = $contact"
            params["contact"] = contact_id
        if status is not None:
            sql += " AND i.status = $status"
            params["status"] = status
        rows = self._rows(sql + " ORDER BY i.starts_at, i.id", params)
        return [MeetingEntry(*row) for row in rows]

    @cached_read
    def calendar_entries(self, *, since: datetime, contact_id: int | None = None) -> list[Meeting]:
        """Calendar entries for scheduled meetings starting from ``since`` (wall-clock)."""
        return [
            self.calendar_entry(m)
            for m in self.list(contact_id=contact_id, status="scheduled")
            if m.starts_at >= since
        ]

    def calendar_entry(self, m: MeetingEntry) -> Meeting:
        """The calendar entry of one interview: the event, or its cancellation."""
        return calendar_entry(
            self.owner_id,
            m.id,
            m.version,
            name=m.name,
            organisation=m.organisation,
            starts_at=m.starts_at,
            time_zone=m.time_zone,
            duration_minutes=m.duration_minutes,
            format=m.format,
            location=m.location,
            cancelled=m.status == "cancelled",
        )

    def _booked(self, cur, interview_id: int, expected_version: int) -> MeetingDraft:
        """The meeting as booked, when it is still to be held and unchanged since the
        user saw it at ``expected_version``."""
        row = cur.execute(
            "SELECT contact_id, goal_id, starts_at, time_zone, duration_minutes, format, "
            "location, status, version FROM interviews WHERE owner_id = ? AND id = ?",
            [self.owner_id, interview_id],
        ).fetchone()
        if row is None:
            raise NotFound("That meeting was deleted.")
        contact_id, goal_id, starts, zone_name, minutes, form, where, status, version = row
        if version != expected_version:
            raise StaleEdit.of("meeting")
        if status != "scheduled":
            said = "was cancelled" if status == "cancelled" else "is already marked done"
            raise ValidationError({"status": f"This meeting {said}; it cannot be changed."})
        return MeetingDraft(
            contact_id, starts.date(), starts.time(), zone_name, minutes, form, where, goal_id
        )

    def reschedule(
        self, interview_id: int, new: MeetingDraft, *, expected_version: int, now: datetime
    ) -> None:
        """Move a scheduled meeting to a new time, length, format or place, checked as a
        new one is; the contact's history says from when to when. The row's version grows,
        so the next calendar file updates the event in calendar apps."""
        with self.transaction() as cur:
            old = self._booked(cur, interview_id, expected_version)
            check_reschedule(old, new, now=now)
            cur.execute(
                """
                UPDATE interviews SET starts_at = ?, time_zone = ?, duration_minutes = ?,
                    format = ?, location = ?, thank_you_due = ?, updated_at = ?,
                    version = version + 1
                WHERE owner_id = ? AND id = ?
                """,
                [
                    new.starts_at,
                    new.time_zone,
                    new.duration_minutes,
                    new.format,
                    new.location.strip(),
                    thank_you_due(new.on),
                    self._now(),
                    self.owner_id,
                    interview_id,
                ],
            )
            if self._contact_stage(cur, old.contact_id) is not None:
                summary = rescheduled(old, replace(new, location=new.location.strip()))
                self._store.contacts.add_event(
                    cur, old.contact_id, now.replace(tzinfo=None), "meeting", summary=summary
                )

    def cancel(self, interview_id: int, *, expected_version: int, now: datetime) -> None:
        """Cancel a scheduled meeting: it stays listed as cancelled, leaves the upcoming
        lists and reminders, and the contact's stage follows (``stage_after_cancelling``)."""
        with self.transaction() as cur:
            old = self._booked(cur, interview_id, expected_version)
            stamp = self._now()
            cur.execute(
                "UPDATE interviews SET status = 'cancelled', updated_at = ?, "
                "version = version + 1 WHERE owner_id = ? AND id = ?",
                [stamp, self.owner_id, interview_id],
            )
            stage = self._contact_stage(cur, old.contact_id)
            if stage is None:
                return  # the contact was deleted; the meeting stays, cancelled
            happened = now.replace(tzinfo=None)
            add_event = partial(self._store.contacts.add_event, cur, old.contact_id, happened)
            add_event("meeting", summary=cancelled(old))
            still_booked = cur.execute(
                "SELECT count(*) FROM interviews WHERE owner_id = ? AND contact_id = ? "
                "AND status = 'scheduled'",
                [self.owner_id, old.contact_id],
            ).fetchone()[0]
            before = cur.execute(
                "SELECT stage_from FROM contact_events WHERE owner_id = ? AND contact_id = ? "
                "AND kind = 'stage' AND stage_to = 'scheduled' "
                "ORDER BY happened_at DESC, id DESC LIMIT 1",
                [self.owner_id, old.contact_id],
            ).fetchone()
            after = stage_after_cancelling(
                stage, before and before[0], still_booked=bool(still_booked)
            )
            if after != stage:
                cur.execute(
                    "UPDATE contacts SET stage = ?, updated_at = ?, version = version + 1 "
                    "WHERE owner_id = ? AND id = ?",
                    [after, stamp, self.owner_id, old.contact_id],
                )
                add_event("stage", stage_from=stage, stage_to=after, summary="Meeting cancelled")

    def _contact_stage(self, cur, contact_id: int) -> str | None:
        """The contact's stage; None when they were deleted (their meetings stay)."""
        row = cur.execute(
            "SELECT stage FROM contacts WHERE owner_id = ? AND id = ?",
            [self.owner_id, contact_id],
        ).fetchone()
        return None if row is None else row[0]

    def mark_done(self, interview_id: int, *, now: datetime) -> None:
        """Record that the meeting happened: the interview is done, and a contact who was
        still waiting for it moves to 'Interviewed', with the meeting in their history.
        Refused before the meeting has started (in its own zone) and for a cancelled one.
        ``now`` is an aware datetime."""
        with self.transaction() as cur:
            row = cur.execute(
                "SELECT status, starts_at, time_zone, duration_minutes, format, contact_id "
                "FROM interviews WHERE owner_id = ? AND id = ?",
                [self.owner_id, interview_id],
            ).fetchone()
            if row is None:
                raise NotFound("That interview was deleted.")
            status, starts_at, zone_name, minutes, form, contact_id = row
            if status == "done":
                raise ValidationError({"status": "This interview is already marked done."})
            if status == "cancelled":
                raise ValidationError({"status": "This interview was cancelled."})
            local_now = now.astimezone(zone(zone_name)).replace(tzinfo=None)
            if starts_at > local_now:
                raise ValidationError(
                    {
                        "status": f"This meeting starts on {starts_at:%A %d %B at %H:%M} "
                        f"({zone_name}); mark it done once it has happened."
                    }
                )
            stamp = self._now()
            cur.execute(
                "UPDATE interviews SET status = 'done', updated_at = ?, version = version + 1 "
                "WHERE owner_id = ? AND id = ?",
                [stamp, self.owner_id, interview_id],
            )
            contact = cur.execute(
                "SELECT stage FROM contacts WHERE owner_id = ? AND id = ?",
                [self.owner_id, contact_id],
            ).fetchone()
            if contact is None:
                return  # the contact was deleted; the interview and its notes stay
            held = f"{INTERVIEW_FORMATS.get(form, form)}, {minutes} minutes."
            happened = min(local_now, starts_at.replace(second=0, microsecond=0))
            self._store.contacts.add_event(cur, contact_id, happened, "meeting", summary=held)
            if contact[0] in _BEFORE_MEETING:
                cur.execute(
                    "UPDATE contacts SET stage = 'interviewed', updated_at = ?, "
                    "version = version + 1 WHERE owner_id = ? AND id = ?",
                    [stamp, self.owner_id, contact_id],
                )
                self._store.contacts.add_event(
                    cur,
                    contact_id,
                    happened,
                    "stage",
                    stage_from=contact[0],
                    stage_to="interviewed",
                )
