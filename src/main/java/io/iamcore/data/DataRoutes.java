package io.iamcore.data;

import io.iamcore.auth.Roles;
import io.iamcore.http.ApiAuth;
import io.iamcore.http.ApiException;
import io.iamcore.http.Caller;
import io.iamcore.http.Requests;
import io.iamcore.http.Responses;
import io.iamcore.store.CsObject;
import io.iamcore.store.WriteRejectedException;
import io.iamcore.store.WriteUnavailableException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The connector-data API (PRODUCT.md §3.3): a source such as an HR system pushes objects of an
 * {@code API} connector, keyed by its own externalId. Writes go through the group-commit writer and
 * the sync pipeline like SCIM writes, and are answered after COMMIT.
 */
public final class DataRoutes {

  private static final System.Logger LOG = System.getLogger(DataRoutes.class.getName());
  static final int MAX_BATCH = 1000;
  static final int CONCURRENCY = 64;
  private static final String BASE = "/iamcore/sync/connectors/:id/data";

  private final ConnectorData data;
  private final ApiAuth auth;

  public DataRoutes(ConnectorData data, ApiAuth auth) {
    this.data = data;
    this.auth = auth;
  }

  public void mount(Router router) {
    String role = Roles.CONNECTOR_DATA_READWRITE_SELF;
    router.postWithRegex("/iamcore/sync/connectors/(?<id>[^/]+)/data/(?<objectType>[^/:]+):batch")
        .handler(auth.require(role)).handler(this::batch);
    router.put(BASE + "/:objectType/:externalId").handler(auth.require(role)).handler(this::upsert);
    router.delete(BASE + "/:objectType/:externalId").handler(auth.require(role)).handler(this::delete);
  }

  private void upsert(RoutingContext ctx) {
    JsonObject body = Requests.jsonObject(ctx, ApiException::badRequest);
    String objectType = ctx.pathParam("objectType");
    String externalId = ctx.pathParam("externalId");
    data.apiConnector(Caller.of(ctx).tenantId(), connectorId(ctx))
        .compose(connector -> data.upsert(connector, objectType, externalId, body))
        .compose(result -> {
          ctx.response().putHeader("ETag", result.object().etag());
          return Responses.json(ctx, result.created() ? 201 : 200, json(result.object()));
        })
        .onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    data.apiConnector(Caller.of(ctx).tenantId(), connectorId(ctx))
        .compose(connector -> data.delete(connector, ctx.pathParam("objectType"), ctx.pathParam("externalId")))
        .compose(deleted -> Responses.noContent(ctx))
        .onFailure(ctx::fail);
  }

  /**
   * {@code {"operations": [{"op": "upsert", "externalId": "…", "data": {…}}, {"op": "delete",
   * "externalId": "…"}]}}: each operation succeeds or fails on its own (they share group-commit
   * transactions anyway); the answer lists every operation's status in order.
   */
  private void batch(RoutingContext ctx) {
    JsonObject body = Requests.jsonObject(ctx, ApiException::badRequest);
    String objectType = ctx.pathParam("objectType");
    Object ops = body.getValue("operations");
    if (!(ops instanceof JsonArray operations) || operations.isEmpty() || operations.size() > MAX_BATCH) {
      throw ApiException.badRequest("operations must be an array of 1 to " + MAX_BATCH + " operations");
    }
    data.apiConnector(Caller.of(ctx).tenantId(), connectorId(ctx))
        .compose(connector -> chunk(connector, objectType, operations, 0, new JsonArray()))
        .compose(answers -> Responses.json(ctx, 200, new JsonObject().put("results", answers)))
        .onFailure(ctx::fail);
  }

  /**
   * Runs the operations {@value #CONCURRENCY} at a time: they still share group-commit
   * transactions, without a thousand lookups queueing for the pool at once.
   */
  private Future<JsonArray> chunk(io.iamcore.connector.Connector connector, String objectType, JsonArray operations,
      int from, JsonArray answers) {
    if (from >= operations.size()) {
      return Future.succeededFuture(answers);
    }
    List<Future<JsonObject>> results = new ArrayList<>();
    for (int i = from; i < Math.min(operations.size(), from + CONCURRENCY); i++) {
      results.add(operation(connector, objectType, operations.getValue(i), i));
    }
    return Future.join(results).otherwiseEmpty().compose(v -> {
      results.forEach(r -> answers.add(r.result()));
      return chunk(connector, objectType, operations, from + CONCURRENCY, answers);
    });
  }

  private Future<JsonObject> operation(io.iamcore.connector.Connector connector, String objectType, Object raw,
      int index) {
    if (!(raw instanceof JsonObject op) || !(op.getValue("externalId") instanceof String externalId)) {
      return Future.succeededFuture(error(index, null, ApiException.badRequest(
          "operations[" + index + "] needs an externalId")));
    }
    String kind = String.valueOf(op.getValue("op", "upsert")).toLowerCase(java.util.Locale.ROOT);
    Future<JsonObject> done;
    if (kind.equals("upsert")) {
      if (!(op.getValue("data") instanceof JsonObject payload)) {
        return Future.succeededFuture(error(index, externalId, ApiException.badRequest(
            "operations[" + index + "].data must be a JSON object")));
      }
      done = data.upsert(connector, objectType, externalId, payload)
          .map(r -> new JsonObject().put("externalId", externalId).put("status", r.created() ? 201 : 200)
              .put("id", r.object().ref().id().toString()));
    } else if (kind.equals("delete")) {
      done = data.delete(connector, objectType, externalId)
          .map(r -> new JsonObject().put("externalId", externalId).put("status", 204));
    } else {
      return Future.succeededFuture(error(index, externalId, ApiException.badRequest(
          "operations[" + index + "].op must be upsert or delete")));
    }
    return done.recover(e -> Future.succeededFuture(error(index, externalId, e)));
  }

  private static JsonObject error(int index, String externalId, Throwable e) {
    int status;
    String message;
    if (e instanceof ApiException api) {
      status = api.status();
      message = api.getMessage();
    } else if (e instanceof WriteUnavailableException) {
      status = 503;
      message = e.getMessage();
    } else if (e instanceof WriteRejectedException && e.getMessage() != null) {
      status = 400;
      message = e.getMessage();
    } else {
      status = 500;
      message = "internal error";
      LOG.log(System.Logger.Level.ERROR, "data batch operation " + index + " failed", e);
    }
    return new JsonObject().put("index", index).put("externalId", externalId).put("status", status)
        .put("error", new JsonObject().put("message", message));
  }

  static JsonObject json(CsObject object) {
    return new JsonObject()
        .put("id", object.ref().id().toString())
        .put("objectType", object.ref().objectType())
        .put("externalId", object.externalId())
        .put("data", object.doc())
        .put("createdAt", object.createdAt().toString())
        .put("updatedAt", object.updatedAt().toString())
        .put("_etag", object.etag());
  }

  private static UUID connectorId(RoutingContext ctx) {
    return Requests.pathId(ctx, "id", ApiException::notFound);
  }
}
