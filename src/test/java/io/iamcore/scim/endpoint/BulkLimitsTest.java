package io.iamcore.scim.endpoint;

import static io.iamcore.testing.TestUsers.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.iamcore.testing.HttpResult;
import io.iamcore.testing.RunningGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RFC 7644 §3.7.4 with configured limits below the HTTP body limit: advertised as set, enforced as advertised. */
class BulkLimitsTest {

  private static RunningGateway gateway;
  private static String connector;
  private static String token;

  @BeforeAll
  static void start() {
    gateway = RunningGateway.start(Map.of("IAMCORE_BULK_MAX_OPERATIONS", "3",
        "IAMCORE_BULK_MAX_PAYLOAD_BYTES", "2048", "IAMCORE_DB_CONNECT_TIMEOUT_MS", "10000"));
    String tenant = UUID.randomUUID().toString();
    connector = gateway.createScimConnector(tenant).getString("id");
    token = gateway.issueSecret(tenant, connector);
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  private static HttpResult bulk(JsonObject... operations) {
    JsonObject body = new JsonObject().put("schemas", new JsonArray().add(BulkTest.BULK_REQUEST))
        .put("Operations", new JsonArray(java.util.List.of((Object[]) operations)));
    return gateway.send("POST", RunningGateway.scimPath(connector, "/Bulk"), token, body);
  }

  private static long liveUsers() {
    return gateway.database().queryLong("SELECT count(*) FROM cs_object WHERE connector_id = '" + connector
        + "' AND deleted_at IS NULL");
  }

  @Test
  @DisplayName("ServiceProviderConfig advertises the configured maxOperations and maxPayloadSize")
  void advertised() {
    JsonObject bulk = gateway.send("GET", RunningGateway.scimPath(connector, "/ServiceProviderConfig"), token, null)
        .json().getJsonObject("bulk");
    assertThat(bulk.getBoolean("supported")).isTrue();
    assertThat(bulk.getInteger("maxOperations")).isEqualTo(3);
    assertThat(bulk.getInteger("maxPayloadSize")).isEqualTo(2048);
  }

  @Test
  @DisplayName("maxOperations operations pass; one more is 413 naming maxOperations and applies nothing")
  void maxOperations() {
    HttpResult four = bulk(BulkTest.post("a", user("a@x.example", "a")), BulkTest.post("b", user("b@x.example", "b")),
        BulkTest.post("c", user("c@x.example", "c")), BulkTest.post("d", user("d@x.example", "d")));
    assertThat(four.status()).isEqualTo(413);
    assertThat(four.json().getString("detail")).contains("maxOperations is 3");
    assertThat(liveUsers()).isZero();
    HttpResult three = bulk(BulkTest.post("a", user("a@x.example", "a")), BulkTest.post("b", user("b@x.example", "b")),
        BulkTest.post("c", user("c@x.example", "c")));
    assertThat(three.status()).isEqualTo(200);
    assertThat(liveUsers()).isEqualTo(3);
  }

  @Test
  @DisplayName("a body over maxPayloadSize (but under the HTTP body limit) is 413 naming maxPayloadSize")
  void maxPayloadSize() {
    HttpResult large = bulk(BulkTest.post("big", user("big@x.example", "big").put("title", "x".repeat(2100))));
    assertThat(large.status()).isEqualTo(413);
    assertThat(large.json().getString("detail")).contains("maxPayloadSize (2048 bytes)");
    assertThat(gateway.send("POST", RunningGateway.scimPath(connector, "/Users"), token,
        user("big@x.example", "big").put("title", "x".repeat(2100))).status())
        .as("other routes keep the HTTP body limit").isEqualTo(201);
  }
}
