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
import io.vertx.core.json.JsonArray;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The payload rules of PRODUCT.md §4 as {@link TokenVerifier} applies them. */
@ExtendWith(VertxExtension.class)
class TokenVerifierClaimsTest {

  private static final String TENANT_A = "aaaaaaaa-0000-4000-8000-000000000001";
  private static final String TENANT_B = "bbbbbbbb-0000-4000-8000-000000000002";

  private static TestKeys key;

  private AuthFixture fixture;

  @BeforeAll
  static void generateKey() {
    key = TestKeys.generate("key-a");
  }

  @BeforeEach
  void start(Vertx vertx) {
    fixture = AuthFixture.start(vertx, key);
  }

  @AfterEach
  void stop() {
    fixture.stop();
  }

  @Test
  void verify_v1IssuerOfOwnTenant_accepted() {
    assertAccepted(mint().tenant(TENANT_A).issuer(TokenMinter.V1_ISSUER), SCIM);
  }

  @Test
  void verify_v2IssuerOfOwnTenant_accepted() {
    assertAccepted(mint().tenant(TENANT_A).issuer(TokenMinter.V2_ISSUER), SCIM);
  }

  @Test
  void verify_issuerOfAnotherTenant_refused() {
    assertRefused(mint().tenant(TENANT_A).claim("iss", "https://sts.windows.net/" + TENANT_B + "/"),
        SCIM, "issuer not accepted");
  }

  @Test
  void verify_unknownIssuer_refused() {
    assertRefused(mint().issuer("https://evil.example/{tid}/"), SCIM, "issuer not accepted");
  }

  @Test
  void verify_issuerTemplateWithPlaceholderLeftIn_refused() {
    assertRefused(mint().claim("iss", TokenMinter.V1_ISSUER), SCIM, "issuer not accepted");
  }

  @Test
  void verify_missingIssuer_refused() {
    assertRefused(mint().without("iss"), SCIM, "issuer not accepted");
  }

  @Test
  void verify_missingTenant_refused() {
    assertRefused(mint().without("tid"), SCIM, "token has no tenant");
  }

  @Test
  void verify_wrongAudience_refused() {
    assertRefused(mint().audience("https://graph.microsoft.com"), SCIM, "audience not accepted");
  }

  @Test
  void verify_scimAudienceOnApiRoute_refused() {
    assertRefused(mint(), API, "audience not accepted");
  }

  @Test
  void verify_audienceArrayContainingAcceptedOne_accepted() {
    assertAccepted(mint().audience("https://graph.microsoft.com", API_AUDIENCE), API);
  }

  @Test
  void verify_audienceArrayWithoutAcceptedOne_refused() {
    assertRefused(mint().audience("one", "two"), API, "audience not accepted");
  }

  @Test
  void verify_missingAudience_refused() {
    assertRefused(mint().without("aud"), SCIM, "audience not accepted");
  }

  @Test
  void verify_emptyAcceptedAudienceSet_refusesEverything() {
    assertRefused(mint(), Set.of(), "audience not accepted");
  }

  @Test
  void verify_expiredWithinSkew_accepted() {
    assertAccepted(mint().expiresAt(now().minus(SKEW).plusSeconds(1)), SCIM);
  }

  @Test
  void verify_expiredBeyondSkew_refused() {
    assertRefused(mint().expiresAt(now().minus(SKEW)), SCIM, "token expired");
  }

  @Test
  void verify_notBeforeWithinSkew_accepted() {
    assertAccepted(mint().notBefore(now().plus(SKEW)), SCIM);
  }

  @Test
  void verify_notBeforeBeyondSkew_refused() {
    assertRefused(mint().notBefore(now().plus(SKEW).plusSeconds(1)), SCIM, "token not yet valid");
  }

  @Test
  void verify_issuedFarInFuture_refused() {
    assertRefused(mint().issuedAt(now().plus(SKEW).plusSeconds(1)), SCIM, "token issued in the future");
  }

  @Test
  void verify_missingIssuedAt_accepted() {
    assertAccepted(mint().without("iat"), SCIM);
  }

  @Test
  void verify_missingExpiry_refused() {
    assertRefused(mint().without("exp"), SCIM, "token has no expiry");
  }

  @Test
  void verify_missingNotBefore_refused() {
    assertRefused(mint().without("nbf"), SCIM, "token has no not-before time");
  }

  @Test
  void verify_expiryAsString_refused() {
    assertRefused(mint().claim("exp", "9999999999"), SCIM, "malformed token");
  }

  @Test
  void verify_absurdExpiry_refused() {
    assertRefused(mint().claim("exp", 1e300), SCIM, "malformed token");
  }

  @Test
  void verify_fractionalNumericDates_accepted() {
    double exp = now().plusSeconds(60).getEpochSecond() + 0.5;
    assertAccepted(mint().claim("exp", exp).claim("nbf", now().getEpochSecond() - 0.5), SCIM);
  }

  @Test
  void verify_v1AppIdClaim_reportedAsAppId() {
    VerifiedToken token = assertAccepted(mint().claim("appid", "client-v1"), SCIM);

    assertThat(token.appId()).isEqualTo("client-v1");
  }

  @Test
  void verify_rolesWithNonStrings_keepsOnlyStrings() {
    VerifiedToken token = assertAccepted(
        mint().claim("roles", new JsonArray().add(Roles.IDENTITY_RESOLVE).add(7)), SCIM);

    assertThat(token.roles()).containsExactly(Roles.IDENTITY_RESOLVE);
  }

  @Test
  void verify_noRolesNoOid_emptyRolesAndNullOid() {
    VerifiedToken token = assertAccepted(mint().without("roles", "oid"), SCIM);

    assertThat(token.roles()).isEmpty();
    assertThat(token.objectId()).isNull();
  }

  private TokenMinter mint() {
    return fixture.mint(key);
  }

  private Instant now() {
    return fixture.clock.instant();
  }

  private VerifiedToken assertAccepted(TokenMinter minter, Set<String> audiences) {
    return await(fixture.verifier.verify(minter.sign(), audiences));
  }

  private void assertRefused(TokenMinter minter, Set<String> audiences, String reason) {
    assertThat(awaitFailure(fixture.verifier.verify(minter.sign(), audiences)))
        .isInstanceOf(AuthenticationException.class)
        .hasMessage(reason);
  }
}
