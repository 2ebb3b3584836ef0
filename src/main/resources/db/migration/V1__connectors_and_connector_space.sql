-- Every table leads with tenant_id in its primary key and unique indexes, so the schema can be
-- distributed by tenant (Citus) without change, and no query can forget the tenant.

CREATE TABLE connector (
    tenant_id          uuid        NOT NULL,
    id                 uuid        NOT NULL,
    name               text        NOT NULL,
    description        text,
    template_id        text        NOT NULL CHECK (template_id IN ('SCIM', 'API')),
    type               text        NOT NULL,
    enabled            boolean     NOT NULL DEFAULT true,
    configuration      jsonb       NOT NULL,
    provisioning_state text        NOT NULL,
    soft_deletion_days integer     NOT NULL CHECK (soft_deletion_days >= 0),
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    version            bigint      NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
-- SCIM requests name only the connector id; the tenant is known after authentication.
CREATE INDEX connector_by_id ON connector (id);

CREATE TABLE connector_secret (
    tenant_id    uuid        NOT NULL,
    connector_id uuid        NOT NULL,
    id           uuid        NOT NULL,
    token_hash   bytea       NOT NULL,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, connector_id, id),
    FOREIGN KEY (tenant_id, connector_id) REFERENCES connector (tenant_id, id) ON DELETE CASCADE
);

-- One row per source object, holding the object exactly as the source sent it.
CREATE TABLE cs_object (
    tenant_id    uuid        NOT NULL,
    connector_id uuid        NOT NULL,
    object_type  text        NOT NULL,
    id           uuid        NOT NULL,
    external_id  text,
    name_key     text,        -- canonical userName (NFKC + lower case), the uniqueness key
    doc          jsonb       NOT NULL,
    version      bigint      NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    deleted_at   timestamptz,  -- soft deletion; purged after the connector's softDeletionDays
    join_state   text        NOT NULL DEFAULT 'unjoined',
    joined_to    text,
    PRIMARY KEY (tenant_id, connector_id, object_type, id),
    FOREIGN KEY (tenant_id, connector_id) REFERENCES connector (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX cs_object_name_key ON cs_object (tenant_id, connector_id, object_type, name_key)
    WHERE deleted_at IS NULL;
CREATE INDEX cs_object_external_id ON cs_object (tenant_id, connector_id, object_type, external_id)
    WHERE deleted_at IS NULL;
CREATE INDEX cs_object_deleted ON cs_object (tenant_id, connector_id, deleted_at)
    WHERE deleted_at IS NOT NULL;
