package io.iamcore.auth;

import static io.iamcore.auth.AuthFixture.API;
import static io.iamcore.auth.AuthFixture.API_AUDIENCE;
import static io.iamcore.auth.AuthFixture.SCIM;
import static io.iamcore.auth.AuthFixture.SKEW;
import static io.iamcore.testing.TestFutures.await;
import static io.iamcore.testing.TestFutures.awaitFailure;
import static org.assertj.core.api.Assertions.assertThat;

import io.iamcore.testing.TestKeys;
import io.iamcore.testing.TokenMinter;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The verification cache: what a hit may and may not skip. */
@ExtendWith(VertxExtension.class)
class TokenVerifierCacheTest {

  private static TestKeys keyA;
  private static TestKeys keyB;

  private AuthFixture fixture;

  @BeforeAll
  static void generateKeys() {
    keyA = TestKeys.generate("key-a");
    keyB = TestKeys.generate("key-b");
  }

  @BeforeEach
  void start(Vertx vertx) {
    fixture = AuthFixture.start(vertx, keyA);
  }

  @AfterEach
  void stop() {
    fixture.stop();
  }

  @Test
  void verify_secondTimeAfterKeyRotatedOut_answeredFromCache() {
    String token = fixture.mint(keyA).sign();
    await(fixture.verifier.verify(token, SCIM));
    dropKeyA();

    assertThat(await(fixture.verifier.verify(token, SCIM)).tenantId())
        .isEqualTo(TokenMinter.DEFAULT_TENANT);
    assertThat(awaitFailure(fixture.verifier.verify(fixture.mint(keyA).sign(), SCIM)))
        .hasMessage("unknown signing key");
  }

  @Test
  void verify_scimTokenCachedThenApiRoute_refused() {
    String token = fixture.mint(keyA).roles(Roles.ADMINISTRATOR).sign();
    await(fixture.verifier.verify(token, SCIM));

    assertThat(awaitFailure(fixture.verifier.verify(token, API)))
        .isInstanceOf(AuthenticationException.class)
        .hasMessage("audience not accepted");
  }

  @Test
  void cachedOrNull_moreDistinctAudienceSetsThanAreShared_eachTokenKeepsItsOwn() {
    // Audience sets are shared between cached tokens up to a bound; past it tokens keep their
    // own. Either way a hit is checked against the audiences of that token, not another's.
    List<String> apiTokens = new ArrayList<>();
    List<String> scimTokens = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      apiTokens.add(fixture.mint(keyA).audience("urn:other:" + i, API_AUDIENCE).sign());
      scimTokens.add(fixture.mint(keyA).audience(TokenMinter.SCIM_AUDIENCE, "urn:other:" + i).sign());
    }
    apiTokens.forEach(token -> await(fixture.verifier.verify(token, API)));
    scimTokens.forEach(token -> await(fixture.verifier.verify(token, SCIM)));

    for (int i = 0; i < 100; i++) {
      assertThat(fixture.verifier.cachedOrNull(apiTokens.get(i), API)).as("api token %d", i).isNotNull();
      assertThat(fixture.verifier.cachedOrNull(apiTokens.get(i), SCIM)).as("api token %d", i).isNull();
      assertThat(fixture.verifier.cachedOrNull(scimTokens.get(i), SCIM)).as("scim token %d", i).isNotNull();
      assertThat(fixture.verifier.cachedOrNull(scimTokens.get(i), API)).as("scim token %d", i).isNull();
    }
  }

  @Test
  void verify_scimTokenCachedThenApiRouteAfterKeyRotatedOut_refused() {
    // Without the key, only the cache could answer: proves the audience check runs on a hit.
    String token = fixture.mint(keyA).sign();
    await(fixture.verifier.verify(token, SCIM));
    dropKeyA();

    assertThat(awaitFailure(fixture.verifier.verify(token, API))).hasMessage("audience not accepted");
    assertThat(await(fixture.verifier.verify(token, SCIM))).isNotNull();
  }

  @Test
  void verify_tokenForBothAudiences_acceptedOnBothRoutes() {
    String token = fixture.mint(keyA).audience(TokenMinter.SCIM_AUDIENCE, API_AUDIENCE).sign();

    assertThat(await(fixture.verifier.verify(token, SCIM))).isNotNull();
    assertThat(await(fixture.verifier.verify(token, API))).isNotNull();
  }

  @Test
  void verify_cachedTokenPastExpiryAndSkew_refused() {
    String token = fixture.mint(keyA).expiresIn(Duration.ofMinutes(10)).sign();
    await(fixture.verifier.verify(token, SCIM));

    fixture.clock.advance(Duration.ofMinutes(10).plus(SKEW).minusSeconds(1));
    assertThat(await(fixture.verifier.verify(token, SCIM))).isNotNull();

    fixture.clock.advance(Duration.ofSeconds(1));
    assertThat(awaitFailure(fixture.verifier.verify(token, SCIM))).hasMessage("token expired");
  }

  @Test
  void verify_longLivedToken_verifiedAgainAfterADay() {
    String token = fixture.mint(keyA).expiresIn(Duration.ofDays(3)).sign();
    await(fixture.verifier.verify(token, SCIM));
    dropKeyA();

    fixture.clock.advance(Duration.ofDays(1).minusSeconds(1));
    assertThat(await(fixture.verifier.verify(token, SCIM))).isNotNull();

    fixture.clock.advance(Duration.ofSeconds(1));
    assertThat(awaitFailure(fixture.verifier.verify(token, SCIM))).hasMessage("unknown signing key");
  }

  @Test
  void cachedOrNull_onlyAVerifiedLiveTokenForThisAudience() {
    String token = fixture.mint(keyA).expiresIn(Duration.ofMinutes(10)).sign();
    assertThat(fixture.verifier.cachedOrNull(token, SCIM)).as("never verified").isNull();

    await(fixture.verifier.verify(token, SCIM));
    assertThat(fixture.verifier.cachedOrNull(token, SCIM).tenantId()).isEqualTo(TokenMinter.DEFAULT_TENANT);
    assertThat(fixture.verifier.cachedOrNull(token, API)).as("another audience").isNull();
    assertThat(fixture.verifier.cachedOrNull(token + "x", SCIM)).as("another token").isNull();

    fixture.clock.advance(Duration.ofMinutes(10).plus(SKEW));
    assertThat(fixture.verifier.cachedOrNull(token, SCIM)).as("expired").isNull();
  }

  @Test
  void verify_refusedToken_notCached() {
    String token = fixture.mint(keyB).kid("key-a").sign();
    awaitFailure(fixture.verifier.verify(token, SCIM));

    assertThat(awaitFailure(fixture.verifier.verify(token, SCIM))).hasMessage("invalid signature");
  }

  @Test
  void verify_cachedResult_claimsCannotBeChangedByCaller() {
    String token = fixture.mint(keyA).sign();
    VerifiedToken first = await(fixture.verifier.verify(token, SCIM));
    first.claims().put("tid", "someone-else");

    assertThat(await(fixture.verifier.verify(token, SCIM)).claims().getString("tid"))
        .isEqualTo(TokenMinter.DEFAULT_TENANT);
  }

  /** Serves only key B and forces a reload, so key A is no longer held. */
  private void dropKeyA() {
    fixture.server.setKeys(keyB.jwks());
    await(fixture.keys.refresh());
    assertThat(fixture.keys.kids()).containsExactly("key-b");
  }
}
