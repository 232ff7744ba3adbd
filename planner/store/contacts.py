"""Contacts, their goals, their history (each step with its date and channel) and
keeping in touch.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import Any

from planner.contact_import import Incoming, identity_keys
from planner.contacts import (
    Contact,
    ContactDraft,
    check_contact,
    check_event,
    check_move,
    validate_contact,
)
from planner.errors import NotFound, StaleEdit, ValidationError
from planner.linkedin import ParsedConnections
from planner.organisations import (
    OrganisationDraft,
    validate_organisation,
)
from planner.read_cache import cached_read
from planner.store.history import HistoryCorrections
from planner.store.keeping_in_touch import KeepingInTouch
from planner.store.records import (
    FirstFew,
    HistoryEntry,
    ImportReport,
    ReferralWaiting,
)
from planner.store.shared import _like_escape


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


class ContactRepository(HistoryCorrections, KeepingInTouch):
    """Contacts, their goals, their history (each step with its date and channel); keeping
    in touch with them comes from ``KeepingInTouch``.
    """

    _CONTACT_SELECT = """
        SELECT c.id, c.name, c.role, c.organisation_id, coalesce(o.name, c.company), c.email,
               c.linkedin_url, c.phone, c.circle, c.referred_by_id, coalesce(r.name, ''),
               c.warmth, c.notes, c.tags, c.stage,
               coalesce((SELECT array_agg(goal_id ORDER BY goal_id) FROM contact_goals g
                         WHERE g.owner_id = c.owner_id AND g.contact_id = c.id),
                        ARRAY[]::BIGINT[]),
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
    def list(
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
    def get(self, contact_id: int) -> Contact:
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

    def add(self, draft: ContactDraft, *, today: date, new_organisation: str = "") -> int:
        """Save a new contact (stage 'identified') with its goals and a first history line.

        ``new_organisation`` names their organisation: the one of that name on the list,
        or a new one made in the same transaction (it is ignored when the draft already
        names one).
        """
        draft = draft.normalised()
        new_organisation = " ".join(new_organisation.split())
        errors = validate_contact(draft)
        org_draft = OrganisationDraft(name=new_organisation)
        with self.transaction() as cur:
            if new_organisation and draft.organisation_id is None:
                org_errors = validate_organisation(org_draft)
                if "name" in org_errors:
                    errors["new_organisation"] = org_errors["name"]
            if errors:
                raise ValidationError(errors)
            if new_organisation and draft.organisation_id is None:
                # One with the same name already on the list is linked, not duplicated.
                [org_id] = self._store.organisations.ensure(cur, [new_organisation]).values()
                draft = replace(draft, organisation_id=org_id)
            return self.insert(cur, draft, today=today)

    def insert(
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
        self.add_event(
            cur, contact_id, datetime.combine(today, now.time()), "note", summary="Added"
        )
        return contact_id

    def update(self, contact_id: int, draft: ContactDraft, *, expected_version: int) -> None:
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

    def move(
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
                self._store.meetings.mark_thanked(cur, contact_id, None, happened_at)
            cur.execute(
                "UPDATE contacts SET stage = ?, updated_at = ?, version = version + 1 "
                "WHERE owner_id = ? AND id = ?",
                [stage_to, self._now(), self.owner_id, contact_id],
            )
            self.add_event(
                cur,
                contact_id,
                happened_at,
                "stage",
                stage_from=stage_from,
                stage_to=stage_to,
                channel=channel,
                summary=summary.strip(),
            )

    def add_event(self, cur, contact_id: int, happened_at: datetime, kind: str, **details) -> int:
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
    def history(self, contact_id: int) -> list[HistoryEntry]:
        """What happened with a contact, newest first."""
        rows = self._rows(
            """
            SELECT happened_at, kind, stage_from, stage_to, channel, summary, id
            FROM contact_events WHERE owner_id = ? AND contact_id = ?
            ORDER BY happened_at DESC, id DESC
            """,
            [self.owner_id, contact_id],
        )
        return [HistoryEntry(*row) for row in rows]

    def delete(self, contact_id: int) -> None:
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
        check_event(channel=channel, summary=summary)
        with self.transaction() as cur:
            found = cur.execute(
                "SELECT count(*) FROM contacts WHERE owner_id = ? AND id = ?",
                [self.owner_id, contact_id],
            ).fetchone()[0]
            if not found:
                raise NotFound("That contact was deleted.")
            self.add_event(cur, contact_id, happened_at, kind, channel=channel, summary=summary)
            cur.execute(
                "UPDATE contacts SET updated_at = ?, version = version + 1 "
                "WHERE owner_id = ? AND id = ?",
                [self._now(), self.owner_id, contact_id],
            )

    def import_connections(self, parsed: ParsedConnections, *, today: date) -> ImportReport:
        """Add LinkedIn connections as contacts (see ``import_people``)."""
        people = [person.incoming() for person in parsed.connections]
        return self.import_people(people, problems=parsed.problems, today=today)

    def import_people(
        self, people: list[Incoming], *, problems: list[str], today: date
    ) -> ImportReport:
        """Add the people read from an import file as contacts, all in one transaction.
        Anyone already in the planner (``skipped``), or added earlier from the same file
        (``repeated``), is left out and named, so importing the same file again adds
        nothing; a row refused by the contact rules does not hide a later, usable one. An
        employer that matches a target organisation's name links the contact to it.
        ``problems`` are what the reading already skipped; they lead the report."""
        report = ImportReport(problems=list(problems))
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
            accepted: list[tuple[Incoming, ContactDraft]] = []
            in_file: set[str] = set()  # the keys of the people accepted so far
            for person in people:
                keys = person.keys()
                if keys & known:
                    report.skipped.append(person.label)
                    continue
                if keys & in_file:
                    report.repeated.append(person.label)
                    continue
                draft = person.draft(targets.get(person.organisation.casefold()))
                if errors := validate_contact(draft):  # refused: a later row may be usable
                    report.problems.append(f"{person.label}: " + " ".join(errors.values()))
                    continue
                in_file |= keys
                accepted.append((person, draft))
            ids = self._insert_contacts(cur, [draft for _, draft in accepted], now)
            self.add_notes(cur, [
                (contact_id, datetime.combine(person.met_on or today, now.time()), person.history)
                for contact_id, (person, _) in zip(ids, accepted, strict=True)
            ])  # fmt: skip
            report.added = [person.name for person, _ in accepted]
        return report

    def _insert_contacts(self, cur, drafts: list[ContactDraft], now: datetime) -> list[int]:
        """Insert checked ``drafts`` in one statement (an import's thousands of people
        would take a statement each otherwise); returns their ids, in order."""
        ids = self._next_ids(cur, "contacts", len(drafts))
        if not ids:
            return ids
        self._insert_rows(
            cur,
            "contacts",
            ["id", "owner_id", "name", "role", "organisation_id", "email", "linkedin_url",
             "phone", "circle", "referred_by_id", "warmth", "notes", "tags", "company",
             "created_at", "updated_at"],
            [(contact_id, self.owner_id, *_contact_fields(draft), now, now)
             for contact_id, draft in zip(ids, drafts, strict=True)],
        )  # fmt: skip
        return ids

    def add_notes(self, cur, notes: list[tuple[int, datetime, str]]) -> None:
        """Notes in several contacts' history in one statement: (contact id, when, text)."""
        ids = self._next_ids(cur, "contact_events", len(notes))
        if not ids:
            return
        now = self._now()
        self._insert_rows(
            cur,
            "contact_events",
            ["id", "owner_id", "contact_id", "happened_at", "kind", "stage_from", "stage_to",
             "channel", "summary", "created_at"],
            [(event_id, self.owner_id, contact_id, at, "note", None, None, "", text, now)
             for event_id, (contact_id, at, text) in zip(ids, notes, strict=True)],
        )  # fmt: skip

    @cached_read
    def listed_as(self, contact_ids: tuple[int, ...]) -> dict[int, tuple[str, str, str]]:
        """The name, organisation and notes of each of ``contact_ids``, as the contact
        list shows them: what the due list says about a few people, without reading
        everyone."""
        rows = self._rows(
            """
            SELECT c.id, c.name, coalesce(o.name, c.company), c.notes
            FROM contacts c
            LEFT JOIN organisations o ON o.owner_id = c.owner_id AND o.id = c.organisation_id
            WHERE c.owner_id = ? AND c.id IN (SELECT unnest(?::BIGINT[]))
            """,
            [self.owner_id, list(contact_ids)],
        )
        return {
            contact_id: (name, organisation, notes)
            for contact_id, name, organisation, notes in rows
        }

    @cached_read
    def referrals_waiting(self, *, limit: int | None = None) -> FirstFew[ReferralWaiting]:
        """People suggested by someone (or in a conversation) who are still 'identified'
        and were never sent a message, oldest first: the first ``limit`` (all when None)
        and how many there are."""
        rows = self._rows(
            """
            SELECT c.id, c.name, coalesce(o.name, c.company, ''),
                   coalesce(r.name, met.name, ''), i.starts_at::DATE, c.notes,
                   count(*) OVER ()
            FROM contacts c
            LEFT JOIN organisations o ON o.owner_id = c.owner_id AND o.id = c.organisation_id
            LEFT JOIN contacts r ON r.owner_id = c.owner_id AND r.id = c.referred_by_id
            LEFT JOIN interviews i
                   ON i.owner_id = c.owner_id AND i.id = c.referred_in_interview_id
            LEFT JOIN contacts met ON met.owner_id = i.owner_id AND met.id = i.contact_id
            WHERE c.owner_id = $o AND c.stage = 'identified'
              AND (c.referred_by_id IS NOT NULL OR c.referred_in_interview_id IS NOT NULL)
              AND NOT EXISTS (SELECT 1 FROM contact_events e
                              WHERE e.owner_id = c.owner_id AND e.contact_id = c.id
                                AND e.kind = 'message_sent')
            ORDER BY c.created_at, c.id
            LIMIT $limit
            """,
            {"o": self.owner_id, "limit": limit},
        )
        return FirstFew.of(rows, ReferralWaiting)
