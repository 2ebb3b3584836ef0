package io.iamcore.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;

/**
 * Work that must commit in the same transaction as a batch's connector-space writes (the sync
 * pipeline, PRODUCT.md §2.7). It runs after the writes, before COMMIT; if it fails, the batch
 * rolls back and is replayed change by change, so only the change whose consequences fail fails.
 */
@FunctionalInterface
public interface TransactionHook {

  TransactionHook NONE = (conn, changes) -> Future.succeededFuture(() -> { });

  /**
   * Does the work on the batch's connection; the returned action runs after COMMIT succeeded and
   * before any request is answered (e.g. updating in-memory indexes), on the writer's thread.
   */
  Future<Runnable> inTransaction(SqlConnection conn, List<CsChange> changes);

  /** This hook, then {@code next}, on the same transaction; after COMMIT both actions, in order. */
  default TransactionHook andThen(TransactionHook next) {
    return (conn, changes) -> inTransaction(conn, changes).compose(first -> next.inTransaction(conn, changes)
        .map(second -> () -> {
          first.run();
          second.run();
        }));
  }
}
