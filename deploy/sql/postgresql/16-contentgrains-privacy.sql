-- Privacy (issue 9, item 3): consent per person, and the audit of privacy actions.
-- cg_consent: one row per person who set their consent. The event log reads it when it commits: a person whose
-- tracking is false has their events refused, not stored. A row that withdraws anything outlives the person's deletion.
CREATE TABLE IF NOT EXISTS cg_consent (
    user_id         varchar(128) NOT NULL PRIMARY KEY,
    personalisation boolean      NOT NULL,
    tracking        boolean      NOT NULL,
    updated_ms      bigint       NOT NULL
);
-- cg_privacy_audit: append-only. Names the person only by the SHA-256 of their id, never their data.
CREATE TABLE IF NOT EXISTS cg_privacy_audit (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at_ms          bigint       NOT NULL,
    action         varchar(32)  NOT NULL,   -- delete, consent, export, retention
    person_sha256  varchar(64)  NOT NULL,   -- empty for retention runs
    key_name       varchar(128) NOT NULL,   -- the API key's configured name; "local" without keys
    detail         text         NOT NULL
);
