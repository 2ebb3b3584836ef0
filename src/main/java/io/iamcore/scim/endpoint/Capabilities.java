package io.iamcore.scim.endpoint;

import io.iamcore.config.BulkConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * What this SCIM service supports, as ServiceProviderConfig advertises it (RFC 7643 §5). Only what
 * works is advertised: change a flag here in the same change that makes the feature work.
 *
 * @param maxResults the most resources one list or search answer holds ({@code count} is capped to it)
 * @param sort whether {@code sortBy}/{@code sortOrder} are honoured
 * @param bulkMaxOperations {@code 0}: Bulk is not supported
 * @param bulkMaxPayloadBytes {@code 0} when Bulk is not supported
 */
record Capabilities(int maxResults, boolean sort, int bulkMaxOperations, int bulkMaxPayloadBytes) {

  static final String SERVICE_PROVIDER_CONFIG_URN =
      "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";

  /** Today: PATCH, filters, sorting, ETags and Bulk with {@code bulk}'s limits; no password change. */
  static Capabilities current(BulkConfig bulk) {
    return new Capabilities(UsersEndpoint.MAX_PAGE, true, bulk.maxOperations(), bulk.maxPayloadBytes());
  }

  JsonObject toJson(String location) {
    return new JsonObject()
        .put("schemas", new JsonArray().add(SERVICE_PROVIDER_CONFIG_URN))
        .put("patch", supported(true))
        .put("bulk", supported(bulkMaxOperations > 0)
            .put("maxOperations", bulkMaxOperations)
            .put("maxPayloadSize", bulkMaxPayloadBytes))
        .put("filter", supported(true).put("maxResults", maxResults))
        .put("changePassword", supported(false))
        .put("sort", supported(sort))
        .put("etag", supported(true))
        .put("authenticationSchemes", new JsonArray().add(new JsonObject()
            .put("type", "oauthbearertoken")
            .put("name", "OAuth Bearer Token")
            .put("description", "An Entra ID provisioning token or the connector's secret token,"
                + " sent as 'Authorization: Bearer <token>'")
            .put("specUri", "https://www.rfc-editor.org/info/rfc6750")
            .put("primary", true)))
        .put("meta", new JsonObject()
            .put("resourceType", "ServiceProviderConfig")
            .put("location", location));
  }

  private static JsonObject supported(boolean supported) {
    return new JsonObject().put("supported", supported);
  }
}
