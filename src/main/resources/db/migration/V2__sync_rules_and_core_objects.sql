-- Sync rules, core objects and the contributions that make attribute precedence and recall work.

CREATE TABLE sync_rule (
    tenant_id             uuid        NOT NULL,
    id                    uuid        NOT NULL,
    connector_id          uuid        NOT NULL,
    name                  text        NOT NULL,
    connector_object_type text        NOT NULL,
    core_object_type      text        NOT NULL,
    provisioning_enabled  boolean     NOT NULL,
    priority              integer     NOT NULL,
    join_scope            text,
    flows                 jsonb       NOT NULL,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    version               bigint      NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, connector_id) REFERENCES connector (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX sync_rule_by_connector ON sync_rule (tenant_id, connector_id, connector_object_type);

-- Changed only by sync: attributes holds, per attribute, the winning contribution's value.
CREATE TABLE core_object (
    tenant_id       uuid        NOT NULL,
    object_type     text        NOT NULL,
    id              text        NOT NULL,
    join_scope      text,
    attributes      jsonb       NOT NULL DEFAULT '{}',
    entra_object_id text,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    version         bigint      NOT NULL,
    PRIMARY KEY (tenant_id, object_type, id)
);
CREATE INDEX core_object_entra_object_id ON core_object (tenant_id, entra_object_id)
    WHERE entra_object_id IS NOT NULL;
CREATE INDEX core_object_attributes ON core_object USING gin (attributes jsonb_path_ops);

-- Which rule, through which connector-space object, supplied which value: the lowest priority
-- wins; when a source goes, its rows go and the next contributor's value applies.
CREATE TABLE attribute_contribution (
    tenant_id      uuid    NOT NULL,
    object_type    text    NOT NULL,
    core_id        text    NOT NULL,
    attribute      text    NOT NULL,
    rule_id        uuid    NOT NULL,
    connector_id   uuid    NOT NULL,
    cs_object_type text    NOT NULL,
    cs_id          uuid    NOT NULL,
    priority       integer NOT NULL,
    value          text    NOT NULL,
    PRIMARY KEY (tenant_id, object_type, core_id, attribute, rule_id, cs_id),
    FOREIGN KEY (tenant_id, object_type, core_id) REFERENCES core_object (tenant_id, object_type, id)
        ON DELETE CASCADE
);
CREATE INDEX attribute_contribution_by_source
    ON attribute_contribution (tenant_id, connector_id, cs_object_type, cs_id);

ALTER TABLE cs_object ADD COLUMN joined_type text;
CREATE INDEX cs_object_joined_to ON cs_object (tenant_id, joined_type, joined_to) WHERE joined_to IS NOT NULL;
