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
 * @param defaultPageSize the page size when a list or search does not say {@code count}
 * @param cursorTimeoutSeconds how long a cursor stays valid between pages (RFC 9865)
 */
record Capabilities(int maxResults, boolean sort, int bulkMaxOperations, int bulkMaxPayloadBytes,
    int defaultPageSize, long cursorTimeoutSeconds) {

  static final String SERVICE_PROVIDER_CONFIG_URN =
      "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";

  /**
   * Today: PATCH, filters, sorting, ETags, Bulk with {@code bulk}'s limits, index and cursor
   * pagination (index the default, as RFC 9865 recommends for servers that had it first); no
   * password change.
   */
  static Capabilities current(BulkConfig bulk) {
    return new Capabilities(UsersEndpoint.MAX_PAGE, true, bulk.maxOperations(), bulk.maxPayloadBytes(),
        SearchRequest.DEFAULT_COUNT, CursorPaging.DEFAULT_TIMEOUT.toSeconds());
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
        .put("pagination", new JsonObject()
            .put("cursor", true)
            .put("index", true)
            .put("defaultPaginationMethod", "index")
            .put("defaultPageSize", defaultPageSize)
            .put("maxPageSize", maxResults)
            .put("cursorTimeout", cursorTimeoutSeconds))
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
