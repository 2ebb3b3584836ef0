package io.iamcore.scim.patch;

import io.iamcore.scim.ScimException;
import io.iamcore.scim.filter.JsonKeys;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * What Microsoft Entra ID sends that RFC 7644 does not describe, and how we read it. Each quirk
 * quotes the request from {@code shared/entra-corpus/requests}.
 */
final class EntraPatchQuirks {

  private EntraPatchQuirks() {}

  /**
   * Legacy dialect (fixtures 17, 20): {@code {"op":"Replace","path":"active","value":"False"}}.
   * The string, in any case, is stored as the boolean RFC 7643 defines; real booleans pass through.
   */
  static Object activeValue(Object value) {
    if (value instanceof String) {
      String s = ((String) value).strip();
      if (s.equalsIgnoreCase("true")) {
        return Boolean.TRUE;
      }
      if (s.equalsIgnoreCase("false")) {
        return Boolean.FALSE;
      }
    }
    if (!(value instanceof Boolean)) {
      throw ScimException.invalidValue("'active' must be a boolean");
    }
    return value;
  }

  /**
   * The enterprise {@code manager} is complex ({@code {"value": id}}) in RFC 7643 but Entra sends:
   * <ul>
   *   <li>a bare id (fixture 21):
   *       {@code {"op":"add","path":"urn:…:enterprise:2.0:User:manager","value":"c4a9e2f0-…"}};
   *   <li>the tutorial's multi-valued form (fixture 22):
   *       {@code {"op":"Add","path":"manager","value":[{"$ref":"https://…/Users/e1d2…","value":"e1d2…"}]}}.
   * </ul>
   * Both become {@code {"value": id}}: Entra re-sends the PATCH every cycle unless it reads the
   * manager back in that shape (azure-docs#11784). An object passes through unchanged.
   */
  static Object managerValue(Object value) {
    if (value instanceof String) {
      return new JsonObject().put("value", value);
    }
    if (value instanceof JsonArray) {
      JsonArray array = (JsonArray) value;
      if (array.size() == 1 && array.getValue(0) instanceof JsonObject) {
        Object id = JsonKeys.get(array.getJsonObject(0), "value");
        if (id instanceof String) {
          return new JsonObject().put("value", id);
        }
      }
      throw ScimException.invalidValue("'manager' must be one manager, as an id or {\"value\": id}");
    }
    return value;
  }

  /**
   * Legacy dialect (fixture 29): {@code {"op":"Remove","path":"members","value":[{"$ref":null,
   * "value":"9a8b…"}]}}. RFC 7644 §3.5.2.2 would remove every member; Entra means "remove these".
   * True when a remove without a filter carries values and targets a multi-valued attribute.
   */
  static boolean isRemovalOfListedValues(Object removeValue, Object existing) {
    return existing instanceof JsonArray
        && (removeValue instanceof JsonArray || removeValue instanceof JsonObject);
  }
}
