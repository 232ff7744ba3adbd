"""The store's reflections and what follows from them: fit ratings, skills, assumptions
checked, motivation updates, action items, thank-yous owed and check-ins.

A mixin of ``planner.store.Store``, like ``store_network``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from planner.errors import NotFound, StaleEdit, ValidationError
from planner.organisations import MOTIVATION_LEVELS
from planner.read_cache import cached_read
from planner.reflection import (
    PROMPTS,
    ActionDraft,
    FitEvidence,
    FitRating,
    Reflection,
    ReflectionDraft,
    SkillHeard,
    check_reflection,
    validate_action,
)
from planner.text import check_text
from planner.thanks import CHECK_IN_RANGE, thank_you_due

ASSUMPTION_MAX = 200


@dataclass(frozen=True)
class Assumption:
    id: int
    goal_id: int
    statement: str
    confirmed: int
    refuted: int


@dataclass(frozen=True)
class ActionItem:
    id: int
    title: str
    kind: str
    due_on: date | None
    done_on: date | None
    goal_id: int | None
    goal_title: str
    reflection_id: int | None
    contact_name: str  # whose conversation it came from, "" when none
    version: int


@dataclass(frozen=True)
class ReflectionDue:
    """A done interview with no reflection yet."""

    interview_id: int
    contact_id: int | None
    contact_name: str
    organisation: str
    met_on: date


@dataclass(frozen=True)
class ThankYouDue:
    interview_id: int
    contact_id: int
    contact_name: str
    organisation: str
    met_on: date
    due_on: date
    email: str


@dataclass(frozen=True)
class CheckInDue:
    contact_id: int
    contact_name: str
    organisation: str
    due_on: date
    last_contact: date
    last_conversation: date | None
    advice: str  # their advice, from the latest reflection on them
    done_since: list[str]  # action items from their conversations, done since last contact
    email: str
    every_days: int


class ReflectionStore:
    """Reflections and follow-through (mixed into Store)."""

    owner_id: str

    # -- reflections -----------------------------------------------------------------

    @cached_read
    def reflection_for(self, interview_id: int) -> Reflection | None:
        """The interview's reflection with its ratings, skills and assumption checks."""
        row = self._one(
            f"""
            SELECT id, {", ".join(PROMPTS)}, interest_change, takeaways, themes, version
            FROM reflections WHERE owner_id = ? AND interview_id = ?
            """,
            [self.owner_id, interview_id],
        )
        if row is None:
            return None
        reflection_id, *prompts, interest, takeaways, themes, version = row
        ratings = [
            FitRating(*r)
            for r in self._rows(
                "SELECT fit_question, rating, why FROM reflection_fit_ratings "
                "WHERE owner_id = ? AND reflection_id = ? ORDER BY id",
                [self.owner_id, reflection_id],
            )
        ]
        skills = [
            SkillHeard(*r)
            for r in self._rows(
                "SELECT skill, status FROM reflection_skills "
                "WHERE owner_id = ? AND reflection_id = ? ORDER BY id",
                [self.owner_id, reflection_id],
            )
        ]
        verdicts = dict(
            self._rows(
                "SELECT assumption_id, verdict FROM assumption_checks "
                "WHERE owner_id = ? AND reflection_id = ? ORDER BY id",
                [self.owner_id, reflection_id],
            )
        )
        return Reflection(
            **dict(zip(PROMPTS, prompts, strict=True)),
            interest_change=interest,
            takeaways=list(takeaways),
            themes=list(themes),
            fit_ratings=ratings,
            skills=skills,
            assumption_verdicts=verdicts,
            id=reflection_id,
            interview_id=interview_id,
            version=version,
        )

    def save_reflection(
        self, interview_id: int, draft: ReflectionDraft, *, expected_version: int = 0
    ) -> int:
        """Save (or replace) the interview's reflection with its ratings, skills and
        assumption checks, all or nothing; returns its id. Only a done interview can be
        reflected on. ``expected_version`` is 0 for a first reflection."""
        draft = draft.normalised()
        check_reflection(draft)
        with self.transaction() as cur:
            status = cur.execute(
                "SELECT status FROM interviews WHERE owner_id = ? AND id = ?",
                [self.owner_id, interview_id],
            ).fetchone()
            if status is None:
                raise NotFound("That interview was deleted.")
            if status[0] != "done":
                raise ValidationError(
                    {"prompts": "Mark the interview done first; reflect once it has happened."}
                )
            known = {
                i
                for (i,) in cur.execute(
                    "SELECT a.id FROM goal_assumptions a JOIN interviews i "
                    "ON i.owner_id = a.owner_id AND i.goal_id = a.goal_id "
                    "WHERE a.owner_id = ? AND i.id = ?",
                    [self.owner_id, interview_id],
                ).fetchall()
            }
            if set(draft.assumption_verdicts) - known:
                raise ValidationError(
                    {"assumptions": "An assumption was removed in another window; reload."}
                )
            existing = cur.execute(
                "SELECT id, version FROM reflections WHERE owner_id = ? AND interview_id = ?",
                [self.owner_id, interview_id],
            ).fetchone()
            now = self._now()
            values = [getattr(draft, key) for key in PROMPTS]
            values += [draft.interest_change, draft.takeaways, draft.themes]
            if existing is None:
                if expected_version:
                    raise StaleEdit.of("reflection")
                reflection_id = self._next_id(cur, "reflections")
                cur.execute(
                    f"""
                    INSERT INTO reflections (id, owner_id, interview_id, {", ".join(PROMPTS)},
                        interest_change, takeaways, themes, created_at, updated_at)
                    VALUES (?, ?, ?, {", ".join("?" for _ in PROMPTS)}, ?, ?, ?, ?, ?)
                    """,
                    [reflection_id, self.owner_id, interview_id, *values, now, now],
                )
            else:
                reflection_id, version = existing
                if version != expected_version:
                    raise StaleEdit.of("reflection")
                assignments = ", ".join(f"{key} = ?" for key in PROMPTS)
                cur.execute(
                    f"""
                    UPDATE reflections SET {assignments}, interest_change = ?, takeaways = ?,
                        themes = ?, updated_at = ?, version = version + 1
                    WHERE owner_id = ? AND id = ?
                    """,
                    [*values, now, self.owner_id, reflection_id],
                )
                for table in ("reflection_fit_ratings", "reflection_skills", "assumption_checks"):
                    cur.execute(
                        f"DELETE FROM {table} WHERE owner_id = ? AND reflection_id = ?",
                        [self.owner_id, reflection_id],
                    )
            for rating in draft.fit_ratings:
                cur.execute(
                    "INSERT INTO reflection_fit_ratings (id, owner_id, reflection_id, "
                    "fit_question, rating, why) VALUES (?, ?, ?, ?, ?, ?)",
                    [
                        self._next_id(cur, "reflection_fit_ratings"),
                        self.owner_id,
                        reflection_id,
                        rating.fit_question,
                        rating.rating,
                        rating.why,
                    ],
                )
            for skill in draft.skills:
                cur.execute(
                    "INSERT INTO reflection_skills (id, owner_id, reflection_id, skill, status) "
                    "VALUES (?, ?, ?, ?, ?)",
                    [
                        self._next_id(cur, "reflection_skills"),
                        self.owner_id,
                        reflection_id,
                        skill.skill,
                        skill.status,
                    ],
                )
            for assumption_id, verdict in draft.assumption_verdicts.items():
                cur.execute(
                    "INSERT INTO assumption_checks (id, owner_id, reflection_id, assumption_id, "
                    "verdict) VALUES (?, ?, ?, ?, ?)",
                    [
                        self._next_id(cur, "assumption_checks"),
                        self.owner_id,
                        reflection_id,
                        assumption_id,
                        verdict,
                    ],
                )
        return reflection_id

    @cached_read
    def reflections_missing(self) -> list[ReflectionDue]:
        """Done interviews with no reflection yet, most recent first."""
        return [
            ReflectionDue(*row)
            for row in self._rows(
                """
                SELECT i.id, c.id, coalesce(c.name, ''), coalesce(o.name, c.company, ''),
                       i.starts_at::DATE
                FROM interviews i
                LEFT JOIN contacts c ON c.owner_id = i.owner_id AND c.id = i.contact_id
                LEFT JOIN organisations o ON o.owner_id = c.owner_id AND o.id = c.organisation_id
                WHERE i.owner_id = $o AND i.status = 'done'
                  AND NOT EXISTS (SELECT 1 FROM reflections r WHERE r.owner_id = i.owner_id
                                  AND r.interview_id = i.id)
                ORDER BY i.starts_at DESC, i.id
                """,
                {"o": self.owner_id},
            )
        ]

    # -- assumptions -------------------------------------------------------------------

    @cached_read
    def assumptions(self, goal_id: int | None = None) -> list[Assumption]:
        """A goal's assumptions (every goal's when None) with how many conversations
        confirmed and refuted each, counted in DuckDB."""
        return [
            Assumption(*row)
            for row in self._rows(
                """
                SELECT a.id, a.goal_id, a.statement,
                       count(*) FILTER (WHERE k.verdict = 'confirmed'),
                       count(*) FILTER (WHERE k.verdict = 'refuted')
                FROM goal_assumptions a
                LEFT JOIN assumption_checks k
                  ON k.owner_id = a.owner_id AND k.assumption_id = a.id
                WHERE a.owner_id = $o AND ($goal IS NULL OR a.goal_id = $goal)
                GROUP BY a.id, a.goal_id, a.statement
                ORDER BY a.goal_id, a.id
                """,
                {"o": self.owner_id, "goal": goal_id},
            )
        ]

    def add_assumption(self, goal_id: int, statement: str) -> int:
        """Note something the user believes before talking to anyone, on a goal."""
        statement = " ".join(statement.split())
        if not statement:
            raise ValidationError({"statement": "Write what you believe, in a sentence."})
        if message := check_text(statement, limit=ASSUMPTION_MAX, single_line=True):
            raise ValidationError({"statement": message})
        with self.transaction() as cur:
            found = cur.execute(
                "SELECT count(*) FROM goals WHERE owner_id = ? AND id = ?",
                [self.owner_id, goal_id],
            ).fetchone()[0]
            if not found:
                raise NotFound("That goal was deleted.")
            (clash,) = cur.execute(
                "SELECT count(*) FROM goal_assumptions WHERE owner_id = ? AND goal_id = ? "
                "AND lower(statement) = lower(?)",
                [self.owner_id, goal_id, statement],
            ).fetchone()
            if clash:
                raise ValidationError({"statement": "This goal already has that assumption."})
            assumption_id = self._next_id(cur, "goal_assumptions")
            cur.execute(
                "INSERT INTO goal_assumptions (id, owner_id, goal_id, statement, created_at) "
                "VALUES (?, ?, ?, ?, ?)",
                [assumption_id, self.owner_id, goal_id, statement, self._now()],
            )
        return assumption_id

    def remove_assumption(self, assumption_id: int) -> None:
        """Remove an assumption and the checks reflections made of it."""
        with self.transaction() as cur:
            cur.execute(
                "DELETE FROM assumption_checks WHERE owner_id = ? AND assumption_id = ?",
                [self.owner_id, assumption_id],
            )
            removed = cur.execute(
                "DELETE FROM goal_assumptions WHERE owner_id = ? AND id = ? RETURNING id",
                [self.owner_id, assumption_id],
            ).fetchall()
            if not removed:
                raise NotFound("That assumption was already removed.")

    # -- motivation ----------------------------------------------------------------------

    def update_motivation(
        self, organisation_id: int, motivation: int, *, reflection_id: int | None
    ) -> None:
        """Change an organisation's Motivation score after a conversation; the history
        keeps the old and new scores and which reflection moved it."""
        if motivation not in MOTIVATION_LEVELS:
            raise ValidationError({"motivation": "Choose a Motivation score from the list."})
        with self.transaction() as cur:
            row = cur.execute(
                "SELECT motivation FROM organisations WHERE owner_id = ? AND id = ?",
                [self.owner_id, organisation_id],
            ).fetchone()
            if row is None:
                raise NotFound("That organisation was deleted.")
            if row[0] == motivation:
                return
            now = self._now()
            cur.execute(
                "UPDATE organisations SET motivation = ?, updated_at = ?, version = version + 1 "
                "WHERE owner_id = ? AND id = ?",
                [motivation, now, self.owner_id, organisation_id],
            )
            cur.execute(
                "INSERT INTO organisation_motivation_history (id, owner_id, organisation_id, "
                "motivation, reflection_id, changed_at) VALUES (?, ?, ?, ?, ?, ?)",
                [
                    self._next_id(cur, "organisation_motivation_history"),
                    self.owner_id,
                    organisation_id,
                    motivation,
                    reflection_id,
                    now,
                ],
            )

    @cached_read
    def motivation_history(self, organisation_id: int) -> list[tuple[datetime, int, str]]:
        """(changed at, motivation, whose conversation moved it or ""), oldest first."""
        return self._rows(
            """
            SELECT h.changed_at, h.motivation, coalesce(c.name, '')
            FROM organisation_motivation_history h
            LEFT JOIN reflections r ON r.owner_id = h.owner_id AND r.id = h.reflection_id
            LEFT JOIN interviews i ON i.owner_id = r.owner_id AND i.id = r.interview_id
            LEFT JOIN contacts c ON c.owner_id = i.owner_id AND c.id = i.contact_id
            WHERE h.owner_id = ? AND h.organisation_id = ?
            ORDER BY h.changed_at, h.id
            """,
            [self.owner_id, organisation_id],
        )

    # -- action items ----------------------------------------------------------------------

    def add_action(self, draft: ActionDraft) -> int:
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

    def set_action_done(self, action_id: int, done_on: date | None) -> None:
        """Tick an action item off (on ``done_on``) or, with None, reopen it."""
        with self.transaction() as cur:
            updated = cur.execute(
                "UPDATE action_items SET done_on = ?, updated_at = ?, version = version + 1 "
                "WHERE owner_id = ? AND id = ? RETURNING id",
                [done_on, self._now(), self.owner_id, action_id],
            ).fetchall()
            if not updated:
                raise NotFound("That action item was deleted.")

    def delete_action(self, action_id: int) -> None:
        with self.transaction() as cur:
            removed = cur.execute(
                "DELETE FROM action_items WHERE owner_id = ? AND id = ? RETURNING id",
                [self.owner_id, action_id],
            ).fetchall()
            if not removed:
                raise NotFound("That action item was already deleted.")

    @cached_read
    def action_items(
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

    # -- thank-yous and keeping in touch -------------------------------------------------

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
                SELECT i.contact_id, arg_max(r.advice, i.starts_at) AS advice
                FROM reflections r
                JOIN interviews i ON i.owner_id = r.owner_id AND i.id = r.interview_id
                WHERE r.owner_id = $o AND r.advice <> ''
                GROUP BY i.contact_id
            )
            SELECT c.id, c.name, coalesce(o.name, c.company, ''),
                   l.last_on + c.check_in_every_days, l.last_on, m.met_on,
                   coalesce(v.advice, ''),
                   coalesce((SELECT list(a.title ORDER BY a.done_on, a.id) FROM action_items a
                             JOIN reflections ar ON ar.owner_id = a.owner_id
                                AND ar.id = a.reflection_id
                             JOIN interviews ai ON ai.owner_id = ar.owner_id
                                AND ai.id = ar.interview_id
                             WHERE a.owner_id = c.owner_id AND ai.contact_id = c.id
                               AND a.done_on IS NOT NULL AND a.done_on >= l.last_on), []),
                   c.email, c.check_in_every_days
            FROM contacts c
            JOIN last_contact l ON l.contact_id = c.id
            LEFT JOIN organisations o ON o.owner_id = c.owner_id AND o.id = c.organisation_id
            LEFT JOIN last_meeting m ON m.contact_id = c.id
            LEFT JOIN last_advice v ON v.contact_id = c.id
            WHERE c.owner_id = $o AND c.stage IN ('thanked', 'keeping_in_touch')
              AND l.last_on + c.check_in_every_days <= $today
            ORDER BY 4, c.id
            """,
            {"o": self.owner_id, "today": today},
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
        return row[0]

    @cached_read
    def may_recontact(self, contact_id: int) -> bool:
        row = self._one(
            "SELECT may_recontact FROM contacts WHERE owner_id = ? AND id = ?",
            [self.owner_id, contact_id],
        )
        return bool(row and row[0])

    # -- goal progress ---------------------------------------------------------------------

    @cached_read
    def fit_evidence(self, goal_id: int) -> list[FitEvidence]:
        """For each fit question rated in a goal's conversations: the average rating and
        the sentences behind it (averaged in DuckDB)."""
        rows = self._rows(
            """
            SELECT f.fit_question, avg(f.rating), count(*),
                   list((coalesce(c.name, ''), f.rating, f.why) ORDER BY i.starts_at DESC)
            FROM reflection_fit_ratings f
            JOIN reflections r ON r.owner_id = f.owner_id AND r.id = f.reflection_id
            JOIN interviews i ON i.owner_id = r.owner_id AND i.id = r.interview_id
            LEFT JOIN contacts c ON c.owner_id = i.owner_id AND c.id = i.contact_id
            WHERE f.owner_id = ? AND i.goal_id = ?
            GROUP BY f.fit_question
            """,
            [self.owner_id, goal_id],
        )
        order = ["succeed", "fit", "want", "future"]
        evidence = [
            FitEvidence(key, float(average), count, [tuple(s) for s in sentences])
            for key, average, count, sentences in rows
        ]
        return sorted(evidence, key=lambda e: order.index(e.fit_question))
