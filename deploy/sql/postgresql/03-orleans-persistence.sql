-- ContentGrains: Orleans ADO.NET grain storage for PostgreSQL, part 3 of 4.
-- Needs 01-orleans-main.sql. Used by AddAdoNetGrainStorage (invariant "Npgsql"). Idempotent.
--
-- Query keys and the parameters the provider binds (all of them on every call):
--   ReadFromStorageKey  @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
--                       @GrainIdExtensionString, @ServiceId
--                       -> columns PayloadBinary (bytea or NULL) and Version (integer)
--   WriteToStorageKey   the above + @GrainStateVersion (integer, NULL = "never written"),
--                       @PayloadBinary (bytea) -> one column NewGrainStateVersion
--   ClearStorageKey     the above without @PayloadBinary -> one column (the new version)
--   DeleteStorageKey    optional; required only with DeleteStateOnClear = true; same
--                       parameters and answer as ClearStorageKey
--
-- How the provider reads the answers (Orleans 10.4.2, AdoNetGrainStorage):
--   * The ETag is the integer Version, as text. A grain whose row was cleared keeps its
--     row (PayloadBinary NULL, Version bumped) so its ETag stays valid.
--   * A write/clear/delete is a conflict (InconsistentStateException) when the answered
--     version equals the ETag sent, is NULL (read as ""), or no row is answered while
--     an ETag was sent. So a failed update answers the old version, a failed first
--     insert answers NULL, and a success answers old version + 1 (1 for an insert).
--   * Only PayloadBinary is used by this Orleans version (the serializer's JSON goes
--     there as bytes); the PayloadJson/PayloadXml columns of older scripts are not needed.
--   * A grain is identified by all of (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1,
--     GrainTypeString, GrainIdExtensionString, ServiceId); the two hashes are indexed and
--     the other columns resolve hash collisions. GrainIdExtensionString may be NULL.

CREATE TABLE IF NOT EXISTS OrleansStorage
(
    GrainIdHash            integer      NOT NULL,
    GrainIdN0              bigint       NOT NULL,
    GrainIdN1              bigint       NOT NULL,
    GrainTypeHash          integer      NOT NULL,
    GrainTypeString        varchar(512) NOT NULL,
    GrainIdExtensionString varchar(512) NULL,
    ServiceId              varchar(150) NOT NULL,
    PayloadBinary          bytea        NULL,
    ModifiedOn             timestamptz  NOT NULL DEFAULT now(),  -- informational only
    Version                integer      NULL
);

CREATE INDEX IF NOT EXISTS IX_OrleansStorage
    ON OrleansStorage (GrainIdHash, GrainTypeHash);

-- Writes a grain's state with optimistic concurrency on Version.
--   p_version NOT NULL: update the row holding that version; answer p_version + 1,
--                       or p_version itself when no such row exists (conflict).
--   p_version NULL:     insert the first row; answer 1, or NULL when a row already
--                       exists (conflict). A transaction-scoped advisory lock on the two
--                       hashes makes concurrent first writes of the same grain (e.g. in a
--                       split-brain moment) insert exactly one row.
CREATE OR REPLACE FUNCTION orleans_write_to_storage(
    p_grain_id_hash     integer,
    p_grain_id_n0       bigint,
    p_grain_id_n1       bigint,
    p_grain_type_hash   integer,
    p_grain_type        text,
    p_grain_id_ext      text,
    p_service_id        text,
    p_version           integer,
    p_payload           bytea)
  RETURNS integer
  LANGUAGE plpgsql
