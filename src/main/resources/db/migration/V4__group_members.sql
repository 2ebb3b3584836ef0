-- SCIM Group memberships, one row per (group, member), so that adding or removing one member
-- costs the same whatever the group's size: the group's cs_object document never holds the list.
-- Members are Users of the same connector (object_type 'user'); the type columns exist only so
-- that the foreign keys can name the cs_object rows (purging either side removes the row).
CREATE TABLE group_member (
    tenant_id    uuid NOT NULL,
    connector_id uuid NOT NULL,
    group_id     uuid NOT NULL,
    member_id    uuid NOT NULL,
    group_type   text NOT NULL DEFAULT 'group' CHECK (group_type = 'group'),
    member_type  text NOT NULL DEFAULT 'user' CHECK (member_type = 'user'),
    PRIMARY KEY (tenant_id, connector_id, group_id, member_id),
    FOREIGN KEY (tenant_id, connector_id) REFERENCES connector (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, connector_id, group_type, group_id)
        REFERENCES cs_object (tenant_id, connector_id, object_type, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, connector_id, member_type, member_id)
        REFERENCES cs_object (tenant_id, connector_id, object_type, id) ON DELETE CASCADE
);
-- A user's groups: for removing a deleted user's memberships, for purges (the cascade) and for
-- filters that start from a member.
CREATE INDEX group_member_by_member ON group_member (tenant_id, connector_id, member_id);
