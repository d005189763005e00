-- Grain snapshots of the embedded store, written many to a transaction by one writer (Storage/SqliteSnapshotStore).
-- Orleans' ADO.NET provider wrote one row per transaction, one fsync each, through the write gate the event log's
-- appends need too: an import that kept 100,000 grains dirty asked for more snapshot writes per second than the gate
-- gave. grain_id is Orleans' GrainId as text ("user/ann", "item/shop/m1"); payload is what the silo's grain storage
-- serializer wrote (the same bytes the ADO.NET provider stored in OrleansStorage.PayloadBinary); version is the
-- ETag: 1 on the first write, +1 on each later one. OrleansStorage rows written before this table existed are still
-- read (and deleted on an erasure) until the grain's next write lands here.
CREATE TABLE IF NOT EXISTS cg_snapshots (
    grain_id   TEXT    NOT NULL,
    state_name TEXT    NOT NULL,
    payload    BLOB    NOT NULL,
    version    INTEGER NOT NULL,
    written_ms INTEGER NOT NULL,
    PRIMARY KEY (grain_id, state_name)
) WITHOUT ROWID;
