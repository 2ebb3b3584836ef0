package io.iamcore.sync;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL for sync rules; every query is scoped by tenant. */
final class SyncRuleStore {

  private static final String COLUMNS = "tenant_id, id, connector_id, name, connector_object_type,"
      + " core_object_type, provisioning_enabled, priority, join_scope, flows, created_at, updated_at, version";

  private final Pool pool;

  SyncRuleStore(Pool pool) {
    this.pool = pool;
  }

  Future<Void> insert(SyncRule rule) {
    return pool.preparedQuery("INSERT INTO sync_rule (" + COLUMNS + ") VALUES"
            + " ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)")
        .execute(values(rule))
        .mapEmpty();
  }

  /** Writes {@code rule} if its stored version is still {@code expectedVersion}. */
  Future<Boolean> update(SyncRule rule, long expectedVersion) {
    return pool.preparedQuery("UPDATE sync_rule SET connector_id = $3, name = $4, connector_object_type = $5,"
            + " core_object_type = $6, provisioning_enabled = $7, priority = $8, join_scope = $9, flows = $10,"
            + " created_at = $11, updated_at = $12, version = $13"
            + " WHERE tenant_id = $1 AND id = $2 AND version = $14")
        .execute(values(rule).addLong(expectedVersion))
        .map(rows -> rows.rowCount() == 1);
  }

  Future<Boolean> delete(UUID tenant, UUID id) {
    return pool.preparedQuery("DELETE FROM sync_rule WHERE tenant_id = $1 AND id = $2")
        .execute(Tuple.of(tenant, id))
        .map(rows -> rows.rowCount() == 1);
  }

  Future<Optional<SyncRule>> get(UUID tenant, UUID id) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM sync_rule WHERE tenant_id = $1 AND id = $2")
        .execute(Tuple.of(tenant, id))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(map(rows.iterator().next())));
  }

  Future<List<SyncRule>> list(UUID tenant, UUID after, int limit) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM sync_rule WHERE tenant_id = $1 AND id > $2"
            + " ORDER BY id LIMIT $3")
        .execute(Tuple.of(tenant, after, limit))
        .map(SyncRuleStore::all);
  }

  /** The rules that take {@code objectType} objects of a connector, by ascending priority. */
  Future<List<SyncRule>> forSource(UUID tenant, UUID connector, String objectType) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM sync_rule WHERE tenant_id = $1 AND connector_id = $2"
            + " AND connector_object_type = $3 ORDER BY priority, id")
        .execute(Tuple.of(tenant, connector, objectType))
        .map(SyncRuleStore::all);
  }

  private static List<SyncRule> all(Iterable<Row> rows) {
    List<SyncRule> list = new ArrayList<>();
    rows.forEach(row -> list.add(map(row)));
    return list;
  }

  private static Tuple values(SyncRule rule) {
    JsonArray flows = new JsonArray();
    rule.inboundAttributeFlows().forEach(f -> flows.add(f.toJson()));
    return Tuple.tuple()
        .addUUID(rule.tenantId()).addUUID(rule.id()).addUUID(rule.connectorId()).addString(rule.name())
        .addString(rule.connectorObjectType()).addString(rule.coreObjectType().name())
        .addBoolean(rule.provisioningEnabled()).addInteger(rule.priority()).addString(rule.joinScope())
        .addValue(flows).addValue(rule.createdAt().atOffset(ZoneOffset.UTC))
        .addValue(rule.updatedAt().atOffset(ZoneOffset.UTC)).addLong(rule.version());
  }

  private static SyncRule map(Row row) {
    JsonObject definition = new JsonObject()
        .put("name", row.getString("name"))
        .put("connectorId", row.getUUID("connector_id").toString())
        .put("connectorObjectType", row.getString("connector_object_type"))
        .put("coreObjectType", row.getString("core_object_type"))
        .put("provisioningEnabled", row.getBoolean("provisioning_enabled"))
        .put("priority", row.getInteger("priority"))
        .put("joinScope", row.getString("join_scope"))
        .put("inboundAttributeFlows", row.getValue("flows"));
    SyncRule.Definition parsed = SyncRule.Definition.parse(definition);
    Instant created = row.getOffsetDateTime("created_at").toInstant();
    Instant updated = row.getOffsetDateTime("updated_at").toInstant();
    return new SyncRule(row.getUUID("tenant_id"), row.getUUID("id"), parsed.name(), parsed.connectorId(),
        parsed.connectorObjectType(), parsed.coreObjectType(), parsed.provisioningEnabled(), parsed.priority(),
        parsed.joinScope(), parsed.flows(), created, updated, row.getLong("version"));
  }
}
