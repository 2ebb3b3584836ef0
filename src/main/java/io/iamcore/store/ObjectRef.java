package io.iamcore.store;

import java.util.Objects;
import java.util.UUID;

/** The primary key of a connector-space object; the tenant always comes first. */
public record ObjectRef(UUID tenantId, UUID connectorId, String objectType, UUID id) {
  public ObjectRef {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(connectorId, "connectorId");
    Objects.requireNonNull(objectType, "objectType");
    Objects.requireNonNull(id, "id");
  }
}
