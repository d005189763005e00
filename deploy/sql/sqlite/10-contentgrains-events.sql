-- ContentGrains event log (embedded store). Append-only; seq is the log position grains snapshot against.
-- AUTOINCREMENT so that a sequence is never reused, even after rows are deleted for privacy requests.
CREATE TABLE IF NOT EXISTS cg_events (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id      TEXT    NOT NULL,
    user_id       TEXT    NOT NULL,
    item_id       TEXT    NOT NULL,
    type          INTEGER NOT NULL,   -- ContentGrains.Core.Events.EventType
    ts_ms         INTEGER NOT NULL,   -- event time, ms since 1970 UTC
    channel       TEXT    NOT NULL,
    dwell_seconds REAL    NOT NULL,
    value         REAL,
    text          TEXT,
    received_ms   INTEGER NOT NULL    -- when the log accepted it
);
-- The dedupe: one row per event id, across restarts.
CREATE UNIQUE INDEX IF NOT EXISTS cg_events_event_id ON cg_events (event_id);
-- Replay of one user's or one item's events after its snapshot.
CREATE INDEX IF NOT EXISTS cg_events_user ON cg_events (user_id, seq);
CREATE INDEX IF NOT EXISTS cg_events_item ON cg_events (item_id, seq);
