package io.iamcore.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamcore.index.IdentityIndex;
import io.iamcore.store.PgListener;
import io.iamcore.testing.GatewayProcess;
import io.iamcore.testing.HttpResult;
import io.iamcore.testing.Polling;
import io.iamcore.testing.TestUsers;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Three gateway processes on one PostgreSQL database: what one replica commits, the others honour
 * (uniqueness) and show (identity resolution within 1 s, PRODUCT.md §6), also after a lost LISTEN.
 */
class ReplicaConsistencyTest {

  private static final Duration ONE_SECOND = Duration.ofSeconds(1);
  private static ReplicaCluster cluster;
  private static GatewayProcess a;
  private static GatewayProcess b;
  private static GatewayProcess c;

  @BeforeAll
  static void startReplicas() {
    cluster = ReplicaCluster.start(3, "consistency");
    a = cluster.replica(0);
    b = cluster.replica(1);
    c = cluster.replica(2);
  }

  @AfterAll
  static void stopReplicas() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @DisplayName("colliding creates of one userName on three replicas at once: exactly one 201, the others 409 uniqueness; a replay answers the winner")
  void collidingCreates_exactlyOneWins() {
    TenantSetup setup = TenantSetup.create(a);
    int names = 15;
    List<List<CompletableFuture<HttpResult>>> attempts = new ArrayList<>();
    for (int i = 0; i < names; i++) {
      List<CompletableFuture<HttpResult>> forName = new ArrayList<>();
      // The same name in three spellings: uniqueness is on the canonical (NFKC, lower-case) key.
      forName.add(create(a, setup, "collide-" + i + "@contoso.example", "ext-" + i + "-a"));
      forName.add(create(b, setup, "Collide-" + i + "@Contoso.example", "ext-" + i + "-b"));
      forName.add(create(c, setup, "COLLIDE-" + i + "@CONTOSO.EXAMPLE", "ext-" + i + "-c"));
      attempts.add(forName);
    }
    for (int i = 0; i < names; i++) {
      List<HttpResult> results = attempts.get(i).stream().map(CompletableFuture::join).toList();
      assertThat(results).as("name " + i + ": " + results).filteredOn(r -> r.status() == 201).hasSize(1);
      assertThat(results).as("name " + i + ": " + results).filteredOn(r -> r.status() == 409).hasSize(2)
          .allSatisfy(r -> assertThat(r.json().getString("scimType")).isEqualTo("uniqueness"));
      HttpResult winner = results.stream().filter(r -> r.status() == 201).findFirst().orElseThrow();
      // Entra re-sends a create whose answer it lost, possibly to another replica.
      HttpResult replay = create(c, setup, winner.json().getString("userName"), winner.json().getString("externalId")).join();
      assertThat(replay.status()).as(replay.body()).isEqualTo(201);
      assertThat(replay.json().getString("id")).isEqualTo(winner.json().getString("id"));
    }
    assertThat(cluster.database().queryLong("SELECT count(*) FROM cs_object WHERE tenant_id = '" + setup.tenant()
        + "' AND deleted_at IS NULL")).isEqualTo(names);
  }

  @Test
  @DisplayName("an identity joined on replica A resolves on B and C within 1 s; deprovisioned on A, it stops resolving there within 1 s")
  void identityChange_visibleOnOtherReplicasWithinOneSecond() {
    TenantSetup setup = TenantSetup.create(a);
    setup.person(a, "P-1");
    String oid = UUID.randomUUID().toString();
    HttpResult created = setup.entraUser(a, "visible@contoso.example", oid, "P-1");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(me(a, setup, oid)).as("at once on the replica that acknowledged").isEqualTo(200);
    long[] resolved = {Polling.millisUntil(ONE_SECOND, () -> me(b, setup, oid) == 200),
        Polling.millisUntil(ONE_SECOND, () -> me(c, setup, oid) == 200)};
    assertThat(resolved).as("ms until B and C resolve it (-1: not within 1 s)").doesNotContain(-1L);

    HttpResult deactivated = a.send("PATCH", setup.scim("/Users/" + created.json().getString("id")),
        setup.scimSecret(), TenantSetup.deactivate());
    assertThat(deactivated.status()).as(deactivated.body()).isEqualTo(200);
    assertThat(me(a, setup, oid)).isEqualTo(404);
    long[] gone = {Polling.millisUntil(ONE_SECOND, () -> me(b, setup, oid) == 404),
        Polling.millisUntil(ONE_SECOND, () -> me(c, setup, oid) == 404)};
    assertThat(gone).as("ms until B and C stop resolving it (-1: not within 1 s)").doesNotContain(-1L);
    System.out.printf("replica propagation: resolve B %d ms, C %d ms; recall B %d ms, C %d ms%n",
        resolved[0], resolved[1], gone[0], gone[1]);
  }

