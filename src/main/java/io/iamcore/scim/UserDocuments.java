package io.iamcore.scim;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * Turns a client's User body into the document we store: the attributes exactly as sent, minus
 * what the server owns ({@code id}, {@code meta}) and minus explicit nulls, which RFC 7643 §2.5
 * treats as unassigned (Entra's older jobs send {@code "title": null}).
 */
public final class UserDocuments {

  static final int MAX_USERNAME_LENGTH = 1024;
  private static final int MAX_DEPTH = 16;

  private UserDocuments() {}

  /**
   * Validates {@code body} as a User for POST or PUT and returns the document to store.
   *
   * @throws ScimException invalidSyntax / invalidValue naming the attribute
   */
  public static JsonObject fromRequest(JsonObject body) {
    JsonArray schemas = schemas(body);
    if (!containsIgnoreCase(schemas, ScimSchemas.USER)) {
      throw ScimException.invalidValue("schemas must include " + ScimSchemas.USER);
    }
    JsonObject doc = new JsonObject();
    for (Map.Entry<String, Object> entry : body) {
      String key = entry.getKey();
      if (key.equalsIgnoreCase("id") || key.equalsIgnoreCase("meta") || entry.getValue() == null) {
        continue;
      }
      doc.put(key, clean(entry.getValue(), key, 1));
    }
    userName(doc);
    Object active = find(doc, "active");
    if (active != null) {
      doc.put(keyOf(doc, "active"), EntraBooleans.coerce("active", active));
    }
    Object externalId = find(doc, "externalId");
    if (externalId != null && !(externalId instanceof String)) {
      throw ScimException.invalidValue("externalId must be a string");
    }
    return doc;
  }

  /** The document's userName; present and a non-blank string in every stored User. */
  public static String userName(JsonObject doc) {
    Object value = find(doc, "userName");
    if (!(value instanceof String name) || name.isBlank()) {
      throw ScimException.invalidValue("userName is required and must be a non-empty string");
    }
    if (name.length() > MAX_USERNAME_LENGTH) {
      throw ScimException.invalidValue("userName is longer than " + MAX_USERNAME_LENGTH + " characters");
    }
    return name;
  }

  /** The document's externalId, or null. */
  public static String externalId(JsonObject doc) {
    return find(doc, "externalId") instanceof String s ? s : null;
  }

  /** Attribute names are case-insensitive (RFC 7643 §2.1). */
  static Object find(JsonObject doc, String name) {
    String key = keyOf(doc, name);
    return key == null ? null : doc.getValue(key);
  }

  private static String keyOf(JsonObject doc, String name) {
    if (doc.containsKey(name)) {
      return name;
    }
    for (String key : doc.fieldNames()) {
      if (key.equalsIgnoreCase(name)) {
        return key;
      }
    }
    return null;
  }

  static JsonArray schemas(JsonObject body) {
    Object schemas = body.getValue("schemas");
    if (!(schemas instanceof JsonArray array) || array.isEmpty()) {
      throw ScimException.invalidValue("schemas is required: a non-empty array of schema URNs");
    }
    for (Object schema : array) {
      if (!(schema instanceof String)) {
        throw ScimException.invalidValue("schemas must contain only strings");
      }
    }
    return array;
  }

  static boolean containsIgnoreCase(JsonArray array, String value) {
    for (Object item : array) {
      if (value.equalsIgnoreCase((String) item)) {
        return true;
      }
    }
    return false;
  }

  /** Drops nulls, bounds depth, and refuses NUL characters (PostgreSQL's jsonb cannot hold them). */
  static Object clean(Object value, String path, int depth) {
    if (depth > MAX_DEPTH) {
      throw ScimException.invalidValue(path + " is nested too deeply");
    }
    if (value instanceof JsonObject object) {
      JsonObject copy = new JsonObject();
      for (Map.Entry<String, Object> entry : object) {
        if (entry.getValue() != null) {
          copy.put(entry.getKey(), clean(entry.getValue(), path + "." + entry.getKey(), depth + 1));
        }
      }
      return copy;
    }
    if (value instanceof JsonArray array) {
      JsonArray copy = new JsonArray();
      for (Object item : array) {
        if (item != null) {
          copy.add(clean(item, path, depth + 1));
        }
      }
      return copy;
    }
    if (value instanceof String s && s.indexOf('\u0000') >= 0) {
      throw ScimException.invalidValue(path + " contains a NUL character");
    }
    return value;
  }
}
