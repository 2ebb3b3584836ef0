package io.iamcore.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamcore.testing.GatewayTestBase;
import io.iamcore.testing.HttpResult;
import io.iamcore.testing.RunningGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The group-commit writer under concurrent SCIM creates, through the real HTTP server. */
class GroupCommitHttpTest extends GatewayTestBase {


  private static String body(String userName, String externalId) {
    return new JsonObject()
        .put("schemas", new JsonArray().add("urn:ietf:params:scim:schemas:core:2.0:User"))
        .put("userName", userName)
        .put("externalId", externalId)
        .put("active", true)
        .encode();
  }

  @Test
  @DisplayName("1,000 concurrent creates of distinct users all get 201 and all are in the database, in shared transactions")
  void concurrentDistinctCreates_allCommitted() {
    String tenant = UUID.randomUUID().toString();
    String connector = gateway.createScimConnector(tenant).getString("id");
    String token = gateway.issueSecret(tenant, connector);
    double batchesBefore = metric("iamcore_writer_batch_rows_count");

    List<CompletableFuture<HttpResult>> calls = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      calls.add(gateway.sendAsync("POST", RunningGateway.scimPath(connector, "/Users"), token,
          body("user" + i + "@contoso.example", "ext-" + i), "application/scim+json", Map.of()));
    }
    Set<String> ids = new HashSet<>();
    for (CompletableFuture<HttpResult> call : calls) {
      HttpResult result = call.join();
      assertThat(result.status()).as(result.body()).isEqualTo(201);
      ids.add(result.json().getString("id"));
    }
    assertThat(ids).hasSize(1000);
    long stored = gateway.database().queryLong(
        "SELECT count(*) FROM cs_object WHERE connector_id = '" + connector + "' AND deleted_at IS NULL");
    assertThat(stored).isEqualTo(1000);
    double batches = metric("iamcore_writer_batch_rows_count") - batchesBefore;
    assertThat(batches).as("transactions used for 1,000 creates").isLessThan(1000).isGreaterThan(0);
  }

  @Test
  @DisplayName("50 concurrent creates of one userName in different cases: exactly one 201, the rest 409")
  void concurrentSameUserName_exactlyOneWins() {
    String tenant = UUID.randomUUID().toString();
    String connector = gateway.createScimConnector(tenant).getString("id");
    String token = gateway.issueSecret(tenant, connector);
    List<CompletableFuture<HttpResult>> calls = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      String userName = (i % 2 == 0 ? "Margaret.Hamilton" : "MARGARET.hamilton") + "@Contoso.example";
      calls.add(gateway.sendAsync("POST", RunningGateway.scimPath(connector, "/Users"), token,
          body(userName, "ext-" + i), "application/scim+json", Map.of()));
    }
    int created = 0;
    int conflicts = 0;
    for (CompletableFuture<HttpResult> call : calls) {
      HttpResult result = call.join();
      if (result.status() == 201) {
        created++;
      } else {
        assertThat(result.status()).as(result.body()).isEqualTo(409);
        assertThat(result.json().getString("scimType")).isEqualTo("uniqueness");
        conflicts++;
      }
    }
    assertThat(created).isEqualTo(1);
    assertThat(conflicts).isEqualTo(49);
    assertThat(gateway.database().queryLong(
        "SELECT count(*) FROM cs_object WHERE connector_id = '" + connector + "'")).isEqualTo(1);
  }

  @Test
  @DisplayName("concurrent PATCHes of one user apply in order and none is lost")
  void concurrentPatches_noneLost() {
    String tenant = UUID.randomUUID().toString();
    String connector = gateway.createScimConnector(tenant).getString("id");
    String token = gateway.issueSecret(tenant, connector);
    String id = gateway.send("POST", RunningGateway.scimPath(connector, "/Users"), token,
        body("patched@contoso.example", "p"), "application/scim+json", Map.of()).json().getString("id");
    List<CompletableFuture<HttpResult>> calls = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      JsonObject patch = new JsonObject()
          .put("schemas", new JsonArray().add("urn:ietf:params:scim:api:messages:2.0:PatchOp"))
          .put("Operations", new JsonArray().add(new JsonObject().put("op", "add").put("path", "emails")
              .put("value", new JsonArray().add(new JsonObject().put("value", "alias" + i + "@contoso.example")))));
      calls.add(gateway.sendAsync("PATCH", RunningGateway.scimPath(connector, "/Users/" + id), token,
          patch.encode(), "application/scim+json", Map.of()));
    }
    calls.forEach(call -> assertThat(call.join().status()).isEqualTo(200));
    HttpResult user = gateway.send("GET", RunningGateway.scimPath(connector, "/Users/" + id), token, null);
    assertThat(user.json().getJsonArray("emails")).hasSize(40);
    assertThat(user.json().getJsonObject("meta").getString("version")).isEqualTo("W/\"41\"");
  }

  private static double metric(String name) {
    String text = gateway.send("GET", "/metrics", null, null).body();
    Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*\\})? ([0-9.eE+]+)$").matcher(text);
    return m.find() ? Double.parseDouble(m.group(2)) : 0;
  }
}
