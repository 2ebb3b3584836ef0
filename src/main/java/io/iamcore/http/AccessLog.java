package io.iamcore.http;

import io.iamcore.metrics.HttpMetrics;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * One JSON line per request on the logger {@value #LOGGER}:
 * {@code {"time","requestId","method","route","status","latencyMs","bytes","connectorId","tenantId"}}.
 *
 * <p>What is logged is chosen, not filtered: the route template (never the raw path, and never the
 * query string, which carries SCIM filters with user names), ids the gateway itself issued, and
 * numbers. No header other than {@code X-Request-Id} is read, so no token or secret can reach the
 * line. The request id is the caller's {@code X-Request-Id} when it is a plausible id (Entra and
 * proxies send one), otherwise a new UUID; either way it is echoed in the response and is the id
 * an internal error's body and log line name.
 *
 * <p>The route template is worked out when the response headers are written (see
 * {@link RouteTemplates} for why not at the end) and shared with {@link HttpMetrics}.
 */
public final class AccessLog implements Handler<RoutingContext> {

  /** The logger name; operators route or silence it by this name. */
  public static final String LOGGER = "iamcore.access";
  public static final String REQUEST_ID_HEADER = "X-Request-Id";
  /** Where a route's code may put the tenant when {@link Caller} does not apply (SCIM). */
  public static final String TENANT_KEY = "iamcore.access.tenant";

  private static final Logger LOG = Logger.getLogger(LOGGER);
  private static final String REQUEST_ID_KEY = "iamcore.access.requestId";
  private static final Pattern PLAUSIBLE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
  private static final Pattern CONNECTOR_ROUTE =
      Pattern.compile("/iamcore(/beta)?/sync/connectors/:(id|connectorId)(/.*)?");
  private static final int CONNECTOR_SEGMENT = 4;

  private final Router router;
  private RouteTemplates templates;  // built on first use, on this router's one event loop

  public AccessLog(Router router) {
    this.router = router;
  }

  /** The request's id, as logged and echoed; null outside a request this handler saw. */
  public static String requestId(RoutingContext ctx) {
    return ctx.get(REQUEST_ID_KEY);
  }

  /**
   * Sends the access lines, as bare JSON lines, to standard output through bounded buffers and a
   * thread of their own (never the event loop), instead of the root logger's console format.
   * Called once by {@code Main}; tests keep the default, so their log capture sees the lines.
   */
  public static void writeJsonLinesToStdout() {
    JsonLinesHandler lines = new JsonLinesHandler(System.out, JsonLinesHandler.DEFAULT_CAPACITY);
    LOG.setUseParentHandlers(false);
    LOG.addHandler(lines);
    direct = lines;
  }

  /**
   * The JSON-lines handler once {@link #writeJsonLinesToStdout} installed it: lines go to it
   * straight, into a buffer of this event loop's own, with no {@link java.util.logging.LogRecord}
   * each (a timestamp and a global sequence number per line). The logger's level still decides
   * whether a line is written.
   */
  private static volatile JsonLinesHandler direct;

  /**
   * This router's event loop's buffer in {@link #direct}, made on first use. A response ended on
   * another thread appends here too; the buffer is synchronized, and a second buffer made by a
   * race is written like any other.
   */
  private JsonLinesHandler.Lines lines;

