package io.iamcore.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/** Opaque {@code nextCursor} values of the admin lists: the last key seen, base64url-encoded. */
public final class Cursors {

  /** Sorts before every UUID in PostgreSQL's (unsigned, bytewise) uuid order. */
  public static final UUID FIRST_UUID = new UUID(0, 0);

  private Cursors() {}

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
