package io.iamcore.http;

import io.iamcore.config.HttpConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** One event loop's HTTP server; several share the port (Vert.x balances connections). */
public final class HttpServerVerticle extends VerticleBase {

  /** Inside Main.DRAIN_MILLIS: answering what was accepted is part of the drain. */
  private static final long SHUTDOWN_GRACE_SECONDS = 15;

  private final HttpConfig config;
  private final Supplier<Router> routes;
  private final ConnectionGuard.Shared limits;
  private final FrontLane.Factory lanes;
  private HttpServer server;

  public HttpServerVerticle(HttpConfig config, Supplier<Router> routes, ConnectionGuard.Shared limits,
      FrontLane.Factory lanes) {
    this.config = config;
    this.routes = routes;
    this.limits = limits;
    this.lanes = lanes;
  }

  @Override
  public Future<?> start() {
    HttpServerOptions options = new HttpServerOptions()
        .setPort(config.port())
        .setHost(config.host())
        .setIdleTimeout(config.limits().idleTimeoutSeconds())
        .setMaxHeaderSize(16 * 1024)
        .setMaxInitialLineLength(8 * 1024)
        .setCompressionSupported(true)
        // No WebSockets are served: without these Netty keeps a WebSocket extension handler in
        // every connection's pipeline, which every request passes through.
        .setPerMessageWebSocketCompressionSupported(false)
        .setPerFrameWebSocketCompressionSupported(false)
        // HTTP/1.1 only: with h2c detection on, Vert.x creates a connection (and calls the
        // connection handler the guard needs) only once the first request has been read.
        .setHttp2ClearTextEnabled(false)
        // Every response is written on its connection's event loop (see docs/design.md), so
        // writes go straight to the channel instead of through a cross-thread queue.
        .setStrictThreadMode(true);
    Router router = routes.get();
    ConnectionGuard guard = new ConnectionGuard(vertx, limits);
    router.route().order(-1).handler(guard::track);
    FrontLane lane = lanes.create(router, guard);
    return vertx.createHttpServer(options)
        .connectionHandler(guard::opened)
        .requestHandler(request -> {
          if (guard.admit(request) && !lane.served(request)) {
            router.handle(request);
          }
        })
        .listen()
        .onSuccess(s -> server = s);
  }

  /**
   * Graceful: the server stops accepting connections, and requests already being handled are
   * answered (their writes finish in the writer, which keeps running) before connections close.
   */
  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.shutdown(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS);
  }

  /** The bound port (useful when configured as 0). */
  public int actualPort() {
    return server.actualPort();
  }
}
