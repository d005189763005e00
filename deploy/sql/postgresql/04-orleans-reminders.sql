-- ContentGrains: Orleans ADO.NET reminder table for PostgreSQL, part 4 of 4.
-- Needs 01-orleans-main.sql. Used by UseAdoNetReminderService (invariant "Npgsql"). Idempotent.
--
-- Query keys and the parameters Orleans 10.4.2 binds:
--   ReadReminderRowsKey    @ServiceId, @GrainId                 -> the grain's reminders
--   ReadReminderRowKey     @ServiceId, @GrainId, @ReminderName  -> one reminder or none
--   ReadRangeRows1Key      @ServiceId, @BeginHash, @EndHash     -> BeginHash < GrainHash <= EndHash
--   ReadRangeRows2Key      @ServiceId, @BeginHash, @EndHash     -> the wrapping range:
--                                                    GrainHash > BeginHash OR GrainHash <= EndHash
--   UpsertReminderRowKey   @ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash
--                          -> one column Version (the new ETag)
--   DeleteReminderRowKey   @ServiceId, @GrainId, @ReminderName, @Version
--                          -> one column, > 0 if the row was deleted
--   DeleteReminderRowsKey  @ServiceId
-- Read queries answer the columns GrainId, ReminderName, StartTime, Period, Version.
--
-- Types as bound: GrainId is the text form of Orleans' GrainId ("type/key"); GrainHash,
-- BeginHash and EndHash are unsigned 32-bit ring positions passed as signed integers;
-- Period is milliseconds, bound as integer or, above 2^31-1 ms, as bigint; StartTime is UTC.
-- This Orleans version binds no cron/priority parameters (later Orleans versions add
-- columns such as CronExpression, NextDueUtc and Priority; they are not used here).

CREATE TABLE IF NOT EXISTS OrleansRemindersTable
(
    ServiceId    varchar(150)   NOT NULL,
    GrainId      varchar(600)   NOT NULL,  -- "type/key": string keys can be long
    ReminderName varchar(150)   NOT NULL,
    StartTime    timestamptz(3) NOT NULL,
    Period       bigint         NOT NULL,
    GrainHash    integer        NOT NULL,
    Version      integer        NOT NULL,

    CONSTRAINT PK_RemindersTable_ServiceId_GrainId_ReminderName
        PRIMARY KEY (ServiceId, GrainId, ReminderName)
);

-- Each silo reads the reminders of its own ranges of the hash ring.
CREATE INDEX IF NOT EXISTS IX_RemindersTable_ServiceId_GrainHash
    ON OrleansRemindersTable (ServiceId, GrainHash);

INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
(
    'ReadReminderRowsKey', $q$
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId
      AND GrainId = @GrainId;
$q$
),
(
    'ReadReminderRowKey', $q$
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId
      AND GrainId = @GrainId
      AND ReminderName = @ReminderName;
$q$
),
(
    'ReadRangeRows1Key', $q$
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId
      AND GrainHash > @BeginHash
      AND GrainHash <= @EndHash;
$q$
),
(
    'ReadRangeRows2Key', $q$
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId
      AND (GrainHash > @BeginHash OR GrainHash <= @EndHash);
$q$
),
(
    -- A new reminder starts at version 0; every re-registration bumps the version.
    'UpsertReminderRowKey', $q$
    INSERT INTO OrleansRemindersTable
        (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
    VALUES
        (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
    ON CONFLICT (ServiceId, GrainId, ReminderName) DO UPDATE
    SET StartTime = EXCLUDED.StartTime,
        Period = EXCLUDED.Period,
        GrainHash = EXCLUDED.GrainHash,
        Version = OrleansRemindersTable.Version + 1
    RETURNING Version AS "Version";
$q$
),
(
    -- Deletes the reminder only if it still has the version (ETag) Orleans holds.
    'DeleteReminderRowKey', $q$
    WITH deleted AS
    (
        DELETE FROM OrleansRemindersTable
        WHERE ServiceId = @ServiceId
          AND GrainId = @GrainId
          AND ReminderName = @ReminderName
          AND Version = @Version
        RETURNING 1
    )
    SELECT count(*)::integer FROM deleted;
$q$
),
(
    'DeleteReminderRowsKey', $q$
    DELETE FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId;
$q$
)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
