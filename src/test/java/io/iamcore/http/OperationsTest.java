package io.iamcore.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamcore.testing.GatewayTestBase;
import io.iamcore.testing.HttpResult;
import io.iamcore.testing.RunningGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OperationsTest extends GatewayTestBase {


  @Test
  @DisplayName("live and ready report UP with each check named")
  void health_up() {
    assertThat(gateway.send("GET", "/health/live", null, null).json().getString("status")).isEqualTo("UP");
    HttpResult ready = gateway.send("GET", "/health/ready", null, null);
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.json().getJsonObject("checks"))
        .isEqualTo(new JsonObject().put("database", "UP").put("signingKeys", "UP").put("identityIndex", "UP"));
  }

  @Test
  @DisplayName("metrics expose latency histograms by route template, batch sizes, commit latency and queue depth")
  void metrics_prometheus() {
    String tenant = UUID.randomUUID().toString();
    String connector = gateway.createScimConnector(tenant).getString("id");
    String token = gateway.issueSecret(tenant, connector);
    gateway.send("POST", RunningGateway.scimPath(connector, "/Users"), token, new JsonObject()
        .put("schemas", new JsonArray().add("urn:ietf:params:scim:schemas:core:2.0:User"))
        .put("userName", "metrics@contoso.example"));
    HttpResult metrics = gateway.send("GET", "/metrics", null, null);
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.header("Content-Type")).startsWith("text/plain");
    assertThat(metrics.body())
        .contains("http_server_requests_seconds_bucket{method=\"POST\",route=\"/iamcore/beta/sync/connectors/:connectorId/scim/Users\",status=\"201\"")
        .contains("iamcore_writer_batch_rows_bucket")
        .contains("iamcore_writer_commit_seconds_bucket")
        .contains("iamcore_writer_queue_depth 0.0")
        .contains("iamcore_jwks_keys")
        .doesNotContain(connector + "/scim/Users\"");
  }

  @Test
  @DisplayName("an unknown admin path is a JSON 404, an unsupported method a 405")
  void unknownRoutes_jsonErrors() {
    HttpResult missing = gateway.send("GET", "/iamcore/nothing-here", null, null);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().getJsonObject("error").getString("code")).isEqualTo("notFound");
    HttpResult method = gateway.send("PUT", "/health/live", null, null);
    assertThat(method.status()).isEqualTo(405);
  }
}
