package io.iamcore.scim.endpoint;

import static io.iamcore.testing.TestUsers.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.iamcore.testing.GatewayTestBase;
import io.iamcore.testing.HttpResult;
import io.iamcore.testing.RunningGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** SCIM Bulk against the real server and database, by RFC 7644 §3.7 subsection. */
class BulkTest extends GatewayTestBase {

  static final String BULK_REQUEST = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
  static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

  private String connector;
  private String token;

  @BeforeEach
  void connector() {
    String tenant = UUID.randomUUID().toString();
    connector = gateway.createScimConnector(tenant).getString("id");
    token = gateway.issueSecret(tenant, connector);
  }

  // ---- request builders ----

  static JsonObject post(String bulkId, JsonObject data) {
    return new JsonObject().put("method", "POST").put("path", "/Users").put("bulkId", bulkId).put("data", data);
  }

  static JsonObject patch(String path, String version, JsonObject... operations) {
    JsonObject op = new JsonObject().put("method", "PATCH").put("path", path).put("data", new JsonObject()
        .put("schemas", new JsonArray().add("urn:ietf:params:scim:api:messages:2.0:PatchOp"))
        .put("Operations", new JsonArray(java.util.List.of((Object[]) operations))));
    return version == null ? op : op.put("version", version);
  }

  static JsonObject replace(String path, Object value) {
    return new JsonObject().put("op", "replace").put("path", path).put("value", value);
  }

  static JsonObject put(String path, String version, JsonObject data) {
    JsonObject op = new JsonObject().put("method", "PUT").put("path", path).put("data", data);
    return version == null ? op : op.put("version", version);
  }

  static JsonObject delete(String path) {
    return new JsonObject().put("method", "DELETE").put("path", path);
  }

  static JsonObject managedBy(JsonObject user, String managerValue) {
    return user.put("schemas", user.getJsonArray("schemas").copy().add(ENTERPRISE))
        .put(ENTERPRISE, new JsonObject().put("manager", new JsonObject().put("value", managerValue)));
  }

  private HttpResult bulk(Integer failOnErrors, JsonObject... operations) {
    JsonObject body = new JsonObject().put("schemas", new JsonArray().add(BULK_REQUEST))
        .put("Operations", new JsonArray(java.util.List.of((Object[]) operations)));
    if (failOnErrors != null) {
      body.put("failOnErrors", failOnErrors);
    }
    return gateway.send("POST", RunningGateway.scimPath(connector, "/Bulk"), token, body);
  }

  private static JsonArray results(HttpResult result) {
    assertThat(result.status()).as(result.body()).isEqualTo(200);
    assertThat(result.json().getJsonArray("schemas"))
        .containsExactly("urn:ietf:params:scim:api:messages:2.0:BulkResponse");
    return result.json().getJsonArray("Operations");
  }

  private HttpResult getUser(String id) {
    return gateway.send("GET", RunningGateway.scimPath(connector, "/Users/" + id), token, null);
  }

  private static String idOf(JsonObject result) {
    String location = result.getString("location");
    return location.substring(location.lastIndexOf('/') + 1);
  }

  private long liveUsers() {
    return gateway.database().queryLong("SELECT count(*) FROM cs_object WHERE connector_id = '" + connector
        + "' AND deleted_at IS NULL");
  }

  private String createUser(String userName) {
    HttpResult created = gateway.send("POST", RunningGateway.scimPath(connector, "/Users"), token,
        user(userName, userName));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().getString("id");
  }

  @Nested
  @DisplayName("§3.7 Bulk operations")
  class Operations {

