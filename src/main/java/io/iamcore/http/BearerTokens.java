package io.iamcore.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/** Reads the bearer token of a request; never logs it. */
public final class BearerTokens {

  private BearerTokens() {}

  /** The token after "Bearer " (scheme case-insensitive), or null when there is none. */
  public static String of(RoutingContext ctx) {
    return of(ctx.request());
  }

  /** The token after "Bearer " (scheme case-insensitive), or null when there is none. */
  public static String of(HttpServerRequest request) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);  // its hash is precomputed
    if (header == null || header.length() < 8
        || !(header.startsWith("Bearer ") || header.regionMatches(true, 0, "Bearer ", 0, 7))) {
      return null;
    }
    String token = header.substring(7).trim();
    return token.isEmpty() ? null : token;
  }
}
