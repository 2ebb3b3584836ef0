package io.iamcore.scim.endpoint;

import static io.iamcore.testing.TestUsers.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.iamcore.testing.LoadedBoxGatewayTestBase;
import io.iamcore.testing.HttpResult;
import io.iamcore.testing.RunningGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RFC 9865 cursor pagination of /Users and /Users/.search over a 250-user connector space. */
class ScimCursorPaginationTest extends LoadedBoxGatewayTestBase {

  private static final int USERS = 250;

  private static String connector;
  private static String token;
  private static final List<String> ids = new ArrayList<>();
  private static final List<String> evenIds = new ArrayList<>();

  @BeforeAll
  static void connectorSpace() {
    String tenant = UUID.randomUUID().toString();
    connector = gateway.createScimConnector(tenant).getString("id");
    token = gateway.issueSecret(tenant, connector);
    List<CompletableFuture<HttpResult>> creates = new ArrayList<>();
    for (int i = 0; i < USERS; i++) {
      JsonObject body = user(String.format("user%03d@contoso.example", i), "ext-" + i)
          .put("title", i % 2 == 0 ? "even" : "odd");
      creates.add(gateway.sendAsync("POST", path(""), token, body.encode(), "application/scim+json", Map.of()));
    }
    for (int i = 0; i < USERS; i++) {
      HttpResult created = creates.get(i).join();
      assertThat(created.status()).as(created.body()).isEqualTo(201);
      ids.add(created.json().getString("id"));
      if (i % 2 == 0) {
        evenIds.add(created.json().getString("id"));
      }
    }
  }

  private static String path(String rest) {
    return RunningGateway.scimPath(connector, "/Users" + rest);
  }

