package io.iamcore.scim.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamcore.testing.GatewayTestBase;
import io.iamcore.testing.HttpResult;
import io.iamcore.testing.RunningGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * RFC 7644 §3.4.2.3 sorting, §3.4.2.4 paging, §3.4.3 POST {@code .search} (per type and at the
 * root) and §3.11 {@code /Me}, against the real server.
 */
class ScimSortAndSearchTest extends GatewayTestBase {

  private static final String SEARCH_REQUEST = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";

  private static String connector;
  private static String token;

  @BeforeAll
  static void seed() {
    String tenant = UUID.randomUUID().toString();
    connector = gateway.createScimConnector(tenant).getString("id");
    token = gateway.issueSecret(tenant, connector);
    // displayName: mixed case, one missing, two equal (tie broken by id).
    String[][] users = {
        {"u1", "bravo"}, {"u2", "Alpha"}, {"u3", null}, {"u4", "charlie"}, {"u5", "Delta"},
        {"u6", "alpha"}, {"u7", "Echo"}};
    for (String[] user : users) {
      int n = user[0].charAt(1) - '0';
      JsonObject body = new JsonObject()
          .put("schemas", new JsonArray().add("urn:ietf:params:scim:schemas:core:2.0:User"))
          .put("userName", user[0] + "@contoso.example")
          .put("name", new JsonObject().put("familyName", "F" + (10 - n)))
          .put("emails", new JsonArray()
              // the first value sorts the other way round: sorting must pick the primary one
              .add(new JsonObject().put("value", "a" + (8 - n) + "@x.example"))
              .add(new JsonObject().put("value", user[0] + "@x.example").put("primary", true)));
      if (user[1] != null) {
        body.put("displayName", user[1]);
      }
      assertThat(gateway.send("POST", path("/Users"), token, body).status()).isEqualTo(201);
    }
  }

  @Test
  @DisplayName("sortBy displayName ascending: case-insensitive, ties by id, missing values last")
  void sort_ascending() {
    List<String> order = userNames(get("/Users?sortBy=displayName"));
    assertThat(order.subList(0, 2)).containsExactlyInAnyOrderElementsOf(List.of("u2", "u6"));
    assertThat(order.subList(2, 7)).containsExactly("u1", "u4", "u5", "u7", "u3");
    List<String> ids = ids(get("/Users?sortBy=displayName"));
    assertThat(ids.get(0)).isLessThan(ids.get(1));
  }

  @Test
  @DisplayName("sortOrder=descending puts missing values first and reverses the order")
  void sort_descending() {
    List<String> order = userNames(get("/Users?sortBy=displayName&sortOrder=descending"));
    assertThat(order.subList(0, 5)).containsExactly("u3", "u7", "u5", "u4", "u1");
  }

  @Test
  @DisplayName("sorting by a sub-attribute, a multi-valued attribute (its primary value) and meta.created")
  void sort_otherAttributes() {
    assertThat(userNames(get("/Users?sortBy=name.familyName"))).containsExactly("u7", "u6", "u5", "u4", "u3", "u2", "u1");
    assertThat(userNames(get("/Users?sortBy=emails&sortOrder=descending"))).containsExactly("u7", "u6", "u5", "u4", "u3", "u2", "u1");
    assertThat(userNames(get("/Users?sortBy=meta.created"))).containsExactly("u1", "u2", "u3", "u4", "u5", "u6", "u7");
    assertThat(userNames(get("/Users?sortBy=userName&sortOrder=descending&filter="
        + URLEncoder.encode("userName sw \"u\"", StandardCharsets.UTF_8))))
        .containsExactly("u7", "u6", "u5", "u4", "u3", "u2", "u1");
  }

  @Test
  @DisplayName("paging a sorted list gives slices of the same order")
  void sort_pages() {
    List<String> all = userNames(get("/Users?sortBy=displayName"));
    List<String> paged = new ArrayList<>();
    for (int start = 1; start <= 7; start += 3) {
      HttpResult page = get("/Users?sortBy=displayName&count=3&startIndex=" + start);
      assertThat(page.json().getInteger("totalResults")).isEqualTo(7);
      paged.addAll(userNames(page));
    }
    assertThat(paged).isEqualTo(all);
  }

