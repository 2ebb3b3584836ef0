package io.iamcore.scim.bulk;

import io.iamcore.scim.ScimException;
import io.iamcore.scim.filter.JsonKeys;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One entry of a Bulk request's {@code Operations}, read without throwing: an entry that cannot
 * run keeps its error in {@code invalid} and fails alone, in its turn, like any other operation.
 *
 * @param index the position in the request
 * @param methodText the method as sent (echoed in the response), or null when not a string
 * @param method the method, or null when {@code invalid}
 * @param endpoint the resource type endpoint of the path (e.g. {@code Users}), or null
 * @param idText the path's resource id (a {@code bulkId:} reference allowed), null for POST
 * @param references the bulkIds the path and data refer to
 * @param invalid why the operation cannot run, or null
 */
record BulkOperation(
    int index,
    String methodText,
    BulkMethod method,
    String bulkId,
    String version,
    String endpoint,
    String idText,
    JsonObject data,
    Set<String> references,
    ScimException invalid) {

  BulkOperation {
    references = Set.copyOf(references);
  }

  /** Whether this operation defines {@code bulkId} for references (a POST carrying one). */
  boolean defines() {
    return bulkId != null && "POST".equalsIgnoreCase(methodText);
  }

  static BulkOperation parse(int index, JsonObject json) {
    Object methodValue = JsonKeys.get(json, "method");
    String methodText = methodValue instanceof String s ? s : null;
    Object bulkIdValue = JsonKeys.get(json, "bulkId");
    String bulkId = bulkIdValue instanceof String s && !s.isEmpty() ? s : null;
    Object versionValue = JsonKeys.get(json, "version");
    String version = versionValue instanceof String s ? s : null;
    try {
      BulkMethod method = method(methodText);
      if (bulkIdValue != null && bulkId == null) {
        throw ScimException.invalidSyntax("bulkId must be a non-empty string");
      }
      if (method == BulkMethod.POST && bulkId == null) {
        throw ScimException.invalidSyntax("bulkId is required for POST (RFC 7644 §3.7)");
      }
      if (versionValue != null && version == null) {
        throw ScimException.invalidSyntax("version must be a string (an ETag such as W/\"3\")");
      }
      BulkPath path = BulkPath.parse(JsonKeys.get(json, "path"), method);
      JsonObject data = method.needsData() ? data(JsonKeys.get(json, "data"), method) : null;
      Set<String> references = new LinkedHashSet<>();
      if (path.id() != null) {
        BulkReferences.collect(path.id(), references);
      }
      BulkReferences.collect(data, references);
      return new BulkOperation(index, methodText, method, bulkId, version, path.endpoint(), path.id(), data,
          references, null);
    } catch (ScimException e) {
      return new BulkOperation(index, methodText, null, bulkId, version, null, null, null, Set.of(), e);
    }
  }

  private static BulkMethod method(String text) {
    BulkMethod method = text == null ? null : BulkMethod.parse(text);
    if (method == null) {
      throw ScimException.invalidSyntax("method must be one of POST, PUT, PATCH or DELETE");
    }
    return method;
  }

  private static JsonObject data(Object value, BulkMethod method) {
    if (!(value instanceof JsonObject object)) {
      throw ScimException.invalidSyntax("data must be a JSON object for " + method);
    }
    return object;
  }

  /** A path relative to the SCIM base: {@code /Users} for POST, {@code /Users/{id}} otherwise. */
  private record BulkPath(String endpoint, String id) {

    static BulkPath parse(Object value, BulkMethod method) {
      if (!(value instanceof String text) || text.isBlank()) {
        throw ScimException.invalidPath("path is required, e.g. \"/Users\" or \"/Users/{id}\"");
      }
      String trimmed = text.startsWith("/") ? text.substring(1) : text;
      trimmed = trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
      String[] segments = trimmed.split("/", -1);
      for (String segment : segments) {
        if (segment.isEmpty()) {
          throw ScimException.invalidPath("path '" + echo(text) + "' has an empty segment");
        }
      }
      if (method.addressesResource() && segments.length != 2) {
        throw ScimException.invalidPath(method + " needs the path of one resource, e.g. \"/Users/{id}\"; got '"
            + echo(text) + "'");
      }
      if (!method.addressesResource() && segments.length != 1) {
        throw ScimException.invalidPath("POST needs the path of a resource type endpoint, e.g. \"/Users\"; got '"
            + echo(text) + "'");
      }
      return new BulkPath(segments[0], segments.length == 2 ? segments[1] : null);
    }
  }

  /** Client input shortened before it goes back in an error detail. */
  static String echo(String text) {
    return text.length() <= 120 ? text : text.substring(0, 120) + "…";
  }
}
