package io.iamcore.scim.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamcore.scim.filter.FilterEvaluator;
import io.iamcore.scim.filter.FilterParser;
import io.iamcore.scim.schema.CoreSchemas;
import io.iamcore.scim.schema.SchemaRegistry;
import io.iamcore.testing.GatewayTestBase;
import io.iamcore.testing.HttpResult;
import io.iamcore.testing.RunningGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 7644 §3.4.2.2 filtering, against the real server and database: a table of filters and the
 * users each must return, over one connector seeded with 20 users of varied shapes (case, Unicode
 * forms, LIKE wildcards in values, multi-valued attributes, the enterprise extension, Entra's
 * "True" strings, attributes no schema defines, odd key spellings).
 */
class ScimFilterConformanceTest extends GatewayTestBase {

  private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  private static final List<String> ALL = List.of("alice", "bob", "carol", "dave_1", "dave11", "erin", "frank",
      "heidi", "ivan", "judy", "mallory", "niaj", "olivia", "peggy", "rupert", "sybil", "trent", "victor",
      "walter", "xena");

  private static String connector;
  private static String token;
  private static final List<JsonObject> created = new ArrayList<>();

  @BeforeAll
  static void seed() {
    String tenant = UUID.randomUUID().toString();
    connector = gateway.createScimConnector(tenant).getString("id");
    token = gateway.issueSecret(tenant, connector);
    for (JsonObject user : users()) {
      HttpResult result = gateway.send("POST", RunningGateway.scimPath(connector, "/Users"), token, user);
      assertThat(result.status()).as(result.body()).isEqualTo(201);
      created.add(result.json());
    }
  }

  private static List<JsonObject> users() {
    return List.of(
        user("alice").put("externalId", "A-1").put("displayName", "Alice Archer").put("title", "Engineer")
            .put("name", new JsonObject().put("givenName", "Alice").put("familyName", "Archer"))
            .put("emails", new JsonArray()
                .add(email("alice@contoso.example", "work").put("primary", true))
                .add(email("alice@home.example", "home")))
            .put(ENTERPRISE, new JsonObject().put("employeeNumber", "1001").put("department", "R&D")
                .put("manager", new JsonObject().put("value", "mgr-1"))),
        user("bob").put("externalId", "B-2").put("displayName", "Bob Baker").put("title", "engineer")
            .put("active", false)
            .put("name", new JsonObject().put("givenName", "Bob").put("familyName", "Baker"))
            .put("emails", new JsonArray().add(email("bob@fabrikam.example", "work")))
            .put(ENTERPRISE, new JsonObject().put("employeeNumber", "1002").put("department", "Sales")),
        user("Carol").put("externalId", "c-3").put("displayName", "Carol Chen")
            // Entra's legacy dialect leaves booleans inside multi-valued attributes as strings.
            .put("emails", new JsonArray().add(email("carol@contoso.example", "work").put("primary", "True"))),
        user("dave_1").put("externalId", "D-4").put("displayName", "100% Dave")
            .put(ENTERPRISE, new JsonObject().put("department", "R&D")),
        user("dave11").put("displayName", "Dave Eleven"),
        user("erin").put("displayName", "\uFF25\uFF32\uFF29\uFF2E Example"),  // fullwidth ＥＲＩＮ
        user("frank"),
        user("heidi").put("displayName", "Heidi")
            .put("phoneNumbers", new JsonArray().add(new JsonObject().put("value", "+1 555 0100").put("type", "mobile")))
            .put("addresses", new JsonArray().add(new JsonObject().put("locality", "Seattle").put("type", "work"))),
        user("ivan").put("displayName", "Ivan").put("costCode", "X-9").put("level", 5),
        user("judy").put("displayName", "Judy").put("level", 12),
        user("mallory").put("displayName", "Mallory")
            .put(ENTERPRISE, new JsonObject().put("employeeNumber", "2001").put("costCenter", "CC-7")),
        user("niaj").put("displayName", "Niaj")
            .put("emails", new JsonArray().add(email("NIAJ@CONTOSO.EXAMPLE", "Work"))),
        user("olivia").put("displayName", "Olivia").put("title", "Director"),
        user("peggy").put("displayName", "Peggy").put("nickName", "peg"),
        user("rupert").put("DISPLAYNAME", "Rupert Case"),  // a client's own spelling of the name
        user("sybil").put("displayName", "Sybil").put("userType", "Contractor"),
        user("trent").put("externalId", "T-18").put("displayName", "Trent").put("active", "False"),
        user("victor").put("displayName", "Victor").put("emails", new JsonArray()),
        user("walter").put("displayName", "Walter O'Brien \\ \"W\""),
        user("xena").put("displayName", "Xena").put("title", "Director of R_D"));
  }

  private static JsonObject user(String local) {
    return new JsonObject()
        .put("schemas", new JsonArray().add("urn:ietf:params:scim:schemas:core:2.0:User").add(ENTERPRISE))
        .put("userName", local + "@contoso.example")
        .put("active", true);
  }

  private static JsonObject email(String value, String type) {
    return new JsonObject().put("value", value).put("type", type);
  }

