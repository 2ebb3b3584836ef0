package io.iamcore.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamcore.auth.Roles;
import io.iamcore.testing.GatewayTestBase;
import io.iamcore.testing.HttpResult;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ConnectorDataApiTest extends GatewayTestBase {

  private String tenant;
  private String admin;
  private String connector;

  @BeforeEach
  void apiConnector() {
    tenant = UUID.randomUUID().toString();
    admin = gateway.administrator(tenant);
    connector = gateway.send("POST", "/iamcore/sync/connectors", admin,
        new JsonObject().put("name", "HR").put("templateId", "API")).json().getString("id");
  }

  private String data(String rest) {
    return "/iamcore/sync/connectors/" + connector + "/data" + rest;
  }

  @Test
  @DisplayName("PUT upserts by externalId (201, then 200 with a new version, identical data writes nothing); DELETE removes")
  void upsert_replace_delete() {
    String writer = gateway.adminToken(tenant, Roles.CONNECTOR_DATA_READWRITE_SELF);
    HttpResult created = gateway.send("PUT", data("/person/E-1"), writer, new JsonObject().put("name", "Ada"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().getString("externalId")).isEqualTo("E-1");
    HttpResult updated = gateway.send("PUT", data("/person/E-1"), writer, new JsonObject().put("name", "Ada L."));
    assertThat(updated.status()).isEqualTo(200);
    assertThat(updated.json().getString("id")).isEqualTo(created.json().getString("id"));
    assertThat(updated.json().getString("_etag")).isEqualTo("W/\"2\"");
    HttpResult same = gateway.send("PUT", data("/person/E-1"), writer, new JsonObject().put("name", "Ada L."));
    assertThat(same.json().getString("_etag")).isEqualTo("W/\"2\"");
    assertThat(gateway.send("DELETE", data("/person/E-1"), writer, null).status()).isEqualTo(204);
    assertThat(gateway.send("DELETE", data("/person/E-1"), writer, null).status()).isEqualTo(404);
  }

  @Test
  @DisplayName("an HR source projects identities through the data API, and its delete removes them")
  void dataApi_runsTheSyncPipeline() {
    JsonObject rule = new JsonObject().put("name", "HR - Person").put("connectorId", connector)
        .put("connectorObjectType", "person").put("coreObjectType", "Identity")
        .put("provisioningEnabled", true).put("priority", 50)
        .put("inboundAttributeFlows", new JsonArray()
            .add(new JsonObject().put("$type", "string").put("targetAttributeName", "id").put("joinPriority", 1)
                .put("value", new JsonObject().put("$type", "externalid")))
            .add(new JsonObject().put("$type", "string").put("targetAttributeName", "displayName")
                .put("value", new JsonObject().put("$type", "join").put("separator", " ")
                    .put("inputs", new JsonArray()
                        .add(new JsonObject().put("$type", "attribute").put("attribute", "givenName"))
                        .add(new JsonObject().put("$type", "attribute").put("attribute", "surname"))))));
    assertThat(gateway.send("POST", "/iamcore/sync/rules", admin, rule).status()).isEqualTo(201);
    gateway.send("PUT", data("/person/E-77"), admin, new JsonObject().put("givenName", "Grace").put("surname", "Hopper"));
    HttpResult identity = gateway.send("GET", "/iamcore/identities/E-77", admin, null);
    assertThat(identity.json().getString("displayName")).isEqualTo("Grace Hopper");
    gateway.send("DELETE", data("/person/E-77"), admin, null);
    assertThat(gateway.send("GET", "/iamcore/identities/E-77", admin, null).status()).isEqualTo(404);
  }

  @Test
  @DisplayName(":batch applies each operation on its own and reports every status in order")
  void batch_perOperationStatus() {
    gateway.send("PUT", data("/person/keep"), admin, new JsonObject().put("v", 1));
    JsonObject batch = new JsonObject().put("operations", new JsonArray()
        .add(new JsonObject().put("op", "upsert").put("externalId", "new").put("data", new JsonObject().put("v", 1)))
        .add(new JsonObject().put("op", "upsert").put("externalId", "keep").put("data", new JsonObject().put("v", 2)))
        .add(new JsonObject().put("op", "delete").put("externalId", "missing"))
        .add(new JsonObject().put("op", "explode").put("externalId", "x"))
        .add(new JsonObject().put("op", "delete").put("externalId", "keep")));
    HttpResult result = gateway.send("POST", data("/person:batch"), admin, batch);
    assertThat(result.status()).as(result.body()).isEqualTo(200);
    JsonArray results = result.json().getJsonArray("results");
    List<Integer> statuses = new ArrayList<>();
    results.forEach(r -> statuses.add(((JsonObject) r).getInteger("status")));
    assertThat(statuses).hasSize(5);
    assertThat(statuses.get(0)).isEqualTo(201);
    assertThat(statuses.get(2)).isEqualTo(404);
    assertThat(statuses.get(3)).isEqualTo(400);
  }

  @Test
  @DisplayName("30 concurrent PUTs of one new externalId create exactly one object")
  void concurrentUpserts_oneObject() {
    List<CompletableFuture<HttpResult>> calls = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      calls.add(gateway.sendAsync("PUT", data("/person/race"), admin, new JsonObject().put("n", i).encode(),
          "application/json", Map.of()));
    }
    long created = calls.stream().map(CompletableFuture::join).peek(r -> assertThat(r.status()).isIn(200, 201))
        .filter(r -> r.status() == 201).count();
    assertThat(created).isEqualTo(1);
    assertThat(gateway.database().queryLong("SELECT count(*) FROM cs_object WHERE connector_id = '" + connector
        + "'")).isEqualTo(1);
  }

  @Test
  @DisplayName("a SCIM connector, another tenant's connector, a missing role, a bad objectType: clear 4xx")
  void refusals() {
    String scim = gateway.createScimConnector(tenant).getString("id");
    assertThat(gateway.send("PUT", "/iamcore/sync/connectors/" + scim + "/data/person/x", admin,
        new JsonObject()).status()).isEqualTo(400);
    String other = gateway.administrator(UUID.randomUUID().toString());
    assertThat(gateway.send("PUT", data("/person/x"), other, new JsonObject()).status()).isEqualTo(404);
    String reader = gateway.adminToken(tenant, Roles.CONNECTOR_CONFIGURATION_READ);
    assertThat(gateway.send("PUT", data("/person/x"), reader, new JsonObject()).status()).isEqualTo(403);
    assertThat(gateway.send("PUT", data("/9bad/x"), admin, new JsonObject()).status()).isEqualTo(400);
    assertThat(gateway.database().queryLong("SELECT count(*) FROM cs_object WHERE connector_id = '" + connector
        + "'")).isZero();
  }
}
