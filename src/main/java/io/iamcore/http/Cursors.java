package io.iamcore.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import java.util.Base64;
import java.util.UUID;

/** Opaque {@code nextCursor} values of the admin lists: the last key seen, base64url-encoded. */
public final class Cursors {

  /** Sorts before every UUID in PostgreSQL's (unsigned, bytewise) uuid order. */
  public static final UUID FIRST_UUID = new UUID(0, 0);

  private Cursors() {}

  /**
   * The admin list body {@code {"items": […], "nextCursor": …}} from rows fetched in key order
   * with {@code LIMIT limit + 1}: the extra row only says that another page exists.
   */
  public static <T> JsonObject page(List<T> fetched, int limit, Function<T, JsonObject> json,
      Function<T, String> key) {
    List<T> page = fetched.size() > limit ? fetched.subList(0, limit) : fetched;
    JsonArray items = new JsonArray();
    page.forEach(item -> items.add(json.apply(item)));
    String next = fetched.size() > limit ? encode(key.apply(page.get(page.size() - 1))) : null;
    return new JsonObject().put("items", items).put("nextCursor", next);
  }

  public static String encode(String lastKey) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(lastKey.getBytes(StandardCharsets.UTF_8));
  }

  /** The last key in {@code cursor}, or "" for the first page; 400 for a cursor we did not issue. */
  public static String decode(String cursor) {
    if (cursor == null || cursor.isBlank()) {
      return "";
    }
    try {
      return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("cursor is not one this API returned");
    }
  }

  /** As {@link #decode}, for lists keyed by UUID. */
  public static UUID decodeUuid(String cursor) {
    String key = decode(cursor);
    if (key.isEmpty()) {
      return FIRST_UUID;
    }
    try {
      return UUID.fromString(key);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("cursor is not one this API returned");
    }
  }
}
