package io.iamcore.scim.patch;

import io.iamcore.scim.filter.JsonKeys;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * JSON helpers for PATCH values: copying without nulls, merging complex values, and the
 * multi-valued rules of RFC 7644 §3.5.2.1 (an add of a value already present changes nothing) and
 * RFC 7643 §2.4 (at most one {@code "primary": true}).
 */
final class JsonValues {

  private JsonValues() {}

  /**
   * A deep copy of a client value without null members or elements. RFC 7643 §2.5 makes null the
   * same as unassigned, and Entra sends {@code "$ref": null} on every member (fixture 28).
   */
  static Object clean(Object value) {
    if (value instanceof JsonObject) {
      JsonObject out = new JsonObject();
      for (Map.Entry<String, Object> e : (JsonObject) value) {
        Object v = clean(e.getValue());
        if (v != null) {
          out.put(e.getKey(), v);
        }
      }
      return out;
    }
    if (value instanceof JsonArray) {
      JsonArray out = new JsonArray();
      for (Object element : (JsonArray) value) {
        Object v = clean(element);
        if (v != null) {
          out.add(v);
        }
      }
      return out;
    }
    if (value instanceof Map || value instanceof List) {
      return clean(value instanceof Map ? new JsonObject(cast(value)) : new JsonArray((List<?>) value));
    }
    return value;
  }

  /** {@code value} as an array: itself, or a one-element array around it. Cleaned. */
  static JsonArray asArray(Object value) {
    Object cleaned = clean(value);
    return cleaned instanceof JsonArray ? (JsonArray) cleaned : new JsonArray().add(cleaned);
  }

  /**
   * Puts each member of {@code from} into {@code into}, keeping the existing spelling of keys
   * matched case-insensitively; a null member removes the sub-attribute.
   */
  static void merge(JsonObject into, JsonObject from) {
    for (Map.Entry<String, Object> e : from) {
      String existing = JsonKeys.find(into, e.getKey());
      String key = existing == null ? e.getKey() : existing;
      Object v = clean(e.getValue());
      if (v == null) {
        into.remove(key);
      } else {
        into.put(key, v);
      }
    }
  }

  /**
   * Adds each incoming value to {@code array} unless an equal one is there; an equal complex value
   * absorbs the incoming sub-attributes instead. Returns the values added or updated.
   */
  static List<Object> addAll(JsonArray array, JsonArray incoming) {
    List<Object> touched = new ArrayList<>();
    for (Object value : incoming) {
      Object same = findSame(array, value);
      if (same == null) {
        array.add(value);
        touched.add(value);
      } else if (same instanceof JsonObject && value instanceof JsonObject) {
        merge((JsonObject) same, (JsonObject) value);
        touched.add(same);
      }
    }
    return touched;
  }

  private static Object findSame(JsonArray array, Object value) {
    for (Object element : array) {
      if (sameValue(element, value)) {
        return element;
      }
    }
    return null;
  }

  /**
   * Two values of a multi-valued attribute are the same when equal, or when both are complex with
   * equal {@code value} sub-attributes and no conflicting {@code type}: a member with and without
   * {@code display} is one member; a work and a home email with one address are two.
   */
  static boolean sameValue(Object a, Object b) {
    if (a instanceof JsonObject && b instanceof JsonObject) {
      JsonObject x = (JsonObject) a;
      JsonObject y = (JsonObject) b;
      Object xv = JsonKeys.get(x, "value");
      Object yv = JsonKeys.get(y, "value");
      if (xv == null || yv == null) {
        return x.equals(y);
      }
      Object xt = JsonKeys.get(x, "type");
      Object yt = JsonKeys.get(y, "type");
      boolean typesAgree = xt == null || yt == null
          || (xt instanceof String && yt instanceof String && ((String) xt).equalsIgnoreCase((String) yt));
      return scalarEquals(xv, yv) && typesAgree;
    }
    return scalarEquals(a, b);
  }

  static boolean scalarEquals(Object a, Object b) {
    if (a instanceof Number && b instanceof Number) {
      return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
    }
    return Objects.equals(a, b);
  }

  /**
   * RFC 7643 §2.4: "The primary attribute value 'true' MUST appear no more than once." When one of
   * {@code touched} is now primary, every other value stops being primary.
   */
  static void keepOnePrimary(JsonArray array, List<Object> touched) {
    Object winner = null;
    for (Object value : touched) {
      if (value instanceof JsonObject && Boolean.TRUE.equals(JsonKeys.get((JsonObject) value, "primary"))) {
        winner = value;
      }
    }
    if (winner == null) {
      return;
    }
    for (Object value : array) {
      if (value != winner && value instanceof JsonObject) {
        JsonObject element = (JsonObject) value;
        String key = JsonKeys.find(element, "primary");
        if (key != null && Boolean.TRUE.equals(element.getValue(key))) {
          element.put(key, false);
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Object map) {
    return (Map<String, Object>) map;
  }
}
