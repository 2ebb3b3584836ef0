package io.iamcore.security;

import static io.iamcore.security.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.iamcore.auth.Roles;
import io.iamcore.testing.GatewayTestBase;
import io.iamcore.testing.HttpResult;
import io.iamcore.testing.RunningGateway;
import io.iamcore.testing.TestKeys;
import io.iamcore.testing.TestUsers;
import io.iamcore.testing.TokenMinter;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The forged-token acceptance suite of issue 3: tokens minted here with the gateway's trusted test
 * key (or deliberately not) are sent to the admin API and to a SCIM route of the real gateway.
 * Every forgery is refused with 401 (403 for a genuine token lacking the role) in the route's own
 * error dialect, never with a 5xx, and nothing is written.
 */
class ForgedTokenTest extends GatewayTestBase {

  private static final String TENANT_A = UUID.randomUUID().toString();
  private static final String TENANT_B = UUID.randomUUID().toString();
  private static final String CONNECTORS = "/iamcore/sync/connectors";

  private static String connectorA;
  private static String connectorB;
  private static String secretB;
  /** A key the gateway has never seen, published under the trusted key's kid. */
  private static TestKeys impostor;

  @BeforeAll
  static void twoTenants() {
    connectorA = gateway.createScimConnector(TENANT_A).getString("id");
    gateway.issueSecret(TENANT_A, connectorA);
    connectorB = gateway.createScimConnector(TENANT_B).getString("id");
    secretB = gateway.issueSecret(TENANT_B, connectorB);
    impostor = TestKeys.generate(gateway.keys().kid());
  }

  /** The four routes every forgery is tried on: list and create, on each API. */
  enum Route {
    ADMIN_LIST("GET", false),
    ADMIN_CREATE("POST", false),
    SCIM_LIST("GET", true),
    SCIM_CREATE("POST", true);

    final String method;
    final boolean scim;

    Route(String method, boolean scim) {
      this.method = method;
      this.scim = scim;
    }

    boolean writes() {
      return method.equals("POST");
    }

    String path() {
      return scim ? RunningGateway.scimPath(connectorA, "/Users") : CONNECTORS;
    }

    JsonObject body() {
      if (!writes()) {
        return null;
      }
      String unique = UUID.randomUUID().toString();
      return scim ? TestUsers.user("forged-" + unique + "@contoso.example", unique)
          : new JsonObject().put("name", "forged " + unique).put("templateId", "SCIM");
    }

    /** A genuine token for this route, of tenant A: the starting point of every forgery. */
    TokenMinter genuine() {
      TokenMinter minter = TokenMinter.forKey(gateway.keys()).tenant(TENANT_A);
      return scim ? minter.audience(TokenMinter.SCIM_AUDIENCE)
          : minter.audience(RunningGateway.API_AUDIENCE).roles(Roles.ADMINISTRATOR);
    }
  }

  /**
   * One forged or unfit credential: the {@code Authorization} header it travels in (null: none),
   * and the status each route must answer (0: the case does not apply to that route).
   */
  record Forgery(String name, Function<Route, String> authorization, ToIntFunction<Route> expected) {

    static Forgery bearer(String name, Function<Route, String> token) {
      return new Forgery(name, r -> "Bearer " + token.apply(r), r -> 401);
    }
  }

