package io.iamcore.data;

import io.iamcore.http.ApiException;
import io.iamcore.store.CsObject;
import io.iamcore.store.ObjectChange;
import io.iamcore.store.ObjectRef;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * Connector-data API writes (PRODUCT.md §3.3) as writer changes. An API connector's objects are
 * keyed by the source's externalId, which is also their uniqueness key ({@code name_key}), so two
 * concurrent upserts of a new externalId cannot create two objects.
 */
final class DataChanges {

  private DataChanges() {}

  /** Creates the object; losing the race for its externalId hands back the winner (then updated). */
  record Create(ObjectRef ref, String externalId, JsonObject data) implements ObjectChange {
    @Override
    public boolean creates() {
      return true;
    }

    @Override
    public CsObject apply(CsObject current, Instant now) {
      return new CsObject(ref, externalId, externalId, data, 1, now, now, null);
    }

    @Override
    public CsObject resolveConflict(CsObject existing) {
      return existing;  // the caller sees another id and replaces that object instead
    }
  }

  /** Replaces the object's data; a replace with identical data writes nothing. */
  record Replace(ObjectRef ref, JsonObject data) implements ObjectChange {
    @Override
    public CsObject apply(CsObject current, Instant now) {
      if (current == null) {
        throw ApiException.notFound("the object was deleted meanwhile");
      }
      if (current.doc().equals(data)) {
        return current;
      }
      return new CsObject(ref, current.externalId(), current.nameKey(), data, current.version() + 1,
          current.createdAt(), now, null);
    }
  }

  /** Soft-deletes the object (purged after the connector's softDeletionDays). */
  record Delete(ObjectRef ref) implements ObjectChange {
    @Override
    public CsObject apply(CsObject current, Instant now) {
      if (current == null) {
        throw ApiException.notFound("no such object");
      }
      return current.deletedAt(now);
    }
  }
}
