"""The user's settings (name, contact line, follow-up rule)."""

from __future__ import annotations

from planner.errors import ValidationError
from planner.followup import FollowUpRule
from planner.read_cache import cached_read
from planner.store.repository import Repository
from planner.text import setting_problem


class SettingsRepository(Repository):
    """The user's settings (name, contact line, follow-up rule)."""

    @cached_read
    def all(self) -> dict[str, str]:
        return dict(
            self._rows("SELECT key, value FROM settings WHERE owner_id = ?", [self.owner_id])
        )

    def save(self, values: dict[str, str]) -> None:
        """Set user settings (e.g. the name and contact line used in messages)."""
        for key, value in values.items():
            if message := setting_problem(value):
                raise ValidationError({key: message})
        with self.transaction() as cur:
            self.put(cur, values)

    def put(self, cur, values: dict[str, str]) -> None:
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

    def save_feed_token(self, setting: str, token: str, token_hash: str) -> None:
        """Keep the calendar feed's new token in the setting ``setting``, and file its hash
        as this planner's only feed (the earlier address stops working at once)."""
        with self.transaction() as cur:
            self.put(cur, {setting: token})
            cur.execute("DELETE FROM feed_tokens WHERE owner_id = ?", [self.owner_id])
            cur.execute(
                "INSERT INTO feed_tokens (token_hash, owner_id) VALUES (?, ?)",
                [token_hash, self.owner_id],
            )

    def feed_owner(self, token_hash: str) -> str | None:
        """Whose planner the feed token with this hash opens, whoever this session's owner
        is (the feed route asks before it knows), or None."""
        rows = self._rows("SELECT owner_id FROM feed_tokens WHERE token_hash = ?", [token_hash])
        return rows[0][0] if rows else None

    @cached_read
    def follow_up_rule(self) -> FollowUpRule:
        return FollowUpRule.from_settings(self.all())
