package io.iamcore.http;

import io.iamcore.config.TransportLimits;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps slow or greedy clients from holding the front door (PRODUCT.md §4).
 *
 * <h2>Design notes</h2>
 *
 * <ul>
 *   <li><b>Slowloris.</b> Netty's idle timeout restarts with every byte, so a client trickling one
 *       header byte every few seconds would hold its connection for ever. Instead each connection
 *       gets a deadline to complete a request's headers, from when it opens and again from when
 *       its previous response ends; bytes do not extend it.
 *   <li><b>Slow bodies.</b> A request whose body has not fully arrived {@code requestTimeout} after
 *       its headers is answered 408 and its connection closed.
 *   <li><b>Floods.</b> Open connections and requests in flight are counted across every event loop;
 *       past the bounds a connection is closed at once and a request answered 503 with
 *       {@code Retry-After} without touching the router, so memory stays flat.
 *   <li>One guard per event loop (its per-connection state is touched only there, and one periodic
 *       sweep there enforces every deadline); the counters are shared.
 * </ul>
 */
public final class ConnectionGuard {

  /** The counters shared by every event loop's guard, with their metrics. */
  public static final class Shared {
    final TransportLimits limits;
    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger inFlight = new AtomicInteger();
    final Counter refusedConnections;
    final Counter refusedRequests;
    final Counter slowClients;

    public Shared(TransportLimits limits, MeterRegistry registry) {
      this.limits = limits;
      Gauge.builder("iamcore_http_connections", connections, AtomicInteger::get)
          .description("open HTTP connections").register(registry);
      Gauge.builder("iamcore_http_requests_in_flight", inFlight, AtomicInteger::get)
          .description("HTTP requests being handled").register(registry);
      refusedConnections = Counter.builder("iamcore_http_refused_total").tag("reason", "connections")
          .description("connections closed or requests refused at the front door").register(registry);
      refusedRequests = Counter.builder("iamcore_http_refused_total").tag("reason", "in_flight")
          .register(registry);
      slowClients = Counter.builder("iamcore_http_refused_total").tag("reason", "slow_client")
          .register(registry);
    }
  }

  /** What the sweep checks for one open connection (touched only on its event loop). */
  private static final class Watch {
    /** {@link System#nanoTime()} by which the next request's headers must have arrived; 0: none. */
    long headerDeadline;
    /** The request being handled, until it ends; its body must have arrived by bodyDeadline. */
    RoutingContext request;
    long bodyDeadline;
  }

  private final Shared shared;
  private final Map<HttpConnection, Watch> watched = new HashMap<>();
  private final long headerNanos;
  private final long bodyNanos;
  private final long idleNanos;

  /**
   * One guard for the event loop running {@code vertx}'s current context: deadlines are checked
   * by one periodic sweep there (a fifth of the shorter deadline, 10 ms to 1 s), not by a timer per
   * request; arming and cancelling two timers per request was a measurable share of a hot request.
   * So a deadline is enforced up to one sweep late. The sweep ends with the verticle.
   */
  public ConnectionGuard(Vertx vertx, Shared shared) {
    this.shared = shared;
    this.headerNanos = shared.limits.headerTimeout().toNanos();
    this.bodyNanos = shared.limits.requestTimeout().toNanos();
    this.idleNanos = TimeUnit.SECONDS.toNanos(shared.limits.idleTimeoutSeconds());
    long sweepMillis = Math.max(10, Math.min(1_000, Math.min(headerNanos, bodyNanos) / 5_000_000));
    vertx.setPeriodic(sweepMillis, id -> sweep(System.nanoTime()));
  }

  /** A new connection: counted, refused past the bound, given its first header deadline. */
  public void opened(HttpConnection connection) {
    if (shared.connections.incrementAndGet() > shared.limits.maxConnections()) {
      shared.connections.decrementAndGet();
      shared.refusedConnections.increment();
      connection.close();
      return;
    }
    Watch watch = new Watch();
    watch.headerDeadline = System.nanoTime() + headerNanos;
    watched.put(connection, watch);
    connection.closeHandler(v -> {
      shared.connections.decrementAndGet();
      watched.remove(connection);
    });
  }

  /**
   * A request whose headers arrived: true if it may go to the router (which must then call
   * {@link #track}); otherwise it has been answered already.
   */
  public boolean admit(HttpServerRequest request) {
    Watch watch = watched.get(request.connection());
    if (watch != null) {
      watch.headerDeadline = 0;
    }
    if (shared.inFlight.incrementAndGet() > shared.limits.maxInFlight()) {
      shared.inFlight.decrementAndGet();
      shared.refusedRequests.increment();
      request.response().setStatusCode(503).putHeader("Retry-After", "1")
          .putHeader("Content-Type", "application/json")
          .end("{\"error\":{\"code\":\"unavailable\",\"message\":\"too many requests in flight; retry\"}}");
      return false;
    }
    return true;
  }

  /**
   * The router's first handler for an admitted request: the body deadline, and the end of the
   * request (answered, or its connection gone) releases its in-flight slot. Through the routing
   * context because Vert.x Web owns the response's own end and close handlers.
   */
  public void track(RoutingContext ctx) {
    Watch watch = watched.get(ctx.request().connection());
    if (watch != null) {
      watch.request = ctx;
      watch.bodyDeadline = System.nanoTime() + bodyNanos;
    }
    ctx.addEndHandler(result -> {
      shared.inFlight.decrementAndGet();
      if (watch != null && watch.request == ctx) {
        watch.request = null;
        // Idle between requests is normal for a keep-alive client, so the next request's headers
        // get the idle timeout, not the (shorter) first-request deadline.
        watch.headerDeadline = result.succeeded() ? System.nanoTime() + idleNanos : 0;
      }
    });
    ctx.next();
  }

  /**
   * For a request admitted and answered in full by the request handler itself (no router, so no
   * {@link #track}): releases its in-flight slot and gives its connection the idle deadline.
   */
  public void answeredAtOnce(HttpServerRequest request) {
    shared.inFlight.decrementAndGet();
    Watch watch = watched.get(request.connection());
    if (watch != null) {
      watch.headerDeadline = System.nanoTime() + idleNanos;
    }
  }

  /** Closes the connections past a deadline (collected first: closing changes the map). */
  private void sweep(long now) {
    List<HttpConnection> slowHeaders = new ArrayList<>();
    List<RoutingContext> slowBodies = new ArrayList<>();
    watched.forEach((connection, watch) -> {
      if (watch.request != null) {
        if (now - watch.bodyDeadline > 0) {
          slowBodies.add(watch.request);
        }
      } else if (watch.headerDeadline != 0 && now - watch.headerDeadline > 0) {
        slowHeaders.add(connection);
      }
    });
    for (HttpConnection connection : slowHeaders) {
      watched.remove(connection);
      shared.slowClients.increment();
      connection.close();
    }
    for (RoutingContext ctx : slowBodies) {
      if (!ctx.request().isEnded() && !ctx.response().ended()) {
        shared.slowClients.increment();
        ctx.response().setStatusCode(408).putHeader("Connection", "close").end();
        ctx.request().connection().close();
      }
    }
  }
}
