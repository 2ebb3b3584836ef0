package io.iamcore.sync;

import static io.iamcore.testing.TestUsers.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.iamcore.testing.GatewayTestBase;
import io.iamcore.testing.HttpResult;
import io.iamcore.testing.RunningGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The seed, at the scale of a small tenant: 1,000 HR identities, 1,000 Entra users, one rule each. */
class SeedEndToEndTest extends GatewayTestBase {

  private static final int USERS = 1000;

  @Test
  @DisplayName("1,000 identities get their entraObjectId and UPN from Entra; active=false then DELETE clear them and keep the identities")
  void seed_thousandUsers() {
    String tenant = UUID.randomUUID().toString();
    String admin = gateway.administrator(tenant);
    String hr = gateway.send("POST", "/iamcore/sync/connectors", admin,
        new JsonObject().put("name", "HR").put("templateId", "API")).json().getString("id");
    assertThat(gateway.send("POST", "/iamcore/sync/rules", admin, new JsonObject().put("name", "HR - Person")
        .put("connectorId", hr).put("connectorObjectType", "person").put("coreObjectType", "Identity")
        .put("provisioningEnabled", true).put("priority", 100)
        .put("inboundAttributeFlows", new JsonArray()
            .add(SyncPipelineTest.flow("id", 1, new JsonObject().put("$type", "externalid")))
            .add(SyncPipelineTest.flow("displayName", null, SyncPipelineTest.attribute("displayName")))))
        .status()).isEqualTo(201);
    JsonArray people = new JsonArray();
    for (int i = 0; i < USERS; i++) {
      people.add(new JsonObject().put("externalId", "C-" + i).put("data", new JsonObject().put("displayName", "Person " + i)));
    }
    HttpResult batch = gateway.send("POST", "/iamcore/sync/connectors/" + hr + "/data/person:batch", admin,
        new JsonObject().put("operations", people));
    batch.json().getJsonArray("results").forEach(r -> assertThat(((JsonObject) r).getInteger("status")).isEqualTo(201));

    String entra = gateway.createScimConnector(tenant).getString("id");
    String token = gateway.issueSecret(tenant, entra);
    assertThat(gateway.send("POST", "/iamcore/sync/rules", admin, SyncPipelineTest.seedRule(entra)).status())
        .isEqualTo(201);
    List<CompletableFuture<HttpResult>> creates = new ArrayList<>();
    for (int i = 0; i < USERS; i++) {
      creates.add(gateway.sendAsync("POST", RunningGateway.scimPath(entra, "/Users"), token,
          user("person" + i + "@contoso.example", "oid-" + i).put("nickName", "C-" + i).encode(),
          "application/scim+json", Map.of()));
    }
    List<String> ids = new ArrayList<>();
    creates.forEach(c -> {
      HttpResult r = c.join();
      assertThat(r.status()).as(r.body()).isEqualTo(201);
      ids.add(r.json().getString("id"));
    });

    assertThat(count(tenant, "entra_object_id = 'oid-' || substr(id, 3)"
        + " AND attributes ->> 'entraUserPrincipalName' = 'person' || substr(id, 3) || '@contoso.example'"))
        .as("every identity has its own entraObjectId and UPN").isEqualTo(USERS);

    JsonObject disable = new JsonObject()
        .put("schemas", new JsonArray().add("urn:ietf:params:scim:api:messages:2.0:PatchOp"))
        .put("Operations", new JsonArray().add(new JsonObject().put("op", "Replace").put("path", "active")
            .put("value", "False")));
    List<CompletableFuture<HttpResult>> patches = new ArrayList<>();
    ids.forEach(id -> patches.add(gateway.sendAsync("PATCH", RunningGateway.scimPath(entra, "/Users/" + id), token,
        disable.encode(), "application/scim+json", Map.of())));
    patches.forEach(p -> assertThat(p.join().status()).isEqualTo(200));
    assertThat(count(tenant, "entra_object_id IS NOT NULL")).isZero();

    List<CompletableFuture<HttpResult>> deletes = new ArrayList<>();
    ids.forEach(id -> deletes.add(gateway.sendAsync("DELETE", RunningGateway.scimPath(entra, "/Users/" + id), token,
        null, null, Map.of())));
    deletes.forEach(d -> assertThat(d.join().status()).isEqualTo(204));
    assertThat(count(tenant, "true")).as("the identities stay").isEqualTo(USERS);
    assertThat(count(tenant, "attributes ? 'entraUserPrincipalName'")).isZero();
  }

  private static long count(String tenant, String condition) {
    return gateway.database().queryLong("SELECT count(*) FROM core_object WHERE tenant_id = '" + tenant
        + "' AND object_type = 'Identity' AND " + condition);
  }
}
