package io.iamcore.scim.endpoint;

import static io.iamcore.testing.Gen.w;

import io.iamcore.scim.filter.EntraCorpus;
import io.iamcore.scim.filter.FilterGenerators;
import io.iamcore.scim.filter.FilterMutations;
import io.iamcore.scim.filter.FilterPrinter;
import io.iamcore.scim.patch.PatchGenerators;
import io.iamcore.testing.Cases;
import io.iamcore.testing.Gen;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Generated input against the real server (one gateway and database for the class, one HTTP/1.1
 * keep-alive client): filters through {@code GET ?filter=} and {@code POST .search}, PATCH bodies and
 * list query strings, seeded from the Entra corpus, the filter grammar and mutations of both.
 * 10,800 cases in 5,800 tries (two cases per try where the server can take them at once); the
 * answer is never a 5xx, and every 4xx is a SCIM error with the right scimType.
 */
class ScimGeneratedInputTest {

  private static final Set<String> FILTER_ERRORS = Set.of("invalidFilter", "invalidValue", "tooMany");
  private static final Set<String> SEARCH_ERRORS = Set.of("invalidFilter", "invalidValue", "tooMany",
      "invalidSyntax", "invalidCursor");
  private static final Set<String> PATCH_ERRORS = Set.of("invalidSyntax", "invalidPath", "invalidValue",
      "noTarget", "mutability", "uniqueness", "invalidFilter");

  private static final List<Object> ANY_JSON = List.of(-1, 0, 7, 1.5, 1e12, "x", "", true,
      new JsonArray().add("userName"), new JsonObject());
  private static final List<Object> SORT_BY = List.of("userName", "name.givenName", "emails", "emails.value",
      "password", "meta.lastModified", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department",
      "x[", "", "name");

  private static RunningGateway gateway;
  private static String connector;
  private static String token;
  private static final List<String> userIds = new ArrayList<>();
  private static List<String> entraFilters;
  private static List<JsonObject> entraPatches;

  @BeforeAll
  static void start() {
    // a long connect timeout: thousands of requests on a shared 2-core box must not fail on a slow pool
    gateway = RunningGateway.start(io.iamcore.testing.LoadedBoxGatewayTestBase.PATIENT_POOL);
    String tenant = UUID.randomUUID().toString();
    connector = gateway.createScimConnector(tenant).getString("id");
    token = gateway.issueSecret(tenant, connector);
    entraFilters = entraFilters();
    entraPatches = entraPatches();
    JsonObject entra = EntraCorpus.load("06-").getJsonObject("body");
    for (int i = 0; i < 12; i++) {
      JsonObject user = i % 2 == 0 ? entra.copy() : TestUsers.user("x", null);
      user.put("userName", "fuzz" + i + "@contoso.example").put("externalId", "fuzz-" + i);
      userIds.add(gateway.send("POST", users(""), token, user).json().getString("id"));
    }
  }

