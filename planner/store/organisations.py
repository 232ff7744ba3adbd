"""Target organisations, their LAMP scores and the history of their Motivation score."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from planner.errors import NotFound, StaleEdit, ValidationError
from planner.organisations import (
    MOTIVATION_LEVELS,
    Organisation,
    OrganisationDraft,
    check_organisation,
    same_name,
)
from planner.read_cache import cached_read
from planner.store.records import FirstFew, MotivationChange, OrganisationToScore
from planner.store.repository import Repository


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


# Goals name organisations as typed; the match ignores case and runs of spaces, as
# ``planner.organisations.same_name`` does.
_NAMED_ON_GOALS = """
    SELECT o.id, array_agg(DISTINCT g.title ORDER BY g.title) AS goals
    FROM organisations o
    JOIN (SELECT id, title, unnest(target_organisations) AS named
          FROM goals WHERE owner_id = $o) g
      ON lower(regexp_replace(trim(g.named), '\\s+', ' ', 'g'))
       = lower(regexp_replace(trim(o.name), '\\s+', ' ', 'g'))
    WHERE o.owner_id = $o
    GROUP BY o.id
"""


class OrganisationRepository(Repository):
    """Target organisations, their LAMP scores and the history of their Motivation score."""

    @cached_read
    def list(self) -> list[Organisation]:
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

    @cached_read
    def goals_naming(self) -> dict[int, list[str]]:
        """For each organisation a goal names among its target organisations, the titles
        of those goals."""
        return dict(self._rows(_NAMED_ON_GOALS, {"o": self.owner_id}))

    @cached_read
    def to_score(self, *, limit: int | None = None) -> FirstFew[OrganisationToScore]:
        """Organisations whose Motivation is not scored yet (the research queue), those a
        goal names first, then oldest first: the first ``limit`` (all when None) and how
        many there are."""
        rows = self._rows(
            f"""
            WITH named AS ({_NAMED_ON_GOALS})
            SELECT o.id, o.name, coalesce(n.goals, ARRAY[]::VARCHAR[]), count(*) OVER ()
            FROM organisations o
            LEFT JOIN named n ON n.id = o.id
            WHERE o.owner_id = $o AND o.motivation = 0
            ORDER BY n.goals IS NULL, o.created_at, o.id
            LIMIT $limit
            """,
            {"o": self.owner_id, "limit": limit},
        )
        return FirstFew.of(rows, OrganisationToScore)

    def ensure(self, cursor, names: list[str]) -> dict[str, int]:
        """The organisation of each name, in the caller's transaction: the one on the
        list with the same name (see ``same_name``), or a new one, unscored, so it waits
        in the research queue. Names must have been checked (``validate_organisation``)."""
        known = {
            same_name(name): org_id
            for org_id, name in cursor.execute(
                "SELECT id, name FROM organisations WHERE owner_id = ? ORDER BY id",
                [self.owner_id],
            ).fetchall()
        }
        ids = {}
        for name in names:
            key = same_name(name)
            if key not in known:
                known[key] = self._insert_unscored(cursor, " ".join(name.split()))
            ids[name] = known[key]
        return ids

    def _insert_unscored(self, cursor, name: str) -> int:
        org_id = self._next_id(cursor, "organisations")
        now = self._now()
        cursor.execute(
            "INSERT INTO organisations (id, owner_id, name, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?)",
            [org_id, self.owner_id, name, now, now],
        )
        self.note_motivation(cursor, org_id, 0, now)
        return org_id

    def names(self, cursor, exclude_id: int | None) -> list[str]:
        rows = cursor.execute(
            "SELECT name FROM organisations WHERE owner_id = ? AND id IS DISTINCT FROM ?",
            [self.owner_id, exclude_id],
        ).fetchall()
        return [name for (name,) in rows]

    def add(self, draft: OrganisationDraft) -> int:
        """Save a new organisation; ValidationError (nothing saved) on bad input."""
        draft = draft.normalised()
        with self.transaction() as cur:
            check_organisation(draft, other_names=self.names(cur, None))
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
            self.note_motivation(cur, org_id, draft.motivation, now)
        return org_id

    def update(self, org_id: int, draft: OrganisationDraft, *, expected_version: int) -> None:
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
            check_organisation(draft, other_names=self.names(cur, org_id))
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
                self.note_motivation(cur, org_id, draft.motivation, now)

    def note_motivation(self, cur, org_id: int, motivation: int, now: datetime) -> None:
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

    def delete(self, org_id: int) -> None:
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

    @cached_read
    def people_known_at(self) -> dict[int, list[str]]:
        """For each target organisation, the contacts already there: the warm ways in.
        A contact counts when linked to it, or when their employer has its name."""
        rows = self._rows(
            """
            WITH known_at AS (  -- two plain joins: one joined on an OR reads every pair
                SELECT c.organisation_id AS organisation_id, c.name, c.warmth
                FROM contacts c
                WHERE c.owner_id = $o AND c.organisation_id IS NOT NULL
                UNION ALL
                SELECT o.id, c.name, c.warmth
                FROM contacts c
                JOIN organisations o ON o.owner_id = c.owner_id
                 AND lower(o.name) = lower(c.company)
                WHERE c.owner_id = $o AND c.organisation_id IS NULL
            )
            SELECT o.id, array_agg(k.name ORDER BY k.warmth = 'warm' DESC, lower(k.name))
            FROM organisations o
            JOIN known_at k ON k.organisation_id = o.id
            WHERE o.owner_id = $o
            GROUP BY o.id
            """,
            {"o": self.owner_id},
        )
        return dict(rows)

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
    def motivation_history(self, organisation_id: int) -> list[MotivationChange]:
        """How an organisation's motivation score changed, oldest first."""
        rows = self._rows(
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
        return [MotivationChange(*row) for row in rows]
