package io.iamcore.auth;

import io.iamcore.testing.MutableClock;
import io.iamcore.testing.TestJwksServer;
import io.iamcore.testing.TestKeys;
import io.iamcore.testing.TokenMinter;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static io.iamcore.testing.TestFutures.await;

/** One key endpoint, key holder and verifier wired together on a test clock. */
final class AuthFixture {

  static final String API_AUDIENCE = "api://iamcore-gateway";
  static final Set<String> SCIM = Set.of(TokenMinter.SCIM_AUDIENCE);
  static final Set<String> API = Set.of(API_AUDIENCE);
  static final Duration GAP = Duration.ofSeconds(30);
  static final Duration SKEW = Duration.ofMinutes(2);

  final MutableClock clock = MutableClock.atNow();
  final TestJwksServer server;
  final SigningKeys keys;
  final TokenVerifier verifier;

  private AuthFixture(Vertx vertx, TestJwksServer server, Duration gap) {
    this.server = server;
    this.keys = new SigningKeys(vertx, config(server.uri(), gap), clock);
    this.verifier = new TokenVerifier(keys, config(server.uri(), gap), clock);
  }

  /** Serves {@code served}, starts the key holder and waits for its first load (which may fail). */
  static AuthFixture start(Vertx vertx, TestKeys... served) {
    return start(vertx, GAP, TestKeys.jwks(served));
  }

  static AuthFixture start(Vertx vertx, Duration gap, JsonObject jwks) {
    TestJwksServer server = await(new TestJwksServer(jwks).start(vertx));
    AuthFixture fixture = new AuthFixture(vertx, server, gap);
    fixture.keys.start().toCompletionStage().toCompletableFuture().exceptionally(e -> null).join();
    return fixture;
  }

  static AuthConfig config(URI jwksUri, Duration gap) {
    return new AuthConfig(
        jwksUri,
        List.of(TokenMinter.V1_ISSUER, TokenMinter.V2_ISSUER),
        SCIM,
        API,
        Duration.ofHours(1),
        gap,
        SKEW);
  }

  /** A minter for {@code key} on this fixture's clock, with SCIM defaults. */
  TokenMinter mint(TestKeys key) {
    return TokenMinter.forKey(key).clock(clock);
  }

  void stop() {
    keys.stop();
    await(server.close());
  }
}
