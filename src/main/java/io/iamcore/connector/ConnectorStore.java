package io.iamcore.connector;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * SQL for connectors and their secrets. Connector changes are rare admin actions, so each runs in
 * its own transaction; the group-commit writer is for the connector-space write path.
 */
final class ConnectorStore {

  private static final String SELECT =
      "SELECT c.tenant_id, c.id, c.name, c.description, c.template_id, c.enabled, c.configuration,"
          + " c.provisioning_state, c.soft_deletion_days, c.created_at, c.updated_at, c.version,"
          + " coalesce((SELECT json_agg(json_build_object('id', s.id, 'hash', encode(s.token_hash, 'hex'),"
          + " 'createdAt', s.created_at) ORDER BY s.created_at) FROM connector_secret s"
          + " WHERE s.tenant_id = c.tenant_id AND s.connector_id = c.id), '[]'::json) AS secrets"
          + " FROM connector c ";

  private final Pool pool;

  ConnectorStore(Pool pool) {
    this.pool = pool;
  }

  Future<Void> insert(Connector c) {
    return pool.preparedQuery(
            "INSERT INTO connector (tenant_id, id, name, description, template_id, type, enabled,"
                + " configuration, provisioning_state, soft_deletion_days, created_at, updated_at, version)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)")
        .execute(Tuple.tuple()
            .addUUID(c.tenantId()).addUUID(c.id()).addString(c.name()).addString(c.description())
            .addString(c.template().name()).addString(c.template().type()).addBoolean(c.enabled())
            .addValue(c.configuration()).addString(c.provisioningState())
            .addInteger(c.softDeletionDays()).addValue(time(c.createdAt()))
            .addValue(time(c.updatedAt())).addLong(c.version()))
        .mapEmpty();
  }

  Future<Optional<Connector>> get(UUID tenant, UUID id) {
    return pool.preparedQuery(SELECT + "WHERE c.tenant_id = $1 AND c.id = $2")
        .execute(Tuple.of(tenant, id))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(map(rows.iterator().next())));
  }

  /** By id alone, for SCIM requests whose tenant is known only after authentication. */
  Future<Optional<Connector>> byId(UUID id) {
    return pool.preparedQuery(SELECT + "WHERE c.id = $1")
        .execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(map(rows.iterator().next())));
  }

  Future<List<Connector>> list(UUID tenant, UUID after, int limit) {
    return pool.preparedQuery(SELECT + "WHERE c.tenant_id = $1 AND c.id > $2 ORDER BY c.id LIMIT $3")
        .execute(Tuple.of(tenant, after, limit))
        .map(rows -> {
          List<Connector> list = new ArrayList<>();
          rows.forEach(row -> list.add(map(row)));
          return list;
        });
  }

  /** Writes {@code c} if the stored version is still {@code expectedVersion}; false otherwise. */
  Future<Boolean> update(Connector c, long expectedVersion) {
    return pool.preparedQuery(
            "UPDATE connector SET name = $3, description = $4, enabled = $5, configuration = $6,"
                + " soft_deletion_days = $7, updated_at = $8, version = $9"
                + " WHERE tenant_id = $1 AND id = $2 AND version = $10")
        .execute(Tuple.tuple()
            .addUUID(c.tenantId()).addUUID(c.id()).addString(c.name()).addString(c.description())
            .addBoolean(c.enabled()).addValue(c.configuration()).addInteger(c.softDeletionDays())
            .addValue(time(c.updatedAt())).addLong(c.version()).addLong(expectedVersion))
        .map(rows -> rows.rowCount() == 1);
  }

  /**
   * Deletes the connector, its secrets, rules and connector space, together with what
   * {@code removal} undoes in the same transaction; its after-commit part runs once committed.
   */
  Future<Boolean> delete(UUID tenant, UUID id, ConnectorSpaceRemoval removal) {
    return pool.withTransaction(conn -> removal.remove(conn, tenant, id)
            .compose(afterCommit -> conn.preparedQuery("DELETE FROM connector WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenant, id))
                .map(rows -> rows.rowCount() == 1 ? afterCommit : null)))
        .map(afterCommit -> {
          if (afterCommit == null) {
            return false;
          }
          afterCommit.run();
          return true;
        });
  }

  Future<Boolean> addSecret(UUID tenant, UUID connector, Connector.Secret secret) {
    return pool.withTransaction(conn -> touch(conn, tenant, connector, secret.createdAt())
        .compose(found -> !found ? Future.succeededFuture(false)
            : conn.preparedQuery(
                    "INSERT INTO connector_secret (tenant_id, connector_id, id, token_hash, created_at)"
                        + " VALUES ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(tenant, connector, secret.id(),
                    io.vertx.core.buffer.Buffer.buffer(secret.tokenHash()), time(secret.createdAt())))
                .map(true)));
  }

  Future<Boolean> revokeSecrets(UUID tenant, UUID connector, Instant now) {
    return pool.withTransaction(conn -> touch(conn, tenant, connector, now)
        .compose(found -> !found ? Future.succeededFuture(false)
            : conn.preparedQuery("DELETE FROM connector_secret WHERE tenant_id = $1 AND connector_id = $2")
                .execute(Tuple.of(tenant, connector))
                .map(true)));
  }

  /** Bumps version and updated_at: secrets are part of the connector's representation. */
  private static Future<Boolean> touch(SqlClient conn, UUID tenant, UUID id, Instant now) {
    return conn.preparedQuery(
            "UPDATE connector SET version = version + 1, updated_at = $3 WHERE tenant_id = $1 AND id = $2")
        .execute(Tuple.of(tenant, id, time(now)))
        .map(rows -> rows.rowCount() == 1);
  }

  private static Connector map(Row row) {
    List<Connector.Secret> secrets = new ArrayList<>();
    Object raw = row.getValue("secrets");
    JsonArray array = raw instanceof JsonArray a ? a : new JsonArray(String.valueOf(raw));
    for (int i = 0; i < array.size(); i++) {
      JsonObject s = array.getJsonObject(i);
      secrets.add(new Connector.Secret(
          UUID.fromString(s.getString("id")),
          HexFormat.of().parseHex(s.getString("hash")),
          OffsetDateTime.parse(s.getString("createdAt")).toInstant()));
    }
    return new Connector(
        row.getUUID("tenant_id"),
        row.getUUID("id"),
        row.getString("name"),
        row.getString("description"),
        Connector.Template.valueOf(row.getString("template_id")),
        row.getBoolean("enabled"),
        (JsonObject) row.getValue("configuration"),
        row.getString("provisioning_state"),
        row.getInteger("soft_deletion_days"),
        row.getOffsetDateTime("created_at").toInstant(),
        row.getOffsetDateTime("updated_at").toInstant(),
        row.getLong("version"),
        secrets);
  }

  private static OffsetDateTime time(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
