package io.iamcore.scim.endpoint;

import io.iamcore.connector.Connector;
import io.iamcore.http.AccessLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * SCIM answers by connector: {@code iamcore_scim_requests_total{connector, resource, status}}, what
 * an operator watches while Entra's provisioning cycle runs.
 *
 * <p>The labels stay bounded: {@code connector} is the id of a connector that authenticated the
 * request (at most the number of connectors), {@code unauthenticated} otherwise, so made-up ids in
 * paths never become series; {@code resource} is one of a fixed set; {@code status} an HTTP status.
 * Mount before {@link ScimRoutes}, so this runs before SCIM authentication and sees every answer.
 */
public final class ScimOutcomes implements Handler<RoutingContext> {

  public static final String METRIC = "iamcore_scim_requests_total";
  static final String UNAUTHENTICATED = "unauthenticated";
  private static final String SEEN = "iamcore.scim.outcomes";
  private static final Set<String> RESOURCES = Set.of("Users", "Groups", "Bulk", "Me", ".search",
      "ServiceProviderConfig", "ResourceTypes", "Schemas");

  private final MeterRegistry registry;

  public ScimOutcomes(MeterRegistry registry) {
    this.registry = registry;
  }

  public void mount(Router router) {
    router.route(ScimRoutes.BASE).handler(this);
    router.route(ScimRoutes.BASE + "/*").handler(this);
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (ctx.get(SEEN) != null) {
      ctx.next();  // both mounted routes matched this path
      return;
    }
    ctx.put(SEEN, Boolean.TRUE);
    ctx.addHeadersEndHandler(v -> {
      Connector connector = ScimAuth.connector(ctx);
      if (connector != null) {
        ctx.put(AccessLog.TENANT_KEY, connector.tenantId());
      }
      Counter.builder(METRIC)
          .description("SCIM answers by authenticated connector, resource type and status")
          .tag("connector", connector == null ? UNAUTHENTICATED : connector.id().toString())
          .tag("resource", resource(ctx.normalizedPath()))
          .tag("status", String.valueOf(ctx.response().getStatusCode()))
          .register(registry)
          .increment();
    });
    ctx.next();
  }

  /** The first segment after {@code /scim/} if it is a known one, else {@code other}. */
  static String resource(String path) {
    int scim = path.indexOf("/scim/");
    if (scim < 0) {
      return "root";
    }
    String rest = path.substring(scim + "/scim/".length());
    int slash = rest.indexOf('/');
    String first = slash < 0 ? rest : rest.substring(0, slash);
    if (first.isEmpty()) {
      return "root";
    }
    return RESOURCES.contains(first) ? first : "other";
  }
}
