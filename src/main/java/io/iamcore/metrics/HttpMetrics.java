package io.iamcore.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Handler;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Request latency by method, route template (never the raw path, so the label set stays bounded)
 * and status: {@code http_server_requests_seconds} histograms for Prometheus.
 *
 * <p>The timers are looked up once per (method, route, status) and kept: building and registering
 * a meter per request (a builder, a sorted tag list, the registry's map) was a measurable share of
 * a hot request such as {@code /identities/me}. Histogram buckets start at 50 µs, so that
 * sub-millisecond percentiles (the resolution path's target is p99 < 1 ms) can be read.
 */
public final class HttpMetrics implements Handler<RoutingContext> {

  /**
   * Where the access log puts the request's route template when the response headers are written
   * (a failed request's current route is the error handler's, not its own).
   */
  public static final String ROUTE_KEY = "iamcore.route";

  private static final Duration SMALLEST_BUCKET = Duration.ofNanos(50_000);

  private final MeterRegistry registry;
  private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();

  /** A record, not a concatenated string: its hash reuses the strings' cached hashes. */
  private record TimerKey(String method, String template, int status) {}

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
      timer(ctx.request().method().name(), template, ctx.response().getStatusCode())
          .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    });
    ctx.next();
  }

  /**
   * The timer one kind of answer is recorded in, for a caller that answers it without the router
   * and records it many times (look it up once, then {@code record(nanos, NANOSECONDS)}).
   */
  public Timer timer(String method, String template, int status) {
    TimerKey key = new TimerKey(method, template, status);
    Timer timer = timers.get(key);
    return timer != null ? timer : timers.computeIfAbsent(key, k -> Timer.builder("http_server_requests")
        .description("HTTP requests by route template and status")
        .tag("method", method)
        .tag("route", template)
        .tag("status", String.valueOf(status))
        .publishPercentileHistogram()
        .minimumExpectedValue(SMALLEST_BUCKET)
        .register(registry));
  }
}
