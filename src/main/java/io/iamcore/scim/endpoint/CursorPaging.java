package io.iamcore.scim.endpoint;

import io.iamcore.scim.ScimException;
import io.iamcore.store.CsObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Cursor pagination (RFC 9865) for any resource type stored in {@code cs_object}.
 *
 * <p>Design notes. A cursor is stateless: nothing is held on the server between pages, so cursors
 * survive a restart, work on every replica and cost no memory per client. It encodes
 * <ul>
 *   <li>a <b>keyset position</b> (the last or first id of the page it came from, and the direction)
 *       when the query is in id order, the default: a page is {@code id > pivot ORDER BY id LIMIT n},
 *       so concurrent creates and deletes never make a walk skip or repeat a resource that exists
 *       throughout it;
 *   <li>an <b>offset</b> when the client asked for {@code sortBy}: the sort keys are JSON expressions
 *       (case folding, primary values) whose exact value we do not have in Java, so sorted walks are
 *       offset walks, stable while the connector space does not change;
 *   <li>when it was issued: a cursor older than {@link #timeout()} is refused with
 *       {@code expiredCursor}, as advertised in {@code pagination.cursorTimeout};
 *   <li>a fingerprint of the query (connector, resource type, filter, sortBy, sortOrder): a cursor
 *       replayed with another query is refused with {@code invalidCursor} rather than answering a
 *       page of something else.
 * </ul>
 * A client that edits a cursor can only move within its own connector's query (the scope is applied
 * in SQL whatever the cursor says) or extend its lifetime, so cursors are encoded, not signed.
 */
final class CursorPaging {

  /** How long a cursor stays valid between page requests ({@code cursorTimeout}). */
  static final Duration DEFAULT_TIMEOUT = Duration.ofHours(1);

  /** PostgreSQL's uuid order (unsigned, bytewise); {@link UUID#compareTo} compares signed longs. */
  static final Comparator<UUID> ID_ORDER = (a, b) -> {
    int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
    return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
  };

  private static final String VERSION = "c1";

  /**
   * Where a page starts.
   *
   * @param pivot keyset: the id the page starts after ({@code backward}: ends before); {@code null}
   *     for the first page
   * @param offset sorted queries: how many matches come before the page
   */
  record Position(UUID pivot, boolean backward, long offset) {
    static final Position FIRST = new Position(null, false, 0);
  }

  /** A page and the cursors around it ({@code null}: no such page). */
  record Window(List<CsObject> resources, String next, String previous) {}

  private final Clock clock;
  private final Duration timeout;

  CursorPaging(Clock clock, Duration timeout) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  Duration timeout() {
    return timeout;
  }

  /** The fingerprint a cursor of this query carries: everything that decides the result set and its order. */
  static String fingerprint(UUID connectorId, String objectType, SearchRequest request) {
    String query = connectorId + "\n" + objectType + "\n" + request.filter() + "\n" + request.sortBy() + "\n"
        + request.descending();
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(query.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /**
   * The position {@code cursor} names; the empty cursor is the first page.
   *
   * @throws ScimException {@code invalidCursor} for a cursor we did not issue for this query,
   *     {@code expiredCursor} for one older than {@link #timeout()}
   */
  Position read(String cursor, String fingerprint) {
    if (cursor.isEmpty()) {
      return Position.FIRST;
    }
    String[] parts = decode(cursor).split("\\|", -1);
    if (parts.length != 5 || !parts[0].equals(VERSION)) {
      throw invalid();
    }
    if (!parts[2].equals(fingerprint)) {
      throw ScimException.invalidCursor("this cursor belongs to another query: repeat the filter, sortBy and"
          + " sortOrder of the request that returned it");
    }
    long issued = number(parts[3]);
    if (clock.millis() - issued > timeout.toMillis()) {
      throw ScimException.expiredCursor("the cursor is older than the cursorTimeout of " + timeout.toSeconds()
          + " seconds; start again with an empty cursor");
    }
    return position(parts[1], parts[4]);
  }

  private static Position position(String kind, String value) {
    try {
      switch (kind) {
        case "a":
          return value.isEmpty() ? Position.FIRST : new Position(UUID.fromString(value), false, 0);
        case "b":
          return new Position(UUID.fromString(value), true, 0);
        case "o":
          long offset = number(value);
          if (offset < 0) {
            throw invalid();
          }
          return new Position(null, false, offset);
        default:
          throw invalid();
      }
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
  }

  /**
   * The page of a keyset walk from rows fetched in walk order (ascending id after the pivot, or
   * descending before it) with {@code LIMIT count + 1}: the extra row only says another page exists.
   */
  Window keysetWindow(Position at, List<CsObject> fetched, int count, String fingerprint) {
    boolean more = fetched.size() > count;
    List<CsObject> page = new ArrayList<>(fetched.subList(0, Math.min(count, fetched.size())));
    if (at.backward()) {
      Collections.reverse(page);
    }
    if (page.isEmpty()) {
      // An empty page has no edges to point from; a backward walk that found nothing restarts.
      return new Window(page, at.backward() ? encode("a", "", fingerprint) : null, null);
    }
    String after = encode("a", page.get(page.size() - 1).ref().id().toString(), fingerprint);
    String before = encode("b", page.get(0).ref().id().toString(), fingerprint);
    boolean hasNext = at.backward() || more;
    boolean hasPrevious = at.backward() ? more : at.pivot() != null;
    return new Window(page, hasNext ? after : null, hasPrevious ? before : null);
  }

  /** The page of an offset walk (sorted queries). */
  Window offsetWindow(Position at, List<CsObject> page, long total, int count, String fingerprint) {
    long end = at.offset() + page.size();
    String next = count > 0 && end < total ? encode("o", Long.toString(end), fingerprint) : null;
    String previous = at.offset() > 0 && count > 0
        ? (at.offset() - count > 0 ? encode("o", Long.toString(at.offset() - count), fingerprint) : first(fingerprint))
        : null;
    return new Window(page, next, previous);
  }

  /** A cursor for the first page; the empty string also is one, but a client may not send empty values. */
  private String first(String fingerprint) {
    return encode("a", "", fingerprint);
  }

  private String encode(String kind, String value, String fingerprint) {
    String text = VERSION + "|" + kind + "|" + fingerprint + "|" + clock.millis() + "|" + value;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String cursor) {
    try {
      return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
  }

  private static long number(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw invalid();
    }
  }

  private static ScimException invalid() {
    return ScimException.invalidCursor("the cursor is not one this server returned; send an empty cursor for the"
        + " first page, then nextCursor or previousCursor");
  }
}
