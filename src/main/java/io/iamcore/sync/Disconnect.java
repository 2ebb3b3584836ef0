package io.iamcore.sync;

import io.iamcore.http.ApiException;
import io.iamcore.store.CsObject;
import io.iamcore.store.ObjectChange;
import io.iamcore.store.ObjectRef;
import java.time.Instant;

/**
 * An administrator's manual disconnect (PRODUCT.md §1, {@code disconnector}): the object's
 * contributions are recalled, its join ends and it is never joined again automatically. The object
 * itself is unchanged, so its ETag holds.
 */
record Disconnect(ObjectRef ref) implements ObjectChange {

  @Override
  public CsObject apply(CsObject current, Instant now) {
    if (current == null) {
      throw ApiException.notFound("no object " + ref.id() + " on this connector");
    }
    return current.again();
  }
}
