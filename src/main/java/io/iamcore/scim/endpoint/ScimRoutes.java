package io.iamcore.scim.endpoint;

import io.iamcore.auth.SecretTokens;
import io.iamcore.auth.TokenVerifier;
import io.iamcore.connector.ConnectorService;
import io.iamcore.http.ErrorMapper;
import io.iamcore.scim.ScimException;
import io.iamcore.store.CsObjectReader;
import io.iamcore.store.GroupCommitWriter;
import io.iamcore.store.KeyDirectory;
import io.vertx.ext.web.Router;
import java.util.Set;

/** The SCIM 2.0 service of each connector: {@code /iamcore/beta/sync/connectors/{id}/scim/}. */
public final class ScimRoutes {

  public static final String BASE = "/iamcore/beta/sync/connectors/:connectorId/scim";

  private final ScimAuth auth;
  private final UsersEndpoint users;

  public ScimRoutes(
      ConnectorService connectors,
      TokenVerifier verifier,
      SecretTokens secretTokens,
      Set<String> scimAudiences,
      GroupCommitWriter writer,
      CsObjectReader reader,
      KeyDirectory keys) {
    this.auth = new ScimAuth(connectors, verifier, secretTokens, scimAudiences);
    this.users = new UsersEndpoint(writer, reader, keys);
  }

  public void mount(Router router) {
    router.route(BASE).handler(auth).failureHandler(ErrorMapper::scim);
    router.route(BASE + "/*").handler(auth).failureHandler(ErrorMapper::scim);
    for (String users : new String[] {BASE + "/Users", BASE + "/Users/"}) {
      router.get(users).handler(this.users::list);
      router.post(users).handler(this.users::create);
    }
    String user = BASE + "/Users/:userId";
    router.get(user).handler(users::get);
    router.put(user).handler(users::replace);
    router.patch(user).handler(users::patch);
    router.delete(user).handler(users::delete);
    // Anything else under a connector's SCIM base is a SCIM 404, not the admin API's error shape.
    router.route(BASE + "/*").handler(ctx -> ctx.fail(ScimException.notFound(
        "no SCIM resource at " + ctx.normalizedPath() + " (this connector serves /Users)")));
  }
}
