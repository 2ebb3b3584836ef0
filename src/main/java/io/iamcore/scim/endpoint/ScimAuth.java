package io.iamcore.scim.endpoint;

import io.iamcore.auth.SecretTokens;
import io.iamcore.auth.TokenVerifier;
import io.iamcore.connector.Connector;
import io.iamcore.connector.ConnectorService;
import io.iamcore.http.BearerTokens;
import io.iamcore.scim.ScimException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.UUID;

/**
 * Authenticates a SCIM request for the connector in its path (PRODUCT.md §4): the connector's
 * secret token, or an Entra provisioning token of the connector's tenant, as the connector's
 * {@code authentication} setting allows. Every failure is the same 401, whether the connector is
 * unknown, another tenant's, or the credential wrong: a SCIM caller learns nothing it cannot use.
 */
final class ScimAuth implements Handler<RoutingContext> {

  static final String CONNECTOR = "iamcore.scim.connector";
  private static final String REFUSED = "the bearer token does not authenticate for this connector";

  private final ConnectorService connectors;
  private final TokenVerifier verifier;
  private final SecretTokens secretTokens;
  private final Set<String> audiences;

  ScimAuth(ConnectorService connectors, TokenVerifier verifier, SecretTokens secretTokens,
      Set<String> audiences) {
    this.connectors = connectors;
    this.verifier = verifier;
    this.secretTokens = secretTokens;
    this.audiences = Set.copyOf(audiences);
  }

  static Connector connector(RoutingContext ctx) {
    return ctx.get(CONNECTOR);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String bearer = BearerTokens.of(ctx);
    UUID id = parse(ctx.pathParam("connectorId"));
    if (bearer == null) {
      ctx.fail(ScimException.unauthorized("send 'Authorization: Bearer <token>'"));
      return;
    }
    if (id == null) {
      ctx.fail(ScimException.unauthorized(REFUSED));
      return;
    }
    connectors.forScim(id)
        .compose(found -> found.filter(c -> c.template() == Connector.Template.SCIM)
            .map(c -> authenticate(c, bearer).map(c))
            .orElseGet(() -> Future.failedFuture(ScimException.unauthorized(REFUSED))))
        .onSuccess(connector -> {
          if (!connector.enabled()) {
            ctx.fail(new ScimException(403, null, "this connector is disabled"));
            return;
          }
          ctx.put(CONNECTOR, connector);
          ctx.next();
        })
        .onFailure(ctx::fail);
  }

  private Future<Void> authenticate(Connector connector, String bearer) {
    String mode = connector.authentication();
    if (bearer.startsWith(SecretTokens.PREFIX)) {
      boolean allowed = !mode.equals("entra") && matchesAnySecret(connector, bearer);
      return allowed ? Future.succeededFuture() : Future.failedFuture(ScimException.unauthorized(REFUSED));
    }
    if (mode.equals("secret")) {
      return Future.failedFuture(ScimException.unauthorized(REFUSED));
    }
    return verifier.verify(bearer, audiences)
        .recover(error -> Future.failedFuture(ScimException.unauthorized(REFUSED)))
        .compose(token -> token.tenantId().equalsIgnoreCase(connector.scimTenantId())
            && token.tenantId().equalsIgnoreCase(connector.tenantId().toString())
            ? Future.succeededFuture()
            : Future.failedFuture(ScimException.unauthorized(REFUSED)));
  }

  /** Checks every active secret, without stopping early, in constant time each. */
  private boolean matchesAnySecret(Connector connector, String presented) {
    boolean match = false;
    for (Connector.Secret secret : connector.secrets()) {
      match |= secretTokens.matches(presented, secret.tokenHash());
    }
    return match;
  }

  private static UUID parse(String raw) {
    try {
      return UUID.fromString(raw);
    } catch (IllegalArgumentException | NullPointerException e) {
      return null;
    }
  }
}
