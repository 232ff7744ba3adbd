-- Which planner a calendar feed's address opens. The address names no owner, only a
-- token, so the feed route must find the owner from the token before it may read any
-- planner: this table is not under row-level security, and it holds no token, only
-- its SHA-256 (what is stored cannot be used as an address). The token itself stays
-- in the owner's settings, where the route checks it again.
CREATE TABLE feed_tokens (
    token_hash VARCHAR PRIMARY KEY,
    owner_id   VARCHAR NOT NULL
);

-- backend: duckdb
INSERT INTO feed_tokens (token_hash, owner_id)
SELECT sha256(value), owner_id FROM settings
WHERE key = 'calendar_feed_token' AND value <> '';

-- backend: postgres
INSERT INTO feed_tokens (token_hash, owner_id)
SELECT encode(sha256(convert_to(value, 'UTF8')), 'hex'), owner_id FROM settings
WHERE key = 'calendar_feed_token' AND value <> '';
CREATE INDEX feed_tokens_owner ON feed_tokens (owner_id);