  static Stream<Arguments> forgeries() {
    Instant now = Instant.now();
    List<Forgery> all = List.of(
        new Forgery("no Authorization header", r -> null, r -> 401),
        new Forgery("an empty bearer token", r -> "Bearer ", r -> 401),
        new Forgery("another scheme (Basic) carrying a genuine token",
            r -> "Basic " + r.genuine().sign(), r -> 401),
        Forgery.bearer("a malformed token (not a JWT)", r -> "not-a-jwt"),
        Forgery.bearer("a malformed token (header is not JSON)",
            r -> "bm90IGpzb24" + r.genuine().sign().substring(r.genuine().sign().indexOf('.'))),
        Forgery.bearer("a malformed token (four segments)", r -> r.genuine().sign() + ".AAAA"),
        Forgery.bearer("a malformed token (signature not base64url)",
            r -> signingInput(r.genuine().sign()) + ".***"),
        Forgery.bearer("alg none, no signature", r -> r.genuine().unsigned()),
        Forgery.bearer("alg none, carrying a genuine signature",
            r -> r.genuine().unsigned() + signature(r.genuine().sign())),
        Forgery.bearer("HS256 keyed with the RSA public key (DER)",
            r -> r.genuine().signHs256(gateway.keys().publicKey().getEncoded())),
        Forgery.bearer("HS256 keyed with the RSA public key (PEM)",
            r -> r.genuine().signHs256(pem(gateway.keys().publicKey().getEncoded()))),
        Forgery.bearer("an unknown kid", r -> r.genuine().kid("unknown-" + UUID.randomUUID()).sign()),
        Forgery.bearer("no kid", r -> r.genuine().without("kid").sign()),
        Forgery.bearer("a signature from another key under the trusted kid",
            r -> retarget(r.genuine(), impostor).sign()),
        Forgery.bearer("a genuine signature over another payload",
            r -> signingInput(r.genuine().roles(Roles.ADMINISTRATOR).tenant(TENANT_B).sign())
                + "." + signature(r.genuine().sign())),
        Forgery.bearer("expired an hour ago",
            r -> r.genuine().issuedAt(now.minusSeconds(7200)).notBefore(now.minusSeconds(7200))
                .expiresAt(now.minusSeconds(3600)).sign()),
        Forgery.bearer("not valid before an hour from now", r -> r.genuine().notBefore(now.plusSeconds(3600)).sign()),
        Forgery.bearer("issued an hour in the future", r -> r.genuine().issuedAt(now.plusSeconds(3600)).sign()),
        Forgery.bearer("without exp", r -> r.genuine().without("exp").sign()),
        Forgery.bearer("without nbf", r -> r.genuine().without("nbf").sign()),
        Forgery.bearer("exp as a string", r -> r.genuine().claim("exp", String.valueOf(now.getEpochSecond() + 3600)).sign()),
        Forgery.bearer("a wrong aud", r -> r.genuine().audience("api://someone-else").sign()),
        Forgery.bearer("no aud", r -> r.genuine().without("aud").sign()),
        Forgery.bearer("a wrong iss", r -> r.genuine().issuer("https://sts.evil.example/{tid}/").sign()),
        Forgery.bearer("iss of tenant B with tid of tenant A",
            r -> r.genuine().issuer("https://sts.windows.net/" + TENANT_B + "/").sign()),
        Forgery.bearer("no tid", r -> r.genuine().without("tid").sign()),
        Forgery.bearer("a tid that is not a tenant id", r -> r.genuine().tenant("contoso").sign()),
        // UUID.fromString reads "0-0-4000-8000-a1" as 00000000-0000-4000-8000-0000000000a1.
        Forgery.bearer("a tid in a non-canonical UUID form", r -> r.genuine().tenant("0-0-4000-8000-a1").sign()),
        Forgery.bearer("a SCIM secret token no connector issued",
            r -> "iamcs_" + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32))),
        new Forgery("a genuine token of tenant B on tenant A's connector",
            r -> "Bearer " + r.genuine().tenant(TENANT_B).sign(), r -> r.scim ? 401 : 0),
        new Forgery("tenant B's connector secret on tenant A's connector",
            r -> "Bearer " + secretB, r -> r.scim ? 401 : 0),
        new Forgery("the other API's genuine token (SCIM on admin, admin on SCIM)",
            r -> "Bearer " + (r.scim ? gateway.administrator(TENANT_A) : gateway.entraProvisioningToken(TENANT_A)),
            r -> 401),
        new Forgery("an admin token with no role",
            r -> "Bearer " + gateway.adminToken(TENANT_A), r -> r.scim ? 0 : 403),
        new Forgery("an admin token with only a role of another family",
            r -> "Bearer " + gateway.adminToken(TENANT_A, Roles.SYNCHRONIZATION_CONFIGURATION_READWRITE,
                Roles.IDENTITY_RESOLVE, Roles.CONNECTOR_DATA_READWRITE_SELF),
            r -> r.scim ? 0 : 403),
        new Forgery("an admin token with the read role, for a write",
            r -> "Bearer " + gateway.adminToken(TENANT_A, Roles.CONNECTOR_CONFIGURATION_READ),
            r -> !r.scim && r.writes() ? 403 : 0),
        new Forgery("an admin token whose role differs only in case",
            r -> "Bearer " + gateway.adminToken(TENANT_A, "administrator", "IAM-CORE.CONNECTOR-CONFIGURATION.READWRITE.ALL"),
            r -> r.scim ? 0 : 403));
    List<Arguments> cases = new ArrayList<>();
    for (Forgery forgery : all) {
      for (Route route : Route.values()) {
        if (forgery.expected().applyAsInt(route) != 0) {
          cases.add(Arguments.of(Named.of(forgery.name(), forgery), route));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} on {1} is refused")
  @MethodSource("forgeries")
  @DisplayName("a forged or unfit credential is refused in the route's error dialect, without a 5xx and without writing")
  void forgery_refused_nothingWritten(Forgery forgery, Route route) {
    // given
    Map<String, Long> before = Rows.counts(gateway.database());
    String authorization = forgery.authorization().apply(route);
    int expected = forgery.expected().applyAsInt(route);

    // when
    HttpResult result = send(route, authorization);

    // then
    assertRefused(result, expected, route.scim, forgery.name() + " on " + route);
    assertThat(Rows.counts(gateway.database())).as("rows after " + forgery.name()).isEqualTo(before);
  }

  @ParameterizedTest(name = "on {0}")
  @EnumSource(Route.class)
  @DisplayName("control: a genuine token of tenant A passes every route of the table, so each refusal above is the token's doing")
  void genuineToken_accepted(Route route) {
    HttpResult result = send(route, "Bearer " + route.genuine().sign());
    assertThat(result.status()).as(result.toString()).isEqualTo(route.writes() ? 201 : 200);
  }

  @Test
  @DisplayName("control: what Entra legitimately sends passes — PS256, the v2 issuer, an audience array, an exp within the clock skew")
  void entraVariants_accepted() {
    Route admin = Route.ADMIN_LIST;
    Instant now = Instant.now();
    for (TokenMinter variant : List.of(
        admin.genuine().alg("PS256"),
        admin.genuine().alg("RS512"),
        admin.genuine().issuer(TokenMinter.V2_ISSUER),
        admin.genuine().audience("api://other", RunningGateway.API_AUDIENCE),
        admin.genuine().issuedAt(now.minusSeconds(3600)).notBefore(now.minusSeconds(3600))
            .expiresAt(now.minusSeconds(30)))) {
      HttpResult result = send(admin, "Bearer " + variant.sign());
      assertThat(result.status()).as(variant.claims() + " → " + result).isEqualTo(200);
    }
    String secretA = gateway.issueSecret(TENANT_A, connectorA);
    assertThat(send(Route.SCIM_LIST, "Bearer " + secretA).status()).isEqualTo(200);
    assertThat(send(Route.SCIM_LIST, "bearer " + gateway.entraProvisioningToken(TENANT_A)).status())
        .as("the scheme is case-insensitive (RFC 7235)").isEqualTo(200);
  }

  @ParameterizedTest(name = "authentication {0}")
  @CsvSource({"entra, false, true", "secret, true, false", "entraOrSecret, true, true"})
  @DisplayName("a connector's authentication setting decides which credential opens its SCIM routes; the other is 401")
  void authenticationMode_decidesCredential(String mode, boolean secretWorks, boolean entraWorks) {
    // given
    HttpResult created = gateway.send("POST", CONNECTORS, gateway.administrator(TENANT_A), new JsonObject()
        .put("name", "mode " + mode).put("templateId", "SCIM")
        .put("configuration", new JsonObject().put("authentication", mode)));
    String id = created.json().getString("id");
    String secret = gateway.issueSecret(TENANT_A, id);
    String users = RunningGateway.scimPath(id, "/Users");

    // when
    HttpResult withSecret = gateway.send("GET", users, secret, null);
    HttpResult withEntra = gateway.send("GET", users, gateway.entraProvisioningToken(TENANT_A), null);

    // then
    if (secretWorks) {
      assertThat(withSecret.status()).as(withSecret.toString()).isEqualTo(200);
    } else {
      assertRefused(withSecret, 401, true, "a secret on an " + mode + " connector");
    }
    if (entraWorks) {
      assertThat(withEntra.status()).as(withEntra.toString()).isEqualTo(200);
    } else {
      assertRefused(withEntra, 401, true, "an Entra token on a " + mode + " connector");
    }
  }

  @Test
  @DisplayName("several secrets are active at once for rotation; DELETE /secrets revokes every one of them at once")
  void secrets_severalActive_revokedTogether() {
    // given
    String id = gateway.createScimConnector(TENANT_A).getString("id");
    String old = gateway.issueSecret(TENANT_A, id);
    String current = gateway.issueSecret(TENANT_A, id);
    String users = RunningGateway.scimPath(id, "/Users");
    assertThat(gateway.send("GET", users, old, null).status()).isEqualTo(200);
    assertThat(gateway.send("GET", users, current, null).status()).isEqualTo(200);

    // when
    assertThat(gateway.send("DELETE", CONNECTORS + "/" + id + "/secrets", gateway.administrator(TENANT_A), null)
        .status()).isEqualTo(204);

    // then
    assertRefused(gateway.send("GET", users, old, null), 401, true, "the older revoked secret");
    assertRefused(gateway.send("GET", users, current, null), 401, true, "the newer revoked secret");
    String fresh = gateway.issueSecret(TENANT_A, id);
    assertThat(gateway.send("GET", users, fresh, null).status()).as("a secret issued after the revocation").isEqualTo(200);
    assertRefused(gateway.send("GET", RunningGateway.scimPath(connectorA, "/Users"), fresh, null), 401, true,
        "a live secret of one connector on another connector of the same tenant");
  }

  enum AdminRouteOnConnector {
    GET("GET", ""), PATCH("PATCH", ""), DELETE("DELETE", ""), ISSUE_SECRET("POST", "/secrets"),
    REVOKE_SECRETS("DELETE", "/secrets");

    final String method;
    final String suffix;

    AdminRouteOnConnector(String method, String suffix) {
      this.method = method;
      this.suffix = suffix;
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(AdminRouteOnConnector.class)
  @DisplayName("an administrator of tenant B asking for tenant A's connector gets 404 (no existence oracle) and changes nothing")
  void otherTenantsAdministrator_notFound_nothingWritten(AdminRouteOnConnector route) {
    // given
    Map<String, List<String>> before = Rows.byTenant(gateway.database());
    JsonObject body = route == AdminRouteOnConnector.PATCH ? new JsonObject().put("name", "taken over") : null;

    // when
    String encodedBody = body == null ? null : body.encode();
    String unknownId = UUID.randomUUID().toString();
    HttpResult result = gateway.send(route.method, CONNECTORS + "/" + connectorA + route.suffix,
        gateway.administrator(TENANT_B), encodedBody, "application/json", Map.of());
    HttpResult unknown = gateway.send(route.method, CONNECTORS + "/" + unknownId + route.suffix,
        gateway.administrator(TENANT_B), encodedBody, "application/json", Map.of());

    // then
    assertThat(result.status()).as(result.toString()).isEqualTo(404);
    assertThat(result.json().getJsonObject("error").getString("code")).isEqualTo("notFound");
    assertThat(result.body().replace(connectorA, "{id}"))
        .as("another tenant's connector reads exactly like an unknown one")
        .isEqualTo(unknown.body().replace(unknownId, "{id}"));
    assertThat(Rows.byTenant(gateway.database())).isEqualTo(before);
  }

  private static HttpResult send(Route route, String authorization) {
    JsonObject body = route.body();
    return gateway.send(route.method, route.path(), null, body == null ? null : body.encode(),
        route.scim ? "application/scim+json" : "application/json",
        authorization == null ? Map.of() : Map.of("Authorization", authorization));
  }

  private static TokenMinter retarget(TokenMinter minter, TestKeys key) {
    // Same claims, signed by another private key; its kid equals the trusted one.
    JsonObject claims = minter.claims();
    TokenMinter other = TokenMinter.forKey(key);
    claims.forEach(e -> other.claim(e.getKey(), e.getValue()));
    return other;
  }

  private static String signingInput(String token) {
    return token.substring(0, token.lastIndexOf('.'));
  }

  private static String signature(String token) {
    return token.substring(token.lastIndexOf('.') + 1);
  }

  private static byte[] pem(byte[] der) {
    return ("-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(der) + "\n-----END PUBLIC KEY-----\n").getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }
}
