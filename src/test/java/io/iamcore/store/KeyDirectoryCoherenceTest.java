package io.iamcore.store;

import static io.iamcore.testing.TestUsers.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.iamcore.testing.HttpResult;
import io.iamcore.testing.Polling;
import io.iamcore.testing.RunningGateway;
import io.vertx.core.json.JsonArray;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Entra's probes answered from in-memory keys stay right when another replica writes. */
class KeyDirectoryCoherenceTest {

  private static RunningGateway a;
  private static RunningGateway b;

  @BeforeAll
  static void twoReplicas() {
    a = RunningGateway.start();
    b = RunningGateway.start(a.database(), Map.of());
  }

  @AfterAll
  static void stop() {
    b.stopGateway();
    a.close();
  }

  @Test
  @DisplayName("a create, a rename and a delete on replica A are seen by replica B's userName and externalId probes within 1 s")
  void changesOnA_seenByProbesOnB() {
    String tenant = UUID.randomUUID().toString();
    String connector = a.createScimConnector(tenant).getString("id");
    String secret = a.issueSecret(tenant, connector);
    assertThat(probe(b, connector, secret, "userName", "ada@contoso.example")).isZero(); // B loads its keys now

    HttpResult created = a.send("POST", RunningGateway.scimPath(connector, "/Users"), secret,
        user("ada@contoso.example", "oid-ada"));
    assertThat(created.status()).isEqualTo(201);
    String id = created.json().getString("id");
    awaitProbe(connector, secret, "userName", "ADA@contoso.example", 1);
    awaitProbe(connector, secret, "externalId", "oid-ada", 1);

    assertThat(a.send("PUT", RunningGateway.scimPath(connector, "/Users/" + id), secret,
        user("ada.lovelace@contoso.example", "oid-ada")).status()).isEqualTo(200);
    awaitProbe(connector, secret, "userName", "ada.lovelace@contoso.example", 1);
    awaitProbe(connector, secret, "userName", "ada@contoso.example", 0);

    assertThat(a.send("DELETE", RunningGateway.scimPath(connector, "/Users/" + id), secret, null).status())
        .isEqualTo(204);
    awaitProbe(connector, secret, "externalId", "oid-ada", 0);
    awaitProbe(connector, secret, "userName", "ada.lovelace@contoso.example", 0);
  }

  @Test
  @DisplayName("when B loses its LISTEN connection, it reconnects and a user created on A meanwhile is found on B")
  void lostListener_reconnects_resyncs() {
    String tenant = UUID.randomUUID().toString();
    String connector = a.createScimConnector(tenant).getString("id");
    String secret = a.issueSecret(tenant, connector);
    assertThat(probe(b, connector, secret, "externalId", "oid-grace")).isZero();

    long terminated = a.database().queryLong("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
        + " WHERE datname = current_database() AND application_name = '"
        + PgListener.applicationName(KeyDirectory.CHANNEL) + "'");
    assertThat(terminated).as("both replicas' key listeners").isEqualTo(2);
    assertThat(a.send("POST", RunningGateway.scimPath(connector, "/Users"), secret,
        user("grace@contoso.example", "oid-grace")).status()).isEqualTo(201);

    Polling.until(() -> probe(b, connector, secret, "externalId", "oid-grace") == 1, Duration.ofSeconds(10),
        "B finds the user created while its listener was down");
  }

  private static void awaitProbe(String connector, String secret, String attribute, String value, int expected) {
    Polling.until(() -> probe(b, connector, secret, attribute, value) == expected, Duration.ofSeconds(1),
        "B's probe " + attribute + " eq " + value + " answers " + expected);
  }

  private static int probe(RunningGateway replica, String connector, String secret, String attribute, String value) {
    String filter = URLEncoder.encode(attribute + " eq \"" + value + "\"", StandardCharsets.UTF_8);
    HttpResult result = replica.send("GET", RunningGateway.scimPath(connector, "/Users?filter=" + filter), secret,
        null);
    assertThat(result.status()).as(result.body()).isEqualTo(200);
    JsonArray resources = result.json().getJsonArray("Resources");
    return resources == null ? 0 : resources.size();
  }
}
