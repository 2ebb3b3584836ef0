package io.iamcore.scim.endpoint;

import io.iamcore.auth.SecretTokens;
import io.iamcore.auth.TokenVerifier;
import io.iamcore.config.BulkConfig;
import io.iamcore.connector.ConnectorService;
import io.iamcore.http.ErrorMapper;
import io.iamcore.scim.ScimException;
import io.iamcore.scim.schema.CoreSchemas;
import io.iamcore.scim.schema.SchemaRegistry;
import io.iamcore.store.CsObjectReader;
import io.iamcore.store.GroupCommitWriter;
import io.iamcore.store.GroupMemberReader;
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
 * <p>To add a resource type: mount its endpoint in {@link #mount}, add it to {@link #served} so
 * that discovery advertises it, include it in {@link #rootSearch}, and give the Bulk endpoint its
 * {@code BulkTarget} (see docs/bulk.md). Groups are served only to connectors whose configuration
 * has {@code groupsEnabled: true}; for the others {@code /Groups} is a SCIM 404 and discovery does
 * not mention them.
 */
public final class ScimRoutes {

  public static final String BASE = "/iamcore/beta/sync/connectors/:connectorId/scim";

  private final ScimAuth auth;
  private final UsersEndpoint users;
  private final GroupsEndpoint groups;
  private final BulkEndpoint bulk;
  private final DiscoveryEndpoint discovery;

  public ScimRoutes(
      ConnectorService connectors,
      TokenVerifier verifier,
      SecretTokens secretTokens,
      Set<String> scimAudiences,
      GroupCommitWriter writer,
      CsObjectReader reader,
      GroupMemberReader memberReader,
      KeyDirectory keys,
      BulkConfig bulkLimits,
      Clock clock) {
    SchemaRegistry schemas = SchemaRegistry.rfc7643();
    // One cursor codec for every resource type: its timeout is what discovery advertises.
    CursorPaging cursors = new CursorPaging(clock, CursorPaging.DEFAULT_TIMEOUT);
    this.auth = new ScimAuth(connectors, verifier, secretTokens, scimAudiences);
    this.users = new UsersEndpoint(writer, reader, keys, schemas, cursors);
    this.groups = new GroupsEndpoint(writer, reader, memberReader, keys, schemas, cursors);
    this.bulk = new BulkEndpoint(bulkLimits, List.of(users.bulkTarget(), groups.bulkTarget()));
    this.discovery = new DiscoveryEndpoint(Capabilities.current(bulkLimits), served());
  }

  /** The resource types this service serves, as discovery advertises them. */
  private static List<DiscoveryEndpoint.Served> served() {
    return List.of(DiscoveryEndpoint.Served.always(CoreSchemas.USER_TYPE),
        DiscoveryEndpoint.Served.whenGroupsEnabled(CoreSchemas.GROUP_TYPE));
  }

  public void mount(Router router) {
    // Ahead of the SCIM failure handler: an oversized Bulk body is reported naming maxPayloadSize.
    router.post(BASE + "/Bulk").failureHandler(bulk::failure);
    router.post(BASE + "/Bulk/").failureHandler(bulk::failure);
    router.route(BASE).handler(auth).failureHandler(ErrorMapper::scim);
    router.route(BASE + "/*").handler(auth).failureHandler(ErrorMapper::scim);

    route(router, HttpMethod.GET, "/ServiceProviderConfig", discovery::serviceProviderConfig);
    route(router, HttpMethod.GET, "/ResourceTypes", discovery::resourceTypes);
    route(router, HttpMethod.GET, "/ResourceTypes/:resourceTypeId", discovery::resourceType);
    route(router, HttpMethod.GET, "/Schemas", discovery::schemas);
    route(router, HttpMethod.GET, "/Schemas/:schemaUrn", discovery::schema);
    route(router, HttpMethod.POST, "/.search", this::rootSearch);
    route(router, HttpMethod.POST, "/Bulk", bulk::bulk);

    route(router, HttpMethod.POST, "/Users/.search", users::searchPost);
    route(router, HttpMethod.GET, "/Users", users::list);
    route(router, HttpMethod.POST, "/Users", users::create);
    String user = BASE + "/Users/:userId";
    router.get(user).handler(users::get);
    router.put(user).handler(users::replace);
    router.patch(user).handler(users::patch);
    router.delete(user).handler(users::delete);

    router.route(BASE + "/Groups").handler(ScimRoutes::groupsEnabled);
    router.route(BASE + "/Groups/*").handler(ScimRoutes::groupsEnabled);
    route(router, HttpMethod.POST, "/Groups/.search", groups::searchPost);
    route(router, HttpMethod.GET, "/Groups", groups::list);
    route(router, HttpMethod.POST, "/Groups", groups::create);
    String group = BASE + "/Groups/:groupId";
    router.get(group).handler(groups::get);
    router.put(group).handler(groups::replace);
    router.patch(group).handler(groups::patch);
    router.delete(group).handler(groups::delete);

    // A SCIM caller authenticated by a connector credential is not a User of this connector.
    router.route(BASE + "/Me").handler(ScimRoutes::me);
    router.route(BASE + "/Me/*").handler(ScimRoutes::me);
    // Anything else under a connector's SCIM base is a SCIM 404, not the admin API's error shape.
    router.route(BASE + "/*").handler(ctx -> ctx.fail(ScimException.notFound(
        "no SCIM resource at " + ctx.normalizedPath())));
  }

  /**
   * POST {@code /.search} at the root (RFC 7644 §3.4.3): every resource type the connector serves.
   * With Groups enabled the matches are the matching Users (in the requested order) followed by the
   * matching Groups, paged across both; a filter on an attribute one type lacks matches none of it.
   */
  private void rootSearch(RoutingContext ctx) {
    if (!DiscoveryEndpoint.groupsEnabled(ScimAuth.connector(ctx))) {
      users.searchPost(ctx);
      return;
    }
    SearchRequest request = SearchRequest.fromBody(
        io.iamcore.http.Requests.jsonObject(ctx, ScimException::invalidSyntax), UsersEndpoint.MAX_PAGE);
    if (request.cursorPaging()) {
      // One cursor cannot hold a position in two resource types' orders.
      ctx.fail(ScimException.invalidValue("cursor pagination of the root .search is not offered when Groups"
          + " are served; search /Users/.search and /Groups/.search with cursors, or use startIndex"));
      return;
    }
    users.find(ctx, request)
        .compose(userPage -> {
          long afterUsers = Math.max(1, request.startIndex() - userPage.total());
          int left = request.count() - userPage.resources().size();
          return groups.find(ctx, request.page((int) Math.min(Integer.MAX_VALUE, afterUsers), left))
              .map(groupPage -> new Found(userPage.total() + groupPage.total(),
                  userPage.resources().copy().addAll(groupPage.resources())));
        })
        .compose(found -> io.iamcore.http.Responses.scim(ctx, 200,
            ListResponses.of(found.total(), request.startIndex(), found.resources())))
        .onFailure(ctx::fail);
  }

  /** {@code /Groups} exists only for connectors with {@code groupsEnabled}. */
  private static void groupsEnabled(RoutingContext ctx) {
    if (DiscoveryEndpoint.groupsEnabled(ScimAuth.connector(ctx))) {
      ctx.next();
    } else {
      ctx.fail(ScimException.notFound("no SCIM resource at " + ctx.normalizedPath()
          + ": Groups are not enabled on this connector (configuration.groupsEnabled)"));
    }
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
