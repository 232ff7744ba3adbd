"""Messages sent (requests, follow-ups, thank-yous, updates), templates, and who is
waiting for an answer.
"""

from __future__ import annotations

from datetime import datetime

from planner.errors import NotFound, ValidationError
from planner.followup import Prospect, Request
from planner.messages import (
    BODY_MAX,
    MERGE_FIELDS,
    SUBJECT_MAX,
    TEMPLATE_NAME_MAX,
    Template,
    fields_in,
)
from planner.read_cache import cached_read
from planner.store.records import LastMessage, OpenRequests, SentMessage, ThankYouDue
from planner.store.repository import Repository
from planner.text import check_text
from planner.thanks import thank_you_due
from planner.vocabulary import CHANNELS, OUTREACH_KINDS


class OutreachRepository(Repository):
    """Messages sent (requests, follow-ups, thank-yous, updates), templates, and who is
    waiting for an answer.
    """

    @cached_read
    def open_requests(self) -> OpenRequests:
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
                      AND e.happened_at > a.sent_at + INTERVAL '1 minute') AS followed_up_at
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
        return OpenRequests(requests, prospects, answered)

    @cached_read
    def last_messages(self, contact_ids: list[int]) -> dict[int, LastMessage]:
        """For each contact, the latest message or reply (or a stage change with a summary):
        the context beside a reminder."""
        rows = self._rows(
            """
            SELECT DISTINCT ON (contact_id) contact_id, happened_at, kind, channel, summary
            FROM contact_events
            WHERE owner_id = ? AND contact_id IN (SELECT unnest(?::BIGINT[]))
              AND (kind IN ('message_sent', 'reply') OR (kind = 'stage' AND summary <> ''))
            ORDER BY contact_id, happened_at DESC, id DESC
            """,
            [self.owner_id, contact_ids],
        )
        return {row[0]: LastMessage(*row[1:]) for row in rows}

    @cached_read
    def sent(
        self, *, contact_id: int | None = None, interview_id: int | None = None
    ) -> list[SentMessage]:
        """The messages sent to a contact, or about an interview, latest first."""
        return [
            SentMessage(*row)
            for row in self._rows(
                """
                SELECT id, kind, channel, subject, body, sent_at, interview_id FROM outreach
                WHERE owner_id = $o AND ($contact IS NULL OR contact_id = $contact)
                  AND ($interview IS NULL OR interview_id = $interview)
                ORDER BY sent_at DESC NULLS LAST, id DESC
                """,
                {"o": self.owner_id, "contact": contact_id, "interview": interview_id},
            )
        ]

    def templates(self) -> list[Template]:
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
        elif message := check_text(name, limit=TEMPLATE_NAME_MAX, single_line=True):
            errors["name"] = message
        if message := check_text(subject, limit=SUBJECT_MAX, single_line=True):
            errors["subject"] = message
        if not body:
            errors["body"] = "Write the message; use {their_name} and other fields to fill in."
        elif message := check_text(body, limit=BODY_MAX):
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
        if message := check_text(subject, limit=SUBJECT_MAX, single_line=True):
            errors["subject"] = message
        if not body:
            errors["body"] = "There is no message to record."
        elif message := check_text(body, limit=BODY_MAX):
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
                interview_id = self._store.meetings.mark_thanked(
                    cur, contact_id, interview_id, sent_at
                )
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
                self._store.contacts.add_event(
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
                self._store.contacts.add_event(
                    cur, contact_id, sent_at, "message_sent", channel=channel, summary=summary
                )
        return message_id

    @cached_read
    def thank_yous_owed(self) -> list[ThankYouDue]:
        """Done interviews whose thank-you is not sent, oldest due first. The due day is
        the business-day rule applied to the meeting day (``thanks.thank_you_due``)."""
        rows = self._rows(
            """
            SELECT i.id, c.id, c.name, coalesce(o.name, c.company, ''), i.starts_at::DATE,
                   c.email
            FROM interviews i
            JOIN contacts c ON c.owner_id = i.owner_id AND c.id = i.contact_id
            LEFT JOIN organisations o ON o.owner_id = c.owner_id AND o.id = c.organisation_id
            WHERE i.owner_id = $o AND i.status = 'done' AND i.thank_you_sent_at IS NULL
            ORDER BY i.starts_at, i.id
            """,
            {"o": self.owner_id},
        )
        return [
            ThankYouDue(interview, contact, name, org, met, thank_you_due(met), email)
            for interview, contact, name, org, met, email in rows
        ]
