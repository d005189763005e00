-- Privacy (issue 9, item 3): consent per person, and the audit of privacy actions.
-- cg_consent: one row per person who set their consent. The event log reads it when it commits: a person whose
-- tracking = 0 has their events refused, not stored. A row that withdraws anything outlives the person's deletion.
CREATE TABLE IF NOT EXISTS cg_consent (
    user_id         TEXT    NOT NULL PRIMARY KEY,
    personalisation INTEGER NOT NULL,   -- 1 granted, 0 withdrawn
    tracking        INTEGER NOT NULL,   -- 1 granted, 0 withdrawn
    updated_ms      INTEGER NOT NULL
);
-- cg_privacy_audit: append-only. Names the person only by the SHA-256 of their id, never their data.
CREATE TABLE IF NOT EXISTS cg_privacy_audit (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    at_ms          INTEGER NOT NULL,
    action         TEXT    NOT NULL,    -- delete, consent, export, retention
    person_sha256  TEXT    NOT NULL,    -- empty for retention runs
    key_name       TEXT    NOT NULL,    -- the API key's configured name; "local" without keys
    detail         TEXT    NOT NULL
);
