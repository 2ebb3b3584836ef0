package io.iamcore.scim.filter;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FilterEvaluatorTest {

  private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

  private static final JsonObject USER = new JsonObject("""
      {
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "%s"],
        "id": "2819c223-7f76-453a-919d-413861904646",
        "externalId": "Adele.Vance",
        "userName": "Adele.Vance@Contoso.example",
        "displayName": "Adele Vance",
        "nickName": "",
        "title": null,
        "active": "False",
        "loginCount": 12,
        "name": {"givenName": "Adele", "familyName": "Vance"},
        "emails": [
          {"type": "work", "value": "adele@contoso.example", "primary": true},
          {"type": "home", "value": "adele@home.example"}
        ],
        "roles": [],
        "meta": {"lastModified": "2024-03-01T10:00:00Z", "version": "W/\\"abc\\""},
        "%s": {"employeeNumber": "E-100482", "manager": {"value": "c4a9e2f0"}}
      }""".formatted(ENTERPRISE, ENTERPRISE));

  static Stream<Arguments> cases() {
    return Stream.of(
        // case rules: userName is not caseExact, id and externalId are
        Arguments.of("userName eq \"adele.vance@contoso.example\"", true),
        Arguments.of("USERNAME eq \"ADELE.VANCE@CONTOSO.EXAMPLE\"", true),
        Arguments.of("externalId eq \"adele.vance\"", false),
        Arguments.of("externalId eq \"Adele.Vance\"", true),
        Arguments.of("id eq \"2819C223-7F76-453A-919D-413861904646\"", false),
        Arguments.of("id eq \"2819c223-7f76-453a-919d-413861904646\"", true),
        Arguments.of("urn:ietf:params:scim:schemas:core:2.0:User:userName sw \"adele\"", true),
        // string operators
        Arguments.of("displayName co \"ELE V\"", true),
        Arguments.of("displayName sw \"Adele\"", true),
        Arguments.of("displayName ew \"vance\"", true),
        Arguments.of("displayName ne \"Adele Vance\"", false),
        Arguments.of("displayName gt \"Adam\"", true),
        Arguments.of("displayName lt \"Adam\"", false),
        // complex and multi-valued
        Arguments.of("name.familyName eq \"vance\"", true),
        Arguments.of("emails.value ew \"@home.example\"", true),
        Arguments.of("emails co \"contoso\"", true),
        Arguments.of("emails[type eq \"work\" and value co \"@contoso\"]", true),
        Arguments.of("emails[type eq \"home\" and primary eq true]", false),
        Arguments.of("emails[type eq \"work\" and primary eq true]", true),
        Arguments.of("emails[not (type eq \"fax\")]", true),
        // presence
        Arguments.of("title pr", false),
        Arguments.of("nickName pr", false),
        Arguments.of("roles pr", false),
        Arguments.of("name pr", true),
        Arguments.of("missing pr", false),
        Arguments.of("not (missing pr)", true),
        Arguments.of("missing eq null", true),
        Arguments.of("displayName eq null", false),
        Arguments.of("displayName ne null", true),
        Arguments.of("missing ne \"x\"", true),
        // booleans, Entra's "True"/"False" strings on either side
        Arguments.of("active eq false", true),
        Arguments.of("active eq true", false),
        Arguments.of("emails[primary eq \"True\"]", true),
        Arguments.of("active gt false", false),
        // numbers
        Arguments.of("loginCount eq 12.0", true),
        Arguments.of("loginCount gt 11", true),
        Arguments.of("loginCount le 11", false),
        Arguments.of("loginCount co 1", false),
        // dates compare chronologically
        Arguments.of("meta.lastModified gt \"2024-03-01T09:00:00Z\"", true),
        Arguments.of("meta.lastModified gt \"2024-03-01T11:00:00+02:00\"", true),
        Arguments.of("meta.lastModified eq \"2024-03-01T10:00:00.000Z\"", true),
        Arguments.of("meta.lastModified lt \"2024-02-29T23:59:59Z\"", false),
        // enterprise extension, and complex manager compared through its value (fixture 10)
        Arguments.of(ENTERPRISE + ":employeeNumber eq \"e-100482\"", true),
        Arguments.of(ENTERPRISE + ":manager.value eq \"c4a9e2f0\"", true),
        Arguments.of(ENTERPRISE + ":manager eq \"c4a9e2f0\"", true),
        Arguments.of("urn:example:unknown:2.0:User:employeeNumber pr", false),
        // logic
        Arguments.of("userName pr and (title pr or displayName pr)", true),
        Arguments.of("userName pr and not (displayName pr)", false),
        Arguments.of("title pr or missing pr", false));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("cases")
  void matches_filterOnUser_givesExpected(String filter, boolean expected) {
    assertThat(new FilterEvaluator().matches(FilterParser.parse(filter), USER)).isEqualTo(expected);
  }

  @Test
  void matches_caseExactnessFromCaller_overridesDefault() {
    FilterEvaluator exactUserName = new FilterEvaluator(path -> path.isAttribute("userName"));
    assertThat(exactUserName.matches(FilterParser.parse("userName eq \"adele.vance@contoso.example\""), USER)).isFalse();
    FilterEvaluator lenient = new FilterEvaluator(CaseExactness.never());
    assertThat(lenient.matches(FilterParser.parse("externalId eq \"adele.vance\""), USER)).isTrue();
  }

  @Test
  void matches_valuePathInnerPath_seesCombinedPathForCaseExactness() {
    JsonObject group = new JsonObject().put("members", new io.vertx.core.json.JsonArray()
        .add(new JsonObject().put("value", "AbC")));
    FilterEvaluator evaluator = new FilterEvaluator();
    assertThat(evaluator.matches(FilterParser.parse("members[value eq \"abc\"]"), group)).isFalse();
    assertThat(evaluator.matches(FilterParser.parse("members[value eq \"AbC\"]"), group)).isTrue();
  }

  @Test
  void matches_entraManagerReferenceCheck_matchesLinkedManager() {
    JsonObject user = new JsonObject().put("id", "7d3f1c2a-5b8e-4f60-9a1d-2c4e6b8f0a11")
        .put(ENTERPRISE, new JsonObject().put("manager", new JsonObject().put("value", "c4a9e2f0-1b3d-4e5f-8a7b-9c0d1e2f3a44")));
    Filter filter = FilterParser.parse(EntraCorpus.filterOf(EntraCorpus.load("10-")));
    assertThat(new FilterEvaluator().matches(filter, user)).isTrue();
    assertThat(new FilterEvaluator().matches(filter, user.copy().put(ENTERPRISE, new JsonObject()))).isFalse();
  }

  @Test
  void matchesElement_simpleValue_isSeenAsValueSubAttribute() {
    assertThat(new FilterEvaluator().matchesElement(FilterParser.parse("value eq \"x\""), AttrPath.of("roles"), "X")).isTrue();
  }
}
