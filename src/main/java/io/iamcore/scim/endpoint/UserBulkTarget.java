package io.iamcore.scim.endpoint;

import io.iamcore.connector.Connector;
import io.iamcore.scim.ScimSchemas;
import io.iamcore.scim.bulk.BulkTarget;
import io.iamcore.store.CsObject;
import io.iamcore.store.ObjectRef;
import io.vertx.core.Future;

/** Bulk operations on {@code /Users}: exactly the writes {@code /Users} requests make. */
final class UserBulkTarget implements BulkTarget {

  private final UserWrites writes;

  UserBulkTarget(UserWrites writes) {
    this.writes = writes;
  }

  @Override
  public String endpoint() {
    return "Users";
  }

  @Override
  public boolean servedFor(Connector connector) {
    return true;
  }

  @Override
  public Future<Written> write(Write write) {
    Connector connector = write.connector();
    ObjectRef ref = write.id() == null ? null
        : new ObjectRef(connector.tenantId(), connector.id(), ScimSchemas.USER_OBJECT_TYPE, write.id());
    Future<CsObject> written;
    switch (write.method()) {
      case POST:
        written = writes.create(connector.tenantId(), connector.id(), write.data());
        break;
      case PUT:
        written = writes.replace(ref, write.data(), write.version());
        break;
      case PATCH:
        written = writes.patch(ref, write.data(), write.version());
        break;
      case DELETE:
        return writes.delete(ref, write.version()).map(user -> new Written(user.ref().id(), null));
      default:
        throw new AssertionError(write.method());
    }
    return written.map(user -> new Written(user.ref().id(), user.etag()));
  }
}