  @AfterAll
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
  @Test
  void filter_getAndPostSearch_neverServerError() {
    Cases.run(3500, gen -> {
      String filter = filter(gen);
      JsonObject search = search(gen).put("filter", filter);
      CompletableFuture<HttpResult> viaGet = gateway.sendAsync("GET",
          users("?filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8)), token, null, null, Map.of());
      CompletableFuture<HttpResult> viaPost = gateway.sendAsync("POST", users("/.search"), token, search.encode(),
          "application/scim+json", Map.of());
      ScimHttpChecks.wellFormed(filter, viaGet.join(), FILTER_ERRORS);
      ScimHttpChecks.wellFormed(search.encode(), viaPost.join(), SEARCH_ERRORS);
    });
  }

  /** Two PATCH bodies per try, to two different users at once. */
  @Test
  void patch_neverServerError() {
    Cases.run(1500, gen -> {
      String first = patch(gen);
      String second = patch(gen);
      int one = gen.between(0, userIds.size() - 1);
      int other = (one + gen.between(1, userIds.size() - 1)) % userIds.size();
      CompletableFuture<HttpResult> toOne = gateway.sendAsync("PATCH", users("/" + userIds.get(one)), token, first,
          "application/scim+json", Map.of());
      CompletableFuture<HttpResult> toOther = gateway.sendAsync("PATCH", users("/" + userIds.get(other)), token,
          second, "application/scim+json", Map.of());
      ScimHttpChecks.wellFormed(first, toOne.join(), PATCH_ERRORS);
      ScimHttpChecks.wellFormed(second, toOther.join(), PATCH_ERRORS);
    });
  }

  @Test
  void getWithQueryParameters_neverServerError() {
    Cases.run(800, gen -> {
      String query = query(gen);
      HttpResult result = gateway.send("GET", users("?" + query), token, null);
      ScimHttpChecks.wellFormed(query, result, SEARCH_ERRORS);
    });
  }

  /** Entra's own filters, printed grammar trees, and mutations of both. */
  private static String filter(Gen gen) {
    return gen.frequency(
        w(1, () -> gen.pick(entraFilters)),
        w(4, () -> grammarFilter(gen)),
        w(4, () -> FilterMutations.mutated(gen, gen.bool() ? gen.pick(entraFilters) : grammarFilter(gen))),
        w(1, () -> gen.anyString(30)));
  }

  private static String grammarFilter(Gen gen) {
    return FilterPrinter.print(FilterGenerators.filter(gen, 3));
  }

  /** The rest of a SearchRequest (the filter is added by the test). */
  private static JsonObject search(Gen gen) {
    Object sort = gen.pick(gen.bool() ? SORT_BY : ANY_JSON);
    JsonObject search = new JsonObject()
        .put("schemas", new JsonArray().add(SearchRequest.SEARCH_REQUEST_URN))
        .put("sortBy", copy(sort)).put("count", copy(gen.pick(ANY_JSON)))
        .put("startIndex", copy(gen.pick(ANY_JSON)));
    String extraKey = gen.pick("schemas", "attributes", "excludedAttributes", "sortOrder", "cursor");
    if (extraKey.equals("cursor")) {
      search.remove("startIndex");
    }
    return search.put(extraKey, copy(gen.pick(ANY_JSON)));
  }

  /** JSON containers are mutable: each request gets its own. */
  private static Object copy(Object value) {
    return value instanceof JsonObject o ? o.copy() : value instanceof JsonArray a ? a.copy() : value;
  }

  /** Query strings mixing the list parameters with odd values (cursors, counts, sort orders). */
  private static String query(Gen gen) {
    return String.join("&", gen.list(1, 4, () -> {
      String param = gen.pick("filter", "sortBy", "sortOrder", "count", "startIndex", "cursor", "attributes",
          "excludedAttributes");
      String value = gen.bool()
          ? gen.pick("", "-5", "0", "99999999999", "1.5", "descending", "DESC", "userName", "emails.value",
              "YzF8YXx4fDB8", "%ZZ", "userName pr", "name.givenName,emails", "\u0000", "title eq \"\u0000\"")
          : gen.string("abc%20=&[]\"0-_.", 0, 8);
      return param + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }));
  }

  /** PATCH bodies: Entra's, generated operations, JSON-level and text-level mutations. */
  private static String patch(Gen gen) {
    return gen.frequency(
        w(2, () -> validPatch(gen).encode()),
        w(3, () -> JsonMutations.mutated(gen, validPatch(gen)).encode()),
        w(1, () -> FilterMutations.mutated(gen, validPatch(gen).encode())),
        w(1, () -> gen.pick("", "null", "[]", "{}", "\"x\"", "{\"Operations\":null}", "{",
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{}]}")));
  }

  private static JsonObject validPatch(Gen gen) {
    return gen.oneOf(
        () -> gen.pick(entraPatches).copy(),
        () -> PatchGenerators.body(PatchGenerators.operations(gen, 1, 5)),
        () -> PatchGenerators.body(PatchGenerators.sequenceWithAFailure(gen)));
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
