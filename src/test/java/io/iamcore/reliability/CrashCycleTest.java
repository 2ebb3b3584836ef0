package io.iamcore.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamcore.testing.CreateStream;
import io.iamcore.testing.GatewayProcess;
import io.iamcore.testing.HttpResult;
import io.iamcore.testing.Polling;
import io.iamcore.testing.TestDatabase;
import io.iamcore.testing.TestKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The crash history check (docs/reliability.md): the gateway, a separate process, takes
 * concurrent Entra-style creates and is killed with SIGKILL at a random moment, again and again.
 * After every restart: every acknowledged create is stored with the id it was answered with, and
 * Entra's retry of every unanswered create converges (201, the existing user on a replay; never a
 * 409 loop), leaving each user stored exactly once. 3 cycles in CI; {@code
 * -Diamcore.crash.cycles=100} on demand.
 */
class CrashCycleTest {

  private static final int CYCLES = Integer.getInteger("iamcore.crash.cycles", 3);

  @Test
  @DisplayName("kill -9 at random moments under concurrent creates: nothing acknowledged is lost, retries converge")
  void killCycles_noAcknowledgedWriteLost_retriesConverge() throws Exception {
    Random random = new Random(Long.getLong("iamcore.crash.seed", System.nanoTime()));
    List<String> violations = new ArrayList<>();
    int acknowledged = 0;
    int indeterminate = 0;
    try (TestDatabase database = TestDatabase.create();
        GatewayProcess gateway = GatewayProcess.start("crash-cycles", database, TestKeys.generate(), Map.of())) {
      GatewayProcess.ScimConnector scim = gateway.createScimConnector(UUID.randomUUID().toString());
      String connector = scim.id();
      String secret = scim.secret();
      String users = scim.users();
      for (int cycle = 0; cycle < CYCLES; cycle++) {
        CreateStream stream = new CreateStream(gateway, users, secret, "cycle" + cycle, 8);
        int killAfter = 20 + random.nextInt(200);
        Polling.until(() -> stream.acknowledgedCount() >= killAfter, Duration.ofSeconds(60), "creates acknowledged");
        gateway.kill();
        stream.close();
        gateway.restart();
        acknowledged += stream.acknowledgedCount();
        indeterminate += stream.indeterminate().size();
        Map<String, String> stored = stored(database, connector);
        stream.acknowledged().forEach((name, id) -> {
          if (!id.equals(stored.get(name))) {
            violations.add("acknowledged " + name + " (" + id + ") stored as " + stored.get(name));
          }
        });
        for (String name : stream.indeterminate()) {
          HttpResult retried = CreateStream.retry(gateway, users, secret, name);
          if (retried.status() != 201) {
            violations.add("retry of " + name + " answered " + retried.status() + " " + retried.body());
          }
        }
        long duplicates = database.queryLong("SELECT count(*) FROM (SELECT external_id FROM cs_object WHERE"
            + " connector_id = '" + connector + "' AND deleted_at IS NULL GROUP BY external_id HAVING count(*) > 1) d");
        if (duplicates > 0) {
          violations.add(duplicates + " users stored more than once after cycle " + cycle);
        }
      }
    }
    System.out.printf("crash cycles: %d, acknowledged %d, indeterminate %d (retried), violations %d%n",
        CYCLES, acknowledged, indeterminate, violations.size());
    assertThat(violations).isEmpty();
  }

  private static Map<String, String> stored(TestDatabase database, String connector) {
    Map<String, String> stored = new HashMap<>();
    database.queryRows("SELECT external_id, id::text FROM cs_object WHERE connector_id = '" + connector
        + "' AND deleted_at IS NULL").forEach(row -> stored.put(row[0], row[1]));
    return stored;
  }
}
