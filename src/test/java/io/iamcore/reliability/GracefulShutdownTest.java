package io.iamcore.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamcore.Main;
import io.iamcore.testing.CreateStream;
import io.iamcore.testing.GatewayProcess;
import io.iamcore.testing.Polling;
import io.iamcore.testing.TestDatabase;
import io.iamcore.testing.TestKeys;
import java.time.Duration;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Kubernetes stops a pod with SIGTERM and waits 30 s: the gateway drains and loses nothing. */
class GracefulShutdownTest {

  @Test
  @DisplayName("SIGTERM under a stream of creates: exits well inside 30 s, drained cleanly, every acknowledged create stored")
  void sigtermUnderLoad_drains_losesNothing() throws Exception {
    try (TestDatabase database = TestDatabase.create();
        GatewayProcess gateway = GatewayProcess.start("graceful", database, TestKeys.generate(), Map.of())) {
      GatewayProcess.ScimConnector connector = gateway.createScimConnector(UUID.randomUUID().toString());
      CreateStream stream = new CreateStream(gateway, connector.users(), connector.secret(), "drained", 16);
      Polling.until(() -> stream.acknowledgedCount() >= 200, Duration.ofSeconds(60), "200 creates acknowledged");
      int acknowledgedBeforeStop = stream.acknowledgedCount();
      long signalled = System.nanoTime();
      int exit = gateway.stop();
      long stopMillis = (System.nanoTime() - signalled) / 1_000_000;
      stream.close();

      assertThat(exit).as("exit status after SIGTERM (128 + 15)").isEqualTo(143);
      assertThat(stopMillis).as("well inside Kubernetes' 30 s grace").isLessThan(Main.DRAIN_MILLIS + Main.CLOSE_MILLIS);
      assertThat(gateway.log()).contains("iamcore: stopped").doesNotContain("stop timed out");
      Map<String, String> stored = new HashMap<>();
      database.queryRows("SELECT external_id, id::text FROM cs_object WHERE connector_id = '" + connector.id() + "'")
          .forEach(row -> stored.put(row[0], row[1]));
      assertThat(stored).as("every acknowledged create, with its id").containsAllEntriesOf(stream.acknowledged());
      assertThat(stored).as("what was accepted was answered: nothing stored unacknowledged")
          .hasSameSizeAs(stream.acknowledged());
      List<JsonObject> created = gateway.log().lines().filter(line -> line.startsWith("{\"time\":"))
          .map(JsonObject::new)
          .filter(line -> "POST".equals(line.getString("method")) && line.getInteger("status") == 201
              && line.getString("route").endsWith("/Users"))
          .toList();
      assertThat(created).as("an access line on standard output for every create answered before SIGTERM")
          .hasSizeGreaterThanOrEqualTo(acknowledgedBeforeStop);
      System.out.printf("SIGTERM: stopped in %d ms; %d acknowledged, %d refused, %d unanswered, %d stored%n",
          stopMillis, stream.acknowledgedCount(), stream.refused(), stream.unanswered(), stored.size());
    }
  }
}
