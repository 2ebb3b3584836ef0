package io.iamcore.scim.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamcore.testing.HttpResult;
import io.iamcore.testing.RunningGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Generated Bulk bodies through the real HTTP server and database: whatever the body, the answer
 * is never a 5xx, neither for the request nor for any operation in a 200 BulkResponse.
 */
class BulkFuzzTest {

  /** A field left out of the generated JSON. */
  private static final Object MISSING = new Object();
  /** Replaced at send time by the id of a user created earlier in the run (or a random one). */
  private static final String KNOWN = "{known}";

  private static RunningGateway gateway;
  private static String connector;
  private static String token;
  private static final List<String> knownIds = new CopyOnWriteArrayList<>();

  @BeforeContainer
  static void start() {
    // Batches sent at once: the property sends thousands of small writes one after another.
    // (A generous connect timeout: a cold start on a loaded 2-core machine can take over 1 s.)
    gateway = RunningGateway.start(Map.of("IAMCORE_BATCH_MAX_DELAY_MS", "0", "IAMCORE_DB_CONNECT_TIMEOUT_MS", "10000"));
    String tenant = UUID.randomUUID().toString();
    connector = gateway.createScimConnector(tenant).getString("id");
    token = gateway.issueSecret(tenant, connector);
  }

  @AfterContainer
  static void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  @Property(tries = 2000, edgeCases = EdgeCasesMode.NONE)
  void randomBulkBody_neverA5xx(@ForAll("bodies") String body) {
    String sent = body.replace(KNOWN, knownId());
    HttpResult result = gateway.send("POST", RunningGateway.scimPath(connector, "/Bulk"), token, sent,
        "application/scim+json", Map.of());
    Statistics.label("request status").collect(result.status());
    assertThat(result.status()).as(sent).isLessThan(500);
    if (result.status() != 200) {
      assertThat(result.json().getString("status")).isEqualTo(String.valueOf(result.status()));
      return;
    }
    for (Object item : result.json().getJsonArray("Operations")) {
      JsonObject operation = (JsonObject) item;
      int status = Integer.parseInt(operation.getString("status"));
      Statistics.label("operation status").collect(status);
      assertThat(status).as(sent + " → " + operation.encode()).isLessThan(500);
      if (status >= 400) {
        assertThat(operation.getJsonObject("response").getString("status")).isEqualTo(operation.getString("status"));
      } else if (operation.containsKey("location") && "POST".equals(operation.getString("method"))) {
        String location = operation.getString("location");
        knownIds.add(location.substring(location.lastIndexOf('/') + 1));
      }
    }
  }

  private static String knownId() {
    return knownIds.isEmpty() ? UUID.randomUUID().toString()
        : knownIds.get(ThreadLocalRandom.current().nextInt(knownIds.size()));
  }

  @Provide
  Arbitrary<String> bodies() {
    return Arbitraries.frequencyOf(
        Tuple.of(8, requests().map(JsonObject::encode)),
        Tuple.of(1, requests().map(JsonObject::encode).flatMap(text ->
            Arbitraries.integers().between(0, text.length()).map(cut -> text.substring(0, cut)))),
        Tuple.of(1, Arbitraries.oneOf(
            Arbitraries.strings().withChars("{}[]\":,0123456789abnultrue ").ofMaxLength(40),
            Arbitraries.of("[]", "null", "42", "\"Operations\"", "[".repeat(3000), "{\"a\":" .repeat(2000)))));
  }

  private Arbitrary<JsonObject> requests() {
    Arbitrary<Object> schemas = mostly(new JsonArray().add(BulkTest.BULK_REQUEST),
        new JsonArray().add(BulkTest.BULK_REQUEST.toUpperCase()), new JsonArray().add("urn:other"),
        new JsonArray(), "x", MISSING);
    Arbitrary<Object> failOnErrors = Arbitraries.frequencyOf(
        Tuple.of(12, Arbitraries.just(MISSING)),
        Tuple.of(6, Arbitraries.integers().between(1, 4).map(i -> (Object) i)),
        Tuple.of(1, Arbitraries.of(0, -1, "1", 1.5, 1e40, Long.MAX_VALUE)));
    Arbitrary<Object> operations = Arbitraries.frequencyOf(
        Tuple.of(20, operation().list().ofMaxSize(5).map(list -> (Object) new JsonArray(List.copyOf(list)))),
        Tuple.of(1, Arbitraries.of(MISSING, new JsonObject(), "ops", new JsonArray().add(1).add("x"))));
    Arbitrary<Boolean> duplicateBulkIds = Arbitraries.frequency(Tuple.of(1, true), Tuple.of(19, false));
    return Combinators.combine(schemas, failOnErrors, operations, duplicateBulkIds).as((s, f, o, duplicates) -> {
      JsonObject request = new JsonObject();
      put(request, "schemas", s);
      put(request, "failOnErrors", f);
      put(request, "Operations", duplicates || !(o instanceof JsonArray array) ? o : uniqueBulkIds(array));
      return request;
    });
  }