  static Stream<Arguments> filters() {
    return Stream.of(
        // userName: case-insensitive, NFKC, through name_key; wildcards in the literal are literal.
        row("userName eq \"CAROL@contoso.example\"", "carol"),
        row("USERNAME eq \"alice@contoso.example\"", "alice"),
        row("userName sw \"CAR\"", "carol"),
        row("userName sw \"dave_\"", "dave_1"),
        row("userName co \"%\""),
        row("userName ew \"@CONTOSO.EXAMPLE\" and userName sw \"d\"", "dave_1", "dave11"),
        row("userName gt \"v\"", "victor", "walter", "xena"),
        // strings: case-insensitive unless caseExact; NFKC; the client's key spelling.
        row("displayName eq \"erin example\"", "erin"),
        row("displayName eq \"rupert case\"", "rupert"),
        row("displayName co \"100%\"", "dave_1"),
        row("displayName co \"o'brien \\\\ \\\"w\\\"\"", "walter"),
        row("title eq \"engineer\"", "alice", "bob"),
        row("title co \"r_d\"", "xena"),
        row("title sw \"dir\"", "olivia", "xena"),
        row("title ne \"engineer\"", except("alice", "bob")),
        row("not (title pr)", except("alice", "bob", "olivia", "xena")),
        // externalId is caseExact.
        row("externalId eq \"c-3\"", "carol"),
        row("externalId eq \"C-3\""),
        row("externalId sw \"c\"", "carol"),
        row("externalId pr", "alice", "bob", "carol", "dave_1", "trent"),
        row("externalId pr and not (externalId eq \"A-1\")", "bob", "carol", "dave_1", "trent"),
        // booleans, including Entra's "True"/"False" strings on either side.
        row("active eq false", "bob", "trent"),
        row("active eq \"False\"", "bob", "trent"),
        row("active ne true", "bob", "trent"),
        row("emails[primary eq true]", "alice", "carol"),
        // multi-valued attributes and value paths: both conditions on the same element.
        row("emails[type eq \"work\" and value co \"@contoso\"]", "alice", "carol", "niaj"),
        row("emails[type eq \"home\" and value co \"@contoso\"]"),
        row("emails[type eq \"home\"]", "alice"),
        row("emails.value ew \"@fabrikam.example\"", "bob"),
        row("emails co \"fabrikam\"", "bob"),
        row("emails pr", "alice", "bob", "carol", "niaj"),
        row("phoneNumbers[type eq \"mobile\"] and addresses.locality eq \"seattle\"", "heidi"),
        // sub-attributes and schema-qualified names.
        row("name.familyName eq \"archer\"", "alice"),
        row("urn:ietf:params:scim:schemas:core:2.0:User:name.givenName sw \"b\"", "bob"),
        // the enterprise extension, qualified or not; manager compares through its (caseExact) value.
        row(ENTERPRISE + ":employeeNumber eq \"1002\"", "bob"),
        row(ENTERPRISE + ":department eq \"r&d\"", "alice", "dave_1"),
        row("employeeNumber sw \"100\"", "alice", "bob"),
        row("costCenter pr", "mallory"),
        row("manager eq \"mgr-1\"", "alice"),
        row(ENTERPRISE + ":manager.value eq \"MGR-1\""),
        // attributes no schema defines: typed by the literal, case-insensitive.
        row("level gt 10", "judy"),
        row("level le 5", "ivan"),
        row("costCode eq \"x-9\"", "ivan"),
        row("nonexistent eq \"x\""),
        row("urn:example:custom:2.0:User:foo eq \"bar\""),
        // logic and grouping.
        row("nickName eq \"peg\" or userType eq \"contractor\"", "peggy", "sybil"),
        row("(title eq \"engineer\" or title eq \"director\") and active eq true", "alice", "olivia"),
        row("not (active eq true or title pr)", "trent"),
        row("meta.resourceType eq \"User\"", ALL.toArray(String[]::new)),
        row("id pr and displayName eq null", "frank"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("filters")
  @DisplayName("each filter returns exactly the users it describes, in SQL and in memory alike")
  void filter_returnsMatchingUsers(String filter, Set<String> expected) {
    HttpResult result = list(filter);
    assertThat(result.status()).as(result.body()).isEqualTo(200);
    assertThat(names(result)).as(filter).isEqualTo(expected);
    assertThat(result.json().getInteger("totalResults")).isEqualTo(expected.size());
    // The in-memory evaluator (PATCH value paths, the probe path) must agree with the SQL.
    Set<String> inMemory = new TreeSet<>();
    for (JsonObject user : all()) {
      if (EVALUATOR.matches(FilterParser.parse(filter), user)) {
        inMemory.add(local(user));
      }
    }
    assertThat(inMemory).as("in-memory evaluation of " + filter).isEqualTo(expected);
  }

  private static final FilterEvaluator EVALUATOR =
      new FilterEvaluator(SchemaRegistry.rfc7643().caseExactness(CoreSchemas.USER_TYPE));

  private static List<JsonObject> all() {
    JsonArray resources = gateway.send("GET", path("/Users?count=1000"), token, null).json().getJsonArray("Resources");
    List<JsonObject> users = new ArrayList<>();
    resources.forEach(user -> users.add((JsonObject) user));
    return users;
  }

  @Test
  @DisplayName("meta.created and meta.lastModified compare as instants")
  void filter_dates() {
    List<JsonObject> byCreation = created.stream()
        .sorted((a, b) -> instant(a, "created").compareTo(instant(b, "created"))).toList();
    JsonObject pivot = byCreation.get(10);
    String at = pivot.getJsonObject("meta").getString("created");
    Set<String> later = byCreation.stream().filter(u -> instant(u, "created").isAfter(Instant.parse(at)))
        .map(ScimFilterConformanceTest::local).collect(Collectors.toCollection(TreeSet::new));
    assertThat(names(list("meta.created gt \"" + at + "\""))).isEqualTo(later);
    Set<String> fromPivot = new TreeSet<>(later);
    fromPivot.add(local(pivot));
    assertThat(names(list("meta.created ge \"" + at + "\""))).isEqualTo(fromPivot);
    assertThat(names(list("meta.lastModified eq \"" + pivot.getJsonObject("meta").getString("lastModified") + "\"")))
        .contains(local(pivot));
    assertThat(names(list("meta.lastModified lt \"2000-01-01T00:00:00Z\""))).isEmpty();
  }

  @Test
  @DisplayName("id eq and meta.version eq find the one user")
  void filter_idAndVersion() {
    JsonObject alice = created.get(0);
    assertThat(names(list("id eq \"" + alice.getString("id") + "\""))).containsExactly("alice");
    assertThat(names(list("id eq \"" + alice.getString("id") + "\" or userName eq \"bob@contoso.example\"")))
        .containsExactly("alice", "bob");
    assertThat(names(list("meta.version eq \"" + alice.getJsonObject("meta").getString("version").replace("\"", "\\\"")
        + "\" and id eq \"" + alice.getString("id") + "\""))).containsExactly("alice");
    assertThat(names(list("id eq \"not-a-uuid\" or id co \"zz\""))).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @DisplayName("filters that cannot apply to the attribute's type are 400 invalidFilter, naming the problem")
  @MethodSource("invalidFilters")
  void filter_invalid(String filter, String detailFragment) {
    HttpResult result = list(filter);
    assertThat(result.status()).as(result.body()).isEqualTo(400);
    assertThat(result.json().getString("scimType")).isEqualTo("invalidFilter");
    assertThat(result.json().getString("detail")).contains(detailFragment);
  }

  static Stream<Arguments> invalidFilters() {
    return Stream.of(
        Arguments.of("active gt true", "boolean"),
        Arguments.of("active eq \"yes\"", "boolean"),
        Arguments.of("meta.created co \"2026\"", "co does not apply"),
        Arguments.of("meta.created gt \"yesterday\"", "dateTime"),
        Arguments.of("password eq \"secret\"", "never returned"),
        Arguments.of("meta eq \"x\"", "meta is complex"),
        Arguments.of("userName eq \"x\" and (", "position"),
        Arguments.of("displayName lt null", "null"));
  }

  @Test
  @DisplayName("filtered lists page with startIndex and count over the same totalResults")
  void filter_pages() {
    String filter = "userName ew \"@contoso.example\"";
    HttpResult page = gateway.send("GET", path("/Users?filter=" + encode(filter) + "&startIndex=19&count=5"), token, null);
    assertThat(page.json().getInteger("totalResults")).isEqualTo(20);
    assertThat(page.json().getInteger("startIndex")).isEqualTo(19);
    assertThat(page.json().getJsonArray("Resources")).hasSize(2);
  }

  private static HttpResult list(String filter) {
    return gateway.send("GET", path("/Users?count=1000&filter=" + encode(filter)), token, null);
  }

  static String path(String rest) {
    return RunningGateway.scimPath(connector, rest);
  }

  static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  static Set<String> names(HttpResult result) {
    JsonArray resources = result.json().getJsonArray("Resources");
    Set<String> names = new TreeSet<>();
    for (int i = 0; i < resources.size(); i++) {
      names.add(local(resources.getJsonObject(i)));
    }
    return names;
  }

  private static String local(JsonObject user) {
    String userName = user.getString("userName");
    return userName.substring(0, userName.indexOf('@')).toLowerCase(Locale.ROOT);
  }

  private static Instant instant(JsonObject user, String field) {
    return Instant.parse(user.getJsonObject("meta").getString(field));
  }

  private static String[] except(String... names) {
    List<String> rest = new ArrayList<>(ALL);
    rest.removeAll(Arrays.asList(names));
    return rest.toArray(String[]::new);
  }

  private static Row row(String filter, String... expected) {
    return new Row(filter, new TreeSet<>(Arrays.asList(expected)));
  }

  /** A table row; an {@link Arguments} of (filter, expected names). */
  private record Row(String filter, Set<String> expected) implements Arguments {
    @Override
    public Object[] get() {
      return new Object[] {filter, expected};
    }
  }
}
