package io.iamcore.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Handler;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.TimeUnit;

/**
 * Request latency by method, route template (never the raw path, so the label set stays bounded)
 * and status: {@code http_server_requests_seconds} histograms for Prometheus.
 */
public final class HttpMetrics implements Handler<RoutingContext> {

  /**
   * Where the access log puts the request's route template when the response headers are written
   * (a failed request's current route is the error handler's, not its own).
   */
  public static final String ROUTE_KEY = "iamcore.route";

  private final MeterRegistry registry;

  public HttpMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    ctx.addEndHandler(done -> {
      String template = ctx.get(ROUTE_KEY);
      if (template == null) {
        Route route = ctx.currentRoute();
        template = route == null || route.getPath() == null ? "unmatched" : route.getPath();
      }
      Timer.builder("http_server_requests")
          .description("HTTP requests by route template and status")
          .tag("method", ctx.request().method().name())
          .tag("route", template)
          .tag("status", String.valueOf(ctx.response().getStatusCode()))
          .publishPercentileHistogram()
          .register(registry)
          .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    });
    ctx.next();
  }
}