    @Test
    @DisplayName("POST, PUT, PATCH and DELETE in one request, each answered with method, location, version and status")
    void allMethods() {
      String existing = createUser("pat@contoso.example");
      String doomed = createUser("dee@contoso.example");
      JsonArray results = results(bulk(null,
          post("ada", user("ada@contoso.example", "ada")),
          put("/Users/" + existing, null, user("pat.new@contoso.example", "pat").put("title", "Lead")),
          patch("/Users/" + existing, null, replace("displayName", "Pat N.")),
          delete("/Users/" + doomed)));
      assertThat(results).hasSize(4);
      JsonObject created = results.getJsonObject(0);
      assertThat(created.getString("method")).isEqualTo("POST");
      assertThat(created.getString("bulkId")).isEqualTo("ada");
      assertThat(created.getString("status")).isEqualTo("201");
      assertThat(created.getString("version")).isEqualTo("W/\"1\"");
      assertThat(created.getString("location")).startsWith(gateway.baseUrl()).contains("/scim/Users/");
      assertThat(created.containsKey("response")).isFalse();
      assertThat(getUser(idOf(created)).json().getString("userName")).isEqualTo("ada@contoso.example");

      assertThat(results.getJsonObject(1).getString("status")).isEqualTo("200");
      assertThat(results.getJsonObject(2).getString("status")).isEqualTo("200");
      assertThat(results.getJsonObject(2).getString("version")).isEqualTo("W/\"3\"");
      JsonObject patched = getUser(existing).json();
      assertThat(patched.getString("userName")).isEqualTo("pat.new@contoso.example");
      assertThat(patched.getString("title")).isEqualTo("Lead");
      assertThat(patched.getString("displayName")).isEqualTo("Pat N.");

      JsonObject deleted = results.getJsonObject(3);
      assertThat(deleted.getString("status")).isEqualTo("204");
      assertThat(deleted.getString("location")).endsWith("/Users/" + doomed);
      assertThat(getUser(doomed).status()).isEqualTo(404);
    }

    @Test
    @DisplayName("an operation that fails changes nothing: a PATCH failing in its second op, a POST failing validation")
    void failingOperation_changesNothing() {
      String id = createUser("ken@contoso.example");
      String etagBefore = getUser(id).json().getJsonObject("meta").getString("version");
      JsonArray results = results(bulk(null,
          patch("/Users/" + id, null, replace("displayName", "Changed"), replace("userName", 42)),
          post("bad", user("", "empty-name")),
          post("good", user("good@contoso.example", "good"))));
      assertThat(results.getJsonObject(0).getString("status")).isEqualTo("400");
      assertThat(results.getJsonObject(0).getJsonObject("response").getString("scimType")).isEqualTo("invalidValue");
      assertThat(results.getJsonObject(0).getString("location")).endsWith("/Users/" + id);
      assertThat(results.getJsonObject(1).getString("status")).isEqualTo("400");
      assertThat(results.getJsonObject(1).containsKey("location")).as("a failed POST has no location").isFalse();
      assertThat(results.getJsonObject(2).getString("status")).isEqualTo("201");
      JsonObject after = getUser(id).json();
      assertThat(after.getString("displayName")).isEqualTo("User ken@contoso.example");
      assertThat(after.getJsonObject("meta").getString("version")).isEqualTo(etagBefore);
      assertThat(liveUsers()).isEqualTo(2);
    }

    @Test
    @DisplayName("per-operation errors carry SCIM error bodies: uniqueness 409, unknown id 404, unknown endpoint 404")
    void perOperationErrors() {
      createUser("taken@contoso.example");
      JsonArray results = results(bulk(null,
          post("dup", user("TAKEN@contoso.example", "other")),
          delete("/Users/" + UUID.randomUUID()),
          delete("/Users/not-a-uuid"),
          post("g", new JsonObject().put("displayName", "x")).put("path", "/Groups"),
          new JsonObject().put("method", "GET").put("path", "/Users")));
      JsonObject clash = results.getJsonObject(0);
      assertThat(clash.getString("status")).isEqualTo("409");
      assertThat(clash.getJsonObject("response").getString("scimType")).isEqualTo("uniqueness");
      assertThat(clash.getJsonObject("response").getString("status")).isEqualTo("409");
      assertThat(clash.getJsonObject("response").getJsonArray("schemas"))
          .containsExactly("urn:ietf:params:scim:api:messages:2.0:Error");
      assertThat(results.getJsonObject(1).getString("status")).isEqualTo("404");
      assertThat(results.getJsonObject(2).getString("status")).isEqualTo("404");
      assertThat(results.getJsonObject(3).getString("status")).isEqualTo("404");
      assertThat(results.getJsonObject(4).getString("status")).isEqualTo("400");
      assertThat(results.getJsonObject(4).getJsonObject("response").getString("scimType")).isEqualTo("invalidSyntax");
      assertThat(liveUsers()).isEqualTo(1);
    }

