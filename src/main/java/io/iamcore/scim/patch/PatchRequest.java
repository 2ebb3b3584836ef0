package io.iamcore.scim.patch;

import io.iamcore.scim.ScimException;
import io.iamcore.scim.filter.JsonKeys;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a {@code urn:ietf:params:scim:api:messages:2.0:PatchOp} body into operations, checking
 * everything that can be checked without the resource, so that a malformed request fails before
 * anything is read or locked.
 *
 * <p>Tolerated on purpose: any key order (Entra's tutorial sends {@code Operations} before
 * {@code schemas}); {@code op} in any case (Entra's legacy dialect sends {@code Add},
 * {@code Replace}, {@code Remove}); member names {@code Operations}/{@code op}/{@code path}/
 * {@code value} in any case (SCIM names are case-insensitive).
 */
public final class PatchRequest {

  public static final String PATCH_OP_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
  public static final int MAX_OPERATIONS = 1000;

  private PatchRequest() {}

  /**
   * @throws ScimException {@code invalidSyntax} for a malformed body or op, {@code invalidPath} for
   *     an unparsable path, {@code noTarget} for a remove without a path, {@code invalidValue} for
   *     an add or replace without a value
   */
  public static List<PatchOperation> parse(JsonObject body) {
    if (body == null) {
      throw ScimException.invalidSyntax("the PATCH body is empty");
    }
    requirePatchSchema(body);
    Object operations = JsonKeys.get(body, "Operations");
    if (!(operations instanceof JsonArray) || ((JsonArray) operations).isEmpty()) {
      throw ScimException.invalidSyntax("'Operations' must be a non-empty array");
    }
    JsonArray array = (JsonArray) operations;
    if (array.size() > MAX_OPERATIONS) {
      throw ScimException.invalidSyntax(
          "the request has " + array.size() + " operations; the limit is " + MAX_OPERATIONS);
    }
    List<PatchOperation> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      Object op = array.getValue(i);
      if (!(op instanceof JsonObject)) {
        throw ScimException.invalidSyntax("Operations[" + i + "] is not an object");
      }
      out.add(parseOperation((JsonObject) op, i));
    }
    return List.copyOf(out);
  }

  private static void requirePatchSchema(JsonObject body) {
    Object schemas = JsonKeys.get(body, "schemas");
    if (schemas instanceof JsonArray) {
      for (Object schema : (JsonArray) schemas) {
        if (schema instanceof String && PATCH_OP_SCHEMA.equalsIgnoreCase((String) schema)) {
          return;
        }
      }
    }
    throw ScimException.invalidSyntax("'schemas' must contain " + PATCH_OP_SCHEMA);
  }

  private static PatchOperation parseOperation(JsonObject op, int index) {
    Object name = JsonKeys.get(op, "op");
    if (!(name instanceof String)) {
      throw ScimException.invalidSyntax("Operations[" + index + "] has no 'op'");
    }
    PatchPath path = parsePath(JsonKeys.get(op, "path"), index);
    Object value = copy(JsonKeys.get(op, "value"));
    switch (((String) name).toLowerCase(Locale.ROOT)) {
      case "add":
        return new PatchOperation.Add(path, requireValue(value, "add", index));
      case "replace":
        return new PatchOperation.Replace(path, requireValue(value, "replace", index));
      case "remove":
        if (path == null) {
          // RFC 7644 §3.5.2.2: "If "path" is unspecified, the operation fails with HTTP status
          // code 400 and a "scimType" error code of "noTarget"."
          throw ScimException.noTarget("Operations[" + index + "]: remove needs a 'path'");
        }
        return new PatchOperation.Remove(path, value);
      default:
        throw ScimException.invalidSyntax("Operations[" + index + "] has an unknown op '"
            + PatchEcho.of((String) name) + "'; expected add, replace or remove");
    }
  }

  private static PatchPath parsePath(Object path, int index) {
    if (path == null || (path instanceof String && ((String) path).isBlank())) {
      return null;
    }
    if (!(path instanceof String)) {
      throw ScimException.invalidPath("Operations[" + index + "]: 'path' must be a string");
    }
    return PatchPath.parse((String) path);
  }

  private static Object requireValue(Object value, String op, int index) {
    if (value == null) {
      throw ScimException.invalidValue("Operations[" + index + "]: " + op + " needs a 'value'");
    }
    return value;
  }

  private static Object copy(Object value) {
    if (value instanceof JsonObject) {
      return ((JsonObject) value).copy();
    }
    if (value instanceof JsonArray) {
      return ((JsonArray) value).copy();
    }
    return value;
  }
}
