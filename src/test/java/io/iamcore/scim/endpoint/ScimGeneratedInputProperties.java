package io.iamcore.scim.endpoint;

import io.iamcore.scim.filter.EntraCorpus;
import io.iamcore.scim.filter.FilterArbitraries;
import io.iamcore.scim.filter.FilterMutations;
import io.iamcore.scim.filter.FilterPrinter;
import io.iamcore.scim.patch.PatchArbitraries;
import io.iamcore.testing.HttpResult;
import io.iamcore.testing.RunningGateway;
import io.iamcore.testing.TestUsers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Generated input against the real server (one gateway and database for the class, one HTTP/1.1
 * keep-alive client): filters through {@code GET ?filter=} and {@code POST .search}, PATCH bodies and
 * list query strings, seeded from the Entra corpus, the filter grammar and mutations of both.
 * 10,800 cases in 5,800 tries (two cases per try where the server can take them at once); the
 * answer is never a 5xx, and every 4xx is a SCIM error with the right scimType.
 */
class ScimGeneratedInputProperties {

  private static final Set<String> FILTER_ERRORS = Set.of("invalidFilter", "invalidValue", "tooMany");
  private static final Set<String> SEARCH_ERRORS = Set.of("invalidFilter", "invalidValue", "tooMany",
      "invalidSyntax", "invalidCursor");
  private static final Set<String> PATCH_ERRORS = Set.of("invalidSyntax", "invalidPath", "invalidValue",
      "noTarget", "mutability", "uniqueness", "invalidFilter");

  private static RunningGateway gateway;
  private static String connector;
  private static String token;
  private static final List<String> userIds = new ArrayList<>();

  @BeforeContainer
  static void start() {
    // a long connect timeout: thousands of requests on a shared 2-core box must not fail on a slow pool
    gateway = RunningGateway.start(io.iamcore.testing.LoadedBoxGatewayTestBase.PATIENT_POOL);
    String tenant = UUID.randomUUID().toString();
    connector = gateway.createScimConnector(tenant).getString("id");
    token = gateway.issueSecret(tenant, connector);
    JsonObject entra = EntraCorpus.load("06-").getJsonObject("body");
    for (int i = 0; i < 12; i++) {
      JsonObject user = i % 2 == 0 ? entra.copy() : TestUsers.user("x", null);
      user.put("userName", "fuzz" + i + "@contoso.example").put("externalId", "fuzz-" + i);
      userIds.add(gateway.send("POST", users(""), token, user).json().getString("id"));
    }
  }

  @AfterContainer
  static void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  private static String users(String rest) {
    return RunningGateway.scimPath(connector, "/Users" + rest);
  }