    @Test
    @DisplayName("malformed requests are refused whole with 400 invalidSyntax (or 415, 401) and write nothing")
    void malformedRequests() {
      String path = RunningGateway.scimPath(connector, "/Bulk");
      for (String body : new String[] {"{\"schemas\":", "[]", "{}",
          "{\"schemas\":[\"" + BULK_REQUEST + "\"]}",
          "{\"schemas\":[\"" + BULK_REQUEST + "\"],\"Operations\":{}}",
          "{\"schemas\":[\"" + BULK_REQUEST + "\"],\"Operations\":[\"x\"]}",
          "{\"schemas\":[\"" + BULK_REQUEST + "\"],\"failOnErrors\":\"1\",\"Operations\":[]}"}) {
        HttpResult refused = gateway.send("POST", path, token, body, "application/scim+json", Map.of());
        assertThat(refused.status()).as(body).isEqualTo(400);
        assertThat(refused.json().getString("scimType")).as(body).isEqualTo("invalidSyntax");
      }
      HttpResult zero = gateway.send("POST", path, token,
          "{\"schemas\":[\"" + BULK_REQUEST + "\"],\"failOnErrors\":0,\"Operations\":[]}", "application/json", Map.of());
      assertThat(zero.status()).isEqualTo(400);
      assertThat(zero.json().getString("scimType")).isEqualTo("invalidValue");
      String valid = "{\"schemas\":[\"" + BULK_REQUEST + "\"],\"Operations\":[]}";
      assertThat(gateway.send("POST", path, token, valid, "text/plain", Map.of()).status()).isEqualTo(415);
      assertThat(gateway.send("POST", path, "wrong", valid, "application/scim+json", Map.of()).status())
          .isEqualTo(401);
      HttpResult empty = gateway.send("POST", path + "/", token, valid, "application/scim+json", Map.of());
      assertThat(results(empty)).isEmpty();
      assertThat(liveUsers()).isZero();
    }
  }

  @Nested
  @DisplayName("§3.7.1 Circular reference processing")
  class CircularReferences {

    @Test
    @DisplayName("POSTs whose bulkIds refer to each other fail with 409 and create nothing; what depends on them fails too")
    void cycle_409_nothingCreated() {
      JsonArray results = results(bulk(null,
          post("a", managedBy(user("a@contoso.example", "a"), "bulkId:b")),
          post("b", managedBy(user("b@contoso.example", "b"), "bulkId:a")),
          post("self", managedBy(user("self@contoso.example", "self"), "bulkId:self")),
          patch("/Users/bulkId:a", null, replace("title", "x")),
          post("free", user("free@contoso.example", "free"))));
      for (int i = 0; i < 4; i++) {
        JsonObject failed = results.getJsonObject(i);
        assertThat(failed.getString("status")).as(failed.encode()).isEqualTo("409");
        assertThat(failed.getJsonObject("response").getString("scimType")).isEqualTo("invalidValue");
      }
      assertThat(results.getJsonObject(0).getJsonObject("response").getString("detail")).contains("cycle");
      assertThat(results.getJsonObject(3).getJsonObject("response").getString("detail")).contains("not created");
      assertThat(results.getJsonObject(4).getString("status")).isEqualTo("201");
      assertThat(liveUsers()).isEqualTo(1);
    }
  }

