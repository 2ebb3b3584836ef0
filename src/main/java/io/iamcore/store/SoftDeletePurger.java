package io.iamcore.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

/**
 * Purges soft-deleted connector-space objects once they are older than their connector's
 * {@code softDeletionDays} (PRODUCT.md §2.5). Runs every hour on every replica: the deletes are
 * idempotent and go in bounded chunks, so replicas running it at once only share the work.
 */
public final class SoftDeletePurger {

  private static final System.Logger LOG = System.getLogger(SoftDeletePurger.class.getName());
  static final long PERIOD_MILLIS = 3_600_000;
  static final int CHUNK = 5_000;

  private static final String PURGE =
      "DELETE FROM cs_object o WHERE (o.tenant_id, o.connector_id, o.object_type, o.id) IN ("
          + " SELECT d.tenant_id, d.connector_id, d.object_type, d.id FROM cs_object d"
          + " JOIN connector c ON c.tenant_id = d.tenant_id AND c.id = d.connector_id"
          + " WHERE d.deleted_at IS NOT NULL"
          + " AND d.deleted_at <= now() - make_interval(days => c.soft_deletion_days)"
          + " LIMIT " + CHUNK + " FOR UPDATE SKIP LOCKED)";

  private final Vertx vertx;
  private final Pool pool;
  private long timer = -1;

  public SoftDeletePurger(Vertx vertx, Pool pool) {
    this.vertx = vertx;
    this.pool = pool;
  }

  public void start() {
    timer = vertx.setPeriodic(PERIOD_MILLIS / 60, PERIOD_MILLIS, id -> purge()
        .onFailure(e -> LOG.log(System.Logger.Level.WARNING, "soft-delete purge failed: " + e.getMessage())));
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /** Purges everything due, chunk by chunk; completes with the number of objects removed. */
  public Future<Long> purge() {
    return purgeFrom(0);
  }

  private Future<Long> purgeFrom(long removedSoFar) {
    return pool.query(PURGE).execute().compose(rows -> {
      long total = removedSoFar + rows.rowCount();
      if (rows.rowCount() == CHUNK) {
        return purgeFrom(total);
      }
      if (total > 0) {
        LOG.log(System.Logger.Level.INFO, "purged " + total + " soft-deleted connector-space objects");
      }
      return Future.succeededFuture(total);
    });
  }
}
