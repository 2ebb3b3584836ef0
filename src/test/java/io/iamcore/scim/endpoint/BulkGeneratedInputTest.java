package io.iamcore.scim.endpoint;

import static io.iamcore.testing.Gen.w;
import static org.assertj.core.api.Assertions.assertThat;

import io.iamcore.testing.Cases;
import io.iamcore.testing.Gen;
import io.iamcore.testing.HttpResult;
import io.iamcore.testing.RunningGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Generated Bulk bodies through the real HTTP server and database: whatever the body, the answer
 * is never a 5xx, neither for the request nor for any operation in a 200 BulkResponse.
 */
class BulkGeneratedInputTest {

  /** A field left out of the generated JSON. */
  private static final Object MISSING = new Object();
  /** Replaced at send time by the id of a user created earlier in the run (or a random one). */
  private static final String KNOWN = "{known}";

  private static RunningGateway gateway;
  private static String connector;
  private static String token;
  private static final List<String> knownIds = new ArrayList<>();

  @BeforeAll
  static void start() {
    // Batches sent at once: the test sends thousands of small writes one after another.
    // (A generous connect timeout: a cold start on a loaded 2-core machine can take over 1 s.)
    gateway = RunningGateway.start(Map.of("IAMCORE_BATCH_MAX_DELAY_MS", "0", "IAMCORE_DB_CONNECT_TIMEOUT_MS", "10000"));
    String tenant = UUID.randomUUID().toString();
    connector = gateway.createScimConnector(tenant).getString("id");
    token = gateway.issueSecret(tenant, connector);
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  @Test
  void randomBulkBody_neverA5xx() {
    Map<Integer, Integer> requestStatuses = new TreeMap<>();
    Map<Integer, Integer> operationStatuses = new TreeMap<>();
    Cases.run(2000, gen -> {
      String sent = body(gen).replace(KNOWN, knownId(gen));
      HttpResult result = gateway.send("POST", RunningGateway.scimPath(connector, "/Bulk"), token, sent,
          "application/scim+json", Map.of());
      requestStatuses.merge(result.status(), 1, Integer::sum);
      assertThat(result.status()).as(sent).isLessThan(500);
      if (result.status() != 200) {
        assertThat(result.json().getString("status")).isEqualTo(String.valueOf(result.status()));
        return;
      }
      for (Object item : result.json().getJsonArray("Operations")) {
        JsonObject operation = (JsonObject) item;
        int status = Integer.parseInt(operation.getString("status"));
        operationStatuses.merge(status, 1, Integer::sum);
        assertThat(status).as(sent + " → " + operation.encode()).isLessThan(500);
        if (status >= 400) {
          assertThat(operation.getJsonObject("response").getString("status")).isEqualTo(operation.getString("status"));
        } else if (operation.containsKey("location") && "POST".equals(operation.getString("method"))) {
          String location = operation.getString("location");
          knownIds.add(location.substring(location.lastIndexOf('/') + 1));
        }
      }
    });
    // the distribution shows whether the bodies reach the operations at all (in the surefire report)
    System.out.println("Bulk request statuses " + requestStatuses + ", operation statuses " + operationStatuses);
    assertThat(operationStatuses.keySet()).as("some operations succeed").anyMatch(status -> status < 300);
  }

  private static String knownId(Gen gen) {
    return knownIds.isEmpty() ? gen.uuid().toString() : gen.pick(knownIds);
  }

  private static String body(Gen gen) {
    return gen.frequency(
        w(8, () -> request(gen).encode()),
        w(1, () -> {
          String text = request(gen).encode();
          return text.substring(0, gen.between(0, text.length()));
        }),
        w(1, () -> gen.bool()
            ? gen.string("{}[]\":,0123456789abnultrue ", 0, 40)
            : gen.pick("[]", "null", "42", "\"Operations\"", "[".repeat(3000), "{\"a\":".repeat(2000))));
  }

  private static JsonObject request(Gen gen) {
    Object schemas = mostly(gen, new JsonArray().add(BulkTest.BULK_REQUEST),
        new JsonArray().add(BulkTest.BULK_REQUEST.toUpperCase()), new JsonArray().add("urn:other"),
        new JsonArray(), "x", MISSING);
    Object failOnErrors = gen.frequency(
        w(12, () -> MISSING),
        w(6, () -> gen.between(1, 4)),
        w(1, () -> gen.pick(0, -1, "1", 1.5, 1e40, Long.MAX_VALUE)));
    Object operations = gen.frequency(
        w(20, () -> new JsonArray(gen.list(0, 5, () -> operation(gen)))),
        w(1, () -> gen.pick(MISSING, new JsonObject(), "ops", new JsonArray().add(1).add("x"))));
    boolean duplicateBulkIds = gen.chance(1, 20);
    JsonObject request = new JsonObject();
    put(request, "schemas", schemas);
    put(request, "failOnErrors", failOnErrors);
    put(request, "Operations", duplicateBulkIds || !(operations instanceof JsonArray array)
        ? operations : uniqueBulkIds(array));
    return request;
  }

  /** Renames the 2nd, 3rd … POST of a bulkId (references keep naming the first). */
  private static JsonArray uniqueBulkIds(JsonArray operations) {
    Set<Object> seen = new HashSet<>();
    JsonArray copy = new JsonArray();
    for (int i = 0; i < operations.size(); i++) {
      if (operations.getValue(i) instanceof JsonObject original) {
        JsonObject operation = original.copy();
        if (operation.containsKey("bulkId") && !seen.add(operation.getValue("bulkId"))) {
          operation.put("bulkId", operation.getValue("bulkId") + "-" + i);
        }
        copy.add(operation);
      } else {
        copy.add(operations.getValue(i));
      }
    }
    return copy;
  }

  /** Mostly well-formed operations whose data suits their method; now and then anything. */
  private static JsonObject operation(Gen gen) {
    Object method = gen.frequency(
        w(20, () -> gen.pick("POST", "POST", "POST", "PUT", "PATCH", "PATCH", "DELETE")),
        w(1, () -> gen.pick("patch", "GET", "", 7, MISSING)));
    boolean post = "POST".equals(method);
    Object path = post
        ? mostly(gen, "/Users", "Users/", "/Users/bulkId:a", "/Groups", "", 3, MISSING)
        : gen.frequency(
            w(20, () -> gen.pick("/Users/" + KNOWN, "/Users/" + KNOWN, "/Users/bulkId:a", "/Users/bulkId:b",
                "/Users/bulkId:c")),
            w(1, () -> gen.pick("Users/", "/Users", "/Users/bulkId:zz", "/Users/" + gen.uuid(),
                "/Users/x/y", "/Groups/" + gen.uuid(), "/Users/not-a-uuid", "", "//", "/", 3, MISSING)));
    Object bulkId = post ? mostly(gen, "a", "b", "c", "d", "e", "", 9, MISSING) : mostly(gen, MISSING, "x");
    Object version = gen.pick(MISSING, MISSING, MISSING, MISSING, "W/\"1\"", "W/\"2\"", "*", "nope", 1);
    Object data = "PATCH".equals(method) ? gen.frequency(w(19, () -> patchBody(gen)), w(1, () -> junk(gen)))
        : "DELETE".equals(method) ? junk(gen)
        : gen.frequency(w(19, () -> user(gen)), w(1, () -> junk(gen)));
    JsonObject operation = new JsonObject();
    put(operation, "method", method);
    put(operation, "path", path);
    put(operation, "bulkId", bulkId);
    put(operation, "version", version);
    put(operation, "data", data);
    return operation;
  }

  private static Object junk(Gen gen) {
    return gen.pick(MISSING, "data", 5, new JsonArray(), new JsonObject());
  }

  private static JsonObject user(Gen gen) {
    Object name = gen.frequency(
        w(20, () -> gen.string(Gen.chars('a', 'z') + Gen.chars('A', 'Z'), 1, 3) + "@x.example"),
        w(1, () -> gen.pick("bulkId:a", "", 12, MISSING)));
    Object reference = gen.pick("bulkId:a", "bulkId:b", "bulkId:c", "bulkId:q", "plain",
        MISSING, MISSING, MISSING, MISSING, MISSING, MISSING);
    Object active = gen.pick(true, "False", "maybe", MISSING, MISSING);
    Object schemas = mostly(gen,
        new JsonArray().add("urn:ietf:params:scim:schemas:core:2.0:User"), new JsonArray().add("urn:x"), MISSING);
    JsonObject user = new JsonObject();
    put(user, "schemas", schemas);
    put(user, "userName", name);
    put(user, "active", active);
    put(user, "externalId", name instanceof String text ? text.toUpperCase() : MISSING);
    if (reference != MISSING) {
      user.put(BulkTest.ENTERPRISE, new JsonObject().put("manager", new JsonObject().put("value", reference)));
    }
    return user;
  }

  private static JsonObject patchBody(Gen gen) {
    List<JsonObject> operations = gen.list(1, 3, () -> {
      JsonObject json = new JsonObject();
      put(json, "op", gen.frequency(
          w(20, () -> gen.pick("add", "Replace", "replace", "remove")),
          w(1, () -> gen.pick("copy", 1, MISSING))));
      put(json, "path", gen.frequency(
          w(20, () -> gen.pick("displayName", "title", "emails[type eq \"work\"].value", "name.givenName", MISSING)),
          w(1, () -> gen.pick("userName", "members[value eq \"bulkId:a\"]", "[", ""))));
      put(json, "value", gen.pick("x", "bulkId:b", 5, true, new JsonObject().put("title", "t"),
          new JsonArray().add(new JsonObject().put("value", "bulkId:a")), MISSING));
      return json;
    });
    return new JsonObject()
        .put("schemas", new JsonArray().add("urn:ietf:params:scim:api:messages:2.0:PatchOp"))
        .put("Operations", new JsonArray(List.copyOf(operations)));
  }

  /** The first value 9 times in 10, else any of the others. */
  private static Object mostly(Gen gen, Object usual, Object... others) {
    return gen.chance(9, 10) ? usual : gen.pick(others);
  }

  private static void put(JsonObject json, String key, Object value) {
    if (value != MISSING) {
      json.put(key, value);
    }
  }
}
