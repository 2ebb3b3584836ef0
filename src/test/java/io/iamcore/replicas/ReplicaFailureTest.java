package io.iamcore.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamcore.testing.CreateStream;
import io.iamcore.testing.GatewayProcess;
import io.iamcore.testing.HttpResult;
import io.iamcore.testing.Polling;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Three gateway processes on one database when jobs compete and a replica dies. */
class ReplicaFailureTest {

  private static final String OBJECTS_METRIC = "iamcore_sync_job_objects_total";
  private static final int PEOPLE = 1200;
  private static ReplicaCluster cluster;
  private static GatewayProcess a;
  private static GatewayProcess b;
  private static GatewayProcess c;

  @BeforeAll
  static void startReplicas() {
    cluster = ReplicaCluster.start(3, "failure");
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
  @DisplayName("full syncs of one connector started on three replicas at once run one at a time, each exactly once")
  void concurrentJobs_oneRunnerAtATime() throws Exception {
    TenantSetup setup = peopleTenant();
    double objectsBefore = objectsOnAllReplicas();
    AtomicInteger maxHolders = new AtomicInteger();
    AtomicBoolean sampling = new AtomicBoolean(true);
    ExecutorService sampler = Executors.newSingleThreadExecutor();
    sampler.submit(() -> sampleAdvisoryLocks(sampling, maxHolders));
    List<String> jobs = new ArrayList<>();
    try {
      List<HttpResult> started = List.of(a, b, c).parallelStream().map(replica -> replica.send("POST",
          "/iamcore/sync/jobs", replica.administrator(setup.tenant()),
          new JsonObject().put("connectorId", setup.hrConnector()).put("type", "fullSync"))).toList();
      started.forEach(r -> {
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        jobs.add(r.json().getString("id"));
      });
      for (String job : jobs) {
        assertThat(awaitJob(a, setup, job).getJsonObject("progress"))
            .isEqualTo(new JsonObject().put("total", PEOPLE).put("processed", PEOPLE).put("failed", 0));
      }
    } finally {
      sampling.set(false);
      sampler.shutdown();
      sampler.awaitTermination(5, TimeUnit.SECONDS);
    }
    assertThat(maxHolders.get()).as("sync advisory locks held at once").isEqualTo(1);
    assertThat(cluster.database().queryLong("SELECT count(*) FROM sync_job j1 JOIN sync_job j2"
        // Jobs of one connector only: the rules' own jobs (HR and Entra connectors) may overlap.
        + " ON j1.tenant_id = j2.tenant_id AND j1.connector_id = j2.connector_id AND j1.id < j2.id"
        + " AND j1.started_at < j2.finished_at"
        + " AND j2.started_at < j1.finished_at WHERE j1.tenant_id = '" + setup.tenant() + "'"))
        .as("jobs whose runs overlap").isZero();
    assertThat(objectsOnAllReplicas() - objectsBefore).as("objects re-run by all replicas")
        .isEqualTo(3.0 * PEOPLE);
  }

  @Test
  @DisplayName("a job waiting on replica A and resumed by a restarted replica C runs once, on one of them")
  void resumedJob_runsOnce() throws Exception {
    TenantSetup setup = peopleTenant();
    String job;
    double objectsOnA;
    try (Connection holder = cluster.database().connect()) {
      // Another runner holds the connector's lock: the job stays queued on A.
      lock(holder, "SELECT pg_advisory_lock(hashtextextended(?, 0))", setup);
      objectsOnA = a.metric(OBJECTS_METRIC);
      HttpResult started = a.send("POST", "/iamcore/sync/jobs", a.administrator(setup.tenant()),
          new JsonObject().put("connectorId", setup.hrConnector()).put("type", "fullSync"));
      assertThat(started.status()).isEqualTo(202);
      job = started.json().getString("id");
      c.kill();
      c.restart();
      assertThat(c.log()).contains("resuming sync job " + job);
      lock(holder, "SELECT pg_advisory_unlock(hashtextextended(?, 0))", setup);
    }
    assertThat(awaitJob(a, setup, job).getJsonObject("progress").getLong("processed")).isEqualTo(PEOPLE);
    String skipped = "sync job " + job + " already finished elsewhere; not run again";
    assertThat(Polling.millisUntil(Duration.ofSeconds(10), () -> a.log().contains(skipped) || c.log().contains(skipped)))
        .as("the replica that waited longer sees the job done").isNotNegative();
    assertThat(a.metric(OBJECTS_METRIC) - objectsOnA + c.metric(OBJECTS_METRIC)).isEqualTo(PEOPLE);
  }

  @Test
  @DisplayName("kill -9 of a replica under a stream of creates: every acknowledged create is in the database; the replica restarts")
  void killDuringWrites_noAcknowledgedWriteLost() throws Exception {
    TenantSetup setup = TenantSetup.create(a);
    CreateStream stream = new CreateStream(c, setup.scim("/Users"), setup.scimSecret(), "killed", 16);
    assertThat(Polling.millisUntil(Duration.ofSeconds(30), () -> stream.acknowledgedCount() >= 200)).isNotNegative();
    c.kill();
    stream.close();
    Map<String, String> acknowledged = stream.acknowledged();
    assertThat(stream.unanswered()).as("requests in flight when the process died").isPositive();

    Map<String, String> stored = new java.util.HashMap<>();
    cluster.database().queryRows("SELECT external_id, id::text FROM cs_object WHERE tenant_id = '" + setup.tenant()
            + "' AND connector_id = '" + setup.entraConnector() + "' AND deleted_at IS NULL")
        .forEach(row -> stored.put(row[0], row[1]));
    assertThat(stored).as("every acknowledged create, with the id it was answered with").containsAllEntriesOf(acknowledged);
    System.out.printf("kill -9: %d acknowledged, %d unanswered, %d stored%n", acknowledged.size(),
        stream.unanswered(), stored.size());

    c.restart();
    String someone = acknowledged.keySet().iterator().next();
    assertThat(c.send("GET", setup.scim("/Users/" + acknowledged.get(someone)), setup.scimSecret(), null).status())
        .isEqualTo(200);
  }

  /** A tenant whose HR connector holds {@link #PEOPLE} people, with no job of it still pending. */
  private static TenantSetup peopleTenant() {
    TenantSetup setup = TenantSetup.create(a);
    for (int from = 0; from < PEOPLE; from += 1000) {
      JsonArray operations = new JsonArray();
      for (int i = from; i < Math.min(PEOPLE, from + 1000); i++) {
        operations.add(new JsonObject().put("externalId", "P-" + i).put("data", new JsonObject()));
      }
      HttpResult batch = a.send("POST", "/iamcore/sync/connectors/" + setup.hrConnector() + "/data/person:batch",
          a.administrator(setup.tenant()), new JsonObject().put("operations", operations));
      assertThat(batch.status()).as(batch.body()).isEqualTo(200);
    }
    // Creating the rules started jobs; the assertions count only the jobs the tests start.
    assertThat(Polling.millisUntil(Duration.ofSeconds(30), () -> cluster.database().queryLong(
        "SELECT count(*) FROM sync_job WHERE tenant_id = '" + setup.tenant() + "' AND state IN ('queued', 'running')")
        == 0)).isNotNegative();
    return setup;
  }

  private static JsonObject awaitJob(GatewayProcess via, TenantSetup setup, String job) {
    String admin = via.administrator(setup.tenant());
    JsonObject[] last = new JsonObject[1];
    long ms = Polling.millisUntil(Duration.ofSeconds(60), () -> {
      last[0] = via.send("GET", "/iamcore/sync/jobs/" + job, admin, null).json();
      return last[0].getString("state").equals("succeeded") || last[0].getString("state").equals("failed");
    });
    assertThat(ms).as("job " + job + " finished: " + last[0]).isNotNegative();
    assertThat(last[0].getString("state")).as(last[0].encode()).isEqualTo("succeeded");
    return last[0];
  }

  private static double objectsOnAllReplicas() {
    return a.metric(OBJECTS_METRIC) + b.metric(OBJECTS_METRIC) + c.metric(OBJECTS_METRIC);
  }

  private static void sampleAdvisoryLocks(AtomicBoolean sampling, AtomicInteger maxHolders) {
    try (Connection db = cluster.database().connect();
        PreparedStatement q = db.prepareStatement("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
            + " AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")) {
      while (sampling.get()) {
        try (ResultSet rows = q.executeQuery()) {
          rows.next();
          maxHolders.accumulateAndGet(rows.getInt(1), Math::max);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The key SyncJobs locks per connector (see SyncJobs.run). */
  private static void lock(Connection db, String sql, TenantSetup setup) throws SQLException {
    try (PreparedStatement q = db.prepareStatement(sql)) {
      q.setString(1, "iamcore.sync:" + setup.tenant() + ":" + setup.hrConnector());
      q.executeQuery().close();
    }
  }
}