AS $func$
BEGIN
    IF p_version IS NOT NULL THEN
        UPDATE OrleansStorage
        SET PayloadBinary = p_payload,
            ModifiedOn = now(),
            Version = Version + 1
        WHERE GrainIdHash = p_grain_id_hash
          AND GrainTypeHash = p_grain_type_hash
          AND GrainIdN0 = p_grain_id_n0
          AND GrainIdN1 = p_grain_id_n1
          AND GrainTypeString = p_grain_type
          AND GrainIdExtensionString IS NOT DISTINCT FROM p_grain_id_ext
          AND ServiceId = p_service_id
          AND Version = p_version;

        IF FOUND THEN
            RETURN p_version + 1;
        END IF;
        RETURN p_version;
    END IF;

    PERFORM pg_advisory_xact_lock(p_grain_id_hash, p_grain_type_hash);

    INSERT INTO OrleansStorage
        (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString,
         GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version)
    SELECT
         p_grain_id_hash, p_grain_id_n0, p_grain_id_n1, p_grain_type_hash, p_grain_type,
         p_grain_id_ext, p_service_id, p_payload, now(), 1
    WHERE NOT EXISTS
    (
        SELECT 1
        FROM OrleansStorage
        WHERE GrainIdHash = p_grain_id_hash
          AND GrainTypeHash = p_grain_type_hash
          AND GrainIdN0 = p_grain_id_n0
          AND GrainIdN1 = p_grain_id_n1
          AND GrainTypeString = p_grain_type
          AND GrainIdExtensionString IS NOT DISTINCT FROM p_grain_id_ext
          AND ServiceId = p_service_id
    );

    IF FOUND THEN
        RETURN 1;
    END IF;
    RETURN NULL;
END
$func$;

-- Clears (p_delete = false: payload set to NULL, version bumped) or deletes (p_delete =
-- true) the row holding p_version. Answers p_version + 1 on success, p_version otherwise.
CREATE OR REPLACE FUNCTION orleans_clear_storage(
    p_grain_id_hash     integer,
    p_grain_id_n0       bigint,
    p_grain_id_n1       bigint,
    p_grain_type_hash   integer,
    p_grain_type        text,
    p_grain_id_ext      text,
    p_service_id        text,
    p_version           integer,
    p_delete            boolean)
  RETURNS integer
  LANGUAGE plpgsql
AS $func$
BEGIN
    IF p_delete THEN
        DELETE FROM OrleansStorage
        WHERE GrainIdHash = p_grain_id_hash
          AND GrainTypeHash = p_grain_type_hash
          AND GrainIdN0 = p_grain_id_n0
          AND GrainIdN1 = p_grain_id_n1
          AND GrainTypeString = p_grain_type
          AND GrainIdExtensionString IS NOT DISTINCT FROM p_grain_id_ext
          AND ServiceId = p_service_id
          AND Version = p_version;
    ELSE
        UPDATE OrleansStorage
        SET PayloadBinary = NULL,
            ModifiedOn = now(),
            Version = Version + 1
        WHERE GrainIdHash = p_grain_id_hash
          AND GrainTypeHash = p_grain_type_hash
          AND GrainIdN0 = p_grain_id_n0
          AND GrainIdN1 = p_grain_id_n1
          AND GrainTypeString = p_grain_type
          AND GrainIdExtensionString IS NOT DISTINCT FROM p_grain_id_ext
          AND ServiceId = p_service_id
          AND Version = p_version;
    END IF;

    IF FOUND THEN
        RETURN p_version + 1;
    END IF;
    RETURN p_version;
END
$func$;

INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
(
    'ReadFromStorageKey', $q$
    SELECT
        PayloadBinary,
        Version
    FROM OrleansStorage
    WHERE GrainIdHash = @GrainIdHash
      AND GrainTypeHash = @GrainTypeHash
      AND GrainIdN0 = @GrainIdN0
      AND GrainIdN1 = @GrainIdN1
      AND GrainTypeString = @GrainTypeString
      AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
      AND ServiceId = @ServiceId;
$q$
),
(
    'WriteToStorageKey', $q$
    SELECT orleans_write_to_storage(
        @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
        @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary)
        AS "NewGrainStateVersion";
$q$
),
(
    'ClearStorageKey', $q$
    SELECT orleans_clear_storage(
        @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
        @GrainIdExtensionString, @ServiceId, @GrainStateVersion, false)
        AS "NewGrainStateVersion";
$q$
),
(
    'DeleteStorageKey', $q$
    SELECT orleans_clear_storage(
        @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
        @GrainIdExtensionString, @ServiceId, @GrainStateVersion, true)
        AS "NewGrainStateVersion";
$q$
)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
