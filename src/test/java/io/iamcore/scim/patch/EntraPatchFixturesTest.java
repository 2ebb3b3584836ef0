package io.iamcore.scim.patch;

import static io.iamcore.scim.patch.TestResources.ENTERPRISE;
import static io.iamcore.scim.patch.TestResources.OTHER_USER_ID;
import static io.iamcore.scim.patch.TestResources.THIRD_USER_ID;
import static io.iamcore.scim.patch.TestResources.USER_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.iamcore.scim.filter.EntraCorpus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays the body of every PATCH fixture in {@code shared/entra-corpus/requests} and compares the
 * whole resulting resource with the expected one. A PATCH fixture without an expectation here
 * fails the build, so a new Entra shape cannot slip past untested.
 */
class EntraPatchFixturesTest {

  /** How to build the starting resource, and what the fixture changes in it. */
  private record Expectation(Supplier<JsonObject> start, Consumer<JsonObject> change, boolean idempotent) {}

  private static final Consumer<JsonObject> ADELE_V = u -> {
    u.put("displayName", "Adele V.");
    email(u).put("value", "adele.v@contoso.example");
    u.getJsonObject("name").put("givenName", "Adela").put("familyName", "Vance");
    u.getJsonObject(ENTERPRISE).put("employeeNumber", "E-100483");
  };

  private static final Map<String, Expectation> EXPECTATIONS = Map.ofEntries(
      Map.entry("11", user(u -> u.put("userName", "adele.vance2@contoso.example"))),
      Map.entry("12", user(u -> {
        email(u).put("value", "adele.v@contoso.example");
        phones(u).getJsonObject(0).put("value", "+1 425 555 0199");
        phones(u).getJsonObject(1).put("value", "+1 425 555 0188");
        u.getJsonArray("addresses").getJsonObject(0).put("streetAddress", "20 Sample Street")
            .put("locality", "Shelbyville").put("postalCode", "98001").put("formatted", "Building 20/1101");
        u.getJsonObject("name").put("familyName", "Vance-Lee");
        u.getJsonObject(ENTERPRISE).put("department", "Retail Operations");
      })),
      Map.entry("13", user(u -> u.put("title", "Senior Retail Manager"))),
      Map.entry("14", user(u -> u.put("title", "Senior Retail Manager"))),
      Map.entry("15", user(ADELE_V.andThen(u -> u.put("externalId", "adela.vance")))),
      Map.entry("16", user(ADELE_V)),
      Map.entry("17", user(u -> u.put("active", false))),
      Map.entry("18", user(u -> u.put("active", false))),
      Map.entry("19", user(u -> u.put("active", false))),
      Map.entry("20", new Expectation(() -> TestResources.entraUser().put("active", false),
          u -> u.put("active", true), true)),
      Map.entry("21", user(u -> u.getJsonObject(ENTERPRISE)
          .put("manager", new JsonObject().put("value", "c4a9e2f0-1b3d-4e5f-8a7b-9c0d1e2f3a44")))),
      Map.entry("22", user(u -> u.getJsonObject(ENTERPRISE)
          .put("manager", new JsonObject().put("value", "e1d2c3b4-a5f6-4789-8abc-def012345678")))),
      Map.entry("23", new Expectation(
          () -> TestResources.entraUserWithManager("c4a9e2f0-1b3d-4e5f-8a7b-9c0d1e2f3a44"),
          u -> u.getJsonObject(ENTERPRISE).remove("manager"), false)),
      Map.entry("28", new Expectation(() -> TestResources.entraGroup(USER_ID, THIRD_USER_ID),
          g -> g.getJsonArray("members").add(new JsonObject().put("value", OTHER_USER_ID)), true)),
      Map.entry("29", new Expectation(() -> TestResources.entraGroup(USER_ID, OTHER_USER_ID, THIRD_USER_ID),
          g -> g.getJsonArray("members").remove(1), true)),
      Map.entry("30", new Expectation(() -> TestResources.entraGroup(USER_ID, OTHER_USER_ID, THIRD_USER_ID),
          g -> g.getJsonArray("members").remove(1), false)),
      Map.entry("31", new Expectation(() -> TestResources.entraGroup(USER_ID),
          g -> g.put("displayName", "Contoso Finance & Ops"), true)));

  private final PatchApplier applier = new PatchApplier();

  private static Expectation user(Consumer<JsonObject> change) {
    return new Expectation(TestResources::entraUser, change, true);
  }

