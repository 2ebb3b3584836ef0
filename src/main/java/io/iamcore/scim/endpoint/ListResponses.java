package io.iamcore.scim.endpoint;

import io.iamcore.scim.ScimSchemas;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** RFC 7644 §3.4.2 ListResponse bodies. */
final class ListResponses {

  private ListResponses() {}

  /** The ListResponse for {@code found}: a cursor page if {@code request} pages by cursor, else an index page. */
  static JsonObject of(Found found, SearchRequest request) {
    return request.cursorPaging()
        ? cursorPage(found.total(), found.resources(), found.nextCursor(), found.previousCursor())
        : of(found.total(), request.startIndex(), found.resources());
  }

  static JsonObject of(long totalResults, long startIndex, JsonArray resources) {
    return new JsonObject()
        .put("schemas", new JsonArray().add(ScimSchemas.LIST_RESPONSE))
        .put("totalResults", totalResults)
        .put("startIndex", startIndex)
        .put("itemsPerPage", resources.size())
        .put("Resources", resources);
  }

  /**
   * A page of a cursor walk (RFC 9865): no {@code startIndex}; {@code nextCursor} only when another
   * page follows (its absence is what says this is the last page), {@code previousCursor} only when
   * one precedes.
   */
  static JsonObject cursorPage(long totalResults, JsonArray resources, String nextCursor, String previousCursor) {
    JsonObject page = new JsonObject()
        .put("schemas", new JsonArray().add(ScimSchemas.LIST_RESPONSE))
        .put("totalResults", totalResults)
        .put("itemsPerPage", resources.size());
    if (nextCursor != null) {
      page.put("nextCursor", nextCursor);
    }
    if (previousCursor != null) {
      page.put("previousCursor", previousCursor);
    }
    return page.put("Resources", resources);
  }
}
