package io.iamcore.http;

import io.iamcore.config.TransportLimits;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;
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
 *   <li>One guard per event loop (its per-connection state is touched only there); the counters
 *       are shared.
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

  private final Vertx vertx;
  private final Shared shared;
  private final Map<HttpConnection, Long> headerDeadlines = new HashMap<>();

  public ConnectionGuard(Vertx vertx, Shared shared) {
    this.vertx = vertx;
    this.shared = shared;
  }

  /** A new connection: counted, refused past the bound, given its first header deadline. */
  public void opened(HttpConnection connection) {
    if (shared.connections.incrementAndGet() > shared.limits.maxConnections()) {
      shared.connections.decrementAndGet();
      shared.refusedConnections.increment();
      connection.close();
      return;
    }
    connection.closeHandler(v -> {
      shared.connections.decrementAndGet();
      cancelDeadline(connection);
    });
    armDeadline(connection);
  }

  /**
   * A request whose headers arrived: true if it may go to the router (which must then call
   * {@link #track}); otherwise it has been answered already.
   */
  public boolean admit(HttpServerRequest request) {
    cancelDeadline(request.connection());
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
    HttpServerRequest request = ctx.request();
    HttpConnection connection = request.connection();
    long bodyTimer = vertx.setTimer(shared.limits.requestTimeout().toMillis(), t -> {
      if (!request.isEnded() && !ctx.response().ended()) {
        shared.slowClients.increment();
        ctx.response().setStatusCode(408).putHeader("Connection", "close").end();
        connection.close();
      }
    });
    ctx.addEndHandler(result -> {
      shared.inFlight.decrementAndGet();
      vertx.cancelTimer(bodyTimer);
      if (result.succeeded()) {
        // Idle between requests is normal for a keep-alive client, so the next request's headers
        // get the idle timeout, not the (shorter) first-request deadline.
        armDeadline(connection, shared.limits.idleTimeoutSeconds() * 1000L);
      }
    });
    ctx.next();
  }

  private void armDeadline(HttpConnection connection) {
    armDeadline(connection, shared.limits.headerTimeout().toMillis());
  }

  private void armDeadline(HttpConnection connection, long millis) {
    long timer = vertx.setTimer(millis, t -> {
      if (headerDeadlines.remove(connection) != null) {
        shared.slowClients.increment();
        connection.close();
      }
    });
    Long previous = headerDeadlines.put(connection, timer);
    if (previous != null) {
      vertx.cancelTimer(previous);
    }
  }

  private void cancelDeadline(HttpConnection connection) {
    Long timer = headerDeadlines.remove(connection);
    if (timer != null) {
      vertx.cancelTimer(timer);
    }
  }
}
