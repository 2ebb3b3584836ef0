package io.iamcore.connector;

import io.iamcore.http.ApiException;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.UUID;

/** Validates and completes a connector's {@code configuration} for its template. */
final class ScimSettings {

  static final String DEFAULT_AUTHENTICATION = "entraOrSecret";
  private static final Set<String> AUTHENTICATIONS = Set.of("entra", "secret", "entraOrSecret");
  private static final Set<String> KEYS = Set.of("tenantId", "authentication", "groupsEnabled");

  private ScimSettings() {}

  /**
   * The complete configuration for {@code template}, with defaults filled in.
   *
   * @param callerTenant the tenant creating the connector; a SCIM connector only accepts tokens of
   *     its own tenant, so {@code tenantId} may be omitted but not point elsewhere
   */
  static JsonObject complete(Connector.Template template, JsonObject given, UUID callerTenant) {
    JsonObject config = given == null ? new JsonObject() : given;
    if (template == Connector.Template.API) {
      if (!config.isEmpty()) {
        throw ApiException.badRequest("an API connector takes no configuration; send {} or omit it");
      }
      return new JsonObject();
    }
    for (String key : config.fieldNames()) {
      if (!KEYS.contains(key)) {
        throw ApiException.badRequest(
            "configuration." + key + " is not a SCIM connector setting; known: " + KEYS);
      }
    }
    Object tenant = config.getValue("tenantId", callerTenant.toString());
    if (!(tenant instanceof String t) || !t.equalsIgnoreCase(callerTenant.toString())) {
      throw ApiException.badRequest(
          "configuration.tenantId must be your own tenant id " + callerTenant);
    }
    Object authentication = config.getValue("authentication", DEFAULT_AUTHENTICATION);
    if (!(authentication instanceof String a) || !AUTHENTICATIONS.contains(a)) {
      throw ApiException.badRequest(
          "configuration.authentication must be one of " + AUTHENTICATIONS + ", got " + authentication);
    }
    Object groups = config.getValue("groupsEnabled", false);
    if (!(groups instanceof Boolean)) {
      throw ApiException.badRequest("configuration.groupsEnabled must be true or false, got " + groups);
    }
    return new JsonObject()
        .put("tenantId", callerTenant.toString())
        .put("authentication", authentication)
        .put("groupsEnabled", groups);
  }
}
