"""The store's operations on the user's network: target organisations, contacts, history.

A mixin of ``planner.store.Store``: it uses the store's cursor helpers, its
transaction and its id counter, and filters every query on the owner.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from dataclasses import field as default
from datetime import date, datetime
from typing import Any

from planner.contacts import (
    SUMMARY_MAX,
    Contact,
    ContactDraft,
    check_contact,
    check_move,
    validate_contact,
)
from planner.errors import NotFound, StaleEdit, ValidationError
from planner.followup import FollowUpRule, Prospect, Request
from planner.linkedin import ParsedConnections, identity_keys
from planner.meetings import MeetingDraft, calendar_entry, check_meeting, thank_you_due
from planner.messages import MERGE_FIELDS, Template, fields_in
from planner.organisations import (
    Organisation,
    OrganisationDraft,
    check_organisation,
    validate_organisation,
)
from planner.read_cache import cached_read
from planner.research import Note, NoteDraft, check_note
from planner.text import check_text, setting_problem
from planner.vocabulary import CHANNELS, OUTREACH_KINDS


@dataclass
class ImportReport:
    added: list[str] = default(default_factory=list)
    skipped: list[str] = default(default_factory=list)  # already in the planner or the file
    problems: list[str] = default(default_factory=list)


class NetworkStore:
    """Organisations, contacts and their history (mixed into Store)."""

    owner_id: str

    # -- organisations --------------------------------------------------------

    @cached_read
    def list_organisations(self) -> list[Organisation]:
        """Every target organisation in LAMP order (Motivation, Posting, Advocacy, all
        descending), with its rank; Motivation-0 ones, the research queue, come last."""
        rows = self._rows(
            """
            SELECT o.id, o.name, o.sector, o.website, o.advocacy, o.motivation, o.posting,
                   o.origin, o.notes, o.updated_at, o.version, coalesce(c.n, 0),
                   CASE WHEN o.motivation > 0 THEN row_number() OVER (
                       PARTITION BY o.motivation > 0
                       ORDER BY o.motivation DESC, o.posting DESC, o.advocacy DESC,
                                lower(o.name), o.id) END AS rank
            FROM organisations o
            LEFT JOIN (SELECT organisation_id, count(*) AS n FROM contacts
                       WHERE owner_id = $o GROUP BY organisation_id) c
                   ON c.organisation_id = o.id
            WHERE o.owner_id = $o
            ORDER BY o.motivation = 0, rank, lower(o.name), o.id
            """,
            {"o": self.owner_id},
        )
        return [Organisation(*row) for row in rows]

    def _organisation_names(self, cursor, exclude_id: int | None) -> list[str]:
        rows = cursor.execute(
            "SELECT name FROM organisations WHERE owner_id = ? AND id IS DISTINCT FROM ?",
            [self.owner_id, exclude_id],
        ).fetchall()
        return [name for (name,) in rows]

    def add_organisation(self, draft: OrganisationDraft) -> int:
        """Save a new organisation; ValidationError (nothing saved) on bad input."""
        draft = draft.normalised()
        with self.transaction() as cur:
            check_organisation(draft, other_names=self._organisation_names(cur, None))
            org_id = self._next_id(cur, "organisations")
            now = self._now()
            cur.execute(
                """
                INSERT INTO organisations (id, owner_id, name, sector, website, advocacy,
                    motivation, posting, origin, notes, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [org_id, self.owner_id, *_organisation_fields(draft), now, now],
            )
            self._note_motivation(cur, org_id, draft.motivation, now)
        return org_id

    def update_organisation(
        self, org_id: int, draft: OrganisationDraft, *, expected_version: int
    ) -> None:
        draft = draft.normalised()
        with self.transaction() as cur:
            row = cur.execute(
                "SELECT version, motivation FROM organisations WHERE owner_id = ? AND id = ?",
                [self.owner_id, org_id],
            ).fetchone()
            if row is None:
                raise NotFound("That organisation was deleted.")
            version, motivation = row
            if version != expected_version:
                raise StaleEdit.of("organisation")
            check_organisation(draft, other_names=self._organisation_names(cur, org_id))
            now = self._now()
            cur.execute(
                """
                UPDATE organisations SET name = ?, sector = ?, website = ?, advocacy = ?,
                    motivation = ?, posting = ?, origin = ?, notes = ?, updated_at = ?,
                    version = version + 1
                WHERE owner_id = ? AND id = ?
                """,
                [*_organisation_fields(draft), now, self.owner_id, org_id],
            )
            if draft.motivation != motivation:
                self._note_motivation(cur, org_id, draft.motivation, now)

    def _note_motivation(self, cur, org_id: int, motivation: int, now: datetime) -> None:
        """Keep motivation over time, so the report can show how conversations moved it."""
        cur.execute(
            """
            INSERT INTO organisation_motivation_history
                (id, owner_id, organisation_id, motivation, changed_at)
            VALUES (?, ?, ?, ?, ?)
            """,
            [
                self._next_id(cur, "organisation_motivation_history"),
                self.owner_id,
                org_id,
                motivation,
                now,
            ],
        )

    def delete_organisation(self, org_id: int) -> None:
        """Delete an organisation; contacts and notes there are kept, unlinked."""
        params = [self.owner_id, org_id]
        with self.transaction() as cur:
            found = cur.execute(
                "SELECT count(*) FROM organisations WHERE owner_id = ? AND id = ?", params
            ).fetchone()[0]
            if not found:
                raise NotFound("That organisation was already deleted.")
            for table in ("contacts", "research_notes"):
                cur.execute(
                    f"UPDATE {table} SET organisation_id = NULL "
                    "WHERE owner_id = ? AND organisation_id = ?",
                    params,
                )
            cur.execute(
                "DELETE FROM organisation_motivation_history "
                "WHERE owner_id = ? AND organisation_id = ?",
                params,
            )
            cur.execute("DELETE FROM organisations WHERE owner_id = ? AND id = ?", params)

    # -- contacts ---------------------------------------------------------------

    _CONTACT_SELECT = """
        SELECT c.id, c.name, c.role, c.organisation_id, coalesce(o.name, c.company), c.email,
               c.linkedin_url, c.phone, c.circle, c.referred_by_id, coalesce(r.name, ''),
               c.warmth, c.notes, c.tags, c.stage,
               coalesce((SELECT list(goal_id ORDER BY goal_id) FROM contact_goals g
                         WHERE g.owner_id = c.owner_id AND g.contact_id = c.id), []),
               c.updated_at, c.version,
               (SELECT max(happened_at)::DATE FROM contact_events e
                WHERE e.owner_id = c.owner_id AND e.contact_id = c.id),
               c.company
        FROM contacts c
        LEFT JOIN organisations o ON o.owner_id = c.owner_id AND o.id = c.organisation_id
        LEFT JOIN contacts r ON r.owner_id = c.owner_id AND r.id = c.referred_by_id
        WHERE c.owner_id = $o
    """

    @cached_read
    def list_contacts(
        self,
        *,
        stages: tuple[str, ...] | None = None,
        organisation_id: int | None = None,
        goal_id: int | None = None,
        search: str = "",
    ) -> list[Contact]:
        """Contacts, filtered, by name. ``search`` matches name, role, organisation, tags."""
        sql = self._CONTACT_SELECT
        params: dict[str, Any] = {"o": self.owner_id}
        if stages is not None:
            sql += " AND c.stage IN (SELECT unnest($stages::VARCHAR[]))"
            params["stages"] = list(stages)
        if organisation_id is not None:
            sql += " AND c.organisation_id = $org"
            params["org"] = organisation_id
        if goal_id is not None:
            sql += """ AND EXISTS (SELECT 1 FROM contact_goals g WHERE g.owner_id = c.owner_id
                       AND g.contact_id = c.id AND g.goal_id = $goal)"""
            params["goal"] = goal_id
        if search.strip():
            sql += """ AND (c.name ILIKE $q ESCAPE '\\' OR c.role ILIKE $q ESCAPE '\\'
                       OR o.name ILIKE $q ESCAPE '\\'
                       OR array_to_string(c.tags, ' ') ILIKE $q ESCAPE '\\')"""
            params["q"] = "%" + _like_escape(search.strip()) + "%"
        sql += " ORDER BY lower(c.name), c.id"
        return [Contact(*row) for row in self._rows(sql, params)]

    @cached_read
    def get_contact(self, contact_id: int) -> Contact:
        row = self._one(
            self._CONTACT_SELECT + " AND c.id = $id", {"o": self.owner_id, "id": contact_id}
        )
        if row is None:
            raise NotFound("That contact was deleted.")
        return Contact(*row)

    def likely_duplicates(self, draft: ContactDraft, *, exclude_id: int | None = None) -> list[str]:
        """Names of saved contacts that look like the same person: the same email, or the
        same name at the same organisation (case and spacing ignored)."""
        draft = draft.normalised()
        rows = self._rows(
            """
            SELECT c.name, coalesce(o.name, c.company) FROM contacts c
            LEFT JOIN organisations o ON o.owner_id = c.owner_id AND o.id = c.organisation_id
            WHERE c.owner_id = $o AND c.id IS DISTINCT FROM $exclude
              AND ((c.email <> '' AND lower(c.email) = lower($email))
                   OR (c.linkedin_url <> '' AND lower(rtrim(c.linkedin_url, '/'))
                       = lower(rtrim($url, '/')))
                   OR (lower(c.name) = lower($name)
                       AND c.organisation_id IS NOT DISTINCT FROM $org
                       AND lower(c.company) = lower($company)))
            ORDER BY c.id
            """,
            {
                "o": self.owner_id,
                "exclude": exclude_id,
                "email": draft.email,
                "name": draft.name,
                "org": draft.organisation_id,
                "company": draft.company,
                "url": draft.linkedin_url,
            },
        )
        return [f"{name} ({org})" if org else name for name, org in rows]

    def add_contact(self, draft: ContactDraft, *, today: date, new_organisation: str = "") -> int:
        """Save a new contact (stage 'identified') with its goals and a first history line.

        ``new_organisation`` names an organisation to create for them in the same
        transaction (it is ignored when the draft already names one).
        """
        draft = draft.normalised()
        new_organisation = " ".join(new_organisation.split())
        errors = validate_contact(draft)
        org_draft = OrganisationDraft(name=new_organisation)
        with self.transaction() as cur:
            if new_organisation and draft.organisation_id is None:
                org_errors = validate_organisation(
                    org_draft, other_names=self._organisation_names(cur, None)
                )
                if "name" in org_errors:
                    errors["new_organisation"] = org_errors["name"]
            if errors:
                raise ValidationError(errors)
            now = self._now()
            if new_organisation and draft.organisation_id is None:
                org_id = self._next_id(cur, "organisations")
                cur.execute(
                    """
                    INSERT INTO organisations (id, owner_id, name, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?)
                    """,
                    [org_id, self.owner_id, new_organisation, now, now],
                )
                self._note_motivation(cur, org_id, 0, now)
                draft = replace(draft, organisation_id=org_id)
            return self._insert_contact(cur, draft, today=today)

    def _insert_contact(
        self,
        cur,
        draft: ContactDraft,
        *,
        today: date,
        referred_in_interview_id: int | None = None,
    ) -> int:
        """Insert a checked draft with its goals and a first history line; returns its id."""
        self._check_references(cur, draft)
        now = self._now()
        contact_id = self._next_id(cur, "contacts")
        cur.execute(
            """
            INSERT INTO contacts (id, owner_id, name, role, organisation_id, email,
                linkedin_url, phone, circle, referred_by_id, warmth, notes, tags, company,
                referred_in_interview_id, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                contact_id,
                self.owner_id,
                *_contact_fields(draft),
                referred_in_interview_id,
                now,
                now,
            ],
        )
        self._link_goals(cur, contact_id, draft.goal_ids)
        self._add_event(
            cur, contact_id, datetime.combine(today, now.time()), "note", summary="Added"
        )
        return contact_id

    def update_contact(
        self, contact_id: int, draft: ContactDraft, *, expected_version: int
    ) -> None:
        draft = draft.normalised()
        check_contact(draft, contact_id=contact_id)
        with self.transaction() as cur:
            row = cur.execute(
                "SELECT version FROM contacts WHERE owner_id = ? AND id = ?",
                [self.owner_id, contact_id],
            ).fetchone()
            if row is None:
                raise NotFound("That contact was deleted.")
            if row[0] != expected_version:
                raise StaleEdit.of("contact")
            self._check_references(cur, draft)
            cur.execute(
                """
                UPDATE contacts SET name = ?, role = ?, organisation_id = ?, email = ?,
                    linkedin_url = ?, phone = ?, circle = ?, referred_by_id = ?, warmth = ?,
                    notes = ?, tags = ?, company = ?, updated_at = ?, version = version + 1
                WHERE owner_id = ? AND id = ?
                """,
                [*_contact_fields(draft), self._now(), self.owner_id, contact_id],
            )
            # Only the links that changed: a link kept is never deleted and made again.
            linked = {
                goal
                for (goal,) in cur.execute(
                    "SELECT goal_id FROM contact_goals WHERE owner_id = ? AND contact_id = ?",
                    [self.owner_id, contact_id],
                ).fetchall()
            }
            cur.execute(
                "DELETE FROM contact_goals WHERE owner_id = ? AND contact_id = ? "
                "AND goal_id NOT IN (SELECT unnest(?::BIGINT[]))",
                [self.owner_id, contact_id, list(draft.goal_ids)],
            )
            self._link_goals(cur, contact_id, [g for g in draft.goal_ids if g not in linked])

    def _check_references(self, cur, draft: ContactDraft) -> None:
        """The organisation, referrer and goals a draft names must still exist: another
        window may have deleted them since the form was drawn."""
        errors = {}
        for field, table, ids in (
            ("organisation_id", "organisations", [draft.organisation_id]),
            ("referred_by_id", "contacts", [draft.referred_by_id]),
            ("goal_ids", "goals", draft.goal_ids),
        ):
            wanted = {i for i in ids if i is not None}
            if not wanted:
                continue
            (present,) = cur.execute(
                f"SELECT count(*) FROM {table} WHERE owner_id = ? "
                "AND id IN (SELECT unnest(?::BIGINT[]))",
                [self.owner_id, sorted(wanted)],
            ).fetchone()
            if present != len(wanted):
                errors[field] = "That choice was deleted in another window; choose again."
        if errors:
            raise ValidationError(errors)

    def _link_goals(self, cur, contact_id: int, goal_ids: list[int]) -> None:
        for goal_id in goal_ids:
            cur.execute(
                "INSERT INTO contact_goals (id, owner_id, contact_id, goal_id) VALUES (?, ?, ?, ?)",
                [self._next_id(cur, "contact_goals"), self.owner_id, contact_id, goal_id],
            )

    def move_contact(
        self,
        contact_id: int,
        stage_to: str,
        *,
        happened_at: datetime,
        channel: str = "",
        summary: str = "",
        expected_version: int | None = None,
    ) -> None:
        """Move a contact along the pipeline and keep the move, dated, in its history."""
        with self.transaction() as cur:
            row = cur.execute(
                "SELECT stage, version FROM contacts WHERE owner_id = ? AND id = ?",
                [self.owner_id, contact_id],
            ).fetchone()
            if row is None:
                raise NotFound("That contact was deleted.")
            stage_from, version = row
            if expected_version is not None and version != expected_version:
                raise StaleEdit.of("contact")
            check_move(stage_from, stage_to, channel=channel, summary=summary.strip())
            if stage_from == "interviewed" and stage_to in ("thanked", "keeping_in_touch"):
                # Thanked by any route (a card, a call): the meeting's thank-you is done.
                self._thank_interview(cur, contact_id, None, happened_at)
            cur.execute(
                "UPDATE contacts SET stage = ?, updated_at = ?, version = version + 1 "
                "WHERE owner_id = ? AND id = ?",
                [stage_to, self._now(), self.owner_id, contact_id],
            )
            self._add_event(
                cur,
                contact_id,
                happened_at,
                "stage",
                stage_from=stage_from,
                stage_to=stage_to,
                channel=channel,
                summary=summary.strip(),
            )

    def _add_event(self, cur, contact_id: int, happened_at: datetime, kind: str, **details) -> int:
        event_id = self._next_id(cur, "contact_events")
        cur.execute(
            """
            INSERT INTO contact_events (id, owner_id, contact_id, happened_at, kind,
                stage_from, stage_to, channel, summary, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                event_id,
                self.owner_id,
                contact_id,
                happened_at,
                kind,
                details.get("stage_from"),
                details.get("stage_to"),
                details.get("channel", ""),
                details.get("summary", ""),
                self._now(),
            ],
        )
        return event_id

    @cached_read
    def contact_history(self, contact_id: int) -> list[tuple]:
        """(happened_at, kind, stage_from, stage_to, channel, summary), newest first."""
        return self._rows(
            """
            SELECT happened_at, kind, stage_from, stage_to, channel, summary
            FROM contact_events WHERE owner_id = ? AND contact_id = ?
            ORDER BY happened_at DESC, id DESC
            """,
            [self.owner_id, contact_id],
        )

    def delete_contact(self, contact_id: int) -> None:
        """Delete a contact with their history, messages and goal links; meetings with them
        and people they referred are kept."""
        params = [self.owner_id, contact_id]
        with self.transaction() as cur:
            found = cur.execute(
                "SELECT count(*) FROM contacts WHERE owner_id = ? AND id = ?", params
            ).fetchone()[0]
            if not found:
                raise NotFound("That contact was already deleted.")
            for table in ("contact_events", "contact_goals", "outreach"):
                cur.execute(f"DELETE FROM {table} WHERE owner_id = ? AND contact_id = ?", params)
            cur.execute(
                "UPDATE contacts SET referred_by_id = NULL "
                "WHERE owner_id = ? AND referred_by_id = ?",
                params,
            )
            cur.execute("DELETE FROM contacts WHERE owner_id = ? AND id = ?", params)

    # -- research notes -------------------------------------------------------------

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
    def list_notes(
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

    def add_note(self, draft: NoteDraft, *, today: date) -> int:
        draft = draft.normalised()
        check_note(draft, today=today)
        with self.transaction() as cur:
            self._check_note_references(cur, draft)
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

    def update_note(
        self, note_id: int, draft: NoteDraft, *, expected_version: int, today: date
    ) -> None:
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
            self._check_note_references(cur, draft)
            cur.execute(
                """
                UPDATE research_notes SET goal_id = ?, organisation_id = ?, topic_kind = ?,
                    title = ?, body = ?, source_url = ?, noted_on = ?, facts = ?,
                    updated_at = ?, version = version + 1
                WHERE owner_id = ? AND id = ?
                """,
                [*_note_fields(draft), self._now(), self.owner_id, note_id],
            )

    def _check_note_references(self, cur, draft: NoteDraft) -> None:
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

    def delete_note(self, note_id: int) -> None:
        with self.transaction() as cur:
            deleted = cur.execute(
                "DELETE FROM research_notes WHERE owner_id = ? AND id = ? RETURNING id",
                [self.owner_id, note_id],
            ).fetchall()
            if not deleted:
                raise NotFound("That note was already deleted.")

    # -- what is waiting -----------------------------------------------------------

    @cached_read
    def open_requests(self) -> tuple[list[Request], list[Prospect], set[int]]:
        """The follow-up routine's inputs: unanswered requests, people not yet asked at
        an organisation, and organisations that answered since their latest request."""
        rows = self._rows(
            """
            WITH asked AS (
                SELECT c.id, c.name, c.organisation_id, coalesce(o.name, '') AS org,
                       (SELECT max(happened_at) FROM contact_events e
                        WHERE e.owner_id = c.owner_id AND e.contact_id = c.id
                          AND e.kind = 'stage' AND e.stage_to = 'requested') AS sent_at
                FROM contacts c
                LEFT JOIN organisations o ON o.owner_id = c.owner_id AND o.id = c.organisation_id
                WHERE c.owner_id = $o AND c.stage = 'requested'
            )
            SELECT a.id, a.name, a.organisation_id, a.org, coalesce(a.sent_at, c.updated_at),
                   (SELECT max(happened_at) FROM contact_events e
                    WHERE e.owner_id = $o AND e.contact_id = a.id AND e.kind = 'message_sent'
                      AND e.happened_at > a.sent_at + INTERVAL 1 MINUTE) AS followed_up_at
            FROM asked a JOIN contacts c ON c.owner_id = $o AND c.id = a.id
            ORDER BY a.id
            """,
            {"o": self.owner_id},
        )
        requests = [
            Request(cid, name, org_id, org, sent.date(), None if fu is None else fu.date())
            for cid, name, org_id, org, sent, fu in rows
        ]
        prospects = [
            Prospect(cid, name, org_id)
            for cid, name, org_id in self._rows(
                """
                SELECT id, name, organisation_id FROM contacts
                WHERE owner_id = ? AND stage = 'identified' AND organisation_id IS NOT NULL
                ORDER BY id
                """,
                [self.owner_id],
            )
        ]
        answered = {
            org_id
            for (org_id,) in self._rows(
                """
                SELECT DISTINCT c.organisation_id
                FROM contact_events e
                JOIN contacts c ON c.owner_id = e.owner_id AND c.id = e.contact_id
                WHERE e.owner_id = $o AND c.organisation_id IS NOT NULL
                  AND (e.kind = 'reply' OR (e.kind = 'stage'
                       AND e.stage_to IN ('scheduled', 'declined')))
                  AND e.happened_at >= (
                      SELECT min(r.happened_at) FROM contact_events r
                      JOIN contacts rc ON rc.owner_id = r.owner_id AND rc.id = r.contact_id
                      WHERE r.owner_id = $o AND rc.organisation_id = c.organisation_id
                        AND rc.stage = 'requested' AND r.kind = 'stage'
                        AND r.stage_to = 'requested')
                """,
                {"o": self.owner_id},
            )
        }
        return requests, prospects, answered

    def record_event(
        self,
        contact_id: int,
        kind: str,
        *,
        happened_at: datetime,
        channel: str = "",
        summary: str = "",
    ) -> None:
        """Keep a message sent, a reply or a note in a contact's history (stage unchanged)."""
        if kind not in ("message_sent", "reply", "note"):
            raise ValueError(f"not a history entry kind: {kind!r}")
        summary = summary.strip()
        errors = {}
        if channel and channel not in CHANNELS:
            errors["channel"] = "Choose a channel from the list."
        if message := check_text(summary, limit=SUMMARY_MAX):
            errors["summary"] = message
        if errors:
            raise ValidationError(errors)
        with self.transaction() as cur:
            found = cur.execute(
                "SELECT count(*) FROM contacts WHERE owner_id = ? AND id = ?",
                [self.owner_id, contact_id],
            ).fetchone()[0]
            if not found:
                raise NotFound("That contact was deleted.")
            self._add_event(cur, contact_id, happened_at, kind, channel=channel, summary=summary)
            cur.execute(
                "UPDATE contacts SET updated_at = ?, version = version + 1 "
                "WHERE owner_id = ? AND id = ?",
                [self._now(), self.owner_id, contact_id],
            )

    @cached_read
    def upcoming_meetings(self, start: datetime, end: datetime) -> list[tuple]:
        """(interview id, contact id, name, organisation, starts_at, time zone, format,
        location) for meetings scheduled from ``start`` to ``end`` (wall-clock times)."""
        return self._rows(
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

    @cached_read
    def last_messages(self, contact_ids: list[int]) -> dict[int, tuple]:
        """For each contact, the latest message or reply (or a stage change with a summary) as
        (happened_at, kind, channel, summary): the context beside a reminder."""
        rows = self._rows(
            """
            SELECT contact_id, arg_max((happened_at, kind, channel, summary), (happened_at, id))
            FROM contact_events
            WHERE owner_id = ? AND contact_id IN (SELECT unnest(?::BIGINT[]))
              AND (kind IN ('message_sent', 'reply') OR (kind = 'stage' AND summary <> ''))
            GROUP BY contact_id
            """,
            [self.owner_id, contact_ids],
        )
        return dict(rows)

    # -- messages -----------------------------------------------------------------------

    def user_templates(self) -> list[Template]:
        """The user's own templates (shipped ones live in data/message_templates.toml)."""
        return [
            Template(f"user:{tid}", kind, name, subject, body, shipped=False)
            for tid, kind, name, subject, body in self._rows(
                "SELECT id, kind, name, subject, body FROM message_templates "
                "WHERE owner_id = ? ORDER BY lower(name), id",
                [self.owner_id],
            )
        ]

    def add_template(self, kind: str, name: str, subject: str, body: str) -> int:
        name, subject, body = name.strip(), subject.strip(), body.strip()
        errors = {}
        if kind not in OUTREACH_KINDS:
            errors["kind"] = "Choose what kind of message this is."
        if not name:
            errors["name"] = "Give the template a name."
        elif message := check_text(name, limit=80, single_line=True):
            errors["name"] = message
        if message := check_text(subject, limit=200, single_line=True):
            errors["subject"] = message
        if not body:
            errors["body"] = "Write the message; use {their_name} and other fields to fill in."
        elif message := check_text(body, limit=5000):
            errors["body"] = message
        elif unknown := sorted(set(fields_in(subject + body)) - set(MERGE_FIELDS)):
            errors["body"] = "Unknown fields: " + ", ".join("{" + f + "}" for f in unknown)
        if errors:
            raise ValidationError(errors)
        with self.transaction() as cur:
            template_id = self._next_id(cur, "message_templates")
            now = self._now()
            cur.execute(
                """
                INSERT INTO message_templates (id, owner_id, kind, name, subject, body,
                    created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [template_id, self.owner_id, kind, name, subject, body, now, now],
            )
        return template_id

    def record_message(
        self,
        contact_id: int,
        kind: str,
        *,
        channel: str,
        subject: str,
        body: str,
        sent_at: datetime,
        interview_id: int | None = None,
    ) -> int:
        """Keep a sent message and its history line, in one transaction. A request moves an
        'identified' contact to 'request sent'; a thank-you marks the interview thanked
        (``interview_id``, else their latest done one not yet thanked) and moves an
        'interviewed' contact to 'thanked'; an update moves a 'thanked' contact to
        'keeping in touch'."""
        subject, body = subject.strip(), body.strip()
        errors = {}
        if kind not in OUTREACH_KINDS:
            errors["kind"] = "Choose what kind of message this is."
        if channel not in CHANNELS:
            errors["channel"] = "Choose how you sent it."
        if message := check_text(subject, limit=200, single_line=True):
            errors["subject"] = message
        if not body:
            errors["body"] = "There is no message to record."
        elif message := check_text(body, limit=5000):
            errors["body"] = message
        if errors:
            raise ValidationError(errors)
        with self.transaction() as cur:
            row = cur.execute(
                "SELECT stage FROM contacts WHERE owner_id = ? AND id = ?",
                [self.owner_id, contact_id],
            ).fetchone()
            if row is None:
                raise NotFound("That contact was deleted.")
            message_id = self._next_id(cur, "outreach")
            now = self._now()
            if kind == "thank_you":
                interview_id = self._thank_interview(cur, contact_id, interview_id, sent_at)
            cur.execute(
                """
                INSERT INTO outreach (id, owner_id, contact_id, interview_id, kind, channel,
                    subject, body, sent_at, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    message_id,
                    self.owner_id,
                    contact_id,
                    interview_id,
                    kind,
                    channel,
                    subject,
                    body,
                    sent_at,
                    now,
                    now,
                ],
            )
            summary = f"{OUTREACH_KINDS[kind]}: {subject}" if subject else OUTREACH_KINDS[kind]
            moves = {
                "request": (
                    ("identified", "declined", "no_reply", "keeping_in_touch"),
                    "requested",
                ),
                "thank_you": (("interviewed",), "thanked"),
                "check_in": (("thanked",), "keeping_in_touch"),
            }
            before, after = moves.get(kind, ((), ""))
            if row[0] in before:
                self._add_event(
                    cur,
                    contact_id,
                    sent_at,
                    "stage",
                    stage_from=row[0],
                    stage_to=after,
                    channel=channel,
                    summary=summary,
                )
                cur.execute(
                    "UPDATE contacts SET stage = ?, updated_at = ?, "
                    "version = version + 1 WHERE owner_id = ? AND id = ?",
                    [after, now, self.owner_id, contact_id],
                )
            else:
                self._add_event(
                    cur, contact_id, sent_at, "message_sent", channel=channel, summary=summary
                )
        return message_id

    def _thank_interview(
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

    # -- LinkedIn ------------------------------------------------------------------------

    def import_connections(self, parsed: ParsedConnections, *, today: date) -> ImportReport:
        """Add LinkedIn connections as contacts (circle LinkedIn), all in one transaction.
        Anyone already in the planner, or twice in the file, is skipped and reported, so
        importing the same file again adds nothing. A company that matches a target
        organisation's name links the contact to it."""
        report = ImportReport(problems=list(parsed.problems))
        with self.transaction() as cur:
            known: set[str] = set()
            for name, org, company, email, url in cur.execute(
                """
                SELECT c.name, coalesce(o.name, ''), c.company, c.email, c.linkedin_url
                FROM contacts c
                LEFT JOIN organisations o ON o.owner_id = c.owner_id AND o.id = c.organisation_id
                WHERE c.owner_id = ?
                """,
                [self.owner_id],
            ).fetchall():
                known |= identity_keys(name, org or company, email, url)
            targets = {
                name.casefold(): org_id
                for org_id, name in cur.execute(
                    "SELECT id, name FROM organisations WHERE owner_id = ?", [self.owner_id]
                ).fetchall()
            }
            now = self._now()
            for person in parsed.connections:
                keys = identity_keys(person.name, person.company, person.email, person.linkedin_url)
                if keys & known:
                    report.skipped.append(f"{person.name} (line {person.line})")
                    continue
                known |= keys
                draft = ContactDraft(
                    name=person.name,
                    role=person.position[:120],
                    organisation_id=targets.get(person.company.casefold()),
                    company="" if person.company.casefold() in targets else person.company,
                    email=person.email,
                    linkedin_url=person.linkedin_url,
                    circle="linkedin",
                    warmth="warm",
                ).normalised()
                if errors := validate_contact(draft):
                    report.problems.append(
                        f"Line {person.line} ({person.name}): " + " ".join(errors.values())
                    )
                    continue
                contact_id = self._next_id(cur, "contacts")
                cur.execute(
                    """
                    INSERT INTO contacts (id, owner_id, name, role, organisation_id, email,
                        linkedin_url, phone, circle, referred_by_id, warmth, notes, tags,
                        company, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    [contact_id, self.owner_id, *_contact_fields(draft), now, now],
                )
                when = person.connected_on or today
                self._add_event(
                    cur,
                    contact_id,
                    datetime.combine(when, now.time()),
                    "note",
                    summary="Connected on LinkedIn",
                )
                report.added.append(person.name)
        return report

    @cached_read
    def people_known_at(self) -> dict[int, list[str]]:
        """For each target organisation, the contacts already there: the warm ways in.
        A contact counts when linked to it, or when their employer has its name."""
        rows = self._rows(
            """
            SELECT o.id, list(c.name ORDER BY c.warmth = 'warm' DESC, lower(c.name))
            FROM organisations o
            JOIN contacts c ON c.owner_id = o.owner_id
             AND (c.organisation_id = o.id
                  OR (c.organisation_id IS NULL AND lower(c.company) = lower(o.name)))
            WHERE o.owner_id = ?
            GROUP BY o.id
            """,
            [self.owner_id],
        )
        return dict(rows)

    # -- meetings ---------------------------------------------------------------------

    def schedule_meeting(self, draft: MeetingDraft, *, now: datetime) -> int:
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
                self._add_event(
                    cur,
                    draft.contact_id,
                    now.replace(tzinfo=None),
                    "stage",
                    stage_from=row[0],
                    stage_to="scheduled",
                    summary=f"Meeting on {draft.starts_at:%Y-%m-%d %H:%M} ({draft.time_zone})",
                )
        return interview_id

    def meetings(self, *, contact_id: int | None = None, status: str | None = None) -> list[tuple]:
        """(id, contact id, name, organisation, starts_at, time zone, duration, format,
        location, status, version, notes) by start time."""
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
        return self._rows(sql + " ORDER BY i.starts_at, i.id", params)

    @cached_read
    def calendar_entries(self, *, since: datetime, contact_id: int | None = None) -> list:
        """Calendar entries for scheduled meetings starting from ``since`` (wall-clock)."""
        return [
            calendar_entry(
                self.owner_id,
                interview_id,
                version,
                name=name,
                organisation=organisation,
                starts_at=starts_at,
                time_zone=zone_name,
                duration_minutes=duration,
                format=form,
                location=location,
            )
            for (
                interview_id,
                _,
                name,
                organisation,
                starts_at,
                zone_name,
                duration,
                form,
                location,
                _,
                version,
                _,
            ) in self.meetings(contact_id=contact_id, status="scheduled")
            if starts_at >= since
        ]

    # -- settings -----------------------------------------------------------------

    @cached_read
    def settings(self) -> dict[str, str]:
        return dict(
            self._rows("SELECT key, value FROM settings WHERE owner_id = ?", [self.owner_id])
        )

    def save_settings(self, values: dict[str, str]) -> None:
        """Set user settings (e.g. the name and contact line used in messages)."""
        for key, value in values.items():
            if message := setting_problem(value):
                raise ValidationError({key: message})
        with self.transaction() as cur:
            self._put_settings(cur, values)

    def _put_settings(self, cur, values: dict[str, str]) -> None:
        now = self._now()
        for key, value in values.items():
            updated = cur.execute(
                "UPDATE settings SET value = ?, updated_at = ? "
                "WHERE owner_id = ? AND key = ? RETURNING id",
                [value.strip(), now, self.owner_id, key],
            ).fetchall()
            if not updated:
                cur.execute(
                    "INSERT INTO settings (id, owner_id, key, value, updated_at) "
                    "VALUES (?, ?, ?, ?, ?)",
                    [self._next_id(cur, "settings"), self.owner_id, key, value.strip(), now],
                )

    @cached_read
    def follow_up_rule(self) -> FollowUpRule:
        return FollowUpRule.from_settings(self.settings())


def _organisation_fields(draft: OrganisationDraft) -> list[Any]:
    return [
        draft.name,
        draft.sector,
        draft.website,
        draft.advocacy,
        draft.motivation,
        draft.posting,
        draft.origin,
        draft.notes,
    ]


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


def _contact_fields(draft: ContactDraft) -> list[Any]:
    return [
        draft.name,
        draft.role,
        draft.organisation_id,
        draft.email,
        draft.linkedin_url,
        draft.phone,
        draft.circle,
        draft.referred_by_id,
        draft.warmth,
        draft.notes,
        draft.tags,
        draft.company,
    ]


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
