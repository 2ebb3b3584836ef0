package io.iamcore.sync;

import io.iamcore.index.IdentityChange;
import io.iamcore.index.CoreObjectJson;
import io.iamcore.store.ObjectRef;
import io.vertx.core.json.JsonObject;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The pipeline's SQL, on the batch transaction's connection. Every statement names the tenant. */
final class CoreObjectWriter {

  /** A core object's key within a tenant. */
  record CoreKey(String type, String id) {}

  /** A connector-space object's join: state plus the core object it is joined to, if any. */
  record JoinState(String state, String joinedType, String joinedTo) {}

  /** One value a rule flows into a core attribute. */
  record Contribution(CoreKey target, String attribute, UUID ruleId, int priority, String value) {}

  private final SqlConnection conn;
  private final OffsetDateTime now;

  CoreObjectWriter(SqlConnection conn, Instant now) {
    this.conn = conn;
    this.now = now.atOffset(ZoneOffset.UTC);
  }

  Future<JoinState> joinState(ObjectRef ref) {
    return conn.preparedQuery("SELECT join_state, joined_type, joined_to FROM cs_object"
            + " WHERE tenant_id = $1 AND connector_id = $2 AND object_type = $3 AND id = $4")
        .execute(key(ref))
        .map(rows -> {
          Row row = rows.iterator().next();
          return new JoinState(row.getString(0), row.getString(1), row.getString(2));
        });
  }

  Future<Void> setJoin(ObjectRef ref, String state, CoreKey core) {
    return conn.preparedQuery("UPDATE cs_object SET join_state = $5, joined_type = $6, joined_to = $7"
            + " WHERE tenant_id = $1 AND connector_id = $2 AND object_type = $3 AND id = $4")
        .execute(key(ref).addString(state).addString(core == null ? null : core.type())
            .addString(core == null ? null : core.id()))
        .mapEmpty();
  }

  /** Up to {@code limit} ids of core objects of {@code type} whose {@code attribute} equals {@code value}. */
  Future<List<String>> find(UUID tenant, CoreObjectType type, String attribute, String value, String joinScope,
      int limit) {
    Tuple args = Tuple.of(tenant, type.name(), value, limit);
    String match;
    if (attribute.equals("id")) {
      match = "id = $3";
    } else {
      args.addString(attribute);
      match = "attributes @> jsonb_build_object($5::text, $3::text)";
    }
    String scope = "";
    if (joinScope != null) {
      args.addString(joinScope);
      scope = " AND join_scope = $" + args.size();
    }
    return conn.preparedQuery("SELECT id FROM core_object WHERE tenant_id = $1 AND object_type = $2 AND "
            + match + scope + " ORDER BY id LIMIT $4")
        .execute(args)
        .map(rows -> {
          List<String> ids = new ArrayList<>();
          rows.forEach(row -> ids.add(row.getString(0)));
          return ids;
        });
  }

  /** Creates an empty core object (its attributes come from contributions); true if it was new. */
  Future<Boolean> create(UUID tenant, CoreKey key, String joinScope) {
    return conn.preparedQuery("INSERT INTO core_object (tenant_id, object_type, id, join_scope, created_at,"
            + " updated_at, version) VALUES ($1, $2, $3, $4, $5, $5, 1) ON CONFLICT DO NOTHING")
        .execute(Tuple.of(tenant, key.type(), key.id(), joinScope, now))
        .map(rows -> rows.rowCount() == 1);
  }

  /**
   * Deletes the core object (its contributions go with it) and unjoins what was still joined to
   * it; for an Identity that was reachable by an oid, the index change.
   */
  Future<IdentityChange> delete(UUID tenant, CoreKey key) {
    Tuple args = Tuple.of(tenant, key.type(), key.id());
    return conn.preparedQuery("DELETE FROM core_object WHERE tenant_id = $1 AND object_type = $2 AND id = $3"
            + " RETURNING entra_object_id")
        .execute(args)
        .compose(deleted -> conn.preparedQuery("UPDATE cs_object SET join_state = 'unjoined', joined_type = NULL,"
                + " joined_to = NULL WHERE tenant_id = $1 AND joined_type = $2 AND joined_to = $3")
            .execute(args)
            .map(v -> {
              String oid = deleted.size() == 0 ? null : deleted.iterator().next().getString(0);
              return oid == null ? null : new IdentityChange(tenant, key.id(), oid, null, null);
            }));
  }

