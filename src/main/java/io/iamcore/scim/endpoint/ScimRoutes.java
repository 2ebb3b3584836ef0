package io.iamcore.scim.endpoint;

import io.iamcore.auth.SecretTokens;
import io.iamcore.auth.TokenVerifier;
import io.iamcore.connector.ConnectorService;
import io.iamcore.http.ErrorMapper;
import io.iamcore.scim.ScimException;
import io.iamcore.scim.schema.CoreSchemas;
import io.iamcore.scim.schema.SchemaRegistry;
import io.iamcore.store.CsObjectReader;
import io.iamcore.store.GroupCommitWriter;
import io.iamcore.store.KeyDirectory;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * The SCIM 2.0 service of each connector: {@code /iamcore/beta/sync/connectors/{id}/scim/}.
 *
 * <p>To add a resource type (Groups): mount its endpoint in {@link #mount}, add it to
 * {@link #served} (as {@code DiscoveryEndpoint.Served.whenGroupsEnabled(CoreSchemas.GROUP_TYPE)}) so
 * that discovery advertises it, and include it in {@link #rootSearch}.
 */
public final class ScimRoutes {

  public static final String BASE = "/iamcore/beta/sync/connectors/:connectorId/scim";

  private final ScimAuth auth;
  private final UsersEndpoint users;
  private final DiscoveryEndpoint discovery;

  public ScimRoutes(
      ConnectorService connectors,
      TokenVerifier verifier,
      SecretTokens secretTokens,
      Set<String> scimAudiences,
      GroupCommitWriter writer,
      CsObjectReader reader,
      KeyDirectory keys,
      Clock clock) {
    SchemaRegistry schemas = SchemaRegistry.rfc7643();
    // One cursor codec for every resource type: its timeout is what discovery advertises.
    CursorPaging cursors = new CursorPaging(clock, CursorPaging.DEFAULT_TIMEOUT);
    this.auth = new ScimAuth(connectors, verifier, secretTokens, scimAudiences);
    this.users = new UsersEndpoint(writer, reader, keys, schemas, cursors);
    this.discovery = new DiscoveryEndpoint(Capabilities.current(), served());
  }

  /** The resource types this service serves, as discovery advertises them. */
  private static List<DiscoveryEndpoint.Served> served() {
    return List.of(DiscoveryEndpoint.Served.always(CoreSchemas.USER_TYPE));
  }

  public void mount(Router router) {
    router.route(BASE).handler(auth).failureHandler(ErrorMapper::scim);
    router.route(BASE + "/*").handler(auth).failureHandler(ErrorMapper::scim);

    route(router, HttpMethod.GET, "/ServiceProviderConfig", discovery::serviceProviderConfig);
    route(router, HttpMethod.GET, "/ResourceTypes", discovery::resourceTypes);
    route(router, HttpMethod.GET, "/ResourceTypes/:resourceTypeId", discovery::resourceType);
    route(router, HttpMethod.GET, "/Schemas", discovery::schemas);
    route(router, HttpMethod.GET, "/Schemas/:schemaUrn", discovery::schema);
    route(router, HttpMethod.POST, "/.search", this::rootSearch);

    route(router, HttpMethod.POST, "/Users/.search", users::searchPost);
    route(router, HttpMethod.GET, "/Users", users::list);
    route(router, HttpMethod.POST, "/Users", users::create);
    String user = BASE + "/Users/:userId";
    router.get(user).handler(users::get);
    router.put(user).handler(users::replace);
    router.patch(user).handler(users::patch);
    router.delete(user).handler(users::delete);

    // A SCIM caller authenticated by a connector credential is not a User of this connector.
    router.route(BASE + "/Me").handler(ScimRoutes::me);
    router.route(BASE + "/Me/*").handler(ScimRoutes::me);
    // Anything else under a connector's SCIM base is a SCIM 404, not the admin API's error shape.
    router.route(BASE + "/*").handler(ctx -> ctx.fail(ScimException.notFound(
        "no SCIM resource at " + ctx.normalizedPath() + " (this connector serves /Users)")));
  }

  /**
   * POST {@code /.search} at the root (RFC 7644 §3.4.3): every resource type the connector serves.
   * Today that is Users alone, so it is exactly {@code /Users/.search}.
   */
  private void rootSearch(RoutingContext ctx) {
    users.searchPost(ctx);
  }

  private static void me(RoutingContext ctx) {
    ctx.fail(new ScimException(501, null, "/Me is not implemented: a SCIM caller here authenticates as a"
        + " connector (a provisioning token or the connector's secret), which has no User resource"));
  }

  /** {@code BASE + path}, with and without a trailing slash. */
  private static void route(Router router, HttpMethod method, String path, Handler<RoutingContext> handler) {
    router.route(method, BASE + path).handler(handler);
    router.route(method, BASE + path + "/").handler(handler);
  }
}
