package io.iamcore.data;

import io.iamcore.connector.Connector;
import io.iamcore.connector.ConnectorService;
import io.iamcore.http.ApiException;
import io.iamcore.store.CsObject;
import io.iamcore.store.GroupCommitWriter;
import io.iamcore.store.ObjectRef;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import java.util.regex.Pattern;

/** Upserts and deletes of an API connector's objects by externalId, through the group-commit writer. */
public final class ConnectorData {

  private static final Pattern OBJECT_TYPE = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");
  static final int MAX_EXTERNAL_ID = 1024;
  private static final int UPSERT_ATTEMPTS = 3;

  private final ConnectorService connectors;
  private final GroupCommitWriter writer;
  private final Pool pool;

  public ConnectorData(ConnectorService connectors, GroupCommitWriter writer, Pool pool) {
    this.connectors = connectors;
    this.writer = writer;
    this.pool = pool;
  }

  /** What an upsert did: the stored object and whether it was created. */
  public record Upserted(CsObject object, boolean created) {}

  /** The API connector of the caller's tenant, or 404 / 400. */
  Future<Connector> apiConnector(UUID tenant, UUID connectorId) {
    return connectors.get(tenant, connectorId).map(connector -> {
      if (connector.template() != Connector.Template.API) {
        throw ApiException.badRequest("connector " + connectorId + " is a " + connector.template()
            + " connector; the data API writes to API connectors");
      }
      if (!connector.enabled()) {
        throw ApiException.forbidden("connector " + connectorId + " is disabled");
      }
      return connector;
    });
  }

  Future<Upserted> upsert(Connector connector, String objectType, String externalId, JsonObject data) {
    validate(objectType, externalId);
    return upsert(connector, objectType, externalId, data, UPSERT_ATTEMPTS);
  }

  private Future<Upserted> upsert(Connector connector, String objectType, String externalId, JsonObject data,
      int attempts) {
    return findId(connector, objectType, externalId).compose(existing -> {
      if (existing == null) {
        ObjectRef ref = new ObjectRef(connector.tenantId(), connector.id(), objectType, UUID.randomUUID());
        return writer.submit(new DataChanges.Create(ref, externalId, data)).compose(stored ->
            stored.ref().equals(ref) ? Future.succeededFuture(new Upserted(stored, true))
                : replace(stored.ref(), data, connector, objectType, externalId, attempts));
      }
      ObjectRef ref = new ObjectRef(connector.tenantId(), connector.id(), objectType, existing);
      return replace(ref, data, connector, objectType, externalId, attempts);
    });
  }

  /** Another writer created or deleted it meanwhile: try again, a bounded number of times. */
  private Future<Upserted> replace(ObjectRef ref, JsonObject data, Connector connector, String objectType,
      String externalId, int attempts) {
    return writer.submit(new DataChanges.Replace(ref, data))
        .map(stored -> new Upserted(stored, false))
        .recover(error -> error instanceof ApiException api && api.status() == 404 && attempts > 1
            ? upsert(connector, objectType, externalId, data, attempts - 1)
            : Future.failedFuture(error));
  }

  Future<CsObject> delete(Connector connector, String objectType, String externalId) {
    validate(objectType, externalId);
    return findId(connector, objectType, externalId).compose(id -> {
      if (id == null) {
        throw ApiException.notFound("no " + objectType + " with externalId " + externalId);
      }
      return writer.submit(new DataChanges.Delete(new ObjectRef(connector.tenantId(), connector.id(), objectType, id)));
    });
  }

  private Future<UUID> findId(Connector connector, String objectType, String externalId) {
    return pool.preparedQuery("SELECT id FROM cs_object WHERE tenant_id = $1 AND connector_id = $2"
            + " AND object_type = $3 AND name_key = $4 AND deleted_at IS NULL")
        .execute(Tuple.of(connector.tenantId(), connector.id(), objectType, externalId))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getUUID(0));
  }

  static void validate(String objectType, String externalId) {
    if (objectType == null || !OBJECT_TYPE.matcher(objectType).matches()) {
      throw ApiException.badRequest("objectType must be a letter followed by up to 63 letters, digits, - or _");
    }
    if (externalId == null || externalId.isEmpty() || externalId.length() > MAX_EXTERNAL_ID
        || externalId.indexOf('\u0000') >= 0) {
      throw ApiException.badRequest("externalId must be 1 to " + MAX_EXTERNAL_ID + " characters");
    }
  }
}
