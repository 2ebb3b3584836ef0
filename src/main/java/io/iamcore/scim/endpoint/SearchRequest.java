package io.iamcore.scim.endpoint;

import io.iamcore.http.Requests;
import io.iamcore.scim.ScimException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A list or search query (RFC 7644 §3.4.2 query parameters, §3.4.3 {@code SearchRequest} body):
 * both forms end here so that GET and POST {@code .search} behave the same.
 *
 * @param filter the filter text, or {@code null}
 * @param sortBy the attribute path to sort by, or {@code null} (id order)
 * @param startIndex 1-based, at least 1
 * @param count 0 to {@code max}
 * @param cursor RFC 9865: {@code null} for index pagination, {@code ""} for the first page of a
 *     cursor walk, else a {@code nextCursor}/{@code previousCursor} this server returned
 */
record SearchRequest(String filter, String sortBy, boolean descending, int startIndex, int count,
    String cursor, List<String> attributes, List<String> excludedAttributes) {

  static final String SEARCH_REQUEST_URN = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";
  static final int DEFAULT_COUNT = 100;

  SearchRequest {
    attributes = List.copyOf(attributes);
    excludedAttributes = List.copyOf(excludedAttributes);
  }

  /** The same query for another page (the root search pages Users, then Groups). */
  SearchRequest page(int newStartIndex, int newCount) {
    return new SearchRequest(filter, sortBy, descending, newStartIndex, newCount, null, attributes,
        excludedAttributes);
  }

  /** From the query string of a GET. Out-of-range numbers are clamped (PRODUCT.md §6). */
  static SearchRequest fromQuery(RoutingContext ctx, int max) {
    String cursor = ctx.request().getParam("cursor");
    requireOnePaginationMethod(cursor, ctx.request().getParam("startIndex"));
    return new SearchRequest(
        blankToNull(ctx.request().getParam("filter")),
        blankToNull(ctx.request().getParam("sortBy")),
        descending(ctx.request().getParam("sortOrder")),
        Requests.clampedInt(ctx, "startIndex", 1, 1, Integer.MAX_VALUE, ScimException::invalidValue),
        Requests.clampedInt(ctx, "count", DEFAULT_COUNT, 0, max, ScimException::invalidValue),
        cursor == null ? null : cursor.strip(),
        names(ctx.request().getParam("attributes")),
        names(ctx.request().getParam("excludedAttributes")));
  }

  /**
   * From a POST {@code .search} body. The {@code schemas} member, when present, must name the
   * SearchRequest message; a body without it is accepted, as most servers do.
   */
  static SearchRequest fromBody(JsonObject body, int max) {
    Object schemas = body.getValue("schemas");
    if (schemas != null && !(schemas instanceof JsonArray array && array.contains(SEARCH_REQUEST_URN))) {
      throw ScimException.invalidValue("schemas must be [\"" + SEARCH_REQUEST_URN + "\"]");
    }
    Object cursor = body.getValue("cursor");
    if (cursor != null && !(cursor instanceof String)) {
      throw ScimException.invalidCursor("cursor must be a string");
    }
    requireOnePaginationMethod((String) cursor, body.getValue("startIndex"));
    return new SearchRequest(
        blankToNull(string(body, "filter")),
        blankToNull(string(body, "sortBy")),
        descending(string(body, "sortOrder")),
        clamp(body, "startIndex", 1, 1, Integer.MAX_VALUE),
        clamp(body, "count", DEFAULT_COUNT, 0, max),
        cursor == null ? null : ((String) cursor).strip(),
        list(body, "attributes"),
        list(body, "excludedAttributes"));
  }

  /** True for a cursor walk (RFC 9865), false for index pagination (RFC 7644 §3.4.2.4, the default). */
  boolean cursorPaging() {
    return cursor != null;
  }

  /**
   * RFC 9865 (servers supporting both methods): a client picks a pagination method with {@code startIndex} or {@code cursor};
   * a page cannot be both an index and a cursor position.
   */
  private static void requireOnePaginationMethod(String cursor, Object startIndex) {
    if (cursor != null && startIndex != null) {
      throw ScimException.invalidValue("startIndex and cursor cannot be combined: send startIndex for index"
          + " pagination or cursor for cursor pagination (RFC 9865)");
    }
  }

  private static boolean descending(String sortOrder) {
    if (sortOrder == null || sortOrder.isBlank() || sortOrder.equalsIgnoreCase("ascending")) {
      return false;
    }
    if (sortOrder.equalsIgnoreCase("descending")) {
      return true;
    }
    throw ScimException.invalidValue("sortOrder must be ascending or descending, got '" + sortOrder + "'");
  }

  private static String string(JsonObject body, String name) {
    Object value = body.getValue(name);
    if (value != null && !(value instanceof String)) {
      throw ScimException.invalidValue(name + " must be a string");
    }
    return (String) value;
  }

  private static int clamp(JsonObject body, String name, int fallback, int min, int max) {
    Object value = body.getValue(name);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())) {
      throw ScimException.invalidValue(name + " must be a whole number");
    }
    return (int) Math.max(min, Math.min(max, number.longValue()));
  }

  /** A JSON array of names, or (leniently) one comma-separated string as in a query string. */
  private static List<String> list(JsonObject body, String name) {
    Object value = body.getValue(name);
    if (value == null) {
      return List.of();
    }
    if (value instanceof String s) {
      return names(s);
    }
    if (value instanceof JsonArray array) {
      List<String> out = new ArrayList<>();
      for (Object item : array) {
        if (!(item instanceof String s)) {
          throw ScimException.invalidValue(name + " must be an array of attribute names");
        }
        out.addAll(names(s));
      }
      return out;
    }
    throw ScimException.invalidValue(name + " must be an array of attribute names");
  }

  /** A comma-separated list of attribute names, trimmed, blanks dropped. */
  static List<String> names(String param) {
    if (param == null || param.isBlank()) {
      return List.of();
    }
    return Arrays.stream(param.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
