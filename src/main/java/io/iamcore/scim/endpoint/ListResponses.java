package io.iamcore.scim.endpoint;

import io.iamcore.scim.ScimSchemas;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** RFC 7644 §3.4.2 ListResponse bodies. */
final class ListResponses {

  private ListResponses() {}

  static JsonObject of(long totalResults, long startIndex, JsonArray resources) {
    return new JsonObject()
        .put("schemas", new JsonArray().add(ScimSchemas.LIST_RESPONSE))
        .put("totalResults", totalResults)
        .put("startIndex", startIndex)
        .put("itemsPerPage", resources.size())
        .put("Resources", resources);
  }
}
