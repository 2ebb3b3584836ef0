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

  private final MeterRegistry registry;

  public HttpMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    ctx.addEndHandler(done -> {
      Route route = ctx.currentRoute();
      String template = route == null || route.getPath() == null ? "unmatched" : route.getPath();
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
