package io.iamcore.cli;

import static io.iamcore.cli.CliCommandsTest.EXAMPLES;
import static io.iamcore.cli.CliCommandsTest.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.iamcore.testing.Credentials;
import io.iamcore.testing.HttpResult;
import io.iamcore.testing.RunningGateway;
import io.iamcore.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/try-it.md, step by step, against a real gateway in development mode with Entra's keys out of
 * reach (as on a laptop without network): the same commands, files and requests as the document.
 */
class TryItTest {

  /** The Entra objectId of the user in docs/examples/entra-user.json (Entra maps it to externalId). */
  private static final String OID = "0f5e2a7c-1b3d-4e8f-9a6b-2c4d6e8f0a1b";

  @Test
  @DisplayName("the newcomer's walk-through: dev mode, admin token, HR identity, SCIM connector, Entra's requests, /identities/me, /metrics")
  void tryIt_fromCloneToProvisionedUser(@TempDir Path dataDir) throws IOException {
    try (RunningGateway gateway = RunningGateway.start(TestDatabase.create(), DevModeTest.devEnv(dataDir))) {
      Cli iamcore = Cli.at(gateway.baseUrl(), null).env("IAMCORE_DATA_DIR", dataDir.toString());

      // export IAMCORE_TOKEN=$(iamcore token mint admin)
      String admin = ok(iamcore.run("token", "mint", "admin")).out().strip();
      iamcore.env("IAMCORE_TOKEN", admin);
      assertThat(gateway.send("GET", "/health/ready", null, null).status()).isEqualTo(200);

      // 1. an HR source that creates CoreIdentities, and one person in it
      String hr = ok(iamcore.run("connector", "new", "--name", "HR", "--template-id", "API", "-q")).out().strip();
      ok(iamcore.run("rule", "new", EXAMPLES.resolve("hr-person-rule.json").toString(), "--connector-id", hr));
      HttpResult person = gateway.send("PUT", "/iamcore/sync/connectors/" + hr + "/data/person/E-1001", admin,
          "{\"displayName\":\"Adele Vance\",\"firstName\":\"Adele\",\"lastName\":\"Vance\"}", "application/json",
          Map.of());
      assertThat(person.status()).as(person.body()).isEqualTo(201);
      assertThat(ok(iamcore.run("identity", "show", "E-1001")).out()).contains("Adele Vance")
          .doesNotContain("entraObjectId");

      // 2. the Entra ID SCIM connector, the seed's rule and a secret token
      String connector = ok(iamcore.run("connector", "new", "--name", "Entra ID", "-q")).out().strip();
      ok(iamcore.run("rule", "new", EXAMPLES.resolve("entra-user-rule.json").toString(), "--connector-id", connector));
      String secret = Credentials.remember(ok(iamcore.run("connector", "secret", connector, "-q")).out().strip());
      String scim = "/iamcore/beta/sync/connectors/" + connector + "/scim";

      // 3. as Entra: Test connection, the probe, the create
      HttpResult test = gateway.send("GET", scim + "/Users?filter=userName+eq+%22" + UUID.randomUUID() + "%22",
          secret, null);
      assertThat(test.status()).isEqualTo(200);
      assertThat(test.json().getInteger("totalResults")).isZero();
      HttpResult probe = gateway.send("GET", scim + "/Users?filter=externalId+eq+%22" + OID + "%22", secret, null);
      assertThat(probe.json().getInteger("totalResults")).isZero();
      HttpResult created = gateway.send("POST", scim + "/Users", secret,
          Files.readString(EXAMPLES.resolve("entra-user.json")), "application/scim+json", Map.of());
      assertThat(created.status()).as(created.body()).isEqualTo(201);
      assertThat(gateway.send("GET", scim + "/Users?filter=externalId+eq+%22" + OID + "%22", secret, null)
          .json().getInteger("totalResults")).isEqualTo(1);

      // 4. the connector space and the CoreIdentity
      assertThat(ok(iamcore.run("object", "list", connector)).out()).contains(OID, "joined", "Identity E-1001");
      assertThat(ok(iamcore.run("identity", "show", "E-1001")).out())
          .contains("entraObjectId:", OID, "entraUserPrincipalName:", "adele.vance@contoso.example");

      // 5. who is this token? /identities/me with a user token for that oid
      String user = ok(iamcore.run("token", "mint", "user", "--oid", OID)).out().strip();
      HttpResult me = gateway.send("GET", "/iamcore/identities/me", user, null);
      assertThat(me.status()).isEqualTo(200);
      assertThat(me.json().getString("id")).isEqualTo("E-1001");
      assertThat(ok(iamcore.run("identity", "show", "--token", user)).out()).contains("E-1001");

      // deprovisioned as Entra does it: the token stops resolving, the CoreIdentity stays
      String userId = created.json().getString("id");
      HttpResult disabled = gateway.send("PATCH", scim + "/Users/" + userId, secret,
          "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"Replace\","
              + "\"path\":\"active\",\"value\":\"False\"}]}", "application/scim+json", Map.of());
      assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
      HttpResult gone = gateway.send("GET", "/iamcore/identities/me", user, null);
      assertThat(gone.status()).isEqualTo(404);
      assertThat(gone.json().getJsonObject("error").getString("code")).isEqualTo("notFound");
      assertThat(ok(iamcore.run("identity", "show", "E-1001")).out()).contains("Adele Vance").doesNotContain(OID);

      // Entra's own token instead of the secret (the Secret Token field left blank)
      String entraToken = ok(iamcore.run("token", "mint", "scim")).out().strip();
      assertThat(gateway.send("GET", scim + "/Users?filter=externalId+eq+%22" + OID + "%22", entraToken, null)
          .status()).isEqualTo(200);

      // 6. what Prometheus scrapes
      String metrics = gateway.send("GET", "/metrics", null, null).body();
      assertThat(metrics).contains("iamcore_writer_batch_rows_count", "iamcore_index_entries",
          "iamcore_index_lookups_total", "http_server_requests_seconds_count");
      assertThat(new JsonObject(ok(iamcore.run("--json", "connector", "show", connector)).out())
          .getJsonObject("configuration").getString("tenantId")).isEqualTo(TokenCommands.DEV_TENANT);
    }
  }
}
