"""The numbers behind Home and Progress, counted in the database."""

from __future__ import annotations

from datetime import date
from typing import Any

from planner.metrics import (
    CareerFit,
    CircleResponse,
    ConversationSummary,
    Referral,
    ReferralShare,
    SkillCount,
    StageCount,
    ThemeCount,
    WeekActivity,
    business_days_between,
    median,
)
from planner.read_cache import cached_read
from planner.store.repository import Repository
from planner.vocabulary import STAGES

_CONTACTS_IN_SCOPE = """
    SELECT c.* FROM contacts c
    WHERE c.owner_id = $o AND ($goal IS NULL OR EXISTS (
        SELECT 1 FROM contact_goals g
        WHERE g.owner_id = c.owner_id AND g.contact_id = c.id AND g.goal_id = $goal))
"""


# Requests sent, meetings held and thank-yous sent, each with its day and week.
_ACTIVITY = f"""
    WITH scope AS ({_CONTACTS_IN_SCOPE}),
    happened AS (
        SELECT e.happened_at::DATE AS day, date_trunc('week', e.happened_at)::DATE AS week,
               'request' AS what
        FROM contact_events e JOIN scope s ON s.id = e.contact_id
        WHERE e.owner_id = $o AND e.kind = 'stage' AND e.stage_to = 'requested'
          -- back from 'scheduled' is a meeting called off, not a request sent
          AND e.stage_from IS DISTINCT FROM 'scheduled'
        UNION ALL
        SELECT i.starts_at::DATE, date_trunc('week', i.starts_at)::DATE, 'meeting'
        FROM interviews i
        WHERE i.owner_id = $o AND i.status = 'done'
          AND ($goal IS NULL OR i.goal_id = $goal)
        UNION ALL
        SELECT i.thank_you_sent_at::DATE, date_trunc('week', i.thank_you_sent_at)::DATE,
               'thanks'
        FROM interviews i
        WHERE i.owner_id = $o AND i.thank_you_sent_at IS NOT NULL
          AND ($goal IS NULL OR i.goal_id = $goal)
    )"""

_REQUESTS_AND_ANSWERS = f"""
    WITH scope AS ({_CONTACTS_IN_SCOPE}),
    asked AS (
        SELECT e.contact_id, min(e.happened_at) AS asked_at
        FROM contact_events e JOIN scope s ON s.id = e.contact_id
        WHERE e.owner_id = $o AND e.kind = 'stage' AND e.stage_to = 'requested'
        GROUP BY e.contact_id
    ),
    answered AS (
        SELECT a.contact_id, min(e.happened_at) AS answered_at
        FROM asked a JOIN contact_events e
          ON e.owner_id = $o AND e.contact_id = a.contact_id AND e.happened_at > a.asked_at
        WHERE e.kind = 'reply'
           OR (e.kind = 'stage' AND e.stage_to IN ('scheduled', 'declined'))
        GROUP BY a.contact_id
    )
"""


