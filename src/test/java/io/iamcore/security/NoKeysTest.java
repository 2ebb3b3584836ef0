package io.iamcore.security;

import static io.iamcore.security.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.iamcore.auth.Roles;
import io.iamcore.testing.HttpResult;
import io.iamcore.testing.Polling;
import io.iamcore.testing.RunningGateway;
import io.iamcore.testing.TestFutures;
import io.iamcore.testing.TestJwksServer;
import io.iamcore.testing.TestKeys;
import io.iamcore.testing.TestUsers;
import io.iamcore.testing.TokenMinter;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Fail closed: a gateway whose key endpoint never served a usable key (only an encryption key, an
 * EC key and an RSA key that does not parse) is not ready and refuses every token, including the
 * unsigned ones a JWT library would accept while it holds no keys. A connector's secret token does
 * not depend on signing keys and keeps working.
 *
 * <p>Creating a connector needs an admin token, which nothing can verify here, so the connectors
 * are seeded straight into the test database, as an operator's earlier session would have left them.
 */
class NoKeysTest {

  private static final String TENANT = UUID.randomUUID().toString();

  /** The key whose JWK is published, but marked for encryption: it must not verify signatures. */
  private static final TestKeys KEY = TestKeys.generate();
  private static final TestKeys EC_KID = TestKeys.generate();
  private static final TestKeys BROKEN_KID = TestKeys.generate();

  private static Vertx jwksVertx;
  private static TestJwksServer jwks;
  private static RunningGateway gateway;
  private static String connector;
  private static String entraOnlyConnector;
  private static String secret;

  @BeforeAll
  static void gatewayWithoutUsableKeys() {
    JsonObject unusable = new JsonObject().put("keys", new JsonArray()
        .add(KEY.jwk().put("use", "enc"))
        .add(new JsonObject().put("kty", "EC").put("kid", EC_KID.kid()).put("crv", "P-256")
            .put("x", "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU")
            .put("y", "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"))
        .add(BROKEN_KID.jwk().put("n", "%%%not base64%%%")));
    jwksVertx = Vertx.vertx();
    jwks = TestFutures.await(new TestJwksServer(unusable).start(jwksVertx));
    gateway = RunningGateway.start(Map.of(
        "IAMCORE_JWKS_URI", jwks.uri().toString(),
        "IAMCORE_JWKS_MIN_REFRESH_GAP_SECONDS", "1"));
    secret = "iamcs_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random(32));
    connector = seedConnector("entraOrSecret", secret);
    entraOnlyConnector = seedConnector("entra", secret);
  }

  @AfterAll
  static void stop() {
    gateway.close();
    TestFutures.await(jwks.close());
    TestFutures.await(jwksVertx.close());
  }

  @Test
  @DisplayName("readiness is 503 with signingKeys DOWN, and stays so after the gateway retried the key endpoint")
  void notReady() {
    // given: the gateway has retried the key endpoint at least once since it started
    int fetched = jwks.requestCount();
    Polling.until(() -> jwks.requestCount() > fetched, Duration.ofSeconds(10), "a retry of the key endpoint");

    // when
    HttpResult ready = gateway.send("GET", "/health/ready", null, null);

    // then
    assertThat(ready.status()).as(ready.toString()).isEqualTo(503);
    assertThat(ready.json().getString("status")).isEqualTo("DOWN");
    assertThat(ready.json().getJsonObject("checks").getString("signingKeys")).isEqualTo("DOWN");
    assertThat(ready.json().getJsonObject("checks").getString("database")).isEqualTo("UP");
    assertThat(gateway.send("GET", "/health/live", null, null).status()).isEqualTo(200);
  }

