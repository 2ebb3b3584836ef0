package io.iamcore.sync;

import io.iamcore.http.ApiException;
import io.iamcore.store.GroupCommitWriter;
import io.iamcore.store.ObjectRef;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sync jobs (PRODUCT.md §2.6): re-run every object of a connector through the sync pipeline, in
 * pages, through the group-commit writer (so each object's consequences commit atomically, as for
 * any write), with progress in {@code sync_job}.
 *
 * <h2>Design notes</h2>
 *
 * <ul>
 *   <li><b>One runner per connector.</b> The runner holds a PostgreSQL advisory lock keyed by the
 *       connector on a connection of its own for the whole job; a replica that cannot take it
 *       retries later, so jobs of one connector run one after the other, wherever they start.
 *       Holding the lock, a runner claims the job only while it is still queued or running (a
 *       running job seen under the lock is one whose runner died), so a job that two replicas
 *       wait for (one resumed it at start) runs once.
 *   <li><b>Progress.</b> {@code total} is counted at start, {@code processed} updated per page;
 *       objects deleted meanwhile are skipped, objects whose sync fails are counted in
 *       {@code failed} and the job goes on.
 *   <li><b>Not yet:</b> a job whose replica dies stays {@code running}; a new job for the
 *       connector still runs (the lock died with the session).
 * </ul>
 */
public final class SyncJobs {

  private static final System.Logger LOG = System.getLogger(SyncJobs.class.getName());
  static final int PAGE = 500;
  private static final long LOCK_RETRY_MILLIS = 1000;

  private final Vertx vertx;
  private final Pool pool;
  private final GroupCommitWriter writer;
  private final Clock clock;
  private final MeterRegistry registry;
  private final Counter objects;
  private final AtomicInteger running = new AtomicInteger();

  public SyncJobs(Vertx vertx, Pool pool, GroupCommitWriter writer, Clock clock, MeterRegistry registry) {
    this.objects = Counter.builder("iamcore_sync_job_objects_total")
        .description("Connector-space objects re-evaluated by sync jobs").register(registry);
    Gauge.builder("iamcore_sync_jobs_running", running, AtomicInteger::get)
        .description("Sync jobs this replica is running now").register(registry);
    this.vertx = vertx;
    this.pool = pool;
    this.writer = writer;
    this.clock = clock;
    this.registry = registry;
    for (String outcome : new String[] {"succeeded", "failed"}) {
      finished(outcome);  // both series exist from the start, so alerts see 0 rather than nothing
    }
  }

  /**
   * Resumes the jobs left queued or running (a replica stopped or died during them): each starts
   * over from the first object, which converges to the same state because a full sync is
   * idempotent; the advisory lock keeps a job another replica still runs from running twice.
   */
  public Future<Integer> resumeUnfinished() {
    return pool.query("SELECT tenant_id, id, connector_id FROM sync_job WHERE state IN ('queued', 'running')")
        .execute()
        .map(rows -> {
          rows.forEach(row -> {
            LOG.log(System.Logger.Level.INFO, "resuming sync job " + row.getUUID("id"));
            run(row.getUUID("tenant_id"), row.getUUID("id"), row.getUUID("connector_id"));
          });
          return rows.size();
        });
  }

  /** Queues a full sync of the connector's objects and starts running it. */
  public Future<JsonObject> start(UUID tenant, UUID connectorId) {
    UUID id = UUID.randomUUID();
    return pool.preparedQuery("INSERT INTO sync_job (tenant_id, id, connector_id, type, state, created_at)"
            + " SELECT $1, $2, $3, 'fullSync', 'queued', $4 WHERE EXISTS"
            + " (SELECT 1 FROM connector WHERE tenant_id = $1 AND id = $3)")
        .execute(Tuple.of(tenant, id, connectorId, clock.instant().atOffset(ZoneOffset.UTC)))
        .compose(rows -> {
          if (rows.rowCount() == 0) {
            throw ApiException.badRequest("connectorId " + connectorId + " is not a connector of your tenant");
          }
          vertx.runOnContext(v -> run(tenant, id, connectorId));
          return get(tenant, id);
        });
  }

  public Future<JsonObject> get(UUID tenant, UUID id) {
    return pool.preparedQuery("SELECT id, connector_id, type, state, total, processed, failed, error, created_at,"
            + " started_at, finished_at FROM sync_job WHERE tenant_id = $1 AND id = $2")
        .execute(Tuple.of(tenant, id))
        .map(rows -> {
          if (rows.size() == 0) {
            throw ApiException.notFound("no sync job " + id + " in your tenant");
          }
          return json(rows.iterator().next());
        });
  }

  private void run(UUID tenant, UUID job, UUID connector) {
    pool.getConnection().onFailure(e -> retry(tenant, job, connector)).onSuccess(conn ->
        conn.preparedQuery("SELECT pg_try_advisory_lock(hashtextextended($1, 0))")
            .execute(Tuple.of("iamcore.sync:" + tenant + ":" + connector))
            .onFailure(e -> {
              conn.close();
              retry(tenant, job, connector);
            })
            .onSuccess(rows -> {
              if (!rows.iterator().next().getBoolean(0)) {
                conn.close();
                retry(tenant, job, connector);  // another job of this connector is running
                return;
              }
              execute(conn, tenant, job, connector).onComplete(done -> conn.close());
            }));
  }

