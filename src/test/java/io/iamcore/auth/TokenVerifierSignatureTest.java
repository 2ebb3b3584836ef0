package io.iamcore.auth;

import static io.iamcore.auth.AuthFixture.SCIM;
import static io.iamcore.testing.TestFutures.await;
import static io.iamcore.testing.TestFutures.awaitFailure;
import static org.assertj.core.api.Assertions.assertThat;

import io.iamcore.testing.MutableClock;
import io.iamcore.testing.TestJwksServer;
import io.iamcore.testing.TestKeys;
import io.iamcore.testing.TokenMinter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Header, algorithm, signature and key-holder behaviour of {@link TokenVerifier}. */
@ExtendWith(VertxExtension.class)
class TokenVerifierSignatureTest {

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
  void verify_rs256Token_returnsItsClaims(Vertx vertx) {
    fixture = AuthFixture.start(vertx, keyA);
    String token = fixture.mint(keyA)
        .tenant("tenant-1").oid("oid-1").subject("sub-1").appId("app-1")
        .roles(Roles.IDENTITY_RESOLVE, "other").sign();

    VerifiedToken verified = await(fixture.verifier.verify(token, SCIM));

    assertThat(verified.tenantId()).isEqualTo("tenant-1");
    assertThat(verified.objectId()).isEqualTo("oid-1");
    assertThat(verified.subject()).isEqualTo("sub-1");
    assertThat(verified.appId()).isEqualTo("app-1");
    assertThat(verified.roles()).containsExactlyInAnyOrder(Roles.IDENTITY_RESOLVE, "other");
    assertThat(verified.expiresAt()).isEqualTo(fixture.clock.instant().plusSeconds(3600));
    assertThat(verified.claims().getString("iss")).isEqualTo("https://sts.windows.net/tenant-1/");
  }

