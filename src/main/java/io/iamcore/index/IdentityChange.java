package io.iamcore.index;

import io.vertx.core.buffer.Buffer;
import java.util.UUID;

/**
 * A CoreIdentity whose index entry may have changed: it was reachable by {@code oldOid} (or not),
 * and is now reachable by {@code newOid} with {@code json} (or not at all).
 */
public record IdentityChange(UUID tenantId, String coreId, String oldOid, String newOid, Buffer json) {}
