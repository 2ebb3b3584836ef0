package io.iamcore.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Writing JSON answers: one place for content types and encoding. */
public final class Responses {

  public static final String JSON = "application/json; charset=utf-8";
  public static final String SCIM_JSON = "application/scim+json; charset=utf-8";

  private Responses() {}

  public static Future<Void> json(RoutingContext ctx, int status, JsonObject body) {
    return send(ctx, status, JSON, body);
  }

  public static Future<Void> scim(RoutingContext ctx, int status, JsonObject body) {
    return send(ctx, status, SCIM_JSON, body);
  }

  private static Future<Void> send(RoutingContext ctx, int status, String type, JsonObject body) {
    return ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", type)
        .end(body.toBuffer());
  }

  public static Future<Void> noContent(RoutingContext ctx) {
    return ctx.response().setStatusCode(204).end();
  }
}
