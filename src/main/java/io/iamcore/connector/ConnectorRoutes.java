package io.iamcore.connector;

import io.iamcore.auth.Roles;
import io.iamcore.http.ApiAuth;
import io.iamcore.http.ApiException;
import io.iamcore.http.Caller;
import io.iamcore.http.Cursors;
import io.iamcore.http.Requests;
import io.iamcore.http.Responses;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/** The connector admin API (PRODUCT.md §3.2): {@code /iamcore/sync/connectors}. */
public final class ConnectorRoutes {

  static final String BASE = "/iamcore/sync/connectors";

  private final ConnectorService service;
  private final ApiAuth auth;

  public ConnectorRoutes(ConnectorService service, ApiAuth auth) {
    this.service = service;
    this.auth = auth;
  }

  public void mount(Router router) {
    String read = Roles.CONNECTOR_CONFIGURATION_READ;
    String write = Roles.CONNECTOR_CONFIGURATION_READWRITE;
    router.get(BASE).handler(auth.require(read)).handler(this::list);
    router.post(BASE).handler(auth.require(write)).handler(this::create);
    router.get(BASE + "/:id").handler(auth.require(read)).handler(this::get);
    router.patch(BASE + "/:id").handler(auth.require(write)).handler(this::patch);
    router.delete(BASE + "/:id").handler(auth.require(write)).handler(this::delete);
    router.post(BASE + "/:id/secrets").handler(auth.require(write)).handler(this::issueSecret);
    router.delete(BASE + "/:id/secrets").handler(auth.require(write)).handler(this::revokeSecrets);
  }

  private void list(RoutingContext ctx) {
    int limit = Requests.clampedInt(ctx, "limit", 100, 1, 1000, ApiException::badRequest);
    UUID after = Cursors.decodeUuid(ctx.request().getParam("cursor"));
    service.list(Caller.of(ctx).tenantId(), after, limit + 1)
        .compose(found -> Responses.json(ctx, 200,
            Cursors.page(found, limit, Connector::toJson, c -> c.id().toString())))
        .onFailure(ctx::fail);
  }

  private void create(RoutingContext ctx) {
    JsonObject body = Requests.jsonObject(ctx, ApiException::badRequest);
    service.create(Caller.of(ctx).tenantId(), body)
        .compose(c -> {
          ctx.response().putHeader("Location", BASE + "/" + c.id()).putHeader("ETag", c.etag());
          return Responses.json(ctx, 201, c.toJson());
        })
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    service.get(Caller.of(ctx).tenantId(), id(ctx)).compose(c -> answer(ctx, c)).onFailure(ctx::fail);
  }

  private void patch(RoutingContext ctx) {
    JsonObject body = Requests.jsonObject(ctx, ApiException::badRequest);
    service.patch(Caller.of(ctx).tenantId(), id(ctx), body, ctx.request().getHeader("If-Match"))
        .compose(c -> answer(ctx, c))
        .onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    service.delete(Caller.of(ctx).tenantId(), id(ctx), ctx.request().getHeader("If-Match"))
        .compose(v -> Responses.noContent(ctx))
        .onFailure(ctx::fail);
  }

  private void issueSecret(RoutingContext ctx) {
    service.issueSecret(Caller.of(ctx).tenantId(), id(ctx))
        .compose(secret -> {
          ctx.response().putHeader("Cache-Control", "no-store");
          return Responses.json(ctx, 201, secret.toJson());
        })
        .onFailure(ctx::fail);
  }

  private void revokeSecrets(RoutingContext ctx) {
    service.revokeSecrets(Caller.of(ctx).tenantId(), id(ctx))
        .compose(v -> Responses.noContent(ctx))
        .onFailure(ctx::fail);
  }

  private static Future<Void> answer(RoutingContext ctx, Connector c) {
    ctx.response().putHeader("ETag", c.etag());
    return Responses.json(ctx, 200, c.toJson());
  }

  private static UUID id(RoutingContext ctx) {
    return Requests.pathId(ctx, "id", ApiException::notFound);
  }
}
