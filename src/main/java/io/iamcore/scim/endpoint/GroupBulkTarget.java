package io.iamcore.scim.endpoint;

import io.iamcore.connector.Connector;
import io.iamcore.scim.ScimSchemas;
import io.iamcore.scim.bulk.BulkTarget;
import io.iamcore.store.CsObject;
import io.iamcore.store.ObjectRef;
import io.vertx.core.Future;
import java.util.UUID;

/** Bulk operations on {@code /Groups} (connectors with groupsEnabled): the writes {@code /Groups} makes. */
final class GroupBulkTarget implements BulkTarget {

  private final GroupWrites writes;

  GroupBulkTarget(GroupWrites writes) {
    this.writes = writes;
  }

  @Override
  public String endpoint() {
    return "Groups";
  }

  @Override
  public boolean servedFor(Connector connector) {
    return DiscoveryEndpoint.groupsEnabled(connector);
  }

  @Override
  public Future<Written> write(Write write) {
    Connector connector = write.connector();
    UUID id = write.id() == null ? UUID.randomUUID() : write.id();
    ObjectRef ref = new ObjectRef(connector.tenantId(), connector.id(), ScimSchemas.GROUP_OBJECT_TYPE, id);
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
        return writes.delete(ref, write.version()).map(group -> new Written(group.ref().id(), null));
      default:
        throw new AssertionError(write.method());
    }
    return written.map(group -> new Written(group.ref().id(), group.etag()));
  }
}
