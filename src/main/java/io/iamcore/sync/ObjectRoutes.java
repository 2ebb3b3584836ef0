package io.iamcore.sync;

import io.iamcore.auth.Roles;
import io.iamcore.connector.ConnectorService;
import io.iamcore.http.ApiAuth;
import io.iamcore.http.ApiException;
import io.iamcore.http.Caller;
import io.iamcore.http.Cursors;
import io.iamcore.http.Requests;
import io.iamcore.http.Responses;
import io.iamcore.store.GroupCommitWriter;
import io.iamcore.store.ObjectRef;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A connector's space as administrators see it (PRODUCT.md §3.2): objects with their join state,
 * a manual disconnect, and a preview of what the rules would do.
 */
public final class ObjectRoutes {

  private static final String BASE = "/iamcore/sync/connectors/:id/objects";
  private static final String COLUMNS = "object_type, id, external_id, doc, version, join_state, joined_type,"
      + " joined_to, created_at, updated_at";

  private final Pool pool;
  private final ConnectorService connectors;
  private final GroupCommitWriter writer;
  private final SyncRuleService rules;
  private final ApiAuth auth;

  public ObjectRoutes(Pool pool, ConnectorService connectors, GroupCommitWriter writer, SyncRuleService rules,
      ApiAuth auth) {
    this.pool = pool;
    this.connectors = connectors;
    this.writer = writer;
    this.rules = rules;
    this.auth = auth;
  }

  public void mount(Router router) {
    String read = Roles.CONNECTOR_CONFIGURATION_READ;
    router.get(BASE).handler(auth.require(read)).handler(this::list);
    router.get(BASE + "/:objectId").handler(auth.require(read)).handler(this::get);
    router.post(BASE + "/:objectId/disconnect")
        .handler(auth.require(Roles.SYNCHRONIZATION_CONFIGURATION_READWRITE)).handler(this::disconnect);
    router.get(BASE + "/:objectId/syncpreview")
        .handler(auth.require(Roles.SYNCHRONIZATION_CONFIGURATION_READ)).handler(this::preview);
  }

  /** Lists live objects; filters: {@code objectType}, {@code joinState}, {@code externalId}. */
  private void list(RoutingContext ctx) {
    int limit = Requests.clampedInt(ctx, "limit", 100, 1, 1000, ApiException::badRequest);
    UUID after = Cursors.decodeUuid(ctx.request().getParam("cursor"));
    UUID tenant = Caller.of(ctx).tenantId();
    UUID connector = connectorId(ctx);
    Tuple args = Tuple.of(tenant, connector, after, limit + 1);
    StringBuilder where = new StringBuilder();
    for (String[] filter : new String[][] {{"objectType", "object_type"}, {"joinState", "join_state"},
        {"externalId", "external_id"}}) {
      String value = ctx.request().getParam(filter[0]);
      if (value != null) {
        args.addString(value);
        where.append(" AND ").append(filter[1]).append(" = $").append(args.size());
      }
    }
    connectors.get(tenant, connector)
        .compose(c -> pool.preparedQuery("SELECT " + COLUMNS + " FROM cs_object WHERE tenant_id = $1"
                + " AND connector_id = $2 AND deleted_at IS NULL AND id > $3" + where + " ORDER BY id LIMIT $4")
            .execute(args))
        .compose(rows -> {
          List<JsonObject> found = new ArrayList<>();
          rows.forEach(row -> found.add(json(row, false)));
          return Responses.json(ctx, 200, Cursors.page(found, limit, o -> o, o -> o.getString("id")));
        })
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    load(ctx).compose(row -> Responses.json(ctx, 200, json(row, true))).onFailure(ctx::fail);
  }

  private void disconnect(RoutingContext ctx) {
    load(ctx)
        .compose(row -> writer.submit(new Disconnect(new ObjectRef(Caller.of(ctx).tenantId(), connectorId(ctx),
            row.getString("object_type"), row.getUUID("id")))))
        .compose(done -> load(ctx))
        .compose(row -> Responses.json(ctx, 200, json(row, true)))
        .onFailure(ctx::fail);
  }

