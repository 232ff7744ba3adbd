"""The pipeline board's reads: how many contacts stand at each stage, and the newest
few of each, counted and cut in the database (a planner can hold 10,000 contacts)."""

from __future__ import annotations

from typing import Any

from planner.board import Card
from planner.read_cache import cached_read
from planner.store.repository import Repository

_IN_GOAL = """($goal IS NULL OR EXISTS (SELECT 1 FROM contact_goals g
               WHERE g.owner_id = c.owner_id AND g.contact_id = c.id AND g.goal_id = $goal))"""


class BoardRepository(Repository):
    """Counts and cards per stage, for every contact or those linked to one goal."""

    @cached_read
    def counts(self, *, goal_id: int | None = None) -> dict[str, int]:
        """Contacts per stage ({stage: count}; a stage nobody is at is left out)."""
        rows = self._rows(
            f"SELECT c.stage, count(*) FROM contacts c WHERE c.owner_id = $o AND {_IN_GOAL} "
            "GROUP BY c.stage",
            {"o": self.owner_id, "goal": goal_id},
        )
        return dict(rows)

    @cached_read
    def cards(self, limits: dict[str, int], *, goal_id: int | None = None) -> list[Card]:
        """The newest ``limits[stage]`` contacts at each stage named (newest activity,
        else newest change, first)."""
        params: dict[str, Any] = {
            "o": self.owner_id,
            "goal": goal_id,
            "stages": list(limits),
            "limits": [limits[s] for s in limits],
        }
        rows = self._rows(
            f"""
            WITH wanted AS (
                SELECT unnest($stages::VARCHAR[]) AS stage, unnest($limits::INTEGER[]) AS shown
            ),
            latest AS (
                SELECT e.contact_id, max(e.happened_at) AS at
                FROM contact_events e WHERE e.owner_id = $o GROUP BY e.contact_id
            ),
            ranked AS (
                SELECT c.id, c.name, c.role, coalesce(o.name, c.company) AS organisation,
                       c.stage, c.version, l.at::DATE AS last_activity,
                       coalesce(l.at, c.updated_at) AS touched,
                       row_number() OVER (PARTITION BY c.stage
                           ORDER BY coalesce(l.at, c.updated_at) DESC, c.id DESC) AS place
                FROM contacts c
                LEFT JOIN organisations o ON o.owner_id = c.owner_id AND o.id = c.organisation_id
                LEFT JOIN latest l ON l.contact_id = c.id
                WHERE c.owner_id = $o AND {_IN_GOAL}
                  AND c.stage IN (SELECT stage FROM wanted)
            )
            SELECT r.id, r.name, r.role, r.organisation, r.stage, r.version, r.last_activity,
                   r.touched
            FROM ranked r JOIN wanted w ON w.stage = r.stage
            WHERE r.place <= w.shown
            ORDER BY r.stage, r.place
            """,
            params,
        )
        return [Card(*row) for row in rows]
