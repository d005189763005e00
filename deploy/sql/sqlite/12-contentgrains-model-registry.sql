-- ContentGrains model registry: per stored version, its data window, held-out metrics, device, checksum and the gate's
-- verdict. A table beside cg_models (not new columns), so the script stays idempotent on both dialects; versions
-- stored before it have no row and read as defaults. The click model's AUC, log-loss and group AUC stay null until set.
CREATE TABLE IF NOT EXISTS cg_model_registry (
    name            TEXT NOT NULL,
    version         INTEGER NOT NULL,
    first_sequence  INTEGER,
    last_sequence   INTEGER,
    first_event_ms  INTEGER,
    last_event_ms   INTEGER,
    ndcg10          REAL,
    recall10        REAL,
    held_out_users  INTEGER NOT NULL,
    auc             REAL,
    log_loss        REAL,
    group_auc       REAL,
    device          TEXT NOT NULL,
    sha256          TEXT NOT NULL,
    status          TEXT NOT NULL,
    reason          TEXT,
    PRIMARY KEY (name, version)
);
