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
import io.iamcore.testing.TokenMinter;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Signing-key rotation through the real gateway, pointed at a key endpoint this test controls:
 * a newly published key is trusted after one refresh, made-up {@code kid}s cannot make the gateway
 * hammer the endpoint, and an outage or a useless answer of the endpoint keeps the known keys.
 */
class KeyRotationTest {

  private static final int GAP_SECONDS = 2;
  private static final Duration WITHIN = Duration.ofSeconds(GAP_SECONDS * 5L);
  private static final String CONNECTORS = "/iamcore/sync/connectors";
  private static final String TENANT = UUID.randomUUID().toString();

  private static Vertx jwksVertx;
  private static TestJwksServer jwks;
  private static RunningGateway gateway;

  @BeforeAll
  static void gatewayOnOurKeyEndpoint() {
    jwksVertx = Vertx.vertx();
    jwks = TestFutures.await(new TestJwksServer(TestKeys.generate().jwks()).start(jwksVertx));
    gateway = RunningGateway.start(Map.of(
        "IAMCORE_JWKS_URI", jwks.uri().toString(),
        "IAMCORE_JWKS_MIN_REFRESH_GAP_SECONDS", String.valueOf(GAP_SECONDS)));
  }

  @AfterAll
  static void stop() {
    gateway.close();
    TestFutures.await(jwks.close());
    TestFutures.await(jwksVertx.close());
  }

  @AfterEach
  void endpointBackUp() {
    jwks.setStatus(200);
  }

  @Test
  @DisplayName("a key the endpoint starts publishing is trusted after exactly one refresh, and the old key keeps working")
  void newKey_trustedAfterOneRefresh() {
    // given: the gateway trusts key A; key B exists but is not published
    TestKeys keyA = TestKeys.generate();
    trust(keyA);
    TestKeys keyB = TestKeys.generate();
    String tokenB = adminToken(keyB);
    assertRefused(list(tokenB), 401, false, "a token signed by an unpublished key");

    // when: the endpoint publishes A and B
    int fetchesBefore = jwks.requestCount();
    jwks.setKeys(TestKeys.jwks(keyA, keyB));

    // then: B is accepted as soon as the rate limit lets one refresh through, and that one sufficed
    Polling.until(() -> list(tokenB), r -> r.status() == 200, WITHIN, "key B trusted");
    assertThat(jwks.requestCount() - fetchesBefore).as("key endpoint fetches until B was trusted").isEqualTo(1);
    assertThat(list(adminToken(keyA)).status()).as("a new token signed by A").isEqualTo(200);
  }

  @Test
  @DisplayName("once a refresh loads a set without the retired key, new tokens signed by it are refused")
  void retiredKey_refusedAfterRefresh() {
    // given
    TestKeys retired = TestKeys.generate();
    trust(retired);
    TestKeys successor = TestKeys.generate();

    // when: the endpoint publishes only the successor, and a token signed by it triggers a refresh
    jwks.setKeys(successor.jwks());
    Polling.until(() -> list(adminToken(successor)), r -> r.status() == 200, WITHIN, "successor trusted");

    // then
    assertRefused(list(adminToken(retired)), 401, false, "a new token signed by the retired key");
  }

  @Test
  @DisplayName("a flood of 200 tokens with made-up kids causes at most one key fetch per refresh gap, and every one is refused")
  void unknownKidFlood_rateLimited() {
    // given: validly signed, valid claims, so that only the kid is wrong (the costliest case)
    TestKeys key = TestKeys.generate();
    trust(key);
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      tokens.add(TokenMinter.forKey(key).kid("made-up-" + UUID.randomUUID()).tenant(TENANT)
          .audience(RunningGateway.API_AUDIENCE).roles(Roles.ADMINISTRATOR).sign());
    }
    int fetchesBefore = jwks.requestCount();
    long start = System.nanoTime();

    // when
    List<CompletableFuture<HttpResult>> answers = new ArrayList<>();
    for (String token : tokens) {
      answers.add(gateway.sendAsync("GET", CONNECTORS, token, null, null, Map.of()));
    }
    List<HttpResult> results = answers.stream().map(CompletableFuture::join).toList();
    long elapsedMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
    int fetches = jwks.requestCount() - fetchesBefore;

    // then
    results.forEach(r -> assertRefused(r, 401, false, "a made-up kid"));
    long allowed = elapsedMillis / (GAP_SECONDS * 1000L) + 1;
    assertThat(fetches).as("key fetches for 200 unknown kids in " + elapsedMillis + " ms (gap " + GAP_SECONDS + " s)")
        .isLessThanOrEqualTo((int) allowed);
    assertThat(list(adminToken(key)).status()).as("the known key still works").isEqualTo(200);
  }

  @Test
  @DisplayName("while the key endpoint answers 503, an empty set or garbage, the known keys keep working and the gateway stays ready")
  void endpointDown_knownKeysKeepWorking() {
    TestKeys key = TestKeys.generate();
    trust(key);
    for (Runnable failure : List.<Runnable>of(
        () -> jwks.setStatus(503),
        () -> jwks.setKeys(new JsonObject().put("keys", new io.vertx.core.json.JsonArray())),
        () -> jwks.setKeys(new JsonObject().put("no keys", "here")))) {
      // given: the endpoint fails
      failure.run();
      int fetchesBefore = jwks.requestCount();

      // when: an unknown kid makes the gateway try to refresh (once the gap allows it)
      Polling.until(() -> {
        HttpResult refused = list(TokenMinter.forKey(key).kid("unknown-" + UUID.randomUUID()).tenant(TENANT)
            .audience(RunningGateway.API_AUDIENCE).roles(Roles.ADMINISTRATOR).sign());
        assertRefused(refused, 401, false, "an unknown kid during the outage");
        return jwks.requestCount() > fetchesBefore;
      }, WITHIN, "a refresh attempt against the failing endpoint");

      // then: a new token (not in the verification cache) signed by the known key is accepted
      assertThat(list(adminToken(key)).status()).as("known key after a failed refresh").isEqualTo(200);
      HttpResult ready = gateway.send("GET", "/health/ready", null, null);
      assertThat(ready.status()).as(ready.toString()).isEqualTo(200);
      assertThat(ready.json().getJsonObject("checks").getString("signingKeys")).isEqualTo("UP");
      jwks.setStatus(200);
      jwks.setKeys(key.jwks());
    }
  }

  /** Publishes exactly {@code key} and waits until the gateway accepts a token signed by it. */
  private static void trust(TestKeys key) {
    jwks.setKeys(key.jwks());
    Polling.until(() -> list(adminToken(key)), r -> r.status() == 200, WITHIN, "key " + key.kid() + " trusted");
  }

  /** A fresh administrator token (new oid, so never served from the verification cache). */
  private static String adminToken(TestKeys key) {
    return TokenMinter.forKey(key).tenant(TENANT).audience(RunningGateway.API_AUDIENCE)
        .oid(UUID.randomUUID().toString()).roles(Roles.ADMINISTRATOR).sign();
  }

  private static HttpResult list(String token) {
    return gateway.send("GET", CONNECTORS, token, null);
  }
}
