package io.iamcore.connector;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.UUID;

/**
 * What deleting a connector does to everything its connector space fed (the sync engine: recall
 * of its contributions, deletion of core objects it alone projected). Runs in the transaction that
 * deletes the connector, so the connector and its consequences go together or not at all.
 */
public interface ConnectorSpaceRemoval {

  /** Removal with no consequences beyond the connector's own rows. */
  ConnectorSpaceRemoval NONE = (conn, tenant, connector) -> Future.succeededFuture(() -> { });

  /** Undoes the connector space's effects on {@code conn}; the result runs after COMMIT. */
  Future<Runnable> remove(SqlConnection conn, UUID tenant, UUID connector);
}
