package io.iamcore.scim.bulk;

import io.iamcore.scim.ScimSchemas;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The outcome of one Bulk operation, as the BulkResponse reports it (RFC 7644 §3.7.3).
 *
 * @param method the method (as sent, when it is not one we know), or null
 * @param location the resource's URL; absent only when a POST failed or the path named nothing
 * @param version the resource's ETag after a successful write (not after DELETE)
 * @param response the SCIM error body of a failed operation, else null
 */
public record BulkResult(int index, String method, String bulkId, String version, String location, int status,
    JsonObject response) {

  /** The BulkResponse body holding {@code results}, in the order given. */
  public static JsonObject responseBody(List<BulkResult> results) {
    JsonArray operations = new JsonArray();
    results.forEach(result -> operations.add(result.toJson()));
    return new JsonObject()
        .put("schemas", new JsonArray().add(ScimSchemas.BULK_RESPONSE))
        .put("Operations", operations);
  }

  public boolean failed() {
    return status >= 400;
  }

  JsonObject toJson() {
    JsonObject json = new JsonObject();
    putIfPresent(json, "method", method);
    putIfPresent(json, "bulkId", bulkId);
    putIfPresent(json, "version", version);
    putIfPresent(json, "location", location);
    json.put("status", String.valueOf(status));
    if (response != null) {
      json.put("response", response);
    }
    return json;
  }

  private static void putIfPresent(JsonObject json, String key, String value) {
    if (value != null) {
      json.put(key, value);
    }
  }
}
