package io.iamcore.scim.filter;

import io.vertx.core.json.JsonObject;

/**
 * Case-insensitive key lookup in a {@link JsonObject}. SCIM attribute names are case-insensitive
 * (RFC 7643 §2.1) but stored resources keep the client's spelling, so an exact {@code get} misses
 * {@code USERNAME} vs {@code userName}. The exact key is tried first: it is the common case.
 */
public final class JsonKeys {

  private JsonKeys() {}

  /** The stored spelling of {@code name} in {@code object}, or {@code null} when absent. */
  public static String find(JsonObject object, String name) {
    if (object.containsKey(name)) {
      return name;
    }
    for (String key : object.fieldNames()) {
      if (key.equalsIgnoreCase(name)) {
        return key;
      }
    }
    return null;
  }

  /** The value stored under {@code name} in any case, or {@code null}. */
  public static Object get(JsonObject object, String name) {
    String key = find(object, name);
    return key == null ? null : object.getValue(key);
  }
}
