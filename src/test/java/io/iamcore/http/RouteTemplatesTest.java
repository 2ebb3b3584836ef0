package io.iamcore.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouteTemplatesTest {

  private static final String SCIM = "/iamcore/beta/sync/connectors/:connectorId/scim";
  private static Vertx vertx;
  private static RouteTemplates templates;

  /** The shapes the gateway mounts, in its order: SCIM auth catch-alls before the SCIM routes. */
  @BeforeAll
  static void router() {
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    router.route().handler(ctx -> ctx.next());
    router.route(SCIM).handler(ctx -> ctx.next());
    router.route(SCIM + "/*").handler(ctx -> ctx.next());
    router.get(SCIM + "/Users").handler(ctx -> ctx.next());
    router.patch(SCIM + "/Users/:userId").handler(ctx -> ctx.next());
    router.route(SCIM + "/Me").handler(ctx -> ctx.next());
    router.route(SCIM + "/Me/*").handler(ctx -> ctx.next());
    router.route(SCIM + "/*").handler(ctx -> ctx.next());
    router.postWithRegex("/iamcore/sync/connectors/(?<id>[^/]+)/data/(?<objectType>[^/:]+):batch")
        .handler(ctx -> ctx.next());
    router.put("/iamcore/sync/connectors/:id/data/:objectType/:externalId").handler(ctx -> ctx.next());
    router.get("/iamcore/identities/me").handler(ctx -> ctx.next());
    router.get("/iamcore/identities/:id").handler(ctx -> ctx.next());
    router.route().failureHandler(ctx -> ctx.next());
    templates = RouteTemplates.of(router.getRoutes());
  }

  @AfterAll
  static void close() {
    vertx.close();
  }

  @ParameterizedTest
  @CsvSource({
      "GET, /iamcore/beta/sync/connectors/c1/scim/Users, " + SCIM + "/Users",
      "GET, /iamcore/beta/sync/connectors/c1/scim/Users/, " + SCIM + "/Users",
      "PATCH, /iamcore/beta/sync/connectors/c1/scim/Users/u-1, " + SCIM + "/Users/:userId",
      "DELETE, /iamcore/beta/sync/connectors/c1/scim/Users/u-1, " + SCIM + "/*",
      "GET, /iamcore/beta/sync/connectors/c1/scim/Me, " + SCIM + "/Me",
      "GET, /iamcore/beta/sync/connectors/c1/scim/Me/x, " + SCIM + "/Me/*",
      "GET, /iamcore/beta/sync/connectors/c1/scim, " + SCIM,
      "GET, /iamcore/beta/sync/connectors/c1/scim/Nothing, " + SCIM + "/*",
      "POST, /iamcore/sync/connectors/c1/data/person:batch, /iamcore/sync/connectors/:id/data/:objectType:batch",
      "PUT, /iamcore/sync/connectors/c1/data/person/E-1, /iamcore/sync/connectors/:id/data/:objectType/:externalId",
      "GET, /iamcore/identities/me, /iamcore/identities/me",
      "GET, /iamcore/identities/E-1, /iamcore/identities/:id",
      "DELETE, /iamcore/identities/E-1, unmatched",
      "GET, /nowhere, unmatched",
  })
  void match_failedRequest_namesTheRouteThatWouldServeIt(String method, String path, String expected) {
    assertThat(templates.match(HttpMethod.valueOf(method), path)).isEqualTo(expected);
  }

  @Test
  void match_paramNeverSpansSegments_unmatched() {
    assertThat(templates.match(HttpMethod.PUT, "/iamcore/sync/connectors/c1/data/person/E-1/extra"))
        .isEqualTo(RouteTemplates.UNMATCHED);
  }
}
