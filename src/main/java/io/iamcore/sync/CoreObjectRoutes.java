package io.iamcore.sync;

import io.iamcore.auth.Roles;
import io.iamcore.http.ApiAuth;
import io.iamcore.http.ApiException;
import io.iamcore.http.Caller;
import io.iamcore.http.Cursors;
import io.iamcore.http.Requests;
import io.iamcore.http.Responses;
import io.iamcore.index.CoreObjectJson;
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
 * Read-only core objects (they change only through sync): {@code /iamcore/identities},
 * {@code /iamcore/orgunits}, {@code /iamcore/relationships}, each a list (with {@code limit},
 * {@code cursor} and equality filters on attributes, e.g. {@code ?entraObjectId=…}) and a get by id.
 */
public final class CoreObjectRoutes {

  private static final String COLUMNS = "id, join_scope, attributes";

  private final Pool pool;
  private final ApiAuth auth;

  public CoreObjectRoutes(Pool pool, ApiAuth auth) {
    this.pool = pool;
    this.auth = auth;
  }

  public void mount(Router router) {
    mount(router, "/iamcore/identities", CoreObjectType.Identity);
    mount(router, "/iamcore/orgunits", CoreObjectType.OrgUnit);
    mount(router, "/iamcore/relationships", CoreObjectType.Relationship);
  }

  private void mount(Router router, String base, CoreObjectType type) {
    String read = Roles.SYNCHRONIZATION_CONFIGURATION_READ;
    router.get(base).handler(auth.require(read)).handler(ctx -> list(ctx, type));
    router.get(base + "/:id").handler(auth.require(read)).handler(ctx -> get(ctx, type));
  }

  private void get(RoutingContext ctx, CoreObjectType type) {
    UUID tenant = Caller.of(ctx).tenantId();
    String id = ctx.pathParam("id");
    pool.preparedQuery("SELECT " + COLUMNS + " FROM core_object WHERE tenant_id = $1 AND object_type = $2 AND id = $3")
        .execute(Tuple.of(tenant, type.name(), id))
        .compose(rows -> {
          if (rows.size() == 0) {
            throw ApiException.notFound("no " + type + " " + id + " in your tenant");
          }
          return Responses.json(ctx, 200, json(type, rows.iterator().next()));
        })
        .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx, CoreObjectType type) {
    int limit = Requests.clampedInt(ctx, "limit", 100, 1, 1000, ApiException::badRequest);
    String after = Cursors.decode(ctx.request().getParam("cursor"));
    JsonObject equals = new JsonObject();
    ctx.queryParams().forEach(param -> {
      String name = param.getKey();
      if (!name.equals("limit") && !name.equals("cursor")) {
        if (!type.hasAttribute(name)) {
          throw ApiException.badRequest(name + " is not an attribute of " + type);
        }
        equals.put(name, param.getValue());
      }
    });
    String idFilter = equals.containsKey("id") ? " AND id = $5" : "";
    Tuple args = Tuple.of(Caller.of(ctx).tenantId(), type.name(), after, limit + 1);
    String attrFilter = "";
    JsonObject attributes = equals.copy();
    attributes.remove("id");
    if (equals.containsKey("id")) {
      args.addString(equals.getString("id"));
    }
    if (!attributes.isEmpty()) {
      args.addValue(attributes);
      attrFilter = " AND attributes @> $" + args.size();
    }
    pool.preparedQuery("SELECT " + COLUMNS + " FROM core_object WHERE tenant_id = $1 AND object_type = $2"
            + " AND id > $3" + idFilter + attrFilter + " ORDER BY id LIMIT $4")
        .execute(args)
        .compose(rows -> {
          List<JsonObject> found = new ArrayList<>();
          rows.forEach(row -> found.add(json(type, row)));
          return Responses.json(ctx, 200, Cursors.page(found, limit, o -> o, o -> o.getString("id")));
        })
        .onFailure(ctx::fail);
  }

  /** Flat JSON: id, objectType, joinScope and the attributes that have a value. */
  static JsonObject json(CoreObjectType type, Row row) {
    return CoreObjectJson.of(type.name(), row.getString("id"), row.getString("join_scope"),
        (JsonObject) row.getValue("attributes"));
  }
}
