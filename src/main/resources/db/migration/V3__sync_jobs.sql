-- Background re-evaluation of a connector's objects (after a rule change, or on request).
CREATE TABLE sync_job (
    tenant_id    uuid        NOT NULL,
    id           uuid        NOT NULL,
    connector_id uuid        NOT NULL,
    type         text        NOT NULL,
    state        text        NOT NULL,
    total        bigint      NOT NULL DEFAULT 0,
    processed    bigint      NOT NULL DEFAULT 0,
    failed       bigint      NOT NULL DEFAULT 0,
    error        text,
    created_at   timestamptz NOT NULL,
    started_at   timestamptz,
    finished_at  timestamptz,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, connector_id) REFERENCES connector (tenant_id, id) ON DELETE CASCADE
);
