package io.iamcore.scim.endpoint;

import io.iamcore.connector.Connector;
import io.vertx.ext.web.RoutingContext;

/** Absolute URLs of a connector's SCIM service, as the client addressed us. */
final class ScimUrls {

  private ScimUrls() {}

  /** {@code scheme://authority/iamcore/beta/sync/connectors/{id}/scim}, without a trailing slash. */
  static String base(RoutingContext ctx) {
    Connector connector = ScimAuth.connector(ctx);
    return ctx.request().scheme() + "://" + ctx.request().authority()
        + "/iamcore/beta/sync/connectors/" + connector.id() + "/scim";
  }
}
