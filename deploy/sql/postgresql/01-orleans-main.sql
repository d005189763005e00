-- ContentGrains: Orleans ADO.NET provider schema for PostgreSQL (15+), part 1 of 4.
--
-- Written for the Orleans 10.4.2 ADO.NET providers (clustering, grain storage, reminders).
-- Apply the Orleans files of this folder (0N-orleans-*.sql) in order, 01..04; every file is
-- idempotent and can be re-applied at any time, e.g. after an upgrade of this schema:
--     psql -v ON_ERROR_STOP=1 -f 01-orleans-main.sql    (and so on)
-- or sent as one Npgsql command text. No psql meta-commands are used.
--
-- The contract with the providers:
--   * At start-up each provider runs exactly
--         SELECT QueryKey, QueryText FROM OrleansQuery
--     (grain storage filters it to its own keys) and afterwards only ever executes the
--     QueryText stored under a fixed QueryKey. A provider refuses to start when one of
--     its required keys is missing.
--   * The providers bind named parameters (@DeploymentId, @GrainIdHash, ...) and read
--     result columns by name; both the names and the value types must match what the
--     provider expects. Each file below documents the keys it adds.
--   * Identifiers are left unquoted on purpose: PostgreSQL folds them to lower case,
--     which is what the providers' unquoted "FROM OrleansQuery" etc. resolve to, and
--     Npgsql's GetOrdinal falls back to a case-insensitive match for result columns.
--
-- Re-applying a file rewrites its query texts (INSERT .. ON CONFLICT DO UPDATE), so the
-- database always holds the query texts of the schema version that was applied last.

-- The catalogue of the queries the providers run.
CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL,
    QueryText text        NOT NULL,

    CONSTRAINT OrleansQuery_Key PRIMARY KEY (QueryKey)
);