  @ParameterizedTest
  @ValueSource(strings = {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512"})
  void verify_allowedRsaAlgorithm_accepted(String alg, Vertx vertx) {
    fixture = AuthFixture.start(vertx, keyA);

    VerifiedToken verified = await(fixture.verifier.verify(fixture.mint(keyA).alg(alg).sign(), SCIM));

    assertThat(verified.tenantId()).isEqualTo(TokenMinter.DEFAULT_TENANT);
  }

  @Test
  void verify_ps256SignatureUnderRs256Header_refused(Vertx vertx) {
    fixture = AuthFixture.start(vertx, keyA);
    String ps256 = fixture.mint(keyA).alg("PS256").sign();
    String rs256 = fixture.mint(keyA).alg("RS256").sign();
    String mixed = rs256.substring(0, rs256.lastIndexOf('.')) + ps256.substring(ps256.lastIndexOf('.'));

    assertRefused(mixed, "invalid signature");
  }

  @Test
  void verify_algNone_refused(Vertx vertx) {
    fixture = AuthFixture.start(vertx, keyA);

    assertRefused(fixture.mint(keyA).unsigned(), "signature algorithm not allowed");
  }

  @Test
  void verify_algNoneWithNoKeysLoaded_refused(Vertx vertx) {
    fixture = AuthFixture.start(vertx, AuthFixture.GAP, new JsonObject().put("keys", new JsonArray()));

    assertRefused(fixture.mint(keyA).unsigned(), "signature algorithm not allowed");
    assertRefused(fixture.mint(keyA).without("kid").unsigned(), "signature algorithm not allowed");
  }

  @Test
  void verify_hs256KeyedWithRsaPublicKey_refused(Vertx vertx) {
    fixture = AuthFixture.start(vertx, keyA);
    byte[] der = keyA.publicKey().getEncoded();
    String pem = "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END PUBLIC KEY-----\n";

    assertRefused(fixture.mint(keyA).signHs256(der), "signature algorithm not allowed");
    assertRefused(fixture.mint(keyA).signHs256(pem.getBytes(StandardCharsets.US_ASCII)),
        "signature algorithm not allowed");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ES256", "HS512", "rs256", "RSA", "", "EdDSA"})
  void verify_algorithmOutsideAllowList_refused(String alg, Vertx vertx) {
    fixture = AuthFixture.start(vertx, keyA);
    // An RS256 signature under another alg name: only the name differs from a valid token.
    String token = fixture.mint(keyA).header("alg", alg).sign();

    assertRefused(token, "signature algorithm not allowed");
  }

  @Test
  void verify_missingKid_refused(Vertx vertx) {
    fixture = AuthFixture.start(vertx, keyA);

    assertRefused(fixture.mint(keyA).without("kid").sign(), "missing key id");
  }

  @Test
  void verify_criticalHeader_refused(Vertx vertx) {
    fixture = AuthFixture.start(vertx, keyA);

    assertRefused(fixture.mint(keyA).header("crit", new JsonArray().add("b64"))
        .sign(), "unsupported critical header");
  }

  @Test
  void verify_signedByOtherKeyUnderKnownKid_refused(Vertx vertx) {
    fixture = AuthFixture.start(vertx, keyA);

    assertRefused(fixture.mint(keyB).kid("key-a").sign(), "invalid signature");
  }

  @Test
  void verify_payloadSwappedAfterSigning_refused(Vertx vertx) {
    fixture = AuthFixture.start(vertx, keyA);
    String scimToken = fixture.mint(keyA).roles("reader").sign();
    String adminToken = fixture.mint(keyA).roles(Roles.ADMINISTRATOR).sign();
    String[] scim = scimToken.split("\\.");
    String[] admin = adminToken.split("\\.");

    assertRefused(scim[0] + "." + admin[1] + "." + scim[2], "invalid signature");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a.b", "a.b.c.d", "...", "not a token", "e30.e30.", "e30.e30.AAAA",
      "eyJhbGciOiJSUzI1NiIsImtpZCI6ImtleS1hIn0.bnVsbA.AAAA", "%%%.%%%.%%%"})
  void verify_malformedToken_refused(String token, Vertx vertx) {
    fixture = AuthFixture.start(vertx, keyA);

    assertThat(awaitFailure(fixture.verifier.verify(token, SCIM)))
        .isInstanceOf(AuthenticationException.class);
  }

  @Test
  void verify_nullOrEmptyToken_refused(Vertx vertx) {
    fixture = AuthFixture.start(vertx, keyA);

    assertRefused(null, "missing token");
    assertRefused("", "missing token");
  }

  @Test
  void verify_tokenOver16KiB_refusedWithoutLeakingIt(Vertx vertx) {
    fixture = AuthFixture.start(vertx, keyA);
    String token = fixture.mint(keyA).claim("padding", "x".repeat(16 * 1024)).sign();

    Throwable failure = awaitFailure(fixture.verifier.verify(token, SCIM));

    assertThat(failure).hasMessage("token too large");
    assertThat(failure.toString()).doesNotContain(token.substring(0, 20));
  }

  @Test
  void verify_noKeysEverLoaded_refusesValidTokenAndIsNotLoaded(Vertx vertx) {
    TestJwksServer down = await(new TestJwksServer(keyA.jwks()).start(vertx));
    down.setStatus(503);
    SigningKeys keys = new SigningKeys(
        vertx, AuthFixture.config(down.uri(), AuthFixture.GAP), MutableClock.atNow());
    awaitFailure(keys.start());
    TokenVerifier verifier = new TokenVerifier(
        keys, AuthFixture.config(down.uri(), AuthFixture.GAP), Clock.systemUTC());

    for (String alg : List.of("RS256", "PS256")) {
      Throwable failure = awaitFailure(verifier.verify(
          TokenMinter.forKey(keyA).alg(alg).sign(), SCIM));
      assertThat(failure).isInstanceOf(AuthenticationException.class)
          .hasMessage("no signing keys loaded");
    }
    assertThat(keys.loaded()).isFalse();
    keys.stop();
    await(down.close());
  }

  @Test
  void verify_hundredConcurrentRandomKids_oneJwksFetchWithinGap(Vertx vertx) {
    fixture = AuthFixture.start(vertx, keyA);
    fixture.clock.advance(AuthFixture.GAP);

    List<Future<VerifiedToken>> results = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      String token = fixture.mint(keyA).kid(UUID.randomUUID().toString()).sign();
      results.add(fixture.verifier.verify(token, SCIM));
    }

    for (Future<VerifiedToken> result : results) {
      assertThat(awaitFailure(result)).hasMessage("unknown signing key");
    }
    assertThat(fixture.server.requestCount()).isEqualTo(2);
  }

  @Test
  void verify_expiredTokenWithUnknownKid_refusedWithoutJwksFetch(Vertx vertx) {
    fixture = AuthFixture.start(vertx, keyA);
    fixture.clock.advance(AuthFixture.GAP);

    assertRefused(fixture.mint(keyA).kid("made-up").expiresIn(Duration.ofHours(-1)).sign(),
        "token expired");
    assertThat(fixture.server.requestCount()).isEqualTo(1);
  }

  @Test
  void verify_tokenFromRotatedInKey_acceptedAfterRefresh(Vertx vertx) {
    fixture = AuthFixture.start(vertx, keyA);
    fixture.server.setKeys(TestKeys.jwks(keyA, keyB));
    String token = fixture.mint(keyB).sign();

    assertRefused(token, "unknown signing key");
    fixture.clock.advance(AuthFixture.GAP);

    assertThat(await(fixture.verifier.verify(token, SCIM)).tenantId())
        .isEqualTo(TokenMinter.DEFAULT_TENANT);
    assertThat(fixture.server.requestCount()).isEqualTo(2);
  }

  @Test
  void verify_keyEndpointDownAfterStart_knownKeyStillAccepted(Vertx vertx) {
    fixture = AuthFixture.start(vertx, keyA);
    await(fixture.server.close());
    fixture.clock.advance(Duration.ofHours(2));
    awaitFailure(fixture.keys.onTick());

    String token = fixture.mint(keyA).sign();

    assertThat(await(fixture.verifier.verify(token, SCIM)).tenantId()).isEqualTo(TokenMinter.DEFAULT_TENANT);
  }

  @Test
  void verify_emptyKeySetServedAfterStart_knownKeyStillAccepted(Vertx vertx) {
    fixture = AuthFixture.start(vertx, keyA);
    fixture.server.setKeys(new JsonObject().put("keys", new JsonArray()));
    fixture.clock.advance(Duration.ofHours(2));
    awaitFailure(fixture.keys.onTick());

    assertThat(await(fixture.verifier.verify(fixture.mint(keyA).sign(), SCIM))).isNotNull();
  }

  private void assertRefused(String token, String reason) {
    assertThat(awaitFailure(fixture.verifier.verify(token, SCIM)))
        .isInstanceOf(AuthenticationException.class)
        .hasMessage(reason);
  }
}
