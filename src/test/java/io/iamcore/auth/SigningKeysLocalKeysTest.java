package io.iamcore.auth;

import static io.iamcore.testing.TestFutures.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.iamcore.testing.MutableClock;
import io.iamcore.testing.TestJwksServer;
import io.iamcore.testing.TestKeys;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.security.PublicKey;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Development mode's local keys: loaded from the start, kept through every reload, remote still fetched. */
@ExtendWith(VertxExtension.class)
class SigningKeysLocalKeysTest {

  private static TestKeys local;
  private static TestKeys remote;

  @BeforeAll
  static void keys() {
    local = TestKeys.generate("local");
    remote = TestKeys.generate("remote");
  }

  @Test
  void start_endpointDownWithLocalKey_loadedAndLocalKidKnown(Vertx vertx) {
    SigningKeys keys = new SigningKeys(vertx, AuthFixture.config(URI.create("http://127.0.0.1:1/keys"), AuthFixture.GAP),
        MutableClock.atNow(), new SimpleMeterRegistry(), Map.of("local", local.publicKey()));

    boolean firstLoadFailed = keys.start().toCompletionStage().toCompletableFuture()
        .handle((ok, error) -> error != null).join();

    assertThat(firstLoadFailed).as("the remote endpoint is still tried, and fails").isTrue();
    assertThat(keys.loaded()).as("the local key counts as loaded").isTrue();
    PublicKey key = await(keys.key("local"));
    assertThat(key).isEqualTo(local.publicKey());
    keys.stop();
  }

  @Test
  void start_remoteKeys_mergedWithLocalKey(Vertx vertx) {
    TestJwksServer server = await(new TestJwksServer(remote.jwks()).start(vertx));
    SigningKeys keys = new SigningKeys(vertx, AuthFixture.config(server.uri(), AuthFixture.GAP), MutableClock.atNow(),
        new SimpleMeterRegistry(), Map.of("local", local.publicKey()));

    await(keys.start());

    assertThat(keys.kids()).containsExactlyInAnyOrder("local", "remote");
    keys.stop();
    await(server.close());
  }

  @Test
  void construct_noLocalKeys_notLoadedUntilRemote(Vertx vertx) {
    SigningKeys keys = new SigningKeys(vertx, AuthFixture.config(URI.create("http://127.0.0.1:1/keys"), AuthFixture.GAP),
        MutableClock.atNow());
    assertThat(keys.loaded()).as("outside development mode nothing changes: fail closed").isFalse();
    keys.stop();
  }
}