  private static String q(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static HttpResult get(String query) {
    return gateway.send("GET", path("?" + query), token, null);
  }

  private static HttpResult search(JsonObject body) {
    return gateway.send("POST", path("/.search"),
        token, body.put("schemas", new JsonArray().add("urn:ietf:params:scim:api:messages:2.0:SearchRequest")));
  }

  /** Follows nextCursor from the empty cursor to the end; every page is checked on the way. */
  private static List<JsonObject> walk(Function<String, HttpResult> page) {
    List<JsonObject> pages = new ArrayList<>();
    String cursor = "";
    while (cursor != null) {
      HttpResult result = page.apply(cursor);
      assertThat(result.status()).as(result.body()).isEqualTo(200);
      JsonObject json = result.json();
      assertThat(json.containsKey("startIndex")).isFalse();
      assertThat(json.getInteger("itemsPerPage")).isEqualTo(json.getJsonArray("Resources").size());
      assertThat(json.containsKey("previousCursor")).as("previousCursor on page " + pages.size())
          .isEqualTo(!pages.isEmpty());
      pages.add(json);
      cursor = json.getString("nextCursor");
      assertThat(pages).as("the walk ends").hasSizeLessThan(20);
    }
    return pages;
  }

  private static List<String> idsOf(List<JsonObject> pages) {
    List<String> out = new ArrayList<>();
    pages.forEach(p -> p.getJsonArray("Resources").forEach(r -> out.add(((JsonObject) r).getString("id"))));
    return out;
  }

  private static List<Integer> sizes(List<JsonObject> pages) {
    return pages.stream().map(p -> p.getJsonArray("Resources").size()).toList();
  }

  @Test
  @DisplayName("GET /Users with cursor and count=100 walks 250 users in three pages, each user exactly once")
  void get_walkWithoutFilter_everyUserOnce() {
    List<JsonObject> pages = walk(cursor -> get("count=100&cursor=" + q(cursor)));
    assertThat(sizes(pages)).containsExactly(100, 100, 50);
    assertThat(idsOf(pages)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
    assertThat(pages).allSatisfy(p -> assertThat(p.getInteger("totalResults")).isEqualTo(USERS));
  }

  @Test
  @DisplayName("GET /Users?cursor (no value, as RFC 9865's example writes it) starts a walk")
  void get_bareCursorParameter_firstPage() {
    HttpResult first = get("cursor&count=100");
    assertThat(first.status()).as(first.body()).isEqualTo(200);
    assertThat(first.json().getJsonArray("Resources")).hasSize(100);
    assertThat(first.json().getString("nextCursor")).isNotBlank().matches("[A-Za-z0-9_-]+");
  }

  @Test
  @DisplayName("a filtered walk (GET and POST .search) returns exactly the matching users once")
  void walk_withFilter_everyMatchOnce() {
    String filter = "title eq \"even\"";
    List<JsonObject> viaGet = walk(cursor -> get("filter=" + q(filter) + "&count=100&cursor=" + q(cursor)));
    assertThat(sizes(viaGet)).containsExactly(100, 25);
    assertThat(idsOf(viaGet)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(evenIds);
    List<JsonObject> viaPost = walk(cursor -> search(new JsonObject().put("filter", filter).put("count", 100)
        .put("cursor", cursor)));
    assertThat(idsOf(viaPost)).isEqualTo(idsOf(viaGet));
  }

  @Test
  @DisplayName("previousCursor walks back through the same pages")
  void previousCursor_walksBack() {
    List<JsonObject> forward = walk(cursor -> get("count=100&cursor=" + q(cursor)));
    JsonObject last = forward.get(2);
    JsonObject second = get("count=100&cursor=" + q(last.getString("previousCursor"))).json();
    assertThat(idsOf(List.of(second))).isEqualTo(idsOf(List.of(forward.get(1))));
    JsonObject first = get("count=100&cursor=" + q(second.getString("previousCursor"))).json();
    assertThat(idsOf(List.of(first))).isEqualTo(idsOf(List.of(forward.get(0))));
    assertThat(first.containsKey("previousCursor")).isFalse();
    assertThat(first.getString("nextCursor")).isNotNull();
  }

  @Test
  @DisplayName("a walk sorted by userName descending visits every user once, in order")
  void walk_sorted_everyUserOnceInOrder() {
    List<JsonObject> pages = walk(cursor -> get("sortBy=userName&sortOrder=descending&count=100&cursor=" + q(cursor)));
    List<String> names = new ArrayList<>();
    pages.forEach(p -> p.getJsonArray("Resources").forEach(r -> names.add(((JsonObject) r).getString("userName"))));
    assertThat(names).hasSize(USERS).doesNotHaveDuplicates();
    assertThat(names).isSortedAccordingTo(java.util.Comparator.reverseOrder());
  }

  @Test
  @DisplayName("an in-memory key filter (userName eq) pages with cursors too")
  void walk_keyFilter_onePage() {
    List<JsonObject> pages = walk(cursor -> get("filter=" + q("userName eq \"user007@contoso.example\"")
        + "&count=100&cursor=" + q(cursor)));
    assertThat(idsOf(pages)).containsExactly(ids.get(7));
  }

  @Test
  @DisplayName("a user deleted and a user created during a walk: nothing else is skipped or repeated")
  void walk_changesDuringWalk_noSkipNoRepeat() {
    List<String> late = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      late.add(gateway.send("POST", path(""), token, user("late" + i + "@contoso.example", "late" + i)
          .put("title", "late")).json().getString("id"));
    }
    String filter = "filter=" + q("title eq \"late\"") + "&count=3&cursor=";
    JsonObject first = get(filter).json();
    List<String> seen = new ArrayList<>(idsOf(List.of(first)));
    // The last id in keyset order is on a later page, whatever the random ids are.
    String victim = late.stream().max(java.util.Comparator.comparing(UUID::fromString, CursorPaging.ID_ORDER))
        .orElseThrow();
    assertThat(gateway.send("DELETE", path("/" + victim), token, null).status()).isEqualTo(204);
    String added = gateway.send("POST", path(""), token, user("later@contoso.example", "later").put("title", "late"))
        .json().getString("id");
    try {
      String cursor = first.getString("nextCursor");
      while (cursor != null) {
        JsonObject page = get(filter + q(cursor)).json();
        seen.addAll(idsOf(List.of(page)));
        cursor = page.getString("nextCursor");
      }
      List<String> survivors = new ArrayList<>(late);
      survivors.remove(victim);
      assertThat(seen).doesNotHaveDuplicates().containsAll(survivors).doesNotContain(victim);
      // a user created mid-walk appears if its id sorts after the walk's position, never twice
      assertThat(seen.size()).isBetween(survivors.size(), survivors.size() + 1);
    } finally {
      late.forEach(id -> gateway.send("DELETE", path("/" + id), token, null));
      gateway.send("DELETE", path("/" + added), token, null);
    }
  }

  @Test
  @DisplayName("a cursor we did not issue is 400 invalidCursor; so is one replayed with another filter")
  void badCursor_invalidCursor() {
    for (String bad : List.of("not-a-cursor", "%25%25%25", "YWJj", ids.get(0))) {
      HttpResult result = get("count=10&cursor=" + bad);
      assertThat(result.status()).as(bad).isEqualTo(400);
      assertThat(result.json().getString("scimType")).isEqualTo("invalidCursor");
      assertThat(result.json().getJsonArray("schemas")).contains("urn:ietf:params:scim:api:messages:2.0:Error");
    }
    String next = get("count=10&cursor=").json().getString("nextCursor");
    HttpResult otherQuery = get("filter=" + q("title eq \"odd\"") + "&count=10&cursor=" + q(next));
    assertThat(otherQuery.status()).isEqualTo(400);
    assertThat(otherQuery.json().getString("scimType")).isEqualTo("invalidCursor");
    HttpResult notAString = search(new JsonObject().put("cursor", 5));
    assertThat(notAString.json().getString("scimType")).isEqualTo("invalidCursor");
  }

  @Test
  @DisplayName("startIndex and cursor together are 400 (GET and POST .search)")
  void startIndexAndCursor_badRequest() {
    HttpResult viaGet = get("startIndex=1&cursor=&count=10");
    assertThat(viaGet.status()).isEqualTo(400);
    assertThat(viaGet.json().getString("scimType")).isEqualTo("invalidValue");
    assertThat(viaGet.json().getString("detail")).contains("startIndex and cursor");
    HttpResult viaPost = search(new JsonObject().put("startIndex", 1).put("cursor", ""));
    assertThat(viaPost.status()).isEqualTo(400);
    assertThat(viaPost.json().getString("scimType")).isEqualTo("invalidValue");
  }

  @Test
  @DisplayName("without cursor the answer is index-paged as before: startIndex present, no cursors")
  void noCursor_indexPagination() {
    JsonObject page = get("count=100").json();
    assertThat(page.getInteger("startIndex")).isEqualTo(1);
    assertThat(page.containsKey("nextCursor")).isFalse();
    assertThat(page.getJsonArray("Resources")).hasSize(100);
  }

  @Test
  @DisplayName("count=0 with a cursor answers totalResults only, and no cursor to follow")
  void countZero_totalOnly() {
    JsonObject page = get("count=0&cursor=").json();
    assertThat(page.getInteger("totalResults")).isEqualTo(USERS);
    assertThat(page.getJsonArray("Resources")).isEmpty();
    assertThat(page.containsKey("nextCursor")).isFalse();
  }

  @Test
  @DisplayName("ServiceProviderConfig advertises both pagination methods, index the default")
  void serviceProviderConfig_pagination() {
    JsonObject pagination = gateway.send("GET", RunningGateway.scimPath(connector, "/ServiceProviderConfig"), token,
        null).json().getJsonObject("pagination");
    assertThat(pagination).isEqualTo(new JsonObject().put("cursor", true).put("index", true)
        .put("defaultPaginationMethod", "index").put("defaultPageSize", 100).put("maxPageSize", 1000)
        .put("cursorTimeout", 3600));
  }
}
