-- ContentGrains model registry: one row per published model version, with its artifact.
CREATE TABLE IF NOT EXISTS cg_models (
    name          text             NOT NULL,
    version       bigint           NOT NULL,
    kind          text             NOT NULL,
    trained_ms    bigint           NOT NULL,
    events_read   bigint           NOT NULL,
    users         integer          NOT NULL,
    items         integer          NOT NULL,
    positives     integer          NOT NULL,
    train_seconds double precision NOT NULL,
    artifact      bytea            NOT NULL,
    PRIMARY KEY (name, version)
);
