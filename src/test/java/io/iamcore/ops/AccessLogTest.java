package io.iamcore.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamcore.http.AccessLog;
import io.iamcore.testing.GatewayTestBase;
import io.iamcore.testing.HttpResult;
import io.iamcore.testing.RunningGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** One JSON line per request on {@code iamcore.access}, with the route template and no secrets. */
class AccessLogTest extends GatewayTestBase {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private final Queue<String> lines = new ConcurrentLinkedQueue<>();
  private final Logger accessLogger = Logger.getLogger(AccessLog.LOGGER);
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord record) {
      lines.add(record.getMessage());
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  @BeforeEach
  void captureAccessLines() {
    accessLogger.addHandler(capture);
  }

  @AfterEach
  void stopCapturing() {
    accessLogger.removeHandler(capture);
  }

  @Test
  @DisplayName("an admin request logs exactly one JSON line: its request id, method, route template, status, latency, connector and tenant")
  void adminRequest_oneJsonLine() {
    String tenant = UUID.randomUUID().toString();
    String connector = gateway.createScimConnector(tenant).getString("id");
    String requestId = "req-" + UUID.randomUUID();

    HttpResult answer = gateway.send("GET", "/iamcore/sync/connectors/" + connector + "?limit=5",
        gateway.administrator(tenant), null, null, Map.of(AccessLog.REQUEST_ID_HEADER, requestId));
    // A later request on the same connection: once its line is there, the first one's is complete.
    String marker = "marker-" + UUID.randomUUID();
    gateway.send("GET", "/health/live", null, null, null, Map.of(AccessLog.REQUEST_ID_HEADER, marker));
    awaitLine(marker);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.header(AccessLog.REQUEST_ID_HEADER)).isEqualTo(requestId);
    List<JsonObject> mine = linesWith(requestId);
    assertThat(mine).hasSize(1);
    JsonObject line = mine.get(0);
    assertThat(line.fieldNames()).containsExactlyInAnyOrder("time", "requestId", "method", "route", "status",
        "latencyMs", "bytes", "connectorId", "tenantId");
    assertThat(line.getString("method")).isEqualTo("GET");
    assertThat(line.getString("route")).isEqualTo("/iamcore/sync/connectors/:id");
    assertThat(line.getInteger("status")).isEqualTo(200);
    assertThat(line.getDouble("latencyMs")).isPositive();
    assertThat(line.getString("connectorId")).isEqualTo(connector);
    assertThat(line.getString("tenantId")).isEqualTo(tenant);
    assertThat(line.encode()).doesNotContain("limit");
  }

  @Test
  @DisplayName("a refused request logs its route template, not the raw path, a generated request id, and no credential")
  void refusedRequest_templateAndGeneratedId() {
    String token = gateway.administrator(UUID.randomUUID().toString()) + "tampered";
    String rule = UUID.randomUUID().toString();

    HttpResult answer = gateway.send("GET", "/iamcore/sync/rules/" + rule, token, null);
    String requestId = answer.header(AccessLog.REQUEST_ID_HEADER);
    JsonObject line = awaitLine(requestId);

    assertThat(answer.status()).isEqualTo(401);
    assertThat(UUID.fromString(requestId)).isNotNull();
    assertThat(line.getString("route")).isEqualTo("/iamcore/sync/rules/:id");
    assertThat(line.getInteger("status")).isEqualTo(401);
    assertThat(line.encode()).doesNotContain(rule).doesNotContain(token.substring(token.length() - 40));
    assertThat(line.containsKey("tenantId")).isFalse();
  }

  @Test
  @DisplayName("a SCIM request logs the SCIM route template, the connector and its tenant; the filter's value is not logged")
  void scimRequest_connectorAndTenant() {
    String tenant = UUID.randomUUID().toString();
    String connector = gateway.createScimConnector(tenant).getString("id");
    String secret = gateway.issueSecret(tenant, connector);
    String requestId = "scim-" + UUID.randomUUID();
    gateway.send("POST", RunningGateway.scimPath(connector, "/Users"), secret, new JsonObject()
        .put("schemas", new JsonArray().add("urn:ietf:params:scim:schemas:core:2.0:User"))
        .put("userName", "log.probe@contoso.example").encode(), "application/scim+json",
        Map.of(AccessLog.REQUEST_ID_HEADER, requestId));

    JsonObject line = awaitLine(requestId);

    assertThat(line.getString("route")).isEqualTo("/iamcore/beta/sync/connectors/:connectorId/scim/Users");
    assertThat(line.getInteger("status")).isEqualTo(201);
    assertThat(line.getString("connectorId")).isEqualTo(connector);
    assertThat(line.getString("tenantId")).isEqualTo(tenant);
    assertThat(line.encode()).doesNotContain("log.probe");
  }

  @Test
  @DisplayName("an implausible X-Request-Id is replaced by a generated one; an unknown path logs as unmatched")
  void badRequestId_replaced() {
    HttpResult answer = gateway.send("GET", "/no/such/path", null, null, null,
        Map.of(AccessLog.REQUEST_ID_HEADER, "not a plausible id {\"x\":1}"));
    String requestId = answer.header(AccessLog.REQUEST_ID_HEADER);

    JsonObject line = awaitLine(requestId);

    assertThat(UUID.fromString(requestId)).isNotNull();
    assertThat(line.getString("route")).isEqualTo("unmatched");
    assertThat(line.getInteger("status")).isEqualTo(404);
  }

  private JsonObject awaitLine(String requestId) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      List<JsonObject> found = linesWith(requestId);
      if (!found.isEmpty()) {
        return found.get(0);
      }
      LockSupport.parkNanos(5_000_000);  // the line is written just after the answer: poll briefly
    }
    throw new AssertionError("no access line for request " + requestId + " within " + WAIT);
  }

  /** Every captured line is JSON; these are the ones of {@code requestId}. */
  private List<JsonObject> linesWith(String requestId) {
    return lines.stream().map(JsonObject::new)
        .filter(line -> requestId.equals(line.getString("requestId"))).toList();
  }
}
