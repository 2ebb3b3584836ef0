package io.iamcore.scim.bulk;

import io.iamcore.connector.Connector;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Objects;
import java.util.UUID;

/**
 * A resource type Bulk operations can write ({@code /Users}, {@code /Groups}). The Bulk processor
 * has already resolved every {@code bulkId:} reference in the operation when it calls {@link #write};
 * the target validates and writes exactly as its own endpoint does for the same single request
 * (same validation, same writer change, {@code version} as If-Match), so one Bulk operation is
 * one atomic write, answered after its COMMIT.
 */
public interface BulkTarget {

  /** The endpoint after the SCIM base, e.g. {@code Users}; operation paths match it ignoring case. */
  String endpoint();

  /** Whether {@code connector} serves this resource type (Groups only when enabled). */
  boolean servedFor(Connector connector);

  /**
   * Applies one operation. Fails with a ScimException (or a writer exception) when the operation
   * cannot apply; must not throw.
   */
  Future<Written> write(Write write);

  /**
   * One operation to apply.
   *
   * @param id the resource addressed (null for POST)
   * @param data the resource (POST, PUT) or PatchOp body (PATCH); null for DELETE
   * @param version the operation's {@code version}, to be checked as If-Match (may be null)
   */
  record Write(BulkMethod method, Connector connector, UUID id, JsonObject data, String version) {
    public Write {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(connector, "connector");
    }
  }

  /**
   * What an operation wrote.
   *
   * @param version the resource's new ETag, or null once deleted
   */
  record Written(UUID id, String version) {
    public Written {
      Objects.requireNonNull(id, "id");
    }
  }
}