  /** Renames the 2nd, 3rd … POST of a bulkId (references keep naming the first). */
  private static JsonArray uniqueBulkIds(JsonArray operations) {
    java.util.Set<Object> seen = new java.util.HashSet<>();
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
  private Arbitrary<JsonObject> operation() {
    Arbitrary<Object> method = Arbitraries.frequencyOf(
        Tuple.of(20, Arbitraries.of("POST", "POST", "POST", "PUT", "PATCH", "PATCH", "DELETE")),
        Tuple.of(1, Arbitraries.of("patch", "GET", "", 7, MISSING)));
    Arbitrary<Object> resourcePath = Arbitraries.frequencyOf(
        Tuple.of(20, Arbitraries.of("/Users/" + KNOWN, "/Users/" + KNOWN, "/Users/bulkId:a", "/Users/bulkId:b",
            "/Users/bulkId:c")),
        Tuple.of(1, Arbitraries.of("Users/", "/Users", "/Users/bulkId:zz", "/Users/" + UUID.randomUUID(),
            "/Users/x/y", "/Groups/" + UUID.randomUUID(), "/Users/not-a-uuid", "", "//", "/", 3, MISSING)));
    Arbitrary<Object> endpointPath = mostly("/Users", "Users/", "/Users/bulkId:a", "/Groups", "", 3, MISSING);
    Arbitrary<Object> bulkId = mostly("a", "b", "c", "d", "e", "", 9, MISSING);
    Arbitrary<Object> version = Arbitraries.of(MISSING, MISSING, MISSING, MISSING, "W/\"1\"", "W/\"2\"", "*",
        "nope", 1);
    Arbitrary<Object> junk = Arbitraries.of(MISSING, "data", 5, new JsonArray(), new JsonObject());
    return method.flatMap(m -> {
      boolean post = "POST".equals(m);
      Arbitrary<Object> path = post ? endpointPath : resourcePath;
      Arbitrary<Object> data = "PATCH".equals(m) ? Arbitraries.frequencyOf(Tuple.of(19, patchBody()), Tuple.of(1, junk))
          : "DELETE".equals(m) ? junk : Arbitraries.frequencyOf(Tuple.of(19, user()), Tuple.of(1, junk));
      return Combinators.combine(path, post ? bulkId : mostly(MISSING, "x"), version, data).as((p, b, v, d) -> {
        JsonObject operation = new JsonObject();
        put(operation, "method", m);
        put(operation, "path", p);
        put(operation, "bulkId", b);
        put(operation, "version", v);
        put(operation, "data", d);
        return operation;
      });
    });
  }

  private Arbitrary<Object> user() {
    Arbitrary<Object> userName = Arbitraries.frequencyOf(
        Tuple.of(20, Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(3).map(n -> (Object) (n + "@x.example"))),
        Tuple.of(1, Arbitraries.of("bulkId:a", "", 12, MISSING)));
    Arbitrary<Object> reference = Arbitraries.of("bulkId:a", "bulkId:b", "bulkId:c", "bulkId:q", "plain",
        MISSING, MISSING, MISSING, MISSING, MISSING, MISSING);
    Arbitrary<Object> active = Arbitraries.of(true, "False", "maybe", MISSING, MISSING);
    Arbitrary<Object> schemas = mostly(
        new JsonArray().add("urn:ietf:params:scim:schemas:core:2.0:User"), new JsonArray().add("urn:x"), MISSING);
    return Combinators.combine(userName, reference, active, schemas).as((name, ref, act, s) -> {
      JsonObject user = new JsonObject();
      put(user, "schemas", s);
      put(user, "userName", name);
      put(user, "active", act);
      put(user, "externalId", name instanceof String text ? text.toUpperCase() : MISSING);
      if (ref != MISSING) {
        user.put(BulkTest.ENTERPRISE, new JsonObject().put("manager", new JsonObject().put("value", ref)));
      }
      return (Object) user;
    });
  }

  private Arbitrary<Object> patchBody() {
    Arbitrary<Object> op = Arbitraries.frequencyOf(
        Tuple.of(20, Arbitraries.of("add", "Replace", "replace", "remove")),
        Tuple.of(1, Arbitraries.of("copy", 1, MISSING)));
    Arbitrary<Object> path = Arbitraries.frequencyOf(
        Tuple.of(20, Arbitraries.of("displayName", "title", "emails[type eq \"work\"].value", "name.givenName",
            MISSING)),
        Tuple.of(1, Arbitraries.of("userName", "members[value eq \"bulkId:a\"]", "[", "")));
    Arbitrary<Object> value = Arbitraries.of("x", "bulkId:b", 5, true, new JsonObject().put("title", "t"),
        new JsonArray().add(new JsonObject().put("value", "bulkId:a")), MISSING);
    Arbitrary<Object> operation = Combinators.combine(op, path, value).as((o, p, v) -> {
      JsonObject json = new JsonObject();
      put(json, "op", o);
      put(json, "path", p);
      put(json, "value", v);
      return (Object) json;
    });
    return operation.list().ofMinSize(1).ofMaxSize(3).map(list -> (Object) new JsonObject()
        .put("schemas", new JsonArray().add("urn:ietf:params:scim:api:messages:2.0:PatchOp"))
        .put("Operations", new JsonArray(List.copyOf(list))));
  }

  /** The first value 9 times in 10, else any of the others. */
  private static Arbitrary<Object> mostly(Object usual, Object... others) {
    return Arbitraries.frequencyOf(Tuple.of(9, Arbitraries.just(usual)), Tuple.of(1, Arbitraries.of(others)));
  }

  private static void put(JsonObject json, String key, Object value) {
    if (value != MISSING) {
      json.put(key, value);
    }
  }
}