  @Nested
  @DisplayName("§3.7.2 bulkId temporary identifiers")
  class BulkIds {

    @Test
    @DisplayName("a POST then a PATCH of it by bulkId:, and another user's data referring to it, get its real id")
    void createThenPatch_viaBulkId() {
      JsonArray results = results(bulk(null,
          post("boss", user("boss@contoso.example", "boss")),
          patch("/Users/bulkId:boss", null, replace("title", "CEO")),
          post("worker", managedBy(user("worker@contoso.example", "worker"), "bulkId:boss"))));
      String bossId = idOf(results.getJsonObject(0));
      assertThat(results.getJsonObject(1).getString("location")).endsWith("/Users/" + bossId);
      assertThat(results.getJsonObject(1).getString("version")).isEqualTo("W/\"2\"");
      assertThat(getUser(bossId).json().getString("title")).isEqualTo("CEO");
      JsonObject worker = getUser(idOf(results.getJsonObject(2))).json();
      assertThat(worker.getJsonObject(ENTERPRISE).getJsonObject("manager").getString("value")).isEqualTo(bossId);
    }

    @Test
    @DisplayName("a forward reference waits for the POST it names; results stay in request order")
    void forwardReference() {
      JsonArray results = results(bulk(null,
          patch("/Users/bulkId:later", null, replace("title", "Patched first in the request")),
          post("report", managedBy(user("report@contoso.example", "report"), "bulkId:later")),
          post("later", user("later@contoso.example", "later"))));
      assertThat(results).extracting(r -> ((JsonObject) r).getString("status")).containsExactly("200", "201", "201");
      String laterId = idOf(results.getJsonObject(2));
      assertThat(getUser(laterId).json().getString("title")).isEqualTo("Patched first in the request");
      assertThat(getUser(idOf(results.getJsonObject(1))).json().getJsonObject(ENTERPRISE)
          .getJsonObject("manager").getString("value")).isEqualTo(laterId);
    }

    @Test
    @DisplayName("an unknown bulkId is 400 invalidValue; a bulkId whose POST failed is 409; a bulkId used twice refuses the request")
    void unresolvable() {
      JsonArray results = results(bulk(null,
          patch("/Users/bulkId:nobody", null, replace("title", "x")),
          post("broken", user("broken", "b").put("schemas", new JsonArray().add("urn:wrong"))),
          delete("/Users/bulkId:broken")));
      assertThat(results.getJsonObject(0).getString("status")).isEqualTo("400");
      assertThat(results.getJsonObject(0).getJsonObject("response").getString("scimType")).isEqualTo("invalidValue");
      assertThat(results.getJsonObject(1).getString("status")).isEqualTo("400");
      assertThat(results.getJsonObject(2).getString("status")).isEqualTo("409");
      HttpResult twice = bulk(null, post("x", user("x1@contoso.example", "x1")), post("x", user("x2@contoso.example", "x2")));
      assertThat(twice.status()).isEqualTo(400);
      assertThat(twice.json().getString("scimType")).isEqualTo("invalidValue");
      assertThat(liveUsers()).isZero();
    }
  }

  @Nested
  @DisplayName("§3.7.3 Response and error handling")
  class ErrorHandling {

    @Test
    @DisplayName("failOnErrors=1: the first error stops the run; 200 with the operations processed so far")
    void failOnErrors_one_stops() {
      JsonArray results = results(bulk(1,
          post("ok", user("ok@contoso.example", "ok")),
          post("bad", user("", "bad")),
          post("never", user("never@contoso.example", "never"))));
      assertThat(results).hasSize(2);
      assertThat(results.getJsonObject(0).getString("status")).isEqualTo("201");
      assertThat(results.getJsonObject(1).getString("status")).isEqualTo("400");
      assertThat(liveUsers()).as("the operation after the stop was not applied").isEqualTo(1);
    }

