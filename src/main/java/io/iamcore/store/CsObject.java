package io.iamcore.store;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;

/**
 * A connector-space object as stored: the source's document plus the keys extracted from it.
 * {@code doc} is never mutated once the record exists (copy it to change it), so instances can be
 * shared between event loops and the writer.
 *
 * @param nameKey canonical userName ({@link NameKeys}), the per-connector uniqueness key, or null
 */
public record CsObject(
    ObjectRef ref,
    String externalId,
    String nameKey,
    JsonObject doc,
    long version,
    Instant createdAt,
    Instant updatedAt,
    Instant deletedAt) {

  public CsObject {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(doc, "doc");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  public boolean deleted() {
    return deletedAt != null;
  }

  /** This object soft-deleted at {@code now} (a new version; purged after softDeletionDays). */
  public CsObject deletedAt(Instant now) {
    return new CsObject(ref, externalId, nameKey, doc, version + 1, createdAt, now, now);
  }

  /**
   * The same object as a new instance: written again unchanged (same version and dates), so it
   * passes through the sync pipeline once more (a resync, a disconnect).
   */
  public CsObject again() {
    return new CsObject(ref, externalId, nameKey, doc, version, createdAt, updatedAt, deletedAt);
  }

  /** The weak entity tag clients send back in If-Match. */
  public String etag() {
    return "W/\"" + version + "\"";
  }
}
