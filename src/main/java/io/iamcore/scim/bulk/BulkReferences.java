package io.iamcore.scim.bulk;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;

/**
 * {@code bulkId:<id>} references (RFC 7644 §3.7.2): a JSON string value, or a path's id segment,
 * that is exactly {@code "bulkId:"} followed by the bulkId of a POST in the same request. They are
 * replaced by the id the server gave the created resource. Keys are never references.
 */
final class BulkReferences {

  static final String PREFIX = "bulkId:";

  private BulkReferences() {}

  /** The bulkId {@code text} refers to, or null when it is not a reference. */
  static String referenced(String text) {
    return text.startsWith(PREFIX) && text.length() > PREFIX.length() ? text.substring(PREFIX.length()) : null;
  }

  /** Adds every bulkId referenced anywhere in {@code value} to {@code into}. */
  static void collect(Object value, Set<String> into) {
    if (value instanceof String text) {
      String bulkId = referenced(text);
      if (bulkId != null) {
        into.add(bulkId);
      }
    } else if (value instanceof JsonObject object) {
      object.forEach(entry -> collect(entry.getValue(), into));
    } else if (value instanceof JsonArray array) {
      array.forEach(item -> collect(item, into));
    }
  }

  /**
   * A copy of {@code value} with every reference replaced by its id in {@code ids}; the caller has
   * checked that {@code ids} holds every bulkId {@link #collect} found.
   */
  static Object resolve(Object value, Map<String, String> ids) {
    if (value instanceof String text) {
      String bulkId = referenced(text);
      return bulkId == null ? text : ids.get(bulkId);
    }
    if (value instanceof JsonObject object) {
      JsonObject copy = new JsonObject();
      object.forEach(entry -> copy.put(entry.getKey(), resolve(entry.getValue(), ids)));
      return copy;
    }
    if (value instanceof JsonArray array) {
      JsonArray copy = new JsonArray();
      array.forEach(item -> copy.add(resolve(item, ids)));
      return copy;
    }
    return value;
  }
}
