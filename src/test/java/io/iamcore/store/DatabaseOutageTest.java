package io.iamcore.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamcore.testing.HttpResult;
import io.iamcore.testing.RunningGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Nothing acknowledged is lost when the database goes away under load: every 201 is in the
 * database afterwards, every other answer is a quick 503 with Retry-After, and the gateway serves
 * again by itself once PostgreSQL is back.
 */
class DatabaseOutageTest {

  private static final int WAVE = 20;
  private final AtomicInteger sequence = new AtomicInteger();

  @Test
  @DisplayName("PostgreSQL stopped and restarted under load: 201s all stored, the rest fast 503s, recovery without restart")
  void databaseStoppedUnderLoad_nothingAcknowledgedLost() throws Exception {
    Path dataDir = Files.createTempDirectory("iamcore-outage");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    EmbeddedDatabase database = EmbeddedDatabase.start(dataDir, port);
    RunningGateway gateway = RunningGateway.start(null,
        Map.of("IAMCORE_DB_URL", "postgresql://postgres@localhost:" + port + "/postgres"));
    Map<String, Integer> outcomes = new HashMap<>();
    try {
      String tenant = UUID.randomUUID().toString();
      String connector = gateway.createScimConnector(tenant).getString("id");
      String token = gateway.issueSecret(tenant, connector);

      for (int i = 0; i < 3; i++) {
        assertThat(wave(gateway, connector, token, outcomes)).containsOnly(201);
      }
      CompletableFuture<Void> stopping = CompletableFuture.runAsync(database::close);
      while (!stopping.isDone()) {
        wave(gateway, connector, token, outcomes);
      }
      stopping.join();
      for (int i = 0; i < 3; i++) {
        assertThat(wave(gateway, connector, token, outcomes)).containsOnly(503);
      }
      assertThat(gateway.send("GET", "/health/ready", null, null).status()).isEqualTo(503);

      database = EmbeddedDatabase.start(dataDir, port);
      long deadline = System.currentTimeMillis() + 20_000;
      List<Integer> statuses = wave(gateway, connector, token, outcomes);
      while (!statuses.stream().allMatch(s -> s == 201) && System.currentTimeMillis() < deadline) {
        statuses = wave(gateway, connector, token, outcomes);
      }
      assertThat(statuses).as("the gateway recovers by itself").containsOnly(201);
      assertThat(gateway.send("GET", "/health/ready", null, null).status()).isEqualTo(200);

      assertThat(outcomes.values()).containsOnly(201, 503);
      List<String> acknowledged = outcomes.entrySet().stream()
          .filter(e -> e.getValue() == 201).map(Map.Entry::getKey).toList();
      assertThat(stored(port, connector, acknowledged)).as("every acknowledged create is stored")
          .isEqualTo(acknowledged.size());
    } finally {
      gateway.close();
      database.close();
    }
  }

  @Test
  @DisplayName("PostgreSQL crashes (postmaster SIGKILL, crash recovery on restart) under load: 201s all stored, fast 503s while down, writes resume by themselves")
  void databaseCrashes_nothingAcknowledgedLost_recovers() throws Exception {
    int cycles = Integer.getInteger("iamcore.pgcrash.cycles", 1);
    Path dataDir = Files.createTempDirectory("iamcore-crash");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    EmbeddedDatabase database = EmbeddedDatabase.start(dataDir, port);
    RunningGateway gateway = RunningGateway.start(null,
        Map.of("IAMCORE_DB_URL", "postgresql://postgres@localhost:" + port + "/postgres"));
    Map<String, Integer> outcomes = new HashMap<>();
    List<Long> recoveryMillis = new ArrayList<>();
    try {
      assertThat(setting(port, "synchronous_commit")).as("the gateway's sessions commit durably").isEqualTo("on");
      assertThat(setting(port, "fsync")).isEqualTo("on");
      String tenant = UUID.randomUUID().toString();
      String connector = gateway.createScimConnector(tenant).getString("id");
      String token = gateway.issueSecret(tenant, connector);
      for (int cycle = 0; cycle < cycles; cycle++) {
        assertThat(wave(gateway, connector, token, outcomes)).containsOnly(201);
        CompletableFuture<Void> crashing = CompletableFuture.runAsync(() -> crash(dataDir));
        while (!crashing.isDone()) {
          wave(gateway, connector, token, outcomes);
        }
        crashing.join();
        wave(gateway, connector, token, outcomes);  // 503s, each fast (checked in wave)
        releaseCrashed(database);
        database = EmbeddedDatabase.start(dataDir, port);  // crash recovery replays the WAL
        long back = System.nanoTime();
        long deadline = System.currentTimeMillis() + 30_000;
        List<Integer> statuses = wave(gateway, connector, token, outcomes);
        while (!statuses.stream().allMatch(st -> st == 201) && System.currentTimeMillis() < deadline) {
          statuses = wave(gateway, connector, token, outcomes);
        }
        assertThat(statuses).as("writes resume without a gateway restart").containsOnly(201);
        recoveryMillis.add((System.nanoTime() - back) / 1_000_000);
      }
      assertThat(outcomes.values()).containsOnly(201, 503);
      List<String> acknowledged = outcomes.entrySet().stream()
          .filter(e -> e.getValue() == 201).map(Map.Entry::getKey).toList();
      assertThat(stored(port, connector, acknowledged)).as("every acknowledged create survived the crashes")
          .isEqualTo(acknowledged.size());
      System.out.printf("PostgreSQL crash cycles: %d, acknowledged %d, violations 0, ms to first successful"
          + " wave after restart: %s%n", cycles, acknowledged.size(), recoveryMillis);
    } finally {
      gateway.close();
      database.close();
    }
  }