  @Override
  public void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    String requestId = requestIdOf(ctx.request());
    ctx.put(REQUEST_ID_KEY, requestId);
    ctx.response().putHeader(REQUEST_ID_HEADER, requestId);
    ctx.addHeadersEndHandler(v -> ctx.put(HttpMetrics.ROUTE_KEY, templates().of(ctx)));
    ctx.addEndHandler(done -> {
      if (LOG.isLoggable(Level.INFO)) {
        log(ctx, requestId, System.nanoTime() - start);
      }
    });
    ctx.next();
  }

  /** The id a request is logged and answered under: its plausible {@code X-Request-Id}, or a new one. */
  public static String requestIdOf(HttpServerRequest request) {
    String id = request.getHeader(REQUEST_ID_HEADER);
    return id != null && PLAUSIBLE_ID.matcher(id).matches() ? id : newRequestId();
  }

  /**
   * Logs a request answered without the router (which this handler sees otherwise): the same line,
   * from what the caller knows.
   */
  public void answered(HttpServerRequest request, String requestId, String route, long nanos, UUID tenant) {
    if (!LOG.isLoggable(Level.INFO)) {
      return;
    }
    StringBuilder line = new StringBuilder(256);
    append(line, requestId, request.method().name(), route, request.response().getStatusCode(), nanos,
        request.response().bytesWritten(), null, tenant);
    write(line);
  }

  private void log(RoutingContext ctx, String requestId, long nanos) {
    String route = ctx.get(HttpMetrics.ROUTE_KEY);
    if (route == null) {
      route = templates().of(ctx);  // the client left before the headers were written
    }
    StringBuilder line = new StringBuilder(256);
    append(line, requestId, ctx.request().method().name(), route, ctx.response().getStatusCode(), nanos,
        ctx.response().bytesWritten(), connectorId(route, ctx.normalizedPath()), tenant(ctx));
    write(line);
  }

  private void write(StringBuilder line) {
    JsonLinesHandler handler = direct;
    if (handler == null) {
      LOG.info(line.toString());
      return;
    }
    if (lines == null) {
      lines = handler.newLines();
    }
    lines.append(line);
  }

  /**
   * A random (version 4) UUID from the event loop's own generator: a request id must be unique, not
   * unguessable, and {@link UUID#randomUUID()} would make every request of every event loop take
   * the one lock of a shared SecureRandom.
   */
  static String newRequestId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(high, low).toString();
  }

  private static void append(StringBuilder line, String requestId, String method, String route, int status,
      long nanos, long bytes, String connector, Object tenant) {
    // Built by hand, not through a JsonObject and Jackson: this runs for every request on the
    // event loop, and on the token-resolution hot path it was the largest single cost.
    line.append("{\"time\":\"");
    Timestamps.appendNow(line);
    line.append('"');
    field(line, "requestId", requestId);
    field(line, "method", method);
    field(line, "route", route);
    line.append(",\"status\":").append(status).append(",\"latencyMs\":");
    appendMillis(line, nanos / 1_000);
    line.append(",\"bytes\":").append(bytes);
    if (connector != null) {
      field(line, "connectorId", connector);
    }
    if (tenant != null) {
      field(line, "tenantId", tenant.toString());
    }
    line.append('}');
  }

  /** {@code micros} as milliseconds with three decimals ({@code 0.021}), without a double. */
  static void appendMillis(StringBuilder line, long micros) {
    line.append(micros / 1_000).append('.');
    appendThreeDigits(line, (int) (micros % 1_000));
  }

  /** {@code n} (0–999) as exactly three digits: the fraction after a decimal point. */
  private static void appendThreeDigits(StringBuilder line, int n) {
    line.append((char) ('0' + n / 100)).append((char) ('0' + n / 10 % 10)).append((char) ('0' + n % 10));
  }

  /** Appends {@code ,"name":"value"} with the value escaped as a JSON string. */
  private static void field(StringBuilder line, String name, String value) {
    line.append(",\"").append(name).append("\":\"");
    if (plain(value)) {
      line.append(value).append('"');  // the usual case: ids and templates need no escaping
      return;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        line.append('\\').append(c);
      } else if (c < 0x20) {
        line.append(String.format("\\u%04x", (int) c));
      } else {
        line.append(c);
      }
    }
    line.append('"');
  }

  private static boolean plain(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\' || c < 0x20) {
        return false;
      }
    }
    return true;
  }

  /** The connector a connector-scoped route names, if its path segment is a connector id at all. */
  private static String connectorId(String route, String path) {
    if (!route.contains("/connectors/:") || !CONNECTOR_ROUTE.matcher(route).matches()) {
      return null;
    }
    String[] segments = path.split("/", -1);
    int at = route.startsWith("/iamcore/beta/") ? CONNECTOR_SEGMENT + 1 : CONNECTOR_SEGMENT;
    if (segments.length <= at) {
      return null;
    }
    try {
      return UUID.fromString(segments[at]).toString();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static Object tenant(RoutingContext ctx) {
    Caller caller = ctx.get(Caller.KEY);
    return caller != null ? caller.tenantId() : ctx.get(TENANT_KEY);
  }

  /**
   * ISO-8601 UTC times to the millisecond ({@code 2026-12-04T21:29:01.123Z}). The text up to the
   * second is formatted once per second and shared: formatting an {@link Instant} per line was a
   * measurable share of a hot request.
   */
  static final class Timestamps {
    private record Second(long epochSecond, String text) {}

    private static final DateTimeFormatter TO_SECOND =
        DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
    private static volatile Second current = new Second(Long.MIN_VALUE, "");

    private Timestamps() {}

    static void appendNow(StringBuilder out) {
      append(out, System.currentTimeMillis());
    }

    static void append(StringBuilder out, long epochMillis) {
      long second = Math.floorDiv(epochMillis, 1000);
      Second cached = current;
      if (cached.epochSecond() != second) {
        // Two threads may both format a new second; either result is the same text.
        cached = new Second(second, TO_SECOND.format(Instant.ofEpochSecond(second)));
        current = cached;
      }
      out.append(cached.text()).append('.');
      appendThreeDigits(out, (int) Math.floorMod(epochMillis, 1000));
      out.append('Z');
    }
  }

  private RouteTemplates templates() {
    if (templates == null) {
      templates = RouteTemplates.of(router.getRoutes());
    }
    return templates;
  }
}
