-- ContentGrains: Orleans ADO.NET reminder table for SQLite (our own; upstream Orleans ships
-- no SQLite reminder script). Needs 01-orleans-main.sql. Used by UseAdoNetReminderService
-- with invariant "System.Data.SQLite" on Microsoft.Data.Sqlite. Idempotent.
-- Needs SQLite 3.35+ (RETURNING); Microsoft.Data.Sqlite bundles a newer SQLite.
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
-- Types as bound: GrainHash/BeginHash/EndHash are unsigned ring positions passed as signed
-- 32-bit integers; Period is milliseconds; StartTime is a UTC DateTime, which
-- Microsoft.Data.Sqlite stores as text ("yyyy-MM-dd HH:mm:ss.FFFFFFF") and parses back.

CREATE TABLE IF NOT EXISTS OrleansRemindersTable
(
    ServiceId    TEXT    NOT NULL,
    GrainId      TEXT    NOT NULL,
    ReminderName TEXT    NOT NULL,
    StartTime    TEXT    NOT NULL,
    Period       INTEGER NOT NULL,
    GrainHash    INTEGER NOT NULL,
    Version      INTEGER NOT NULL,

    PRIMARY KEY (ServiceId, GrainId, ReminderName)
);

CREATE INDEX IF NOT EXISTS IX_RemindersTable_ServiceId_GrainHash
    ON OrleansRemindersTable (ServiceId, GrainHash);

INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
(
    'ReadReminderRowsKey', '
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId
      AND GrainId = @GrainId;
'
),
(
    'ReadReminderRowKey', '
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId
      AND GrainId = @GrainId
      AND ReminderName = @ReminderName;
'
),
(
    'ReadRangeRows1Key', '
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId
      AND GrainHash > @BeginHash
      AND GrainHash <= @EndHash;
'
),
(
    'ReadRangeRows2Key', '
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId
      AND (GrainHash > @BeginHash OR GrainHash <= @EndHash);
'
),
(
    -- A new reminder starts at version 0; every re-registration bumps the version.
    'UpsertReminderRowKey', '
    INSERT INTO OrleansRemindersTable
        (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
    VALUES
        (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
    ON CONFLICT (ServiceId, GrainId, ReminderName) DO UPDATE
    SET StartTime = excluded.StartTime,
        Period = excluded.Period,
        GrainHash = excluded.GrainHash,
        Version = Version + 1
    RETURNING Version;
'
),
(
    -- Deletes the reminder only if it still has the version (ETag) Orleans holds.
    'DeleteReminderRowKey', '
    DELETE FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId
      AND GrainId = @GrainId
      AND ReminderName = @ReminderName
      AND Version = @Version;

    SELECT changes();
'
),
(
    'DeleteReminderRowsKey', '
    DELETE FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId;
'
)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