  /** The crashed server's handle still holds the data directory's lock in this JVM: let it go. */
  private static void releaseCrashed(EmbeddedDatabase crashed) {
    try {
      crashed.close();
    } catch (RuntimeException alreadyDead) {
      // pg_ctl finds no server to stop; the lock is released all the same
    }
  }

  /** Kills the postmaster with SIGKILL: no shutdown checkpoint, the next start runs crash recovery. */
  private static void crash(Path dataDir) {
    try {
      long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid")).get(0).trim());
      ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
      List<ProcessHandle> backends = postmaster.children().toList();
      postmaster.destroyForcibly();
      postmaster.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
      for (ProcessHandle backend : backends) {
        backend.destroyForcibly();
        backend.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      throw new IllegalStateException("could not crash PostgreSQL", e);
    }
  }

  private static String setting(int port, String name) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", "postgres", null);
        PreparedStatement s = c.prepareStatement("SELECT current_setting(?)")) {
      s.setString(1, name);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  @Test
  @DisplayName("the gateway's database connections killed mid-load: 201s all stored, the rest 503s, recovery")
  void connectionsKilledUnderLoad_nothingAcknowledgedLost() throws Exception {
    RunningGateway gateway = RunningGateway.start();
    Map<String, Integer> outcomes = new HashMap<>();
    try {
      String tenant = UUID.randomUUID().toString();
      String connector = gateway.createScimConnector(tenant).getString("id");
      String token = gateway.issueSecret(tenant, connector);
      String kill = "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '"
          + gateway.database().name() + "' AND pid <> pg_backend_pid()";
      long killed = 0;
      for (int round = 0; round < 5; round++) {
        java.util.concurrent.atomic.AtomicBoolean waveDone = new java.util.concurrent.atomic.AtomicBoolean();
        CompletableFuture<Long> killing = CompletableFuture.supplyAsync(() -> {
          long count = 0;
          while (!waveDone.get()) {
            count += gateway.database().queryLong(kill);
          }
          return count;
        });
        wave(gateway, connector, token, outcomes);
        waveDone.set(true);
        killed += killing.join();
      }
      assertThat(killed).as("connections killed while requests were in flight").isPositive();
      long deadline = System.currentTimeMillis() + 20_000;
      List<Integer> statuses = wave(gateway, connector, token, outcomes);
      while (!statuses.stream().allMatch(s -> s == 201) && System.currentTimeMillis() < deadline) {
        statuses = wave(gateway, connector, token, outcomes);
      }
      assertThat(statuses).containsOnly(201);
      assertThat(outcomes.values()).containsOnly(201, 503);
      List<String> acknowledged = outcomes.entrySet().stream()
          .filter(e -> e.getValue() == 201).map(Map.Entry::getKey).toList();
      assertThat(gateway.database().queryLong("SELECT count(*) FROM cs_object WHERE connector_id = '"
          + connector + "' AND name_key IN ('" + String.join("','", acknowledged) + "')"))
          .isEqualTo(acknowledged.size());
    } finally {
      gateway.close();
    }
  }

  /** Sends a wave of concurrent creates; records userName → status; checks 503s are fast and say when to retry. */
  private List<Integer> wave(RunningGateway gateway, String connector, String token, Map<String, Integer> outcomes) {
    List<String> names = new ArrayList<>();
    List<CompletableFuture<HttpResult>> calls = new ArrayList<>();
    List<Long> started = new ArrayList<>();
    for (int i = 0; i < WAVE; i++) {
      String userName = "user" + sequence.incrementAndGet() + "@contoso.example";
      names.add(userName);
      started.add(System.nanoTime());
      JsonObject body = new JsonObject()
          .put("schemas", new JsonArray().add("urn:ietf:params:scim:schemas:core:2.0:User"))
          .put("userName", userName).put("externalId", userName);
      calls.add(gateway.sendAsync("POST", RunningGateway.scimPath(connector, "/Users"), token,
          body.encode(), "application/scim+json", Map.of()));
    }
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < WAVE; i++) {
      HttpResult result = calls.get(i).join();
      long millis = (System.nanoTime() - started.get(i)) / 1_000_000;
      if (result.status() == 503) {
        assertThat(result.header("Retry-After")).isNotNull();
        assertThat(millis).as("a 503 comes quickly").isLessThan(2_500);
      }
      outcomes.put(names.get(i), result.status());
      statuses.add(result.status());
    }
    return statuses;
  }

  private static long stored(int port, String connector, List<String> userNames) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", "postgres", null);
        PreparedStatement s = c.prepareStatement("SELECT count(*) FROM cs_object WHERE connector_id = ?::uuid"
            + " AND name_key = ANY(?) AND deleted_at IS NULL")) {
      s.setString(1, connector);
      s.setArray(2, c.createArrayOf("text", userNames.toArray()));
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