  /**
   * How many live connector-space objects are joined to the core object through a connector with
   * a rule that projects its type.
   */
  Future<Long> projectingConnections(UUID tenant, CoreKey key) {
    return conn.preparedQuery("SELECT count(*) FROM cs_object o WHERE o.tenant_id = $1 AND o.joined_type = $2"
            + " AND o.joined_to = $3 AND o.deleted_at IS NULL AND EXISTS (SELECT 1 FROM sync_rule r"
            + " WHERE r.tenant_id = o.tenant_id AND r.connector_id = o.connector_id"
            + " AND r.connector_object_type = o.object_type AND r.core_object_type = $2 AND r.provisioning_enabled)")
        .execute(Tuple.of(tenant, key.type(), key.id()))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  /** Whether another live object of {@code self}'s connector is already joined to the core object. */
  Future<Boolean> joinedFromConnector(ObjectRef self, CoreKey core) {
    return conn.preparedQuery("SELECT 1 FROM cs_object WHERE tenant_id = $1 AND connector_id = $2"
            + " AND joined_type = $3 AND joined_to = $4 AND id <> $5 AND deleted_at IS NULL LIMIT 1")
        .execute(Tuple.of(self.tenantId(), self.connectorId(), core.type(), core.id(), self.id()))
        .map(rows -> rows.size() > 0);
  }

  /** The core object a connector-space object of the same connector is joined to (asreference). */
  Future<String> joinedCoreOf(ObjectRef sameConnector, String csId) {
    UUID id;
    try {
      id = UUID.fromString(csId);
    } catch (IllegalArgumentException e) {
      return Future.succeededFuture(null);
    }
    return conn.preparedQuery("SELECT joined_to FROM cs_object WHERE tenant_id = $1 AND connector_id = $2"
            + " AND id = $3 AND deleted_at IS NULL")
        .execute(Tuple.of(sameConnector.tenantId(), sameConnector.connectorId(), id))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0));
  }

  /**
   * Replaces everything {@code source} contributes with {@code contributions}; returns the core
   * objects whose attributes may have changed (those it contributed to before and now).
   */
  Future<Set<CoreKey>> replaceContributions(ObjectRef source, List<Contribution> contributions) {
    Set<CoreKey> affected = new LinkedHashSet<>();
    contributions.forEach(c -> affected.add(c.target()));
    return conn.preparedQuery("DELETE FROM attribute_contribution WHERE tenant_id = $1 AND connector_id = $2"
            + " AND cs_object_type = $3 AND cs_id = $4 RETURNING object_type, core_id")
        .execute(key(source))
        .compose(deleted -> {
          deleted.forEach(row -> affected.add(new CoreKey(row.getString(0), row.getString(1))));
          if (contributions.isEmpty()) {
            return Future.succeededFuture(affected);
          }
          Tuple args = Tuple.tuple()
              .addValue(source.tenantId()).addValue(source.connectorId()).addString(source.objectType())
              .addValue(source.id())
              .addValue(contributions.stream().map(c -> c.target().type()).toArray(String[]::new))
              .addValue(contributions.stream().map(c -> c.target().id()).toArray(String[]::new))
              .addValue(contributions.stream().map(Contribution::attribute).toArray(String[]::new))
              .addValue(contributions.stream().map(Contribution::ruleId).toArray(UUID[]::new))
              .addValue(contributions.stream().map(Contribution::priority).toArray(Integer[]::new))
              .addValue(contributions.stream().map(Contribution::value).toArray(String[]::new));
          return conn.preparedQuery("INSERT INTO attribute_contribution (tenant_id, connector_id, cs_object_type,"
                  + " cs_id, object_type, core_id, attribute, rule_id, priority, value)"
                  + " SELECT $1, $2, $3, $4, u.t, u.c, u.a, u.r, u.p, u.v FROM unnest($5::text[], $6::text[],"
                  + " $7::text[], $8::uuid[], $9::int4[], $10::text[]) AS u(t, c, a, r, p, v)")
              .execute(args)
              .map(affected);
        });
  }

  /**
   * Recomputes a core object's attributes from its contributions (lowest priority wins, ties by
   * rule id); bumps its version only when something changed. For an Identity that changed, says
   * how its index entry changes.
   */
  Future<IdentityChange> recompute(UUID tenant, CoreKey key) {
    return conn.preparedQuery("WITH w AS (SELECT coalesce(jsonb_object_agg(attribute, value), '{}'::jsonb) AS attrs"
            + " FROM (SELECT DISTINCT ON (attribute) attribute, value FROM attribute_contribution"
            + " WHERE tenant_id = $1 AND object_type = $2 AND core_id = $3"
            + " ORDER BY attribute, priority, rule_id) winners),"
            + " o AS (SELECT entra_object_id AS old_oid FROM core_object"
            + " WHERE tenant_id = $1 AND object_type = $2 AND id = $3)"
            + " UPDATE core_object c SET attributes = w.attrs, entra_object_id = w.attrs ->> 'entraObjectId',"
            + " version = c.version + 1, updated_at = $4 FROM w, o"
            + " WHERE c.tenant_id = $1 AND c.object_type = $2 AND c.id = $3 AND c.attributes IS DISTINCT FROM w.attrs"
            + " RETURNING o.old_oid, c.entra_object_id, c.attributes, c.join_scope")
        .execute(Tuple.of(tenant, key.type(), key.id(), now))
        .map(rows -> {
          if (rows.size() == 0 || !key.type().equals(CoreObjectType.Identity.name())) {
            return null;
          }
          Row row = rows.iterator().next();
          String oldOid = row.getString(0);
          String newOid = row.getString(1);
          if (oldOid == null && newOid == null) {
            return null;
          }
          return new IdentityChange(tenant, key.id(), oldOid, newOid, newOid == null ? null
              : CoreObjectJson.identityBytes(key.id(), row.getString(3), (JsonObject) row.getValue(2)));
        });
  }

  private static Tuple key(ObjectRef ref) {
    return Tuple.of(ref.tenantId(), ref.connectorId(), ref.objectType(), ref.id());
  }
}
