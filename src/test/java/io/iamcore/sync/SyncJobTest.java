package io.iamcore.sync;

import static io.iamcore.testing.TestUsers.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.iamcore.testing.GatewayTestBase;
import io.iamcore.testing.HttpResult;
import io.iamcore.testing.RunningGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SyncJobTest extends GatewayTestBase {

  @Test
  @DisplayName("a rule created after the users arrived re-evaluates them in a background job with progress")
  void ruleChange_fullSyncJoinsExistingUsers() throws InterruptedException {
    String tenant = UUID.randomUUID().toString();
    String admin = gateway.administrator(tenant);
    String entra = gateway.createScimConnector(tenant).getString("id");
    String token = gateway.issueSecret(tenant, entra);
    String hr = gateway.send("POST", "/iamcore/sync/connectors", admin,
        new JsonObject().put("name", "HR").put("templateId", "API")).json().getString("id");
    assertThat(gateway.send("POST", "/iamcore/sync/rules", admin, new JsonObject().put("name", "HR")
        .put("connectorId", hr).put("connectorObjectType", "person").put("coreObjectType", "Identity")
        .put("provisioningEnabled", true).put("priority", 10)
        .put("inboundAttributeFlows", new JsonArray().add(SyncPipelineTest.flow("id", 1,
            new JsonObject().put("$type", "externalid"))))).status()).isEqualTo(201);
    int users = 120;
    for (int i = 0; i < users; i++) {
      gateway.send("PUT", "/iamcore/sync/connectors/" + hr + "/data/person/E-" + i, admin, new JsonObject());
      gateway.send("POST", RunningGateway.scimPath(entra, "/Users"), token,
          user("u" + i + "@contoso.example", "oid-" + i).put("nickName", "E-" + i));
    }
    assertThat(identity(admin, "E-7").containsKey("entraObjectId")).as("no Entra rule yet").isFalse();

    HttpResult rule = gateway.send("POST", "/iamcore/sync/rules", admin, SyncPipelineTest.seedRule(entra));
    assertThat(rule.status()).isEqualTo(201);
    String jobPath = rule.header("IAMCore-Sync-Job");
    assertThat(jobPath).startsWith("/iamcore/sync/jobs/");

    JsonObject job = awaitFinished(admin, jobPath);
    assertThat(job.getString("state")).isEqualTo("succeeded");
    assertThat(job.getJsonObject("progress"))
        .isEqualTo(new JsonObject().put("total", users).put("processed", users).put("failed", 0));
    assertThat(identity(admin, "E-7").getString("entraObjectId")).isEqualTo("oid-7");
    assertThat(identity(admin, "E-119").getString("entraUserPrincipalName")).isEqualTo("u119@contoso.example");
  }

  @Test
  @DisplayName("jobs are tenant-scoped: another tenant's connector is refused, another tenant's job is 404")
  void jobs_tenantScoped() {
    String tenant = UUID.randomUUID().toString();
    String connector = gateway.createScimConnector(tenant).getString("id");
    String intruder = gateway.administrator(UUID.randomUUID().toString());
    assertThat(gateway.send("POST", "/iamcore/sync/jobs", intruder,
        new JsonObject().put("connectorId", connector).put("type", "fullSync")).status()).isEqualTo(400);
    HttpResult started = gateway.send("POST", "/iamcore/sync/jobs", gateway.administrator(tenant),
        new JsonObject().put("connectorId", connector).put("type", "fullSync"));
    assertThat(started.status()).isEqualTo(202);
    assertThat(gateway.send("GET", started.header("Location"), intruder, null).status()).isEqualTo(404);
  }

  @Test
  @DisplayName("a job interrupted by a gateway stop is resumed by the next gateway and completes")
  void interruptedJob_resumedAfterRestart() throws InterruptedException {
    RunningGateway first = RunningGateway.start();
    String tenant = UUID.randomUUID().toString();
    String admin = first.administrator(tenant);
    String hr = first.send("POST", "/iamcore/sync/connectors", admin,
        new JsonObject().put("name", "HR").put("templateId", "API")).json().getString("id");
    for (int chunk = 0; chunk < 3; chunk++) {
      JsonArray operations = new JsonArray();
      for (int i = 0; i < 1000; i++) {
        operations.add(new JsonObject().put("externalId", "P-" + chunk + "-" + i).put("data", new JsonObject()));
      }
      HttpResult batch = first.send("POST", "/iamcore/sync/connectors/" + hr + "/data/person:batch", admin,
          new JsonObject().put("operations", operations));
      assertThat(batch.status()).isEqualTo(200);
      batch.json().getJsonArray("results").forEach(r ->
          assertThat(((JsonObject) r).getInteger("status")).as(r.toString()).isEqualTo(201));
    }
    HttpResult rule = first.send("POST", "/iamcore/sync/rules", admin, new JsonObject().put("name", "HR")
        .put("connectorId", hr).put("connectorObjectType", "person").put("coreObjectType", "Identity")
        .put("provisioningEnabled", true).put("priority", 10)
        .put("inboundAttributeFlows", new JsonArray().add(SyncPipelineTest.flow("id", 1,
            new JsonObject().put("$type", "externalid")))));
    String jobPath = rule.header("IAMCore-Sync-Job");
    first.stopGateway();  // mid-job: 3,000 objects take longer than this

    RunningGateway second = RunningGateway.start(first.database(), java.util.Map.of());
    try {
      String secondAdmin = second.administrator(tenant);  // the new gateway trusts a new test key
      long deadline = System.currentTimeMillis() + 60_000;
      JsonObject job = second.send("GET", jobPath, secondAdmin, null).json();
      while (!job.getString("state").equals("succeeded") && System.currentTimeMillis() < deadline) {
        Thread.sleep(200);  // polling the resumed job's progress
        job = second.send("GET", jobPath, secondAdmin, null).json();
      }
      assertThat(job.getString("state")).isEqualTo("succeeded");
      assertThat(job.getJsonObject("progress").getLong("processed")).as(job.encode()).isEqualTo(3000);
      assertThat(second.database().queryLong("SELECT count(*) FROM core_object WHERE tenant_id = '" + tenant + "'"))
          .isEqualTo(3000);
    } finally {
      second.close();
    }
  }

  private JsonObject awaitFinished(String admin, String jobPath) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    JsonObject job = gateway.send("GET", jobPath, admin, null).json();
    while (!job.getString("state").equals("succeeded") && !job.getString("state").equals("failed")
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);  // polling an asynchronous job's progress; the assertion is on its final state
      job = gateway.send("GET", jobPath, admin, null).json();
    }
    return job;
  }

  private static JsonObject identity(String admin, String id) {
    HttpResult result = gateway.send("GET", "/iamcore/identities/" + id, admin, null);
    assertThat(result.status()).as(result.body()).isEqualTo(200);
    return result.json();
  }
}