  /**
   * Each try is two cases sent at once over two keep-alive connections: the filter as
   * {@code GET ?filter=}, and as the {@code filter} of a {@code POST .search} with odd other
   * members. Two searches at a time stay below the 4 concurrent searches the server allows.
   */
  @Property(tries = 3500)
  void filter_getAndPostSearch_neverServerError(@ForAll("filters") String filter,
      @ForAll("searches") JsonObject search) {
    search.put("filter", filter);
    CompletableFuture<HttpResult> viaGet = gateway.sendAsync("GET",
        users("?filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8)), token, null, null, Map.of());
    CompletableFuture<HttpResult> viaPost = gateway.sendAsync("POST", users("/.search"), token, search.encode(),
        "application/scim+json", Map.of());
    ScimHttpChecks.wellFormed(filter, viaGet.join(), FILTER_ERRORS);
    ScimHttpChecks.wellFormed(search.encode(), viaPost.join(), SEARCH_ERRORS);
  }

  /** Two PATCH bodies per try, to two different users at once. */
  @Property(tries = 1500)
  void patch_neverServerError(@ForAll("patches") String first, @ForAll("patches") String second,
      @ForAll("userPairs") List<String> targets) {
    CompletableFuture<HttpResult> one = gateway.sendAsync("PATCH", users("/" + targets.get(0)), token, first,
        "application/scim+json", Map.of());
    CompletableFuture<HttpResult> two = gateway.sendAsync("PATCH", users("/" + targets.get(1)), token, second,
        "application/scim+json", Map.of());
    ScimHttpChecks.wellFormed(first, one.join(), PATCH_ERRORS);
    ScimHttpChecks.wellFormed(second, two.join(), PATCH_ERRORS);
  }

  @Property(tries = 800)
  void getWithQueryParameters_neverServerError(@ForAll("queries") String query) {
    HttpResult result = gateway.send("GET", users("?" + query), token, null);
    ScimHttpChecks.wellFormed(query, result, SEARCH_ERRORS);
  }

  @Provide
  Arbitrary<List<String>> userPairs() {
    return Arbitraries.of(userIds).list().ofSize(2).uniqueElements();
  }

  /** Entra's own filters, printed grammar trees, and mutations of both. */
  @Provide
  Arbitrary<String> filters() {
    Arbitrary<String> entra = Arbitraries.of(entraFilters());
    Arbitrary<String> grammar = FilterArbitraries.filters(3).map(FilterPrinter::print);
    Arbitrary<String> seeds = Arbitraries.oneOf(entra, grammar);
    return Arbitraries.frequencyOf(
        Tuple.of(1, entra),
        Tuple.of(4, grammar),
        Tuple.of(4, FilterMutations.mutated(seeds)),
        Tuple.of(1, Arbitraries.strings().ofMaxLength(30)));
  }

  /** The rest of a SearchRequest (the filter is added by the property). */
  @Provide
  Arbitrary<JsonObject> searches() {
    Arbitrary<Object> anyJson = Arbitraries.of(-1, 0, 7, 1.5, 1e12, "x", "", true,
        new JsonArray().add("userName"), new JsonObject()).map(v -> (Object) v);
    Arbitrary<Object> sortBy = Arbitraries.of("userName", "name.givenName", "emails", "emails.value", "password",
        "meta.lastModified", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", "x[",
        "", "name").map(v -> (Object) v);
    return Combinators.combine(Arbitraries.oneOf(sortBy, anyJson), anyJson, anyJson,
            Arbitraries.of("schemas", "attributes", "excludedAttributes", "sortOrder", "cursor"), anyJson)
        .as((sort, count, startIndex, extraKey, extraValue) -> {
          JsonObject search = new JsonObject()
              .put("schemas", new JsonArray().add(SearchRequest.SEARCH_REQUEST_URN))
              .put("sortBy", sort).put("count", count).put("startIndex", startIndex);
          if (extraKey.equals("cursor")) {
            search.remove("startIndex");
          }
          return search.put(extraKey, extraValue);
        });
  }

  /** Query strings mixing the list parameters with odd values (cursors, counts, sort orders). */
  @Provide
  Arbitrary<String> queries() {
    Arbitrary<String> param = Arbitraries.of("filter", "sortBy", "sortOrder", "count", "startIndex", "cursor",
        "attributes", "excludedAttributes");
    Arbitrary<String> value = Arbitraries.oneOf(
        Arbitraries.of("", "-5", "0", "99999999999", "1.5", "descending", "DESC", "userName", "emails.value",
            "YzF8YXx4fDB8", "%ZZ", "userName pr", "name.givenName,emails", "\u0000", "title eq \"\u0000\""),
        Arbitraries.strings().withChars("abc%20=&[]\"0-_.").ofMaxLength(8));
    return Combinators.combine(param, value)
        .as((p, v) -> p + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)).list().ofMinSize(1).ofMaxSize(4)
        .map(parts -> String.join("&", parts));
  }

  /** PATCH bodies: Entra's, generated operations, JSON-level and text-level mutations. */
  @Provide
  Arbitrary<String> patches() {
    Arbitrary<JsonObject> entra = Arbitraries.of(entraPatches());
    Arbitrary<JsonObject> generated = PatchArbitraries.operations().list().ofMinSize(1).ofMaxSize(5)
        .map(PatchArbitraries::body);
    Arbitrary<JsonObject> failing = PatchArbitraries.sequencesWithAFailure().map(PatchArbitraries::body);
    Arbitrary<JsonObject> valid = Arbitraries.oneOf(entra, generated, failing);
    return Arbitraries.frequencyOf(
        Tuple.of(2, valid.map(JsonObject::encode)),
        Tuple.of(3, JsonMutations.mutated(valid).map(JsonObject::encode)),
        Tuple.of(1, FilterMutations.mutated(valid.map(JsonObject::encode))),
        Tuple.of(1, Arbitraries.of("", "null", "[]", "{}", "\"x\"", "{\"Operations\":null}", "{",
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{}]}")));
  }

  private static List<String> entraFilters() {
    List<String> out = new ArrayList<>();
    for (Path file : EntraCorpus.all()) {
      JsonObject fixture = EntraCorpus.read(file);
      String path = fixture.getString("rawPath", fixture.getString("path", ""));
      if (path.contains("filter=")) {
        out.add(EntraCorpus.filterOf(fixture));
      }
    }
    return out;
  }

  private static List<JsonObject> entraPatches() {
    List<JsonObject> out = new ArrayList<>();
    for (Path file : EntraCorpus.all()) {
      JsonObject fixture = EntraCorpus.read(file);
      if ("PATCH".equals(fixture.getString("method")) && fixture.getValue("body") instanceof JsonObject body) {
        out.add(body);
      }
    }
    return out;
  }
}
