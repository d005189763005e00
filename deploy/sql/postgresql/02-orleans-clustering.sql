-- ContentGrains: Orleans ADO.NET clustering (membership) for PostgreSQL, part 2 of 4.
-- Needs 01-orleans-main.sql. Used by UseAdoNetClustering (silos) and by Orleans clients
-- that find gateways through the same database. Idempotent.
--
-- Query keys (all required by Orleans 10.4.2 unless noted) and the parameters bound:
--   InsertMembershipVersionKey      @DeploymentId
--   MembershipReadRowKey            @DeploymentId, @Address, @Port, @Generation
--   MembershipReadAllKey            @DeploymentId
--   InsertMembershipKey             @DeploymentId, @Address, @Port, @Generation, @SiloName,
--                                   @HostName, @Status, @ProxyPort, @StartTime,
--                                   @IAmAliveTime, @Version
--   UpdateMembershipKey             @DeploymentId, @Address, @Port, @Generation, @Status,
--                                   @SuspectTimes, @IAmAliveTime, @Version
--   UpdateIAmAlivetimeKey           @DeploymentId, @Address, @Port, @Generation, @IAmAliveTime
--                                   (note the lower-case "t" in the key name)
--   GatewaysQueryKey                @DeploymentId, @Status (always 3 = Active)
--   DeleteMembershipTableEntriesKey @DeploymentId
--   CleanupDefunctSiloEntriesKey    @DeploymentId, @IAmAliveTime (the cut-off)
--   CleanupDefunctSiloEntryKey      optional; when present Orleans prefers it:
--                                   @DeploymentId, @Address, @Port, @Generation,
--                                   @SuspectTimes, @StartTime, @IAmAliveTime
--
-- The membership protocol: the version row of a deployment is the table's ETag. Every
-- insert or update of a silo row must, in one transaction, check that the version is
-- still the one Orleans read (@Version) and increment it; the query answers a single
-- column that is > 0 on success and 0 when nothing was changed (Orleans then re-reads
-- the table and retries). Status values are Orleans' SiloStatus: 3 = Active, 6 = Dead.
-- DeploymentId is Orleans' ClusterId.

-- One row per deployment (cluster): the table version used as the membership ETag.
CREATE TABLE IF NOT EXISTS OrleansMembershipVersionTable
(
    DeploymentId varchar(150)   NOT NULL,
    Timestamp    timestamptz(3) NOT NULL DEFAULT now(),
    Version      integer        NOT NULL DEFAULT 0,

    CONSTRAINT PK_OrleansMembershipVersionTable_DeploymentId PRIMARY KEY (DeploymentId)
);

-- One row per silo incarnation (address, port and generation).
-- SuspectTimes is Orleans' own "silo,time|silo,time" text; it is stored as given.
CREATE TABLE IF NOT EXISTS OrleansMembershipTable
(
    DeploymentId varchar(150)   NOT NULL,
    Address      varchar(45)    NOT NULL,
    Port         integer        NOT NULL,
    Generation   integer        NOT NULL,
    SiloName     varchar(150)   NOT NULL,
    HostName     varchar(150)   NOT NULL,
    Status       integer        NOT NULL,
    ProxyPort    integer        NULL,
    SuspectTimes text           NULL,
    StartTime    timestamptz(3) NOT NULL,
    IAmAliveTime timestamptz(3) NOT NULL,

    CONSTRAINT PK_MembershipTable_DeploymentId PRIMARY KEY (DeploymentId, Address, Port, Generation),
    CONSTRAINT FK_MembershipTable_MembershipVersionTable_DeploymentId
        FOREIGN KEY (DeploymentId) REFERENCES OrleansMembershipVersionTable (DeploymentId)
);

-- Inserts a silo row if the table version still equals p_version, and bumps the version.
-- Both happen or neither: when the row already exists the inner block is rolled back
-- (the version bump with it). Returns 1 on success, 0 otherwise.
CREATE OR REPLACE FUNCTION orleans_insert_membership(
    p_deployment_id  text,
    p_address        text,
    p_port           integer,
    p_generation     integer,
    p_silo_name      text,
    p_host_name      text,
    p_status         integer,
    p_proxy_port     integer,
    p_start_time     timestamptz,
    p_i_am_alive     timestamptz,
    p_version        integer)
  RETURNS integer
  LANGUAGE plpgsql
AS $func$
BEGIN
    BEGIN
        UPDATE OrleansMembershipVersionTable
        SET Version = Version + 1,
            Timestamp = now()
        WHERE DeploymentId = p_deployment_id
          AND Version = p_version;

        IF NOT FOUND THEN
            RETURN 0;   -- stale ETag (or no version row): nothing changed
        END IF;

        INSERT INTO OrleansMembershipTable
            (DeploymentId, Address, Port, Generation, SiloName, HostName,
             Status, ProxyPort, StartTime, IAmAliveTime)
        VALUES
            (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name,
             p_status, p_proxy_port, p_start_time, p_i_am_alive);

        RETURN 1;
    EXCEPTION
        WHEN unique_violation THEN
            RETURN 0;   -- the silo row exists already; the version bump is rolled back
    END;
END
$func$;

-- Updates a silo row if the table version still equals p_version, and bumps the version.
-- IAmAliveTime never moves backwards. Returns 1 on success, 0 otherwise (nothing changed).
CREATE OR REPLACE FUNCTION orleans_update_membership(
    p_deployment_id  text,
    p_address        text,
    p_port           integer,
    p_generation     integer,
    p_status         integer,
    p_suspect_times  text,
    p_i_am_alive     timestamptz,
    p_version        integer)
  RETURNS integer
  LANGUAGE plpgsql
