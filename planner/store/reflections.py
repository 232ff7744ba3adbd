"""Reflections after each interview, and the fit evidence they give each goal."""

from __future__ import annotations

from planner.errors import NotFound, StaleEdit, ValidationError
from planner.goals import FIT_QUESTIONS
from planner.read_cache import cached_read
from planner.reflection import (
    PROMPTS,
    FitEvidence,
    FitRating,
    Reflection,
    ReflectionDraft,
    SkillHeard,
    check_reflection,
)
from planner.store.records import ReflectionDue
from planner.store.repository import Repository


class ReflectionRepository(Repository):
    """Reflections after each interview, and the fit evidence they give each goal."""

    @cached_read
    def for_interview(self, interview_id: int) -> Reflection | None:
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

    def save(self, interview_id: int, draft: ReflectionDraft, *, expected_version: int = 0) -> int:
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

    def delete(self, reflection_id: int, *, expected_version: int) -> None:
        """Delete a reflection with its ratings, skills and assumption checks, unless
        another window changed it since it was shown at ``expected_version``. Action
        items and Motivation changes it led to are kept, no longer tied to it."""
        with self.transaction() as cur:
            row = cur.execute(
                "SELECT version FROM reflections WHERE owner_id = ? AND id = ?",
                [self.owner_id, reflection_id],
            ).fetchone()
            if row is None:
                raise NotFound("That reflection was already deleted.")
            if row[0] != expected_version:
                raise StaleEdit.of("reflection")
            for table in ("reflection_fit_ratings", "reflection_skills", "assumption_checks"):
                cur.execute(
                    f"DELETE FROM {table} WHERE owner_id = ? AND reflection_id = ?",
                    [self.owner_id, reflection_id],
                )
            for table in ("action_items", "organisation_motivation_history"):
                cur.execute(
                    f"UPDATE {table} SET reflection_id = NULL "
                    "WHERE owner_id = ? AND reflection_id = ?",
                    [self.owner_id, reflection_id],
                )
            cur.execute(
                "DELETE FROM reflections WHERE owner_id = ? AND id = ?",
                [self.owner_id, reflection_id],
            )

    @cached_read
    def missing(self) -> list[ReflectionDue]:
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

    @cached_read
    def fit_evidence(self, goal_id: int) -> list[FitEvidence]:
        """For each fit question rated in a goal's conversations: the average rating and
        the sentences behind it (averaged in DuckDB)."""
        rows = self._rows(
            """
            SELECT f.fit_question, avg(f.rating), count(*),
                   array_agg(coalesce(c.name, '') ORDER BY i.starts_at DESC, f.id),
                   array_agg(f.rating ORDER BY i.starts_at DESC, f.id),
                   array_agg(f.why ORDER BY i.starts_at DESC, f.id)
            FROM reflection_fit_ratings f
            JOIN reflections r ON r.owner_id = f.owner_id AND r.id = f.reflection_id
            JOIN interviews i ON i.owner_id = r.owner_id AND i.id = r.interview_id
            LEFT JOIN contacts c ON c.owner_id = i.owner_id AND c.id = i.contact_id
            WHERE f.owner_id = ? AND i.goal_id = ?
            GROUP BY f.fit_question
            """,
            [self.owner_id, goal_id],
        )
        evidence = {
            key: FitEvidence(
                key, float(average), count, list(zip(names, ratings, whys, strict=True))
            )
            for key, average, count, names, ratings, whys in rows
        }
        return [evidence[key] for key in FIT_QUESTIONS if key in evidence]
