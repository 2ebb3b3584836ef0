package io.iamcore.store;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
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

  /**
   * The number of the first placeholder a {@link #search} / {@link #count(UUID, UUID, String, String,
   * List)} condition may use: {@code $1}–{@code $3} are the tenant, connector and object type.
   */
  public static final int FIRST_CONDITION_PARAMETER = 4;

  private static final String SCOPE = " FROM cs_object WHERE tenant_id = $1 AND connector_id = $2"
      + " AND object_type = $3 AND deleted_at IS NULL AND ";

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

  /** How long one search (its count and its page together) may run in PostgreSQL. */
  public static final int SEARCH_TIMEOUT_MILLIS = 5_000;

  /** One page of a search and how many objects match in all. */
  public record SearchPage(long total, List<CsObject> objects) {}

  /** A search that ran past {@link #SEARCH_TIMEOUT_MILLIS} and was cancelled by PostgreSQL. */
  public static final class SearchTimeoutException extends RuntimeException {
    SearchTimeoutException() {
      super("the search ran longer than " + SEARCH_TIMEOUT_MILLIS + " ms", null, false, false);
    }
  }

  /**
   * How many live objects match {@code condition}, and the page of them ordered by {@code orderBy}
   * with {@code offset} skipped and at most {@code limit} returned (no page query when the count
   * says it would be empty).
   *
   * <p>Contract: {@code condition} and {@code orderBy} are SQL built by the caller from constants
   * only; every value that comes from a client is in the parameter lists, referenced as
   * {@code $4, $5, …} ({@link #FIRST_CONDITION_PARAMETER}): {@code conditionParams} for the
   * condition, then {@code orderParams} for the ordering. The scope (tenant, connector, type, not
   * deleted) is always added here, so a condition cannot widen it.
   *
   * <p>Both statements run on one connection in one read-only transaction bounded by
   * {@code statement_timeout}: an expensive filter over a large connector space holds one pooled
   * connection for at most {@link #SEARCH_TIMEOUT_MILLIS}, then fails with
   * {@link SearchTimeoutException}.
   */
  public Future<SearchPage> search(UUID tenant, UUID connector, String type, String condition,
      List<Object> conditionParams, String orderBy, List<Object> orderParams, long offset, int limit) {
    return search(tenant, connector, type, condition, conditionParams, "TRUE", List.of(), orderBy, orderParams,
        offset, limit);
  }

  /**
   * As {@link #search(UUID, UUID, String, String, List, String, List, long, int)}, with a
   * {@code pageCondition} that narrows the page but not the count: a keyset position such as
   * {@code id > $5} (cursor pagination, RFC 9865), so that {@code total} still counts every match.
   * Its placeholders follow the condition's: {@code conditionParams}, then {@code pageParams}, then
   * {@code orderParams}.
   */
  public Future<SearchPage> search(UUID tenant, UUID connector, String type, String condition,
      List<Object> conditionParams, String pageCondition, List<Object> pageParams, String orderBy,
      List<Object> orderParams, long offset, int limit) {
    String count = "SELECT count(*)" + SCOPE + "(" + condition + ")";
    List<Object> all = new ArrayList<>(conditionParams);
    all.addAll(pageParams);
    all.addAll(orderParams);
    int next = FIRST_CONDITION_PARAMETER + all.size();
    String page = "SELECT " + CsObjectRows.COLUMNS + SCOPE + "(" + condition + ") AND (" + pageCondition + ")"
        + " ORDER BY " + orderBy + " OFFSET $" + next + " LIMIT $" + (next + 1);
    Future<SearchPage> result = pool.withTransaction(conn -> conn
        .query("SET TRANSACTION READ ONLY; SET LOCAL statement_timeout = " + SEARCH_TIMEOUT_MILLIS).execute()
        .compose(v -> conn.preparedQuery(count).execute(scope(tenant, connector, type, conditionParams)))
        .map(rows -> rows.iterator().next().getLong(0))
        .compose(total -> total == 0 || limit == 0 || offset >= total
            ? Future.succeededFuture(new SearchPage(total, List.of()))
            : conn.preparedQuery(page)
                .execute(scope(tenant, connector, type, all).addValue(offset).addValue(limit))
                .map(rows -> new SearchPage(total, objects(rows)))));
    return result.recover(error -> Future.failedFuture(
        error instanceof PgException pg && "57014".equals(pg.getSqlState()) ? new SearchTimeoutException() : error));
  }

  private static Tuple scope(UUID tenant, UUID connector, String type, List<Object> params) {
    Tuple tuple = Tuple.of(tenant, connector, type);
    params.forEach(tuple::addValue);
    return tuple;
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
