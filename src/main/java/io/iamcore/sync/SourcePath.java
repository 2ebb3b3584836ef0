package io.iamcore.sync;

import io.iamcore.http.ApiException;
import io.iamcore.scim.ScimException;
import io.iamcore.scim.filter.AttrPath;
import io.iamcore.scim.filter.FilterEvaluator;
import io.iamcore.scim.filter.JsonKeys;
import io.iamcore.scim.patch.PatchPath;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A compiled attribute path into a source document, using SCIM path syntax: {@code userName},
 * {@code name.givenName}, {@code emails[type eq "work"].value},
 * {@code urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber}. Names are
 * case-insensitive. A multi-valued attribute yields its first selected value (the {@code primary}
 * one when no filter is given).
 */
public final class SourcePath {

  private final PatchPath path;
  private final FilterEvaluator evaluator = new FilterEvaluator();

  private SourcePath(PatchPath path) {
    this.path = path;
  }

  static SourcePath parse(String text, String where) {
    try {
      return new SourcePath(PatchPath.parse(text));
    } catch (ScimException e) {
      throw ApiException.badRequest(where + " is not an attribute path: " + e.detail());
    }
  }

  /** The value as a string, or null. */
  String read(JsonObject doc) {
    AttrPath attr = path.attribute();
    Object container = doc;
    if (attr.schemaUrn() != null) {
      container = JsonKeys.get(doc, attr.schemaUrn());
      if (!(container instanceof JsonObject)) {
        return null;
      }
    }
    Object value = JsonKeys.get((JsonObject) container, attr.attribute());
    if (value instanceof JsonArray array) {
      value = select(array, attr);
    }
    if (attr.subAttribute() != null) {
      value = value instanceof JsonObject object ? JsonKeys.get(object, attr.subAttribute()) : null;
    }
    if (value == null || value instanceof JsonObject || value instanceof JsonArray) {
      return null;
    }
    String text = String.valueOf(value);
    return text.isEmpty() ? null : text;
  }

  private Object select(JsonArray array, AttrPath attr) {
    Object first = null;
    for (Object element : array) {
      if (path.valueFilter() != null) {
        if (evaluator.matchesElement(path.valueFilter(), attr.parent(), element)) {
          return element;
        }
      } else {
        if (element instanceof JsonObject object && Boolean.TRUE.equals(object.getValue("primary"))) {
          return element;
        }
        if (first == null) {
          first = element;
        }
      }
    }
    return path.valueFilter() != null ? null : first;
  }
}
