package io.iamcore.http;

import io.iamcore.auth.VerifiedToken;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/** The authenticated caller of an admin, data or identity route; its tenant scopes every query. */
public record Caller(UUID tenantId, VerifiedToken token) {

  static final String KEY = "iamcore.caller";

  void attach(RoutingContext ctx) {
    ctx.put(KEY, this);
  }

  /** The caller {@link ApiAuth} attached; routes behind it always have one. */
  public static Caller of(RoutingContext ctx) {
    Caller caller = ctx.get(KEY);
    if (caller == null) {
      throw new IllegalStateException("route is not behind ApiAuth");
    }
    return caller;
  }
}
