package io.iamcore.sync;

import io.iamcore.connector.ConnectorSpaceRemoval;
import io.iamcore.index.CoreObjectJson;
import io.iamcore.index.IdentityChange;
import io.iamcore.index.IdentityIndex;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Deleting a connector disconnects its whole connector space at once (PRODUCT.md §2, as Microsoft
 * Identity Manager does when a management agent is deleted): every value it contributed is
 * recalled so the next contributor's applies, a core object that no other connection projects is
 * deleted, and an identity that loses its {@code entraObjectId} stops resolving.
 *
 * <p>Set-based rather than one pipeline run per object, so a million-object connector space goes
 * in a handful of statements: the affected core objects are collected in a temporary table, then
 * contributions, rules and objects of the connector are deleted, orphaned core objects deleted and
 * the rest recomputed from their remaining contributions, each in one statement.
 */
public final class ConnectorRecall implements ConnectorSpaceRemoval {

  private static final String AFFECTED = "iamcore_recall_affected";

  private final IdentityIndex index;
  private final Clock clock;

  public ConnectorRecall(IdentityIndex index, Clock clock) {
    this.index = index;
    this.clock = clock;
  }

  @Override
  public Future<Runnable> remove(SqlConnection conn, UUID tenant, UUID connector) {
    Tuple both = Tuple.of(tenant, connector);
    Tuple tenantOnly = Tuple.of(tenant);
    List<IdentityChange> identities = new ArrayList<>();
    // The temporary table is new in every transaction; PostgreSQL re-plans cached statements that
    // name it, so prepared statements stay correct.
    return conn.query("CREATE TEMP TABLE " + AFFECTED + " (object_type text, core_id text,"
            + " PRIMARY KEY (object_type, core_id)) ON COMMIT DROP").execute()
        .compose(v -> run(conn, "INSERT INTO " + AFFECTED + " SELECT object_type, core_id FROM attribute_contribution"
            + " WHERE tenant_id = $1 AND connector_id = $2 UNION SELECT joined_type, joined_to FROM cs_object"
            + " WHERE tenant_id = $1 AND connector_id = $2 AND joined_to IS NOT NULL", both))
        .compose(v -> run(conn, "DELETE FROM attribute_contribution WHERE tenant_id = $1 AND connector_id = $2", both))
        .compose(v -> run(conn, "DELETE FROM sync_rule WHERE tenant_id = $1 AND connector_id = $2", both))
        .compose(v -> run(conn, "DELETE FROM cs_object WHERE tenant_id = $1 AND connector_id = $2", both))
        .compose(v -> run(conn, DELETE_ORPHANS, tenantOnly))
        .map(deleted -> collectDeleted(tenant, deleted, identities))
        .compose(v -> run(conn, "UPDATE cs_object o SET join_state = 'unjoined', joined_type = NULL, joined_to = NULL"
            + " FROM " + AFFECTED + " a WHERE o.tenant_id = $1 AND o.joined_type = a.object_type"
            + " AND o.joined_to = a.core_id AND NOT EXISTS (SELECT 1 FROM core_object k WHERE k.tenant_id = $1"
            + " AND k.object_type = a.object_type AND k.id = a.core_id)", tenantOnly))
        .compose(v -> run(conn, RECOMPUTE, Tuple.of(tenant, clock.instant().atOffset(ZoneOffset.UTC))))
        .map(changed -> collectChanged(tenant, changed, identities))
        .compose(v -> SyncPipeline.announce(conn, index, identities));
  }

  /** Core objects the connector touched that no live object of a projecting rule holds any more. */
  private static final String DELETE_ORPHANS = "DELETE FROM core_object k USING " + AFFECTED + " a"
      + " WHERE k.tenant_id = $1 AND k.object_type = a.object_type AND k.id = a.core_id AND NOT EXISTS"
      + " (SELECT 1 FROM cs_object o WHERE o.tenant_id = $1 AND o.joined_type = a.object_type"
      + " AND o.joined_to = a.core_id AND o.deleted_at IS NULL AND EXISTS (SELECT 1 FROM sync_rule r"
      + " WHERE r.tenant_id = o.tenant_id AND r.connector_id = o.connector_id"
      + " AND r.connector_object_type = o.object_type AND r.core_object_type = a.object_type"
      + " AND r.provisioning_enabled)) RETURNING k.id, k.object_type, k.entra_object_id";

  /** The same precedence as {@link CoreObjectWriter#recompute}, for every affected object at once. */
  private static final String RECOMPUTE = "WITH w AS (SELECT a.object_type, a.core_id,"
      + " coalesce((SELECT jsonb_object_agg(attribute, value) FROM (SELECT DISTINCT ON (attribute) attribute, value"
      + " FROM attribute_contribution x WHERE x.tenant_id = $1 AND x.object_type = a.object_type"
      + " AND x.core_id = a.core_id ORDER BY attribute, priority, rule_id) winners), '{}'::jsonb) AS attrs"
      + " FROM " + AFFECTED + " a),"
      + " old AS (SELECT k.object_type, k.id, k.entra_object_id FROM core_object k JOIN " + AFFECTED + " a"
      + " ON k.tenant_id = $1 AND k.object_type = a.object_type AND k.id = a.core_id)"
      + " UPDATE core_object k SET attributes = w.attrs, entra_object_id = w.attrs ->> 'entraObjectId',"
      + " version = k.version + 1, updated_at = $2"
      + " FROM w JOIN old ON old.object_type = w.object_type AND old.id = w.core_id"
      + " WHERE k.tenant_id = $1 AND k.object_type = w.object_type AND k.id = w.core_id"
      + " AND k.attributes IS DISTINCT FROM w.attrs"
      + " RETURNING k.id, k.object_type, old.entra_object_id, k.entra_object_id, k.attributes, k.join_scope";

  private static Void collectDeleted(UUID tenant, RowSet<Row> deleted, List<IdentityChange> identities) {
    for (Row row : deleted) {
      String oid = row.getString(2);
      if (CoreObjectType.Identity.name().equals(row.getString(1)) && oid != null) {
        identities.add(new IdentityChange(tenant, row.getString(0), oid, null, null));
      }
    }
    return null;
  }

  private static Void collectChanged(UUID tenant, RowSet<Row> changed, List<IdentityChange> identities) {
    for (Row row : changed) {
      String oldOid = row.getString(2);
      String newOid = row.getString(3);
      if (!CoreObjectType.Identity.name().equals(row.getString(1)) || (oldOid == null && newOid == null)) {
        continue;
      }
      String id = row.getString(0);
      identities.add(new IdentityChange(tenant, id, oldOid, newOid, newOid == null ? null
          : CoreObjectJson.identityBytes(id, row.getString(5), (JsonObject) row.getValue(4))));
    }
    return null;
  }

  private static Future<RowSet<Row>> run(SqlConnection conn, String sql, Tuple args) {
    return conn.preparedQuery(sql).execute(args);
  }
}
