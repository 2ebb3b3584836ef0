package io.iamcore.store;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether PostgreSQL answers. A failed batch that looks like a lost or refused connection marks
 * the database down: writes are then refused at once with 503 instead of queueing behind a dead
 * server, and a probe every {@value #PROBE_MILLIS} ms marks it up again as soon as it answers.
 */
public final class DatabaseHealth {

  private static final System.Logger LOG = System.getLogger(DatabaseHealth.class.getName());
  static final long PROBE_MILLIS = 500;

  private final Vertx vertx;
  private final Pool pool;
  private final PgConnectOptions direct;
  private final AtomicBoolean probing = new AtomicBoolean();
  private volatile boolean available = true;

  public DatabaseHealth(Vertx vertx, Pool pool) {
    this(vertx, pool, null, new SimpleMeterRegistry());
  }

  /**
   * Also publishes {@code iamcore_database_up} (1 or 0): the state as of the last write, probe or
   * readiness check, so an idle replica is only as current as its readiness probe.
   */
  public DatabaseHealth(Vertx vertx, Pool pool, PgConnectOptions direct, MeterRegistry registry) {
    this.vertx = vertx;
    this.pool = pool;
    this.direct = direct;
    Gauge.builder("iamcore_database_up", this, health -> health.available ? 1 : 0)
        .description("Whether PostgreSQL answered the last write, probe or readiness check")
        .register(registry);
  }

  public boolean available() {
    return available;
  }

  /** True when {@code error} means the database (not the data) is the problem. */
  public static boolean isConnectionFailure(Throwable error) {
    if (error instanceof PgException pg) {
      String state = pg.getSqlState();
      return state == null
          || state.startsWith("08")   // connection exceptions
          || state.startsWith("57P")  // admin/crash shutdown, cannot connect now
          || state.startsWith("53");  // insufficient resources, too many connections
    }
    return error instanceof java.io.IOException
        || error instanceof java.util.concurrent.TimeoutException
        || error instanceof io.vertx.sqlclient.ClosedConnectionException
        // the pool's "Timeout waiting for connection" and connect failures are plain
        // VertxExceptions; so are client-side misuses (a wrong parameter count), which are not
        || (error.getClass() == io.vertx.core.VertxException.class && error.getMessage() != null
            && error.getMessage().toLowerCase(java.util.Locale.ROOT).contains("connection"));
  }

  /** Records a failure seen by a caller; a connection failure starts the recovery probe. */
  public void reportFailure(Throwable error) {
    if (isConnectionFailure(error)) {
      markDown(error);
    }
  }

  /**
   * Whether PostgreSQL answers on a connection of its own, outside the pool: a pool busy with
   * slow batches and searches (a loaded machine) must not look like a dead database. Marks the
   * database down only when even that fails within {@code timeoutMillis}.
   */
  public Future<Boolean> answersAside(long timeoutMillis) {
    if (direct == null) {
      return check(timeoutMillis);
    }
    return answered(PgConnection.connect(vertx, direct)
        .compose(conn -> conn.query("SELECT 1").execute().eventually(conn::close)), timeoutMillis);
  }

  /** Asks the database now (bounded by {@code timeoutMillis}); updates the state. */
  public Future<Boolean> check(long timeoutMillis) {
    return answered(pool.query("SELECT 1").execute(), timeoutMillis);
  }

  /** Whether {@code query} answered within {@code timeoutMillis}; marks the database up or down. */
  private Future<Boolean> answered(Future<?> query, long timeoutMillis) {
    return query.timeout(timeoutMillis, TimeUnit.MILLISECONDS)
        .map(rows -> {
          markUp();
          return true;
        })
        .otherwise(error -> {
          markDown(error);
          return false;
        });
  }

  private void markUp() {
    if (!available) {
      LOG.log(System.Logger.Level.INFO, "database reachable again; accepting writes");
    }
    available = true;
  }

  private void markDown(Throwable error) {
    if (available) {
      LOG.log(System.Logger.Level.WARNING,
          "database unreachable (" + error.getClass().getSimpleName() + "); refusing writes with 503 until it answers");
    }
    available = false;
    if (probing.compareAndSet(false, true)) {
      vertx.setTimer(PROBE_MILLIS, id -> probe());
    }
  }

  private void probe() {
    check(PROBE_MILLIS * 2).onComplete(done -> {
      if (available) {
        probing.set(false);
      } else {
        vertx.setTimer(PROBE_MILLIS, id -> probe());
      }
    });
  }
}
