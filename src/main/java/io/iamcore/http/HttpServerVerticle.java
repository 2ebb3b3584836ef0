package io.iamcore.http;

import io.iamcore.config.HttpConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.function.Supplier;

/** One event loop's HTTP server; several share the port (Vert.x balances connections). */
public final class HttpServerVerticle extends VerticleBase {

  private final HttpConfig config;
  private final Supplier<Router> routes;
  private HttpServer server;

  public HttpServerVerticle(HttpConfig config, Supplier<Router> routes) {
    this.config = config;
    this.routes = routes;
  }

  @Override
  public Future<?> start() {
    HttpServerOptions options = new HttpServerOptions()
        .setPort(config.port())
        .setHost(config.host())
        .setIdleTimeout(60)
        .setMaxHeaderSize(16 * 1024)
        .setMaxInitialLineLength(8 * 1024)
        .setCompressionSupported(true);
    return vertx.createHttpServer(options)
        .requestHandler(routes.get())
        .listen()
        .onSuccess(s -> server = s);
  }

  /** The bound port (useful when configured as 0). */
  public int actualPort() {
    return server.actualPort();
  }
}
