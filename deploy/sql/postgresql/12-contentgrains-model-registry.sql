-- ContentGrains model registry: per stored version, its data window, held-out metrics, device, checksum and the gate's
-- verdict. A table beside cg_models (not new columns), so the script stays idempotent on both dialects; versions
-- stored before it have no row and read as defaults. The click model's AUC, log-loss and group AUC stay null until set.
CREATE TABLE IF NOT EXISTS cg_model_registry (
    name            text NOT NULL,
    version         bigint NOT NULL,
    first_sequence  bigint,
    last_sequence   bigint,
    first_event_ms  bigint,
    last_event_ms   bigint,
    ndcg10          double precision,
    recall10        double precision,
    held_out_users  bigint NOT NULL,
    auc             double precision,
    log_loss        double precision,
    group_auc       double precision,
    device          text NOT NULL,
    sha256          text NOT NULL,
    status          text NOT NULL,
    reason          text,
    PRIMARY KEY (name, version)
);
