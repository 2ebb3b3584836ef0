package io.iamcore.scim.endpoint;

import io.iamcore.connector.Connector;
import io.iamcore.scim.bulk.BulkTarget;
import io.iamcore.store.CsObject;
import io.iamcore.store.ObjectRef;
import io.vertx.core.Future;
import java.util.UUID;
import java.util.function.Predicate;

/** Bulk operations on one resource type: exactly the writes its own endpoint makes. */
final class WritesBulkTarget implements BulkTarget {

  private final String endpoint;
  private final String objectType;
  private final Predicate<Connector> served;
  private final ResourceWrites writes;

  WritesBulkTarget(String endpoint, String objectType, Predicate<Connector> served, ResourceWrites writes) {
    this.endpoint = endpoint;
    this.objectType = objectType;
    this.served = served;
    this.writes = writes;
  }

  @Override
  public String endpoint() {
    return endpoint;
  }

  @Override
  public boolean servedFor(Connector connector) {
    return served.test(connector);
  }

  @Override
  public Future<Written> write(Write write) {
    Connector connector = write.connector();
    UUID id = write.id() == null ? UUID.randomUUID() : write.id();
    ObjectRef ref = new ObjectRef(connector.tenantId(), connector.id(), objectType, id);
    Future<CsObject> written;
    switch (write.method()) {
      case POST:
        written = writes.create(ref, write.data());
        break;
      case PUT:
        written = writes.replace(ref, write.data(), write.version());
        break;
      case PATCH:
        written = writes.patch(ref, write.data(), write.version());
        break;
      case DELETE:
        return writes.delete(ref, write.version()).map(gone -> new Written(gone.ref().id(), null));
      default:
        throw new AssertionError(write.method());
    }
    return written.map(resource -> new Written(resource.ref().id(), resource.etag()));
  }
}