AS $func$
BEGIN
    BEGIN
        UPDATE OrleansMembershipVersionTable
        SET Version = Version + 1,
            Timestamp = now()
        WHERE DeploymentId = p_deployment_id
          AND Version = p_version;

        IF NOT FOUND THEN
            RETURN 0;   -- stale ETag: nothing changed
        END IF;

        UPDATE OrleansMembershipTable
        SET Status = p_status,
            SuspectTimes = p_suspect_times,
            IAmAliveTime = GREATEST(IAmAliveTime, p_i_am_alive)
        WHERE DeploymentId = p_deployment_id
          AND Address = p_address
          AND Port = p_port
          AND Generation = p_generation;

        IF NOT FOUND THEN
            -- No such silo row: undo the version bump by leaving the block with an error.
            RAISE EXCEPTION 'orleans: membership row not found' USING ERRCODE = 'no_data_found';
        END IF;

        RETURN 1;
    EXCEPTION
        WHEN no_data_found THEN
            RETURN 0;
    END;
END
$func$;

INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
(
    -- Creates the version row of a deployment once. Answers 1 if it was created, else 0.
    'InsertMembershipVersionKey', $q$
    WITH inserted AS
    (
        INSERT INTO OrleansMembershipVersionTable (DeploymentId)
        VALUES (@DeploymentId)
        ON CONFLICT (DeploymentId) DO NOTHING
        RETURNING 1
    )
    SELECT count(*)::integer FROM inserted;
$q$
),
(
    -- The version row joined with one silo row. The version row is answered even when the
    -- silo row does not exist (its columns are then NULL); Orleans needs the version.
    'MembershipReadRowKey', $q$
    SELECT
        v.DeploymentId,
        m.Address,
        m.Port,
        m.Generation,
        m.SiloName,
        m.HostName,
        m.Status,
        m.ProxyPort,
        m.SuspectTimes,
        m.StartTime,
        m.IAmAliveTime,
        v.Version
    FROM OrleansMembershipVersionTable v
    LEFT OUTER JOIN OrleansMembershipTable m
        ON  m.DeploymentId = v.DeploymentId
        AND m.Address = @Address
        AND m.Port = @Port
        AND m.Generation = @Generation
    WHERE v.DeploymentId = @DeploymentId;
$q$
),
(
    -- The version row joined with every silo row of the deployment.
    'MembershipReadAllKey', $q$
    SELECT
        v.DeploymentId,
        m.Address,
        m.Port,
        m.Generation,
        m.SiloName,
        m.HostName,
        m.Status,
        m.ProxyPort,
        m.SuspectTimes,
        m.StartTime,
        m.IAmAliveTime,
        v.Version
    FROM OrleansMembershipVersionTable v
    LEFT OUTER JOIN OrleansMembershipTable m
        ON m.DeploymentId = v.DeploymentId
    WHERE v.DeploymentId = @DeploymentId;
$q$
),
(
    'InsertMembershipKey', $q$
    SELECT orleans_insert_membership(
        @DeploymentId,
        @Address,
        @Port,
        @Generation,
        @SiloName,
        @HostName,
        @Status,
        @ProxyPort,
        @StartTime,
        @IAmAliveTime,
        @Version);
$q$
),
(
    'UpdateMembershipKey', $q$
    SELECT orleans_update_membership(
        @DeploymentId,
        @Address,
        @Port,
        @Generation,
        @Status,
        @SuspectTimes,
        @IAmAliveTime,
        @Version);
$q$
),
(
    -- The heartbeat. Not versioned; Orleans ignores the result.
    'UpdateIAmAlivetimeKey', $q$
    UPDATE OrleansMembershipTable
    SET IAmAliveTime = GREATEST(IAmAliveTime, @IAmAliveTime)
    WHERE DeploymentId = @DeploymentId
      AND Address = @Address
      AND Port = @Port
      AND Generation = @Generation;
$q$
),
(
    -- Gateways for clients: active silos that listen for clients.
    'GatewaysQueryKey', $q$
    SELECT
        Address,
        ProxyPort,
        Generation
    FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId
      AND Status = @Status
      AND ProxyPort > 0;
$q$
),
(
    -- Removes a whole deployment (used by tests and tooling).
    'DeleteMembershipTableEntriesKey', $q$
    DELETE FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId;
    DELETE FROM OrleansMembershipVersionTable
    WHERE DeploymentId = @DeploymentId;
$q$
),
(
    -- Fallback pruning when CleanupDefunctSiloEntryKey is absent: dead silos that have
    -- been silent since before the cut-off and carry no suspicion votes.
    'CleanupDefunctSiloEntriesKey', $q$
    DELETE FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId
      AND Status = 6
      AND IAmAliveTime < @IAmAliveTime
      AND StartTime < @IAmAliveTime
      AND COALESCE(SuspectTimes, '') = '';
$q$
),
(
    -- Preferred pruning: Orleans reads the table, picks dead rows older than the cut-off
    -- and deletes each one only if it still holds the values Orleans saw.
    'CleanupDefunctSiloEntryKey', $q$
    DELETE FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId
      AND Address = @Address
      AND Port = @Port
      AND Generation = @Generation
      AND Status = 6
      AND StartTime = @StartTime
      AND IAmAliveTime = @IAmAliveTime
      AND COALESCE(SuspectTimes, '') = COALESCE(@SuspectTimes, '');
$q$
)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