class MetricsRepository(Repository):
    """The numbers behind Home and Progress, counted in the database."""

    @cached_read
    def journey_counts(self) -> dict[str, int]:
        """Counts the Home page and step states are built from, in one query."""
        owner = self.owner_id
        row = self._one(
            """
            SELECT
              (SELECT count(*) FROM goals WHERE owner_id = $o),
              (SELECT count(*) FROM goals WHERE owner_id = $o AND status = 'active'),
              (SELECT count(*) FROM goals WHERE owner_id = $o AND status = 'paused'),
              (SELECT count(*) FROM goals WHERE owner_id = $o AND status = 'achieved'),
              (SELECT count(*) FROM research_notes WHERE owner_id = $o),
              (SELECT count(*) FROM organisations WHERE owner_id = $o),
              (SELECT count(*) FROM contacts WHERE owner_id = $o),
              (SELECT count(*) FROM interviews WHERE owner_id = $o AND status = 'scheduled'),
              (SELECT count(*) FROM interviews WHERE owner_id = $o AND status = 'done'),
              (SELECT count(DISTINCT plan_id) FROM plan_questions WHERE owner_id = $o),
              (SELECT count(*) FROM reflections WHERE owner_id = $o)
            """,
            {"o": owner},
        )
        names = (
            "goals",
            "goals_active",
            "goals_paused",
            "goals_achieved",
            "research_notes",
            "organisations",
            "contacts",
            "interviews_scheduled",
            "interviews_done",
            "question_plans",
            "reflections",
        )
        return dict(zip(names, row, strict=True))

    def _params(self, goal_id: int | None, **more: Any) -> dict[str, Any]:
        return {"o": self.owner_id, "goal": goal_id, **more}

    @cached_read
    def pipeline(self, goal_id: int | None = None) -> list[StageCount]:
        """Contacts at every stage, in journey order, zeros included."""
        counts = dict(
            self._rows(
                f"SELECT stage, count(*) FROM ({_CONTACTS_IN_SCOPE}) AS scope GROUP BY stage",
                self._params(goal_id),
            )
        )
        return [StageCount(stage, counts.get(stage, 0)) for stage in STAGES]

    @cached_read
    def weekly_activity(
        self,
        goal_id: int | None = None,
        *,
        through: date | None = None,
        window: tuple[date, date] | None = None,
    ) -> list[WeekActivity]:
        """Requests sent, meetings held and thank-yous sent per week (weeks start on
        Monday), from the first week with any activity to the last, or to the week of
        ``through`` when that is later; quiet weeks are 0. With a ``window`` (first day,
        last day) only activity inside it is counted (see ``activity_outside``)."""
        since, until = window or (None, None)
        rows = self._rows(
            f"""
            {_ACTIVITY},
            charted AS (
                SELECT * FROM happened
                WHERE ($since IS NULL OR day >= $since) AND ($until IS NULL OR day <= $until)
            ),
            bounds AS (
                SELECT min(week)::TIMESTAMP AS first_week,
                       greatest(max(week), coalesce(date_trunc('week', $through::DATE),
                                                    max(week)))::TIMESTAMP AS last_week
                FROM charted
            ),
            weeks AS (
                SELECT g.week::DATE AS week
                FROM bounds, generate_series(bounds.first_week, bounds.last_week,
                                             INTERVAL '7 days') AS g(week)
            )
            SELECT w.week,
                   count(h.what) FILTER (WHERE h.what = 'request'),
                   count(h.what) FILTER (WHERE h.what = 'meeting'),
                   count(h.what) FILTER (WHERE h.what = 'thanks')
            FROM weeks w LEFT JOIN charted h ON h.week = w.week
            GROUP BY w.week ORDER BY w.week
            """,
            self._params(goal_id, through=through, since=since, until=until),
        )
        return [WeekActivity(*row) for row in rows]

    @cached_read
    def activity_outside(self, goal_id: int | None, window: tuple[date, date]) -> int:
        """How many requests, meetings and thank-yous are dated outside ``window``."""
        since, until = window
        return self._one(
            f"""
            {_ACTIVITY}
            SELECT count(*) FROM happened WHERE day < $since OR day > $until
            """,
            self._params(goal_id, since=since, until=until),
        )[0]

    @cached_read
    def fit_by_career(self) -> list[CareerFit]:
        """For each career explored (a goal's field, else its title): the average of each
        fit question across its reflections and how many interviews are behind it."""
        rows = self._rows(
            """
            SELECT coalesce(nullif(g.field, ''), g.title) AS career, f.fit_question,
                   avg(f.rating), count(DISTINCT r.interview_id)
            FROM reflection_fit_ratings f
            JOIN reflections r ON r.owner_id = f.owner_id AND r.id = f.reflection_id
            JOIN interviews i ON i.owner_id = r.owner_id AND i.id = r.interview_id
            JOIN goals g ON g.owner_id = i.owner_id AND g.id = i.goal_id
            WHERE f.owner_id = $o
            GROUP BY career, f.fit_question
            ORDER BY career, f.fit_question
            """,
            {"o": self.owner_id},
        )
        return [CareerFit(career, key, float(avg), n) for career, key, avg, n in rows]

    @cached_read
    def skills_heard(self, goal_id: int | None = None) -> list[SkillCount]:
        """Skills heard across reflections (case folded), most heard first, each split into
        how often the user has it and how often it was a gap."""
        rows = self._rows(
            """
            SELECT min(s.skill), count(*) FILTER (WHERE s.status = 'have'),
                   count(*) FILTER (WHERE s.status = 'gap')
            FROM reflection_skills s
            JOIN reflections r ON r.owner_id = s.owner_id AND r.id = s.reflection_id
            JOIN interviews i ON i.owner_id = r.owner_id AND i.id = r.interview_id
            WHERE s.owner_id = $o AND ($goal IS NULL OR i.goal_id = $goal)
            GROUP BY lower(s.skill)
            ORDER BY count(*) DESC, lower(s.skill)
            """,
            self._params(goal_id),
        )
        return [SkillCount(*row) for row in rows]

    @cached_read
    def themes_ranked(self, goal_id: int | None = None) -> list[ThemeCount]:
        """Themes with the conversations that back them, most backed first (case folded)."""
        rows = self._rows(
            """
            SELECT min(theme), count(DISTINCT r.id) AS backed
            FROM (SELECT r.id, r.interview_id, unnest(r.themes) AS theme
                  FROM reflections r WHERE r.owner_id = $o) r
            JOIN interviews i ON i.owner_id = $o AND i.id = r.interview_id
            WHERE $goal IS NULL OR i.goal_id = $goal
            GROUP BY lower(theme)
            ORDER BY backed DESC, lower(min(theme))
            """,
            self._params(goal_id),
        )
        return [ThemeCount(*row) for row in rows]

    @cached_read
    def referral_share(self, goal_id: int | None = None) -> ReferralShare:
        """How many contacts came through a referral, of all contacts."""
        row = self._one(
            f"""
            SELECT count(*) FILTER (WHERE circle = 'referral' OR referred_by_id IS NOT NULL),
                   count(*)
            FROM ({_CONTACTS_IN_SCOPE}) AS scope
            """,
            self._params(goal_id),
        )
        return ReferralShare(referred=row[0], contacts=row[1])

    @cached_read
    def response_by_circle(self, goal_id: int | None = None) -> list[CircleResponse]:
        """For each circle: requests sent and how many were answered (a reply, a meeting
        booked or a decline), most asked first."""
        rows = self._rows(
            _REQUESTS_AND_ANSWERS
            + """
            SELECT s.circle, count(*), count(w.contact_id)
            FROM asked a JOIN scope s ON s.id = a.contact_id
            LEFT JOIN answered w ON w.contact_id = a.contact_id
            GROUP BY s.circle ORDER BY count(*) DESC, s.circle
            """,
            self._params(goal_id),
        )
        return [CircleResponse(*row) for row in rows]

    @cached_read
    def median_business_days_to_reply(self, goal_id: int | None = None) -> float | None:
        """The median of business days from a request to its first answer; None when no
        request was answered yet."""
        pairs: list[tuple[date, date]] = self._rows(
            _REQUESTS_AND_ANSWERS
            + """
            SELECT a.asked_at::DATE, w.answered_at::DATE
            FROM asked a JOIN answered w ON w.contact_id = a.contact_id
            """,
            self._params(goal_id),
        )
        return median(business_days_between(pairs))

    @cached_read
    def referral_edges(self, goal_id: int | None = None) -> list[Referral]:
        """Every referral: who led to whom."""
        rows = self._rows(
            f"""
            SELECT r.id, r.name, c.id, c.name
            FROM ({_CONTACTS_IN_SCOPE}) c
            JOIN contacts r ON r.owner_id = c.owner_id AND r.id = c.referred_by_id
            ORDER BY r.name, c.name
            """,
            self._params(goal_id),
        )
        return [Referral(*row) for row in rows]

    @cached_read
    def conversations(self, goal_id: int | None = None) -> list[ConversationSummary]:
        """Every interview held (done), oldest first, with what its reflection recorded:
        the report's account of each conversation."""
        rows = self._rows(
            """
            SELECT i.id, i.starts_at::DATE, c.id, coalesce(c.name, ''), coalesce(c.role, ''),
                   coalesce(o.name, c.company, ''), coalesce(g.title, ''),
                   i.thank_you_sent_at IS NOT NULL, r.id IS NOT NULL,
                   coalesce(r.takeaways, ARRAY[]::VARCHAR[]), coalesce(r.advice, ''),
                   coalesce(r.learned_field, ''), coalesce(r.surprised, ''),
                   coalesce(r.still_unknown, ''), coalesce(r.interest_change, ''),
                   coalesce(r.themes, ARRAY[]::VARCHAR[]),
                   coalesce((SELECT array_agg(s.skill ORDER BY s.id) FROM reflection_skills s
                             WHERE s.owner_id = r.owner_id AND s.reflection_id = r.id
                               AND s.status = 'have'), ARRAY[]::VARCHAR[]),
                   coalesce((SELECT array_agg(s.skill ORDER BY s.id) FROM reflection_skills s
                             WHERE s.owner_id = r.owner_id AND s.reflection_id = r.id
                               AND s.status = 'gap'), ARRAY[]::VARCHAR[])
            FROM interviews i
            LEFT JOIN contacts c ON c.owner_id = i.owner_id AND c.id = i.contact_id
            LEFT JOIN organisations o ON o.owner_id = c.owner_id AND o.id = c.organisation_id
            LEFT JOIN goals g ON g.owner_id = i.owner_id AND g.id = i.goal_id
            LEFT JOIN reflections r ON r.owner_id = i.owner_id AND r.interview_id = i.id
            WHERE i.owner_id = $o AND i.status = 'done' AND ($goal IS NULL OR i.goal_id = $goal)
            ORDER BY i.starts_at, i.id
            """,
            self._params(goal_id),
        )
        return [ConversationSummary(*row) for row in rows]