  private static JsonObject email(JsonObject user) {
    return user.getJsonArray("emails").getJsonObject(0);
  }

  private static JsonArray phones(JsonObject user) {
    return user.getJsonArray("phoneNumbers");
  }

  static Stream<String> patchFixtures() {
    return EntraCorpus.all().stream()
        .filter(p -> "PATCH".equals(EntraCorpus.read(p).getString("method")))
        .map(p -> p.getFileName().toString());
  }

  @Test
  void corpus_patchFixtures_allHaveAnExpectation() {
    Set<String> prefixes = patchFixtures().map(f -> f.substring(0, 2)).collect(Collectors.toCollection(TreeSet::new));
    assertThat(prefixes).containsExactlyInAnyOrderElementsOf(EXPECTATIONS.keySet());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("patchFixtures")
  void apply_entraPatchFixture_givesExpectedResource(String fileName) {
    Expectation expectation = EXPECTATIONS.get(fileName.substring(0, 2));
    assertThat(expectation).as("expectation for " + fileName).isNotNull();
    JsonObject fixture = EntraCorpus.read(EntraCorpus.directory().resolve(fileName));
    List<PatchOperation> ops = PatchRequest.parse(fixture.getJsonObject("body"));
    JsonObject start = expectation.start().get();
    JsonObject untouched = start.copy();
    JsonObject expected = start.copy();
    expectation.change().accept(expected);

    PatchResult result = applier.apply(start, ops);

    assertThat(result.resource()).isEqualTo(expected);
    assertThat(result.changed()).isTrue();
    assertThat(start).as("input resource").isEqualTo(untouched);
    if (expectation.idempotent()) {
      PatchResult again = applier.apply(result.resource(), ops);
      assertThat(again.changed()).as("re-sent PATCH changes nothing").isFalse();
      assertThat(again.resource()).isEqualTo(expected);
    }
  }

  @Test
  void apply_fixture12OnUserWithoutMobileOrAddress_createsTypedValues() {
    JsonObject user = TestResources.entraUser();
    user.remove("addresses");
    phones(user).remove(1);
    JsonObject fixture = EntraCorpus.load("12-");

    JsonObject result = applier.apply(user, PatchRequest.parse(fixture.getJsonObject("body"))).resource();

    assertThat(phones(result)).hasSize(3);
    assertThat(phones(result).getJsonObject(2))
        .isEqualTo(new JsonObject().put("type", "mobile").put("value", "+1 425 555 0188"));
    assertThat(result.getJsonArray("addresses")).containsExactly(new JsonObject().put("type", "work")
        .put("streetAddress", "20 Sample Street").put("locality", "Shelbyville").put("postalCode", "98001")
        .put("formatted", "Building 20/1101"));
  }

  @Test
  void apply_fixture16_doesNotStoreDottedOrUrnKeysLiterally() {
    JsonObject result = applier.apply(TestResources.entraUser(),
        PatchRequest.parse(EntraCorpus.load("16-").getJsonObject("body"))).resource();
    assertThat(result.fieldNames()).doesNotContain("name.givenName", "name.familyName", ENTERPRISE + ":employeeNumber");
    assertThat(result.getJsonObject("name").getString("givenName")).isEqualTo("Adela");
  }

  @Test
  void apply_fixture22OnUserWithoutSchemas_stillUsesEnterpriseManager() {
    JsonObject user = TestResources.entraUser();
    user.remove("schemas");
    JsonObject result = applier.apply(user, PatchRequest.parse(EntraCorpus.load("22-").getJsonObject("body"))).resource();
    assertThat(result.containsKey("manager")).isFalse();
    assertThat(result.getJsonObject(ENTERPRISE).getJsonObject("manager"))
        .isEqualTo(new JsonObject().put("value", "e1d2c3b4-a5f6-4789-8abc-def012345678"));
  }

  @Test
  void apply_fixture23WithOtherManager_throwsNoTarget() {
    JsonObject user = TestResources.entraUserWithManager("someone-else");
    org.assertj.core.api.Assertions.assertThatThrownBy(() ->
            applier.apply(user, PatchRequest.parse(EntraCorpus.load("23-").getJsonObject("body"))))
        .isInstanceOfSatisfying(io.iamcore.scim.ScimException.class,
            e -> assertThat(e.scimType()).isEqualTo("noTarget"));
  }

  @Test
  void corpus_directory_isTheSharedOne() {
    assertThat(EntraCorpus.directory()).endsWith(Path.of("entra-corpus", "requests"));
  }
}
