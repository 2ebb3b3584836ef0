package io.iamcore.store;

import java.time.Instant;

/**
 * One write to one connector-space object, applied by the {@link GroupCommitWriter} against the
 * object's latest committed state inside the batch transaction, so concurrent read-modify-write
 * requests (PATCHes) never lose each other's changes.
 */
public interface ObjectChange {

  ObjectRef ref();

  /** True for a create: the writer inserts without reading, and resolves a userName clash. */
  default boolean creates() {
    return false;
  }

  /**
   * Computes the new state. Pure and quick: it runs on the writer's thread.
   *
   * @param current the live object, or null when it does not exist (or is soft-deleted)
   * @param now the batch's timestamp
   * @return the new state (with {@code deletedAt} set for a deletion)
   * @throws RuntimeException (a ScimException) when the change cannot apply; only this change fails
   */
  CsObject apply(CsObject current, Instant now);

  /**
   * Called when a create lost the race for its userName to {@code existing}. Return
   * {@code existing} to answer the request with it (a replayed create), or throw.
   */
  default CsObject resolveConflict(CsObject existing) {
    throw new WriteConflictException(existing);
  }
}
