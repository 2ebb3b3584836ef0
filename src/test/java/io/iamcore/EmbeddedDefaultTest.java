package io.iamcore;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamcore.testing.HttpResult;
import io.iamcore.testing.RunningGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** With no IAMCORE_DB_URL the gateway runs on its embedded PostgreSQL, durably. */
class EmbeddedDefaultTest {

  @Test
  @DisplayName("without IAMCORE_DB_URL the gateway is ready on its embedded database, and data survives a restart")
  void embeddedDefault_readyAndDurableAcrossRestart() throws Exception {
    Path dataDir = Files.createTempDirectory("iamcore-embedded");
    Map<String, String> env = Map.of("IAMCORE_DATA_DIR", dataDir.toString());
    String tenant = UUID.randomUUID().toString();
    String connector;
    String token;
    String userId;

    RunningGateway first = RunningGateway.start(null, env);
    try {
      assertThat(first.send("GET", "/health/ready", null, null).status()).isEqualTo(200);
      connector = first.createScimConnector(tenant).getString("id");
      token = first.issueSecret(tenant, connector);
      HttpResult created = first.send("POST", RunningGateway.scimPath(connector, "/Users"), token,
          new JsonObject().put("schemas", new JsonArray().add("urn:ietf:params:scim:schemas:core:2.0:User"))
              .put("userName", "durable@contoso.example").put("externalId", "durable"));
      assertThat(created.status()).isEqualTo(201);
      userId = created.json().getString("id");
    } finally {
      first.close();
    }
    assertThat(dataDir.resolve("postgres").resolve("PG_VERSION")).exists();

    // The JWKS key changes with the new process, so authenticate with the stored secret token.
    RunningGateway second = RunningGateway.start(null, env);
    try {
      assertThat(second.send("GET", "/health/ready", null, null).status()).isEqualTo(200);
      HttpResult read = second.send("GET", RunningGateway.scimPath(connector, "/Users/" + userId), token, null);
      assertThat(read.status()).isEqualTo(200);
      assertThat(read.json().getString("userName")).isEqualTo("durable@contoso.example");
      HttpResult probe = second.send("GET",
          RunningGateway.scimPath(connector, "/Users?filter=externalId+eq+%22durable%22"), token, null);
      assertThat(probe.json().getInteger("totalResults")).isEqualTo(1);
    } finally {
      second.close();
    }
  }
}
