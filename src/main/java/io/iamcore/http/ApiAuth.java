package io.iamcore.http;

import io.iamcore.auth.TokenVerifier;
import io.iamcore.auth.VerifiedToken;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.UUID;

/**
 * The front door of the admin, data and identity APIs: an Entra access token for this gateway's
 * own app ({@code aud} in IAMCORE_API_AUDIENCES), and the app role the route needs. With no API
 * audience configured the door stays shut (fail closed).
 */
public final class ApiAuth {

  private final TokenVerifier verifier;
  private final Set<String> audiences;

  public ApiAuth(TokenVerifier verifier, Set<String> audiences) {
    this.verifier = verifier;
    this.audiences = Set.copyOf(audiences);
  }

  /** Authenticates, then requires {@code role} (Administrator grants every admin role). */
  public Handler<RoutingContext> require(String role) {
    return ctx -> authenticate(ctx, token -> {
      if (role != null && !token.allows(role)) {
        ctx.fail(ApiException.forbidden("this operation needs the app role " + role
            + " (or the Administrator role)"));
        return;
      }
      ctx.next();
    });
  }

  /** Authenticates only: any valid token of this app will do (for /identities/me). */
  public Handler<RoutingContext> anyRole() {
    return require(null);
  }

  /**
   * The caller of {@code request} when its bearer token is already verified for this API (in the
   * verification cache, right audience, not expired) and names a tenant; otherwise null, and the
   * request goes the normal way through {@link #require}, which answers every failure.
   */
  public Caller cachedCaller(HttpServerRequest request) {
    VerifiedToken token = audiences.isEmpty() ? null : verifier.cachedOrNull(BearerTokens.of(request), audiences);
    UUID tenant = token == null ? null : token.tenant();
    return tenant == null ? null : new Caller(tenant, token);
  }

  private void authenticate(RoutingContext ctx, Handler<VerifiedToken> then) {
    if (audiences.isEmpty()) {
      ctx.fail(ApiException.unauthorized(
          "this API is closed: the operator has not set IAMCORE_API_AUDIENCES"));
      return;
    }
    String bearer = BearerTokens.of(ctx);
    if (bearer == null) {
      ctx.fail(ApiException.unauthorized("send an Entra access token as 'Authorization: Bearer …'"));
      return;
    }
    verifier.verify(bearer, audiences).onComplete(result -> {
      if (result.failed()) {
        ctx.fail(result.cause());
        return;
      }
      UUID tenant = result.result().tenant();
      if (tenant == null) {
        ctx.fail(ApiException.unauthorized("the token's tid is not a tenant id"));
        return;
      }
      new Caller(tenant, result.result()).attach(ctx);
      then.handle(result.result());
    });
  }
}