    @Test
    @DisplayName("failOnErrors=2 tolerates one error and stops at the second")
    void failOnErrors_two() {
      JsonArray results = results(bulk(2,
          delete("/Users/" + UUID.randomUUID()),
          post("ok", user("ok@contoso.example", "ok")),
          delete("/Users/" + UUID.randomUUID()),
          post("never", user("never@contoso.example", "never"))));
      assertThat(results).extracting(r -> ((JsonObject) r).getString("status")).containsExactly("404", "201", "404");
      assertThat(liveUsers()).isEqualTo(1);
    }

    @Test
    @DisplayName("a version that does not match fails that operation alone with 412; a matching one applies")
    void versionMismatch_412_forThatOperationOnly() {
      String id = createUser("ver@contoso.example");
      JsonArray results = results(bulk(null,
          patch("/Users/" + id, "W/\"7\"", replace("title", "stale")),
          patch("/Users/" + id, "W/\"1\"", replace("title", "fresh")),
          put("/Users/" + id, "W/\"1\"", user("ver@contoso.example", "ver")),
          delete("/Users/" + id).put("version", "W/\"1\"")));
      assertThat(results).extracting(r -> ((JsonObject) r).getString("status"))
          .containsExactly("412", "200", "412", "412");
      assertThat(results.getJsonObject(1).getString("version")).isEqualTo("W/\"2\"");
      JsonObject after = getUser(id).json();
      assertThat(after.getString("title")).isEqualTo("fresh");
      assertThat(after.getJsonObject("meta").getString("version")).isEqualTo("W/\"2\"");
    }
  }

  @Nested
  @DisplayName("§3.7.4 Maximum operations and payload size")
  class Limits {

    @Test
    @DisplayName("ServiceProviderConfig advertises Bulk with the limits that are enforced")
    void advertised() {
      JsonObject bulk = gateway.send("GET", RunningGateway.scimPath(connector, "/ServiceProviderConfig"), token, null)
          .json().getJsonObject("bulk");
      assertThat(bulk.getBoolean("supported")).isTrue();
      assertThat(bulk.getInteger("maxOperations")).isEqualTo(1000);
      assertThat(bulk.getInteger("maxPayloadSize")).isEqualTo(1_048_576);
    }

    @Test
    @DisplayName("a large request (400 operations) runs whole, in order, without blocking the event loop")
    void largeRequest_allRun() {
      JsonObject[] operations = new JsonObject[400];
      for (int i = 0; i < operations.length; i += 2) {
        operations[i] = post("u" + i, user("u" + i + "@contoso.example", "u" + i));
        operations[i + 1] = patch("/Users/bulkId:u" + i, "W/\"1\"", replace("title", "t" + i));
      }
      JsonArray results = results(bulk(null, operations));
      assertThat(results).hasSize(400);
      assertThat(results).extracting(r -> ((JsonObject) r).getString("status")).containsOnly("201", "200");
      assertThat(results.getJsonObject(399).getString("version")).isEqualTo("W/\"2\"");
      assertThat(liveUsers()).isEqualTo(200);
    }

    @Test
    @DisplayName("1,001 operations or a body over 1 MiB: 413 naming the limit, nothing applied")
    void enforced() {
      JsonObject[] operations = new JsonObject[1001];
      for (int i = 0; i < operations.length; i++) {
        operations[i] = post("u" + i, user("u" + i + "@contoso.example", "u" + i));
      }
      HttpResult tooMany = bulk(null, operations);
      assertThat(tooMany.status()).isEqualTo(413);
      assertThat(tooMany.json().getString("detail")).contains("maxOperations").contains("1000");
      HttpResult tooLarge = bulk(null, post("big", user("big@contoso.example", "big")
          .put("title", "x".repeat(1_048_576))));
      assertThat(tooLarge.status()).isEqualTo(413);
      assertThat(tooLarge.json().getString("status")).isEqualTo("413");
      assertThat(tooLarge.json().getString("detail")).contains("maxPayloadSize").contains("1048576");
      assertThat(liveUsers()).isZero();
    }
  }
}
