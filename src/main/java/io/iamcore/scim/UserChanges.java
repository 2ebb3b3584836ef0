package io.iamcore.scim;

import io.iamcore.store.CsObject;
import io.iamcore.store.NameKeys;
import io.iamcore.store.ObjectChange;
import io.iamcore.store.ObjectRef;
import io.vertx.core.json.JsonObject;
import io.iamcore.scim.patch.PatchApplier;
import io.iamcore.scim.patch.PatchOperation;
import io.iamcore.scim.patch.PatchResult;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** The SCIM User writes, as changes the group-commit writer applies in order. */
public final class UserChanges {

  private UserChanges() {}

  /** POST /Users. A replay (same userName and externalId) answers with the existing user. */
  public record Create(ObjectRef ref, JsonObject doc) implements ObjectChange {
    @Override
    public boolean creates() {
      return true;
    }

    @Override
    public CsObject apply(CsObject current, Instant now) {
      return stored(ref, doc, null, now);
    }

    @Override
    public CsObject resolveConflict(CsObject existing) {
      String externalId = UserDocuments.externalId(doc);
      if (existing != null && externalId != null && externalId.equals(existing.externalId())) {
        return existing;  // Entra re-sent a create whose answer it never got
      }
      throw ScimException.uniqueness("userName " + UserDocuments.userName(doc)
          + " is already in use on this connector");
    }
  }

  /** PUT /Users/{id}: replaces every client-owned attribute. */
  public record Replace(ObjectRef ref, JsonObject doc, String ifMatch) implements ObjectChange {
    @Override
    public CsObject apply(CsObject current, Instant now) {
      CsObject live = require(current, ref, ifMatch);
      if (live.doc().equals(doc)) {
        return live;  // nothing to write; Entra often re-sends identical values
      }
      return stored(ref, doc, live, now);
    }
  }

  /** DELETE /Users/{id}: a soft deletion, purged after the connector's softDeletionDays. */
  public record Delete(ObjectRef ref, String ifMatch) implements ObjectChange {
    @Override
    public CsObject apply(CsObject current, Instant now) {
      CsObject live = require(current, ref, ifMatch);
      return live.deletedAt(now);
    }
  }

  /**
   * PATCH /Users/{id}: the operations run against the latest committed state inside the writer,
   * all or none; a PATCH that changes nothing (Entra re-sends unchanged values) writes nothing.
   */
  public record Patch(ObjectRef ref, List<PatchOperation> operations, String ifMatch,
      PatchApplier applier) implements ObjectChange {
    @Override
    public CsObject apply(CsObject current, Instant now) {
      CsObject live = require(current, ref, ifMatch);
      JsonObject resource = live.doc().copy().put("id", ref.id().toString());
      PatchResult result = applier.apply(resource, operations);
      if (!result.changed()) {
        return live;
      }
      return stored(ref, UserDocuments.fromRequest(result.resource()), live, now);
    }
  }

  /** The stored form of a User document: keys extracted, version and dates following {@code previous}. */
  static CsObject stored(ObjectRef ref, JsonObject doc, CsObject previous, Instant now) {
    return new CsObject(ref, UserDocuments.externalId(doc), NameKeys.canonical(UserDocuments.userName(doc)),
        doc, previous == null ? 1 : previous.version() + 1, previous == null ? now : previous.createdAt(),
        now, null);
  }

  /** The live object, after checking it exists and matches If-Match. */
  static CsObject require(CsObject current, ObjectRef ref, String ifMatch) {
    if (current == null) {
      throw ScimException.notFound("User " + ref.id() + " not found");
    }
    if (ifMatch != null && !ifMatch.equals("*") && !Objects.equals(ifMatch, current.etag())) {
      throw ScimException.preconditionFailed(
          "If-Match " + ifMatch + " does not match the current version " + current.etag());
    }
    return current;
  }
}
