package io.iamcore.sync;

import io.iamcore.http.ApiException;
import io.iamcore.store.CsObject;
import io.iamcore.store.ObjectChange;
import io.iamcore.store.ObjectRef;
import java.time.Instant;

/**
 * A change that changes nothing in the object but makes it pass through the sync pipeline again
 * (a full sync after a rule change). Its version and dates stay as they are: clients' ETags hold.
 */
record Resync(ObjectRef ref) implements ObjectChange {

  @Override
  public CsObject apply(CsObject current, Instant now) {
    if (current == null) {
      throw ApiException.notFound("deleted meanwhile");  // nothing to re-evaluate; the job skips it
    }
    return current.again();
  }
}
