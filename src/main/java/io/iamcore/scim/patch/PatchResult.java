package io.iamcore.scim.patch;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * The outcome of applying a PATCH.
 *
 * @param resource the patched resource, a new object (the input is never modified)
 * @param changed false when the operations left the resource as it was, which Entra causes often
 *     by re-sending values it already provisioned; the caller can then skip the write and keep
 *     {@code meta.version}
 */
public record PatchResult(JsonObject resource, boolean changed) {

  public PatchResult {
    Objects.requireNonNull(resource, "resource");
  }
}
