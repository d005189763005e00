-- ContentGrains event log (cluster store). Append-only; seq is the log position grains snapshot against.
-- Concurrent silos may commit sequences out of order; grains tolerate that (see AppliedWindow).
CREATE TABLE IF NOT EXISTS cg_events (
    seq           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id      varchar(128)     NOT NULL,
    user_id       varchar(128)     NOT NULL,
    item_id       varchar(128)     NOT NULL,
    type          smallint         NOT NULL,   -- ContentGrains.Core.Events.EventType
    ts_ms         bigint           NOT NULL,   -- event time, ms since 1970 UTC
    channel       varchar(128)     NOT NULL,
    dwell_seconds double precision NOT NULL,
    value         double precision,
    text          text,
    received_ms   bigint           NOT NULL,   -- when the log accepted it
    CONSTRAINT cg_events_event_id UNIQUE (event_id)   -- the dedupe, across restarts and silos
);
CREATE INDEX IF NOT EXISTS cg_events_user ON cg_events (user_id, seq);
CREATE INDEX IF NOT EXISTS cg_events_item ON cg_events (item_id, seq);
