-- ContentGrains: Orleans ADO.NET grain storage for SQLite.
-- Needs 01-orleans-main.sql. Used by AddAdoNetGrainStorage with invariant
-- "System.Data.SQLite" on Microsoft.Data.Sqlite. Idempotent.
--
-- Query keys and the parameters the provider binds (all of them on every call):
--   ReadFromStorageKey  @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
--                       @GrainIdExtensionString, @ServiceId
--                       -> columns PayloadBinary (BLOB or NULL) and Version (integer)
--   WriteToStorageKey   the above + @GrainStateVersion (NULL = "never written"),
--                       @PayloadBinary -> one row, column NewGrainStateVersion
--   ClearStorageKey     the above without @PayloadBinary -> one row, the new version
--   DeleteStorageKey    same as ClearStorageKey but deletes the row; lets the provider run
--                       with DeleteStateOnClear = true (upstream's SQLite script lacks it)
--
-- How the provider reads the answers (Orleans 10.4.2, AdoNetGrainStorage):
--   * The ETag is the integer Version, as text. A cleared row stays (PayloadBinary NULL,
--     Version bumped) so the grain's ETag stays valid.
--   * A write/clear/delete is a conflict (InconsistentStateException) when the answered
--     version equals the ETag sent, is NULL (read as ""), or no row is answered while an
--     ETag was sent. So a failed update answers the old version, a failed first insert
--     answers NULL, and a success answers old version + 1 (1 for an insert).
--   * A grain is identified by all of (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1,
--     GrainTypeString, GrainIdExtensionString, ServiceId); GrainIdExtensionString may be
--     NULL, so it is compared with SQLite's null-safe IS.
--
-- SQLite has no stored procedures, so each query is a short script run as one command.
-- Exactly one of its SELECTs answers a row; the SELECTs read changes(), the row count of
-- the INSERT/UPDATE/DELETE just before them on the same connection. Every INSERT, UPDATE
-- or DELETE is a single statement, which SQLite runs atomically under its write lock, so
-- no explicit transaction is needed; only one of them does anything on a given call.

CREATE TABLE IF NOT EXISTS OrleansStorage
(
    GrainIdHash            INTEGER NOT NULL,
    GrainIdN0              INTEGER NOT NULL,
    GrainIdN1              INTEGER NOT NULL,
    GrainTypeHash          INTEGER NOT NULL,
    GrainTypeString        TEXT    NOT NULL,
    GrainIdExtensionString TEXT    NULL,
    ServiceId              TEXT    NOT NULL,
    PayloadBinary          BLOB    NULL,
    ModifiedOn             TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP,  -- informational, UTC
    Version                INTEGER NULL
);

CREATE INDEX IF NOT EXISTS IX_OrleansStorage
    ON OrleansStorage (GrainIdHash, GrainTypeHash);

INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
(
    'ReadFromStorageKey', '
    SELECT
        PayloadBinary,
        Version
    FROM OrleansStorage
    WHERE GrainIdHash = @GrainIdHash
      AND GrainTypeHash = @GrainTypeHash
      AND GrainIdN0 = @GrainIdN0
      AND GrainIdN1 = @GrainIdN1
      AND GrainTypeString = @GrainTypeString
      AND GrainIdExtensionString IS @GrainIdExtensionString
      AND ServiceId = @ServiceId;
'
),
(
    -- Update path (an ETag was sent), then insert path (first write); see the notes above.
    'WriteToStorageKey', '
    UPDATE OrleansStorage
    SET PayloadBinary = @PayloadBinary,
        ModifiedOn = CURRENT_TIMESTAMP,
        Version = Version + 1
    WHERE @GrainStateVersion IS NOT NULL
      AND GrainIdHash = @GrainIdHash
      AND GrainTypeHash = @GrainTypeHash
      AND GrainIdN0 = @GrainIdN0
      AND GrainIdN1 = @GrainIdN1
      AND GrainTypeString = @GrainTypeString
      AND GrainIdExtensionString IS @GrainIdExtensionString
      AND ServiceId = @ServiceId
      AND Version = @GrainStateVersion;

    SELECT CASE WHEN changes() > 0 THEN @GrainStateVersion + 1 ELSE @GrainStateVersion END
        AS NewGrainStateVersion
    WHERE @GrainStateVersion IS NOT NULL;

    INSERT INTO OrleansStorage
        (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString,
         GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version)
    SELECT
        @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
        @GrainIdExtensionString, @ServiceId, @PayloadBinary, CURRENT_TIMESTAMP, 1
    WHERE @GrainStateVersion IS NULL
      AND NOT EXISTS
      (
          SELECT 1
          FROM OrleansStorage
          WHERE GrainIdHash = @GrainIdHash
            AND GrainTypeHash = @GrainTypeHash
            AND GrainIdN0 = @GrainIdN0
            AND GrainIdN1 = @GrainIdN1
            AND GrainTypeString = @GrainTypeString
            AND GrainIdExtensionString IS @GrainIdExtensionString
            AND ServiceId = @ServiceId
      );

    SELECT CASE WHEN changes() > 0 THEN 1 ELSE NULL END
        AS NewGrainStateVersion
    WHERE @GrainStateVersion IS NULL;
'
),
(
    'ClearStorageKey', '
    UPDATE OrleansStorage
    SET PayloadBinary = NULL,
        ModifiedOn = CURRENT_TIMESTAMP,
        Version = Version + 1
    WHERE GrainIdHash = @GrainIdHash
      AND GrainTypeHash = @GrainTypeHash
      AND GrainIdN0 = @GrainIdN0
      AND GrainIdN1 = @GrainIdN1
      AND GrainTypeString = @GrainTypeString
      AND GrainIdExtensionString IS @GrainIdExtensionString
      AND ServiceId = @ServiceId
      AND Version = @GrainStateVersion;

    SELECT CASE WHEN changes() > 0 THEN @GrainStateVersion + 1 ELSE @GrainStateVersion END
        AS NewGrainStateVersion;
'
),
(
    'DeleteStorageKey', '
    DELETE FROM OrleansStorage
    WHERE GrainIdHash = @GrainIdHash
      AND GrainTypeHash = @GrainTypeHash
      AND GrainIdN0 = @GrainIdN0
      AND GrainIdN1 = @GrainIdN1
      AND GrainTypeString = @GrainTypeString
      AND GrainIdExtensionString IS @GrainIdExtensionString
      AND ServiceId = @ServiceId
      AND Version = @GrainStateVersion;

    SELECT CASE WHEN changes() > 0 THEN @GrainStateVersion + 1 ELSE @GrainStateVersion END
        AS NewGrainStateVersion;
'
)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
