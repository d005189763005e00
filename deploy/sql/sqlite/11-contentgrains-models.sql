-- ContentGrains model registry (embedded store): one row per published model version, with its artifact.
CREATE TABLE IF NOT EXISTS cg_models (
    name          TEXT    NOT NULL,
    version       INTEGER NOT NULL,
    kind          TEXT    NOT NULL,
    trained_ms    INTEGER NOT NULL,
    events_read   INTEGER NOT NULL,
    users         INTEGER NOT NULL,
    items         INTEGER NOT NULL,
    positives     INTEGER NOT NULL,
    train_seconds REAL    NOT NULL,
    artifact      BLOB    NOT NULL,
    PRIMARY KEY (name, version)
);
