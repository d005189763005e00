-- ContentGrains: Orleans ADO.NET provider schema for SQLite, part 1.
--
-- Written for the Orleans 10.4.2 ADO.NET providers running on Microsoft.Data.Sqlite with
-- the invariant name "System.Data.SQLite" (the name "Microsoft.Data.Sqlite" is not one
-- the providers accept). Apply the Orleans files of this folder (0N-orleans-*.sql) in order
-- (01, 03, 04); each file is idempotent and runs as one command (statements separated by
-- semicolons), e.g.
--     sqlite3 /path/to/db < 01-orleans-main.sql
-- or as the CommandText of one SqliteCommand.
--
-- The contract with the providers:
--   * At start-up each provider runs SELECT QueryKey, QueryText FROM OrleansQuery and
--     afterwards only executes the QueryText stored under a fixed QueryKey.
--   * The providers bind named parameters (@GrainIdHash, ...) and read result columns by
--     name; the names and value types must match. Each file documents its keys.
--   * Re-applying a file rewrites its query texts (ON CONFLICT DO UPDATE), so the database
--     holds the query texts of the schema version applied last.
--
-- Not done here on purpose: PRAGMA journal_mode = WAL. It is a persistent property of the
-- database file and speeds up grain storage 4-5x, but it cannot be switched inside a
-- transaction, so the host sets it once on its own connection before applying these files.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  TEXT NOT NULL PRIMARY KEY,
    QueryText TEXT NOT NULL
);
