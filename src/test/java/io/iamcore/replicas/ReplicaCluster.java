package io.iamcore.replicas;

import io.iamcore.testing.GatewayProcess;
import io.iamcore.testing.TestDatabase;
import io.iamcore.testing.TestKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Several gateway processes (replicas) on one fresh PostgreSQL database, trusting one test key, as
 * a Kubernetes Deployment runs them against one CloudNativePG primary.
 */
final class ReplicaCluster implements AutoCloseable {

  private final TestDatabase database;
  private final TestKeys keys;
  private final List<GatewayProcess> replicas;

  private ReplicaCluster(TestDatabase database, TestKeys keys, List<GatewayProcess> replicas) {
    this.database = database;
    this.keys = keys;
    this.replicas = replicas;
  }

  /** Starts {@code count} replicas at once (they migrate the schema together) and waits until all are ready. */
  static ReplicaCluster start(int count, String namePrefix) {
    TestDatabase database = TestDatabase.create();
    TestKeys keys = TestKeys.generate();
    List<GatewayProcess> replicas = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        replicas.add(GatewayProcess.launch(namePrefix + "-" + (char) ('a' + i), database, keys, Map.of()));
      }
      replicas.forEach(GatewayProcess::awaitReady);
    } catch (RuntimeException | Error e) {
      replicas.forEach(GatewayProcess::close);
      database.close();
      throw e;
    }
    return new ReplicaCluster(database, keys, replicas);
  }

  GatewayProcess replica(int index) {
    return replicas.get(index);
  }

  List<GatewayProcess> replicas() {
    return replicas;
  }

  TestDatabase database() {
    return database;
  }

  TestKeys keys() {
    return keys;
  }

  /** Graceful stop of every replica; fails if one did not exit cleanly or logged a credential. */
  @Override
  public void close() {
    List<String> problems = new ArrayList<>();
    for (GatewayProcess replica : replicas) {
      if (replica.isAlive()) {
        int exit = replica.stop();
        // 143 = 128 + SIGTERM: the JVM's exit status after its shutdown hooks ran.
        if (exit != 143 && exit != 0) {
          problems.add(replica.name() + " exited with " + exit + " on SIGTERM");
        }
      }
      String log = replica.log();
      if (!log.contains("iamcore: stopped")) {
        problems.add(replica.name() + " did not report a clean stop (see " + replica.logFile() + ")");
      }
      String leaked = replica.leakedCredential();
      if (leaked != null) {
        problems.add("a credential (" + leaked + ") appears in " + replica.logFile());
      }
    }
    database.close();
    if (!problems.isEmpty()) {
      throw new AssertionError(String.join("\n", problems));
    }
  }
}