  @Test
  @DisplayName("a lost LISTEN connection is noticed, reopened, and the index reconciled: changes made meanwhile show on B and C")
  void lostListen_indexReconciled() {
    TenantSetup setup = TenantSetup.create(a);
    setup.person(a, "P-new");
    setup.person(a, "P-gone");
    String goneOid = UUID.randomUUID().toString();
    HttpResult gone = setup.entraUser(a, "gone@contoso.example", goneOid, "P-gone");
    assertThat(gone.status()).isEqualTo(201);
    assertThat(Polling.millisUntil(ONE_SECOND, () -> me(b, setup, goneOid) == 200 && me(c, setup, goneOid) == 200))
        .isNotNegative();

    long terminated = cluster.database().queryLong("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
        + " WHERE datname = current_database() AND application_name = '"
        + PgListener.applicationName(IdentityIndex.CHANNEL) + "'");
    assertThat(terminated).as("one LISTEN session per replica").isEqualTo(3);
    // While the listeners are gone (they come back after a 1 s pause), a join and a recall on A:
    String newOid = UUID.randomUUID().toString();
    assertThat(setup.entraUser(a, "new@contoso.example", newOid, "P-new").status()).isEqualTo(201);
    assertThat(a.send("PATCH", setup.scim("/Users/" + gone.json().getString("id")), setup.scimSecret(),
        TenantSetup.deactivate()).status()).isEqualTo(200);

    for (GatewayProcess replica : List.of(b, c)) {
      assertThat(Polling.millisUntil(Duration.ofSeconds(10), () -> me(replica, setup, newOid) == 200))
          .as(replica.name() + " resolves the identity joined while it was not listening").isNotNegative();
      assertThat(Polling.millisUntil(Duration.ofSeconds(10), () -> me(replica, setup, goneOid) == 404))
          .as(replica.name() + " no longer resolves the identity recalled while it was not listening").isNotNegative();
      assertThat(replica.log()).contains("lost the LISTEN " + IdentityIndex.CHANNEL + " connection");
    }
    assertThat(Polling.millisUntil(Duration.ofSeconds(10), () -> cluster.database().queryLong(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = '"
            + PgListener.applicationName(IdentityIndex.CHANNEL) + "'") == 3)).as("every replica listens again")
        .isNotNegative();
  }

  @Test
  @DisplayName("Entra's userName and externalId probes on B find a user created on A within 1 s")
  void probesOnOtherReplica_findUserCreatedOnA() {
    TenantSetup setup = TenantSetup.create(a);
    String filter = "/Users?filter=" + URLEncoder.encode("userName eq \"probe@contoso.example\"", StandardCharsets.UTF_8);
    String byExternalId = "/Users?filter=" + URLEncoder.encode("externalId eq \"probe-ext\"", StandardCharsets.UTF_8);
    // B has answered a probe for this connector before: its in-memory keys are loaded.
    assertThat(totalResults(b, setup, filter)).isZero();
    assertThat(create(a, setup, "probe@contoso.example", "probe-ext").join().status()).isEqualTo(201);
    assertThat(Polling.millisUntil(ONE_SECOND, () -> totalResults(b, setup, filter) == 1))
        .as("userName eq probe on B").isNotNegative();
    assertThat(Polling.millisUntil(ONE_SECOND, () -> totalResults(b, setup, byExternalId) == 1))
        .as("externalId eq probe on B").isNotNegative();
  }

  /**
   * A SCIM create as Entra sends it: a 503 (writes refused while the database is slow to answer,
   * which a loaded test machine can cause) is retried, so the final answer is 201 or 409.
   */
  private static CompletableFuture<HttpResult> create(GatewayProcess via, TenantSetup setup, String userName,
      String externalId) {
    return createAttempt(via, setup, userName, externalId, 10);
  }

  private static CompletableFuture<HttpResult> createAttempt(GatewayProcess via, TenantSetup setup, String userName,
      String externalId, int attemptsLeft) {
    return via.sendAsync("POST", setup.scim("/Users"), setup.scimSecret(),
            TestUsers.user(userName, externalId).encode(), Map.of())
        .thenCompose(result -> result.status() != 503 || attemptsLeft == 1 ? CompletableFuture.completedFuture(result)
            : CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS))
                .thenCompose(v -> createAttempt(via, setup, userName, externalId, attemptsLeft - 1)));
  }

  private static int me(GatewayProcess via, TenantSetup setup, String oid) {
    return via.send("GET", "/iamcore/identities/me", via.userToken(setup.tenant(), oid), null).status();
  }

  private static int totalResults(GatewayProcess via, TenantSetup setup, String query) {
    HttpResult result = via.send("GET", setup.scim(query), setup.scimSecret(), null);
    assertThat(result.status()).as(result.body()).isEqualTo(200);
    return result.json().getInteger("totalResults");
  }
}