  @Test
  @DisplayName("an unknown sortBy or sortOrder is 400 invalidValue")
  void sort_invalid() {
    HttpResult unknown = get("/Users?sortBy=shoeSize");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().getString("scimType")).isEqualTo("invalidValue");
    assertThat(get("/Users?sortBy=password").status()).isEqualTo(400);
    assertThat(get("/Users?sortBy=displayName&sortOrder=sideways").status()).isEqualTo(400);
  }

  @Test
  @DisplayName("POST /Users/.search answers what the same GET answers, attributes included")
  void search_sameAsGet() {
    JsonObject request = new JsonObject()
        .put("schemas", new JsonArray().add(SEARCH_REQUEST))
        .put("filter", "displayName sw \"a\" or displayName eq \"echo\"")
        .put("sortBy", "displayName")
        .put("sortOrder", "descending")
        .put("attributes", new JsonArray().add("userName"))
        .put("startIndex", 1)
        .put("count", 10);
    HttpResult searched = gateway.send("POST", path("/Users/.search"), token, request);
    assertThat(searched.status()).as(searched.body()).isEqualTo(200);
    HttpResult listed = get("/Users?filter=" + URLEncoder.encode(request.getString("filter"), StandardCharsets.UTF_8)
        + "&sortBy=displayName&sortOrder=descending&attributes=userName&count=10");
    assertThat(searched.json()).isEqualTo(listed.json());
    assertThat(userNames(searched).get(0)).isEqualTo("u7");
    assertThat(userNames(searched)).containsExactlyInAnyOrder("u7", "u2", "u6");
    assertThat(searched.json().getJsonArray("Resources").getJsonObject(0).fieldNames())
        .containsExactlyInAnyOrder("id", "schemas", "userName");
  }

  @Test
  @DisplayName("POST /.search at the root searches every resource type served (today: Users)")
  void search_root() {
    JsonObject request = new JsonObject().put("schemas", new JsonArray().add(SEARCH_REQUEST))
        .put("filter", "userName eq \"u4@contoso.example\"");
    HttpResult searched = gateway.send("POST", path("/.search"), token, request);
    assertThat(searched.status()).as(searched.body()).isEqualTo(200);
    assertThat(userNames(searched)).containsExactly("u4");
    assertThat(searched.json().getJsonArray("schemas").getString(0))
        .isEqualTo("urn:ietf:params:scim:api:messages:2.0:ListResponse");
  }

  @Test
  @DisplayName("a .search body with a wrong schemas or a bad filter is a SCIM 400")
  void search_invalid() {
    HttpResult wrongSchema = gateway.send("POST", path("/Users/.search"), token,
        new JsonObject().put("schemas", new JsonArray().add("urn:nope")));
    assertThat(wrongSchema.status()).isEqualTo(400);
    HttpResult badFilter = gateway.send("POST", path("/Users/.search"), token,
        new JsonObject().put("filter", "displayName zz \"a\""));
    assertThat(badFilter.status()).isEqualTo(400);
    assertThat(badFilter.json().getString("scimType")).isEqualTo("invalidFilter");
  }

  @Test
  @DisplayName("count is capped at 1000 and count=0 answers only totalResults")
  void count_limits() {
    HttpResult many = get("/Users?count=100000");
    assertThat(many.json().getJsonArray("Resources")).hasSize(7);
    HttpResult none = get("/Users?count=0&filter=" + URLEncoder.encode("displayName pr", StandardCharsets.UTF_8));
    assertThat(none.json().getInteger("totalResults")).isEqualTo(6);
    assertThat(none.json().getJsonArray("Resources")).isEmpty();
  }

  @Test
  @DisplayName("/Me answers 501 with a SCIM error: a connector credential has no User resource")
  void me_notImplemented() {
    HttpResult me = get("/Me");
    assertThat(me.status()).isEqualTo(501);
    assertThat(me.json().getJsonArray("schemas").getString(0)).isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
    assertThat(me.json().getString("status")).isEqualTo("501");
  }

  private static HttpResult get(String rest) {
    return gateway.send("GET", path(rest), token, null);
  }

  private static String path(String rest) {
    return RunningGateway.scimPath(connector, rest);
  }

  private static List<String> userNames(HttpResult result) {
    JsonArray resources = result.json().getJsonArray("Resources");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < resources.size(); i++) {
      String userName = resources.getJsonObject(i).getString("userName");
      names.add(userName.substring(0, userName.indexOf('@')));
    }
    return names;
  }

  private static List<String> ids(HttpResult result) {
    JsonArray resources = result.json().getJsonArray("Resources");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < resources.size(); i++) {
      ids.add(resources.getJsonObject(i).getString("id"));
    }
    return ids;
  }
}