  /** What the rules would do now, without doing it: flowed values and join candidates per criterion. */
  private void preview(RoutingContext ctx) {
    UUID tenant = Caller.of(ctx).tenantId();
    load(ctx).compose(row -> rules.rulesFor(tenant, connectorId(ctx), row.getString("object_type"))
            .compose(found -> pool.withConnection(conn -> {
              CoreObjectWriter db = new CoreObjectWriter(conn, java.time.Instant.now());
              SourceObject source = new SourceObject(row.getUUID("id").toString(), row.getString("external_id"),
                  (JsonObject) row.getValue("doc"));
              List<Future<JsonObject>> previews = new ArrayList<>();
              for (SyncRule rule : found) {
                previews.add(previewRule(db, tenant, rule, source));
              }
              return Future.all(previews).map(all -> {
                JsonArray items = new JsonArray();
                previews.forEach(p -> items.add(p.result()));
                return json(row, false).put("rules", items);
              });
            })))
        .compose(preview -> Responses.json(ctx, 200, preview))
        .onFailure(ctx::fail);
  }

  private static Future<JsonObject> previewRule(CoreObjectWriter db, UUID tenant, SyncRule rule, SourceObject source) {
    JsonObject flows = new JsonObject();
    rule.inboundAttributeFlows().forEach(f -> flows.put(f.targetAttributeName(), f.value().evaluate(source)));
    List<Future<JsonObject>> criteria = new ArrayList<>();
    for (AttributeFlow flow : rule.joinCriteria()) {
      String value = flow.value().evaluate(source);
      JsonObject criterion = new JsonObject().put("joinPriority", flow.joinPriority())
          .put("targetAttributeName", flow.targetAttributeName()).put("value", value);
      criteria.add(value == null || value.isEmpty() ? Future.succeededFuture(criterion.put("matches", new JsonArray()))
          : db.find(tenant, rule.coreObjectType(), flow.targetAttributeName(), value, rule.joinScope(), 2)
              .map(ids -> criterion.put("matches", new JsonArray(new ArrayList<>(ids)))));
    }
    return Future.all(criteria).map(all -> {
      JsonArray joins = new JsonArray();
      criteria.forEach(c -> joins.add(c.result()));
      return new JsonObject().put("ruleId", rule.id().toString()).put("name", rule.name())
          .put("priority", rule.priority()).put("provisioningEnabled", rule.provisioningEnabled())
          .put("joinCriteria", joins).put("attributeFlows", flows);
    });
  }

  private Future<Row> load(RoutingContext ctx) {
    UUID tenant = Caller.of(ctx).tenantId();
    UUID connector = connectorId(ctx);
    UUID object = Requests.pathId(ctx, "objectId", ApiException::notFound);
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM cs_object WHERE tenant_id = $1 AND connector_id = $2"
            + " AND id = $3 AND deleted_at IS NULL")
        .execute(Tuple.of(tenant, connector, object))
        .map(rows -> {
          if (rows.size() == 0) {
            throw ApiException.notFound("no object " + object + " on connector " + connector + " in your tenant");
          }
          return rows.iterator().next();
        });
  }

  private static JsonObject json(Row row, boolean withData) {
    JsonObject json = new JsonObject()
        .put("id", row.getUUID("id").toString())
        .put("objectType", row.getString("object_type"))
        .put("externalId", row.getString("external_id"))
        .put("joinState", row.getString("join_state"))
        .put("joinedTo", row.getString("joined_to") == null ? null
            : new JsonObject().put("objectType", row.getString("joined_type")).put("id", row.getString("joined_to")))
        .put("version", row.getLong("version"))
        .put("createdAt", row.getOffsetDateTime("created_at").toInstant().toString())
        .put("updatedAt", row.getOffsetDateTime("updated_at").toInstant().toString());
    return withData ? json.put("data", row.getValue("doc")) : json;
  }

  private static UUID connectorId(RoutingContext ctx) {
    return Requests.pathId(ctx, "id", ApiException::notFound);
  }
}