  private void retry(UUID tenant, UUID job, UUID connector) {
    vertx.setTimer(LOCK_RETRY_MILLIS, t -> run(tenant, job, connector));
  }

  private Future<Void> execute(SqlConnection lock, UUID tenant, UUID job, UUID connector) {
    running.incrementAndGet();
    return pool.preparedQuery("UPDATE sync_job SET state = 'running', started_at = $3, processed = 0, failed = 0, total ="
            + " (SELECT count(*) FROM cs_object WHERE tenant_id = $1 AND connector_id = $4 AND deleted_at IS NULL)"
            + " WHERE tenant_id = $1 AND id = $2 AND state IN ('queued', 'running')")
        .execute(Tuple.of(tenant, job, clock.instant().atOffset(ZoneOffset.UTC), connector))
        .compose(claimed -> {
          if (claimed.rowCount() == 0) {
            // Another replica ran it while this one waited for the lock (it resumed the job at
            // start, or a second runner queued behind the first): never run a finished job again.
            LOG.log(System.Logger.Level.INFO, "sync job " + job + " already finished elsewhere; not run again");
            return Future.succeededFuture();
          }
          return page(tenant, job, connector, "", new UUID(0, 0))
              .compose(v -> finish(tenant, job, "succeeded", null));
        })
        .recover(error -> {
          LOG.log(System.Logger.Level.WARNING, "sync job " + job + " failed: " + error.getMessage());
          return finish(tenant, job, "failed", "the job stopped: " + error.getMessage());
        })
        .eventually(() -> lock.preparedQuery("SELECT pg_advisory_unlock(hashtextextended($1, 0))")
            .execute(Tuple.of("iamcore.sync:" + tenant + ":" + connector)))
        .eventually(() -> {
          running.decrementAndGet();
          return Future.succeededFuture();
        });
  }

  /** One page of objects, in (object_type, id) order, each re-run through the writer. */
  private Future<Void> page(UUID tenant, UUID job, UUID connector, String afterType, UUID afterId) {
    return pool.preparedQuery("SELECT object_type, id FROM cs_object WHERE tenant_id = $1 AND connector_id = $2"
            + " AND deleted_at IS NULL AND (object_type, id) > ($3, $4) ORDER BY object_type, id LIMIT $5")
        .execute(Tuple.of(tenant, connector, afterType, afterId, PAGE))
        .compose(rows -> {
          List<Future<Boolean>> results = new ArrayList<>();
          String lastType = afterType;
          UUID lastId = afterId;
          for (Row row : rows) {
            lastType = row.getString(0);
            lastId = row.getUUID(1);
            ObjectRef ref = new ObjectRef(tenant, connector, lastType, lastId);
            results.add(writer.submit(new Resync(ref)).map(true).recover(e -> Future.succeededFuture(
                e instanceof ApiException api && api.status() == 404)));
          }
          int size = rows.size();
          String nextType = lastType;
          UUID nextId = lastId;
          return Future.join(results).otherwiseEmpty().compose(v -> {
            long failed = results.stream().filter(f -> !f.result()).count();
            objects.increment(size);
            return pool.preparedQuery("UPDATE sync_job SET processed = processed + $3, failed = failed + $4"
                    + " WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenant, job, size, failed));
          }).compose(v -> size < PAGE ? Future.succeededFuture() : page(tenant, job, connector, nextType, nextId));
        });
  }

  private Future<Void> finish(UUID tenant, UUID job, String state, String error) {
    finished(state).increment();
    return pool.preparedQuery("UPDATE sync_job SET state = $3, error = $4, finished_at = $5"
            + " WHERE tenant_id = $1 AND id = $2")
        .execute(Tuple.of(tenant, job, state, error, clock.instant().atOffset(ZoneOffset.UTC)))
        .mapEmpty();
  }

  private Counter finished(String outcome) {
    return Counter.builder("iamcore_sync_jobs_total").description("Sync jobs finished, by outcome")
        .tag("outcome", outcome).register(registry);
  }

  private static JsonObject json(Row row) {
    return new JsonObject()
        .put("id", row.getUUID("id").toString())
        .put("connectorId", row.getUUID("connector_id").toString())
        .put("type", row.getString("type"))
        .put("state", row.getString("state"))
        .put("progress", new JsonObject()
            .put("total", row.getLong("total"))
            .put("processed", row.getLong("processed"))
            .put("failed", row.getLong("failed")))
        .put("error", row.getString("error"))
        .put("createdAt", String.valueOf(row.getOffsetDateTime("created_at").toInstant()))
        .put("startedAt", row.getOffsetDateTime("started_at") == null ? null
            : row.getOffsetDateTime("started_at").toInstant().toString())
        .put("finishedAt", row.getOffsetDateTime("finished_at") == null ? null
            : row.getOffsetDateTime("finished_at").toInstant().toString());
  }
}
