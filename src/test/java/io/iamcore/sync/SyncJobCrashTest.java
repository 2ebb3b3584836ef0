package io.iamcore.sync;

import static io.iamcore.testing.TestUsers.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.iamcore.testing.GatewayProcess;
import io.iamcore.testing.HttpResult;
import io.iamcore.testing.Polling;
import io.iamcore.testing.TestDatabase;
import io.iamcore.testing.TestKeys;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * PRODUCT.md §2 sync jobs survive a crash: the gateway process is killed with SIGKILL in the
 * middle of a full sync; the restarted gateway resumes the job, and the result equals what an
 * uninterrupted run produces (a second, uninterrupted full sync over it changes nothing).
 */
class SyncJobCrashTest {

  private static final int PEOPLE = 4_000;

  @Test
  @DisplayName("kill -9 during a full sync job: after restart the job resumes and converges to the uninterrupted result")
  void killDuringSyncJob_resumes_convergesToUninterruptedState() {
    try (TestDatabase database = TestDatabase.create();
        GatewayProcess gateway = GatewayProcess.start("sync-crash", database, TestKeys.generate(), Map.of())) {
      String tenant = UUID.randomUUID().toString();
      String admin = gateway.administrator(tenant);
      String entra = loadPeopleAndEntraUsers(gateway, tenant, admin);

      HttpResult rule = gateway.send("POST", "/iamcore/sync/rules", admin, SyncPipelineTest.seedRule(entra));
      assertThat(rule.status()).as(rule.body()).isEqualTo(201);
      String job = rule.header("IAMCore-Sync-Job");
      Polling.until(() -> processed(gateway, admin, job) > 0, Duration.ofSeconds(30), "the job started");
      long processedAtKill = processed(gateway, admin, job);
      gateway.kill();
      assertThat(processedAtKill).as("killed mid-job").isLessThan(PEOPLE);

      gateway.restart();
      String resumedAdmin = gateway.administrator(tenant);
      Polling.until(() -> "succeeded".equals(state(gateway, resumedAdmin, job)), Duration.ofSeconds(120),
          "the resumed job succeeded");
      assertThat(database.queryLong("SELECT count(*) FROM core_object WHERE tenant_id = '" + tenant
          + "' AND entra_object_id = 'oid-' || substr(id, 3)")).as("every identity has its oid").isEqualTo(PEOPLE);
      assertThat(database.queryLong("SELECT count(*) FROM cs_object WHERE connector_id = '" + entra
          + "' AND join_state = 'joined'")).isEqualTo(PEOPLE);
      String afterCrash = fingerprint(database, tenant);

      HttpResult again = gateway.send("POST", "/iamcore/sync/jobs", resumedAdmin,
          new JsonObject().put("connectorId", entra).put("type", "fullSync"));
      assertThat(again.status()).as(again.body()).isEqualTo(202);
      Polling.until(() -> "succeeded".equals(state(gateway, resumedAdmin, again.header("Location"))),
          Duration.ofSeconds(120), "the uninterrupted job succeeded");
      assertThat(fingerprint(database, tenant)).as("an uninterrupted run changes nothing").isEqualTo(afterCrash);
    }
  }

  /** HR people P-i (projected into identities) and, before any Entra rule, Entra users carrying oid-i. */
  private static String loadPeopleAndEntraUsers(GatewayProcess gateway, String tenant, String admin) {
    String hr = gateway.send("POST", "/iamcore/sync/connectors", admin,
        new JsonObject().put("name", "HR").put("templateId", "API")).json().getString("id");
    assertThat(gateway.send("POST", "/iamcore/sync/rules", admin, new JsonObject().put("name", "HR")
        .put("connectorId", hr).put("connectorObjectType", "person").put("coreObjectType", "Identity")
        .put("provisioningEnabled", true).put("priority", 10)
        .put("inboundAttributeFlows", new JsonArray().add(SyncPipelineTest.flow("id", 1,
            new JsonObject().put("$type", "externalid"))))).status()).isEqualTo(201);
    for (int chunk = 0; chunk < PEOPLE / 1000; chunk++) {
      JsonArray operations = new JsonArray();
      for (int i = chunk * 1000; i < (chunk + 1) * 1000; i++) {
        operations.add(new JsonObject().put("externalId", "P-" + i).put("data", new JsonObject()));
      }
      assertThat(gateway.send("POST", "/iamcore/sync/connectors/" + hr + "/data/person:batch", admin,
          new JsonObject().put("operations", operations)).status()).isEqualTo(200);
    }
    GatewayProcess.ScimConnector scim = gateway.createScimConnector(tenant);
    String entra = scim.id();
    String secret = scim.secret();
    String users = scim.users();
    for (int start = 0; start < PEOPLE; start += 200) {
      List<CompletableFuture<HttpResult>> created = new ArrayList<>();
      for (int i = start; i < start + 200; i++) {
        created.add(gateway.sendAsync("POST", users, secret,
            user("u" + i + "@contoso.example", "oid-" + i).put("nickName", "P-" + i).encode(), Map.of()));
      }
      created.forEach(f -> assertThat(f.join().status()).isEqualTo(201));
    }
    return entra;
  }

  /** Core objects, contributions and join states of the tenant, in a canonical order. */
  private static String fingerprint(TestDatabase database, String tenant) {
    String t = "'" + tenant + "'";
    return database.queryString("SELECT md5(string_agg(line, E'\\n' ORDER BY line)) FROM ("
        + " SELECT object_type || '|' || id || '|' || attributes::text || '|' || coalesce(entra_object_id, '') AS line"
        + " FROM core_object WHERE tenant_id = " + t
        + " UNION ALL SELECT core_id || '|' || attribute || '|' || value || '|' || priority FROM attribute_contribution"
        + " WHERE tenant_id = " + t
        + " UNION ALL SELECT id::text || '|' || join_state || '|' || coalesce(joined_to, '') FROM cs_object"
        + " WHERE tenant_id = " + t + ") lines");
  }

  private static long processed(GatewayProcess gateway, String admin, String job) {
    return jobJson(gateway, admin, job).getJsonObject("progress").getLong("processed");
  }

  private static String state(GatewayProcess gateway, String admin, String job) {
    return jobJson(gateway, admin, job).getString("state");
  }

  private static JsonObject jobJson(GatewayProcess gateway, String admin, String job) {
    HttpResult result = gateway.send("GET", job, admin, null);
    assertThat(result.status()).as(result.body()).isEqualTo(200);
    return result.json();
  }
}