  @Test
  @DisplayName("every token is refused on the admin API: signed with a published-but-unusable key, unsigned, HS256")
  void adminApi_everyTokenRefused() {
    for (TestKeys key : new TestKeys[] {KEY, EC_KID, BROKEN_KID}) {
      String signed = admin(key).sign();
      assertRefused(gateway.send("GET", "/iamcore/sync/connectors", signed, null), 401, false,
          "a token under kid " + key.kid());
    }
    assertRefused(gateway.send("GET", "/iamcore/sync/connectors", admin(KEY).unsigned(), null), 401, false,
        "alg none while no key is loaded");
    assertRefused(gateway.send("GET", "/iamcore/sync/connectors",
        admin(KEY).signHs256(KEY.publicKey().getEncoded()), null), 401, false, "HS256");
    assertThat(Rows.counts(gateway.database()).get("connector")).isEqualTo(2);
  }

  @Test
  @DisplayName("an Entra provisioning token is refused on SCIM routes, while the connector's secret token still works")
  void scim_entraTokenRefused_secretWorks() {
    String users = RunningGateway.scimPath(connector, "/Users");
    String entra = TokenMinter.forKey(KEY).tenant(TENANT).audience(TokenMinter.SCIM_AUDIENCE).sign();
    assertRefused(gateway.send("GET", users, entra, null), 401, true, "an Entra token with no keys loaded");
    assertRefused(gateway.send("GET", users,
        TokenMinter.forKey(KEY).tenant(TENANT).audience(TokenMinter.SCIM_AUDIENCE).unsigned(), null), 401, true,
        "an unsigned Entra token");
    assertRefused(gateway.send("POST", users, entra, TestUsers.user("eve@contoso.example", "eve")), 401, true,
        "an Entra token creating a user");

    HttpResult created = gateway.send("POST", users, secret, TestUsers.user("adele@contoso.example", "adele"));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    HttpResult listed = gateway.send("GET", users, secret, null);
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.json().getInteger("totalResults")).isEqualTo(1);
    assertThat(gateway.database().queryLong("SELECT count(*) FROM cs_object WHERE connector_id = '" + connector + "'"))
        .isEqualTo(1);
  }

  @Test
  @DisplayName("a connector that accepts only Entra tokens accepts nothing while no key is loaded, not even a valid secret")
  void entraOnlyConnector_refusesEverything() {
    String users = RunningGateway.scimPath(entraOnlyConnector, "/Users");
    assertRefused(gateway.send("GET", users, secret, null), 401, true, "a secret on an entra-only connector");
    assertRefused(gateway.send("GET", users,
        TokenMinter.forKey(KEY).tenant(TENANT).audience(TokenMinter.SCIM_AUDIENCE).sign(), null), 401, true,
        "an Entra token with no keys loaded");
  }

  private static TokenMinter admin(TestKeys key) {
    return TokenMinter.forKey(key).tenant(TENANT).audience(RunningGateway.API_AUDIENCE).roles(Roles.ADMINISTRATOR);
  }

  /** A SCIM connector of {@link #TENANT} with one secret, as ConnectorStore would have stored it. */
  private static String seedConnector(String authentication, String token) {
    String id = UUID.randomUUID().toString();
    JsonObject configuration = new JsonObject().put("tenantId", TENANT).put("authentication", authentication)
        .put("groupsEnabled", false);
    gateway.database().update("INSERT INTO connector (tenant_id, id, name, template_id, type, enabled,"
        + " configuration, provisioning_state, soft_deletion_days, created_at, updated_at, version) VALUES ('"
        + TENANT + "', '" + id + "', 'Entra ID', 'SCIM', 'scim', true, '" + configuration.encode()
        + "'::jsonb, 'Provisioned', 90, now(), now(), 1)");
    gateway.database().update("INSERT INTO connector_secret (tenant_id, connector_id, id, token_hash, created_at)"
        + " VALUES ('" + TENANT + "', '" + id + "', '" + UUID.randomUUID() + "', sha256('" + token
        + "'::bytea), now())");
    return id;
  }

  private static byte[] random(int n) {
    byte[] bytes = new byte[n];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }
}
