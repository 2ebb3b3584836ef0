package io.iamcore.auth;

import static io.iamcore.testing.TestFutures.await;
import static io.iamcore.testing.TestFutures.awaitFailure;
import static org.assertj.core.api.Assertions.assertThat;

import io.iamcore.testing.MutableClock;
import io.iamcore.testing.TestJwksServer;
import io.iamcore.testing.TestKeys;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class SigningKeysTest {

  private static TestKeys keyA;
  private static TestKeys keyB;

  private AuthFixture fixture;

  @BeforeAll
  static void generateKeys() {
    keyA = TestKeys.generate("key-a");
    keyB = TestKeys.generate("key-b");
  }

  @AfterEach
  void stop() {
    if (fixture != null) {
      fixture.stop();
    }
  }

  @Test
  void start_reachableEndpoint_loadsKeys(Vertx vertx) {
    fixture = AuthFixture.start(vertx, keyA);

    PublicKey key = await(fixture.keys.key("key-a"));

    assertThat(fixture.keys.loaded()).isTrue();
    assertThat(((RSAPublicKey) key).getModulus()).isEqualTo(keyA.publicKey().getModulus());
    assertThat(fixture.server.requestCount()).isEqualTo(1);
  }

  @Test
  void start_fileUri_loadsKeys(Vertx vertx, @TempDir Path dir) throws Exception {
    Path file = dir.resolve("jwks.json");
    Files.writeString(file, keyA.jwks().encode());
    SigningKeys keys = new SigningKeys(
        vertx, AuthFixture.config(file.toUri(), AuthFixture.GAP), MutableClock.atNow());

    await(keys.start());

    assertThat(keys.loaded()).isTrue();
    assertThat(keys.kids()).containsExactly("key-a");
    keys.stop();
  }

  @Test
  void start_endpointDown_failsAndRefusesEveryKid(Vertx vertx) {
    TestJwksServer server = await(new TestJwksServer(keyA.jwks()).start(vertx));
    server.setStatus(503);
    SigningKeys keys = new SigningKeys(
        vertx, AuthFixture.config(server.uri(), AuthFixture.GAP), MutableClock.atNow());

    Throwable startFailure = awaitFailure(keys.start());

    assertThat(startFailure).hasMessageContaining("503");
    assertThat(keys.loaded()).isFalse();
    assertThat(awaitFailure(keys.key("key-a")))
        .isInstanceOf(AuthenticationException.class)
        .hasMessage("no signing keys loaded");
    keys.stop();
    await(server.close());
  }

  @Test
  void start_onlyUnusableKeys_failsAndStaysUnloaded(Vertx vertx) {
    JsonObject jwks = new JsonObject().put("keys", new JsonArray()
        .add(new JsonObject().put("kty", "EC").put("kid", "ec").put("crv", "P-256"))
        .add(keyA.jwk().put("use", "enc")));
    fixture = AuthFixture.start(vertx, AuthFixture.GAP, jwks);

    assertThat(fixture.keys.loaded()).isFalse();
    assertThat(awaitFailure(fixture.keys.key("key-a"))).isInstanceOf(AuthenticationException.class);
  }

  @Test
  void start_mixedKeySet_keepsOnlyUsableRsaSigningKeys(Vertx vertx) throws Exception {
    KeyPairGenerator small = KeyPairGenerator.getInstance("RSA");
    small.initialize(1024);
    RSAPublicKey weak = (RSAPublicKey) small.generateKeyPair().getPublic();
    JsonObject weakJwk = keyB.jwk().put("kid", "weak")
        .put("n", Base64.getUrlEncoder().withoutPadding()
            .encodeToString(weak.getModulus().toByteArray()));
    JsonObject jwks = new JsonObject().put("keys", new JsonArray()
        .add(keyA.jwk())
        .add(new JsonObject().put("kty", "EC").put("kid", "ec"))
        .add(keyB.jwk().put("kid", "enc").put("use", "enc"))
        .add(keyB.jwk().put("kid", "garbage").put("n", "!!not base64!!"))
        .add(keyB.jwk().put("kid", "no-e").putNull("e"))
        .add(weakJwk)
        .add("not an object")
        .add(keyB.jwk().put("kid", "use-null").putNull("use")));

    fixture = AuthFixture.start(vertx, AuthFixture.GAP, jwks);

    assertThat(fixture.keys.kids()).containsExactlyInAnyOrder("key-a", "use-null");
  }

  @Test
  void key_unknownKidWithinGap_answersWithoutFetching(Vertx vertx) {
    fixture = AuthFixture.start(vertx, keyA);

    Throwable failure = awaitFailure(fixture.keys.key("nope"));

    assertThat(failure).isInstanceOf(AuthenticationException.class).hasMessage("unknown signing key");
    assertThat(fixture.server.requestCount()).isEqualTo(1);
  }

  @Test
  void key_hundredUnknownKidsAfterGap_fetchOnceUntilGapPassesAgain(Vertx vertx) {
    fixture = AuthFixture.start(vertx, keyA);
    fixture.clock.advance(AuthFixture.GAP);

    awaitAllFail(hundredLookupsOfRandomKids());
    assertThat(fixture.server.requestCount()).isEqualTo(2);

    fixture.clock.advance(AuthFixture.GAP.minusSeconds(1));
    awaitAllFail(hundredLookupsOfRandomKids());
    assertThat(fixture.server.requestCount()).isEqualTo(2);

    fixture.clock.advance(Duration.ofSeconds(1));
    awaitAllFail(hundredLookupsOfRandomKids());
    assertThat(fixture.server.requestCount()).isEqualTo(3);
  }

  @Test
  void key_missesWhileReloadInFlight_shareThatReload(Vertx vertx) {
    fixture = AuthFixture.start(vertx, Duration.ZERO, keyA.jwks());
    fixture.server.hold();

    List<Future<PublicKey>> lookups = hundredLookupsOfRandomKids();
    assertThat(lookups).noneMatch(Future::isComplete);
    fixture.server.release();

    awaitAllFail(lookups);
    assertThat(fixture.server.requestCount()).isEqualTo(2);
  }

  @Test
  void key_rotatedKeyUnknownAfterGap_isPickedUpAndOldKeyDropped(Vertx vertx) {
    fixture = AuthFixture.start(vertx, keyA);
    fixture.server.setKeys(TestKeys.jwks(keyA, keyB));
    fixture.clock.advance(AuthFixture.GAP);

    assertThat(await(fixture.keys.key("key-b"))).isEqualTo(keyB.publicKey());

    fixture.server.setKeys(keyB.jwks());
    fixture.clock.advance(AuthFixture.GAP);
    awaitFailure(fixture.keys.key("unknown"));

    assertThat(fixture.keys.kids()).containsExactly("key-b");
    assertThat(fixture.server.requestCount()).isEqualTo(3);
  }

  @Test
  void refresh_endpointAnswers503_keepsKnownKeys(Vertx vertx) {
    fixture = AuthFixture.start(vertx, keyA);
    fixture.server.setStatus(503);

    awaitFailure(fixture.keys.refresh());

    assertThat(await(fixture.keys.key("key-a"))).isEqualTo(keyA.publicKey());
    assertThat(fixture.keys.loaded()).isTrue();
  }

  @Test
  void refresh_endpointGone_keepsKnownKeys(Vertx vertx) {
    fixture = AuthFixture.start(vertx, keyA);
    await(fixture.server.close());

    awaitFailure(fixture.keys.refresh());

    assertThat(await(fixture.keys.key("key-a"))).isEqualTo(keyA.publicKey());
  }

  @Test
  void refresh_emptyKeySet_keepsKnownKeys(Vertx vertx) {
    fixture = AuthFixture.start(vertx, keyA);
    fixture.server.setKeys(new JsonObject().put("keys", new JsonArray()));

    awaitFailure(fixture.keys.refresh());

    assertThat(fixture.keys.kids()).containsExactly("key-a");
  }

  @Test
  void refresh_documentWithoutKeysArray_keepsKnownKeys(Vertx vertx) {
    fixture = AuthFixture.start(vertx, keyA);
    fixture.server.setKeys(new JsonObject().put("error", "maintenance"));

    awaitFailure(fixture.keys.refresh());

    assertThat(fixture.keys.kids()).containsExactly("key-a");
  }

  @Test
  void onTick_beforeAndAfterRefreshInterval_reloadsOnlyWhenDue(Vertx vertx) {
    fixture = AuthFixture.start(vertx, keyA);

    fixture.clock.advance(Duration.ofMinutes(59));
    await(fixture.keys.onTick());
    assertThat(fixture.server.requestCount()).isEqualTo(1);

    fixture.clock.advance(Duration.ofMinutes(1));
    await(fixture.keys.onTick());
    assertThat(fixture.server.requestCount()).isEqualTo(2);
  }

  @Test
  void onTick_nothingLoaded_retriesAfterGap(Vertx vertx) {
    TestJwksServer server = await(new TestJwksServer(keyA.jwks()).start(vertx));
    server.setStatus(500);
    MutableClock clock = MutableClock.atNow();
    SigningKeys keys = new SigningKeys(vertx, AuthFixture.config(server.uri(), AuthFixture.GAP), clock);
    awaitFailure(keys.start());
    server.setStatus(200);

    await(keys.onTick());
    assertThat(keys.loaded()).isFalse();

    clock.advance(AuthFixture.GAP);
    await(keys.onTick());
    assertThat(keys.loaded()).isTrue();
    keys.stop();
    await(server.close());
  }

  @Test
  void refresh_outcomes_areExportedAsPrometheusMetrics(Vertx vertx) {
    TestJwksServer server = await(new TestJwksServer(keyA.jwks()).start(vertx));
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    SigningKeys keys = new SigningKeys(
        vertx, AuthFixture.config(server.uri(), AuthFixture.GAP), MutableClock.atNow(), registry);
    await(keys.start());
    server.setStatus(503);
    awaitFailure(keys.refresh());

    String scrape = registry.scrape();

    assertThat(scrape)
        .contains("iamcore_jwks_refreshes_total{outcome=\"success\"} 1")
        .contains("iamcore_jwks_refreshes_total{outcome=\"failure\"} 1")
        .contains("iamcore_jwks_keys 1");
    keys.stop();
    await(server.close());
  }

  private List<Future<PublicKey>> hundredLookupsOfRandomKids() {
    List<Future<PublicKey>> lookups = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      lookups.add(fixture.keys.key(UUID.randomUUID().toString()));
    }
    return lookups;
  }

  private static void awaitAllFail(List<Future<PublicKey>> lookups) {
    for (Future<PublicKey> lookup : lookups) {
      assertThat(awaitFailure(lookup)).isInstanceOf(AuthenticationException.class);
    }
  }
}
