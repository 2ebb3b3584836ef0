package io.iamcore.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads of the connector space. Every query is scoped by tenant and connector. */
public final class CsObjectReader {

  private static final String BY_IDS =
      "SELECT " + CsObjectRows.COLUMNS + " FROM cs_object WHERE tenant_id = $1"
          + " AND connector_id = $2 AND object_type = $3 AND id = ANY($4) AND deleted_at IS NULL";
  private static final String PAGE =
      "SELECT " + CsObjectRows.COLUMNS + " FROM cs_object WHERE tenant_id = $1"
          + " AND connector_id = $2 AND object_type = $3 AND deleted_at IS NULL"
          + " ORDER BY id OFFSET $4 LIMIT $5";
  private static final String COUNT =
      "SELECT count(*) FROM cs_object WHERE tenant_id = $1 AND connector_id = $2"
          + " AND object_type = $3 AND deleted_at IS NULL";
  private static final String KEYS =
      "SELECT id, name_key, external_id FROM cs_object WHERE tenant_id = $1"
          + " AND connector_id = $2 AND object_type = $3 AND deleted_at IS NULL AND id > $4"
          + " ORDER BY id LIMIT $5";

  private final Pool pool;

  public CsObjectReader(Pool pool) {
    this.pool = pool;
  }

  /** The live object, if any. */
  public Future<Optional<CsObject>> get(ObjectRef ref) {
    return byIds(ref.tenantId(), ref.connectorId(), ref.objectType(), List.of(ref.id()))
        .map(found -> found.stream().findFirst());
  }

  /** The live objects among {@code ids}, in no particular order. */
  public Future<List<CsObject>> byIds(UUID tenant, UUID connector, String type, List<UUID> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return pool.preparedQuery(BY_IDS)
        .execute(Tuple.of(tenant, connector, type, ids.toArray(UUID[]::new)))
        .map(CsObjectReader::objects);
  }

  /** A page in id order: {@code offset} rows skipped, at most {@code limit} returned. */
  public Future<List<CsObject>> page(UUID tenant, UUID connector, String type, long offset, int limit) {
    return pool.preparedQuery(PAGE)
        .execute(Tuple.of(tenant, connector, type, offset, limit))
        .map(CsObjectReader::objects);
  }

  public Future<Long> count(UUID tenant, UUID connector, String type) {
    return pool.preparedQuery(COUNT)
        .execute(Tuple.of(tenant, connector, type))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  /** One page of (id, name_key, external_id) after {@code afterId}, for loading key directories. */
  Future<List<Row>> keys(UUID tenant, UUID connector, String type, UUID afterId, int limit) {
    return pool.preparedQuery(KEYS)
        .execute(Tuple.of(tenant, connector, type, afterId, limit))
        .map(rows -> {
          List<Row> list = new ArrayList<>(rows.size());
          rows.forEach(list::add);
          return list;
        });
  }

  private static List<CsObject> objects(Iterable<Row> rows) {
    List<CsObject> list = new ArrayList<>();
    rows.forEach(row -> list.add(CsObjectRows.map(row)));
    return list;
  }
}
