package io.iamcore.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.Handler;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import java.util.concurrent.TimeUnit;

/**
 * A dedicated connection that LISTENs on one channel and stays listening.
 *
 * <h2>Design notes</h2>
 *
 * <ul>
 *   <li><b>Lost notifications.</b> While the connection is down, notifications are lost for good.
 *       So after every reconnect {@code onResync} runs: the owner must assume it missed changes and
 *       reconcile (reload, or drop its caches).
 *   <li><b>Silent loss.</b> A connection can die without a close (a half-open TCP connection after
 *       a network partition). A ping every {@link #PING_MILLIS} that does not answer within
 *       {@link #PING_TIMEOUT_MILLIS} counts as a loss.
 *   <li><b>Own notifications.</b> PostgreSQL delivers a replica's own NOTIFYs back to it; owners
 *       that already applied their change tag payloads with a replica id and skip their own.
 * </ul>
 */
public final class PgListener {

  private static final System.Logger LOG = System.getLogger(PgListener.class.getName());
  static final long PING_MILLIS = 5_000;
  static final long PING_TIMEOUT_MILLIS = 3_000;
  private static final long RETRY_MILLIS = 1_000;

  private final Vertx vertx;
  private final PgConnectOptions options;
  private final String channel;
  private final Handler<String> onPayload;
  private final Runnable onResync;
  private volatile PgConnection connection;
  private volatile boolean stopped;
  private long pingTimer = -1;

  public PgListener(Vertx vertx, PgConnectOptions options, String channel, Handler<String> onPayload,
      Runnable onResync) {
    this.vertx = vertx;
    // Named so operators (and tests) can tell it apart in pg_stat_activity.
    this.options = new PgConnectOptions(options).addProperty("application_name", applicationName(channel));
    this.channel = channel;
    this.onPayload = onPayload;
    this.onResync = onResync;
  }

  /** Connects and LISTENs; fails if the first connection cannot be made. */
  public Future<Void> start() {
    return connect().onSuccess(v -> pingTimer = vertx.setPeriodic(PING_MILLIS, t -> ping()));
  }

  public Future<Void> stop() {
    stopped = true;
    vertx.cancelTimer(pingTimer);
    PgConnection current = connection;
    return current == null ? Future.succeededFuture() : current.close();
  }

  /** The {@code application_name} of the connection listening on {@code channel}. */
  public static String applicationName(String channel) {
    return "iamcore listen " + channel;
  }

  /** Whether the LISTEN connection is up now. */
  public boolean listening() {
    return connection != null;
  }

  private Future<Void> connect() {
    return PgConnection.connect(vertx, options).compose(conn -> {
      conn.notificationHandler(n -> {
        if (channel.equals(n.getChannel())) {
          onPayload.handle(n.getPayload());
        }
      });
      conn.exceptionHandler(error -> {
        if (!stopped) {
          LOG.log(System.Logger.Level.WARNING, "LISTEN " + channel + " connection failed: " + error.getMessage());
        }
      });
      conn.closeHandler(v -> lost(conn));
      return conn.query("LISTEN " + channel).execute()
          .onFailure(error -> conn.close())
          .map(rows -> {
            connection = conn;
            return null;
          });
    });
  }

  private void ping() {
    PgConnection current = connection;
    if (current == null || stopped) {
      return;
    }
    current.query("SELECT 1").execute()
        .timeout(PING_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
        .onFailure(error -> {
          LOG.log(System.Logger.Level.WARNING, "LISTEN " + channel + " connection does not answer; reconnecting");
          lost(current);
          current.close();
        });
  }

  private void lost(PgConnection conn) {
    if (stopped || connection != conn) {
      return;
    }
    connection = null;
    LOG.log(System.Logger.Level.WARNING, "lost the LISTEN " + channel + " connection; reconnecting");
    vertx.setTimer(RETRY_MILLIS, t -> reconnect());
  }

  private void reconnect() {
    if (stopped) {
      return;
    }
    connect()
        .onSuccess(v -> {
          LOG.log(System.Logger.Level.INFO, "LISTEN " + channel + " connection is back; resynchronising");
          onResync.run();
        })
        .onFailure(error -> vertx.setTimer(RETRY_MILLIS, t -> reconnect()));
  }
}
