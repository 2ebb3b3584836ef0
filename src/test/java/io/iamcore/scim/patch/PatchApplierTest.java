package io.iamcore.scim.patch;

import static io.iamcore.scim.patch.TestResources.ENTERPRISE;
import static io.iamcore.scim.patch.TestResources.OTHER_USER_ID;
import static io.iamcore.scim.patch.TestResources.USER_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iamcore.scim.ScimException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PatchApplierTest {

  private final PatchApplier applier = new PatchApplier();

  private static List<PatchOperation> ops(String operations) {
    return PatchRequest.parse(new JsonObject(
        "{\"schemas\":[\"" + PatchRequest.PATCH_OP_SCHEMA + "\"],\"Operations\":" + operations + "}"));
  }

  private PatchResult apply(JsonObject resource, String operations) {
    return applier.apply(resource, ops(operations));
  }

  @Test
  void apply_secondOperationFails_throwsAndLeavesInputUntouched() {
    JsonObject user = TestResources.entraUser();
    JsonObject before = user.copy();
    assertThatThrownBy(() -> apply(user,
        "[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"X\"},{\"op\":\"replace\",\"path\":\"id\",\"value\":\"y\"}]"))
        .isInstanceOfSatisfying(ScimException.class, e -> {
          assertThat(e.scimType()).isEqualTo("mutability");
          assertThat(e.detail()).startsWith("Operations[1]: ");
        });
    assertThat(user).isEqualTo(before);
  }

  @Test
  void apply_success_neverMutatesInputOrOperationValues() {
    JsonObject group = TestResources.entraGroup(USER_ID);
    JsonObject before = group.copy();
    List<PatchOperation> ops = ops("[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + OTHER_USER_ID + "\"}]}]");
    PatchResult result = applier.apply(group, ops);
    result.resource().getJsonArray("members").getJsonObject(1).put("value", "tampered");
    assertThat(group).isEqualTo(before);
    assertThat(applier.apply(group, ops).resource().getJsonArray("members").getJsonObject(1).getString("value"))
        .isEqualTo(OTHER_USER_ID);
  }

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of("[{\"op\":\"replace\",\"path\":\"id\",\"value\":\"x\"}]", "mutability"),
        Arguments.of("[{\"op\":\"remove\",\"path\":\"ID\"}]", "mutability"),
        Arguments.of("[{\"op\":\"add\",\"path\":\"meta.lastModified\",\"value\":\"2020-01-01T00:00:00Z\"}]", "mutability"),
        Arguments.of("[{\"op\":\"remove\",\"path\":\"meta\"}]", "mutability"),
        Arguments.of("[{\"op\":\"replace\",\"path\":\"schemas\",\"value\":[]}]", "mutability"),
        Arguments.of("[{\"op\":\"replace\",\"value\":{\"id\":\"other\"}}]", "mutability"),
        Arguments.of("[{\"op\":\"replace\",\"path\":\"userName\",\"value\":\"\"}]", "invalidValue"),
        Arguments.of("[{\"op\":\"replace\",\"path\":\"userName\",\"value\":\"  \"}]", "invalidValue"),
        Arguments.of("[{\"op\":\"replace\",\"path\":\"userName\",\"value\":42}]", "invalidValue"),
        Arguments.of("[{\"op\":\"replace\",\"value\":{\"userName\":\"\"}}]", "invalidValue"),
        Arguments.of("[{\"op\":\"remove\",\"path\":\"userName\"}]", "invalidValue"),
        Arguments.of("[{\"op\":\"replace\",\"path\":\"active\",\"value\":\"yes\"}]", "invalidValue"),
        Arguments.of("[{\"op\":\"replace\",\"value\":\"not an object\"}]", "invalidValue"),
        Arguments.of("[{\"op\":\"replace\",\"path\":\"name\",\"value\":\"flat\"}]", "invalidValue"),
        Arguments.of("[{\"op\":\"remove\",\"path\":\"emails[type eq \\\"home\\\"]\"}]", "noTarget"),
        Arguments.of("[{\"op\":\"remove\",\"path\":\"emails[type eq \\\"home\\\"].value\"}]", "noTarget"),
        Arguments.of("[{\"op\":\"remove\",\"path\":\"ims[type eq \\\"aim\\\"]\"}]", "noTarget"),
        Arguments.of("[{\"op\":\"replace\",\"path\":\"emails[value co \\\"@nowhere\\\"].type\",\"value\":\"x\"}]", "noTarget"),
        Arguments.of("[{\"op\":\"add\",\"path\":\"emails[type eq \\\"home\\\" or type eq \\\"other\\\"].value\",\"value\":\"x\"}]", "noTarget"),
        Arguments.of("[{\"op\":\"replace\",\"path\":\"title.sub\",\"value\":\"x\"}]", "invalidPath"),
        Arguments.of("[{\"op\":\"replace\",\"value\":{\"bad key\":\"x\"}}]", "invalidPath"),
        Arguments.of("[{\"op\":\"remove\",\"path\":\"urn:ietf:params:scim:schemas:core:2.0:User\"}]", "invalidPath"));
  }

  @ParameterizedTest(name = "[{index}] {1}: {0}")
  @MethodSource("failures")
  void apply_invalidOperation_throwsScimTypeAndKeepsInput(String operations, String scimType) {
    JsonObject user = TestResources.entraUser();
    JsonObject before = user.copy();
    assertThatThrownBy(() -> apply(user, operations))
        .isInstanceOfSatisfying(ScimException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.scimType()).isEqualTo(scimType);
        });
    assertThat(user).isEqualTo(before);
  }

  static Stream<Arguments> activeValues() {
    return Stream.of(Arguments.of("\"True\"", true), Arguments.of("\"False\"", false),
        Arguments.of("\"TRUE\"", true), Arguments.of("\"false\"", false), Arguments.of("true", true),
        Arguments.of("false", false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("activeValues")
  void apply_activeAsEntraStringOrBoolean_storesBoolean(String value, boolean expected) {
    JsonObject user = TestResources.entraUser().put("active", !expected);
    assertThat(apply(user, "[{\"op\":\"Replace\",\"path\":\"active\",\"value\":" + value + "}]").resource().getValue("active"))
        .isEqualTo(expected);
    assertThat(apply(user, "[{\"op\":\"replace\",\"value\":{\"active\":" + value + "}}]").resource().getValue("active"))
        .isEqualTo(expected);
  }

  @Test
  void apply_attributeNameInOtherCase_keepsStoredSpelling() {
    PatchResult result = apply(TestResources.entraUser(),
        "[{\"op\":\"REPLACE\",\"path\":\"USERNAME\",\"value\":\"x@contoso.example\"},"
            + "{\"op\":\"replace\",\"path\":\"NAME.GIVENNAME\",\"value\":\"Ada\"},"
            + "{\"op\":\"replace\",\"path\":\"URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER:DEPARTMENT\",\"value\":\"Ops\"}]");
    JsonObject user = result.resource();
    assertThat(user.getString("userName")).isEqualTo("x@contoso.example");
    assertThat(user.containsKey("USERNAME")).isFalse();
    assertThat(user.getJsonObject("name").getString("givenName")).isEqualTo("Ada");
    assertThat(user.getJsonObject("name").fieldNames()).doesNotContain("GIVENNAME");
    assertThat(user.getJsonObject(ENTERPRISE).getString("department")).isEqualTo("Ops");
  }

  @Test
  void apply_newAttributeInOtherCase_usesCanonicalSpelling() {
    JsonObject result = apply(new JsonObject().put("userName", "a"),
        "[{\"op\":\"add\",\"path\":\"NICKNAME\",\"value\":\"n\"},{\"op\":\"add\",\"path\":\"PHONENUMBERS\",\"value\":{\"value\":\"1\"}}]").resource();
    assertThat(result).isEqualTo(new JsonObject().put("userName", "a").put("nickName", "n")
        .put("phoneNumbers", new JsonArray().add(new JsonObject().put("value", "1"))));
  }

  @Test
  void apply_pathlessCompliantReplace_appliesDottedUrnAndNestedKeys() {
    JsonObject result = apply(TestResources.entraUser(), "[{\"op\":\"replace\",\"value\":{"
        + "\"name.givenName\":\"Adela\","
        + "\"" + ENTERPRISE + ":employeeNumber\":\"E-2\","
        + "\"" + ENTERPRISE + "\":{\"costCenter\":\"CC-1\"},"
        + "\"name\":{\"middleName\":\"M\"},"
        + "\"emails[type eq \\\"home\\\"].value\":\"a@home.example\","
        + "\"nickName\":null}}]").resource();
    assertThat(result.getJsonObject("name")).isEqualTo(new JsonObject()
        .put("formatted", "Adele Vance").put("familyName", "Vance").put("givenName", "Adela").put("middleName", "M"));
    assertThat(result.getJsonObject(ENTERPRISE)).isEqualTo(new JsonObject()
        .put("employeeNumber", "E-2").put("department", "Retail").put("costCenter", "CC-1"));
    assertThat(result.getJsonArray("emails")).hasSize(2);
    assertThat(result.getJsonArray("emails").getJsonObject(1))
        .isEqualTo(new JsonObject().put("type", "home").put("value", "a@home.example"));
  }

  @Test
  void apply_pathlessReplaceEchoingReadOnlyValues_isNoOp() {
    JsonObject user = TestResources.entraUser();
    PatchResult result = applier.apply(user, ops("[{\"op\":\"replace\",\"value\":{\"id\":\"" + USER_ID
        + "\",\"meta\":" + user.getJsonObject("meta").encode() + ",\"displayName\":\"Adele Vance\"}}]"));
    assertThat(result.changed()).isFalse();
  }

  @Test
  void apply_addExistingMember_isNoOpAndReportsUnchanged() {
    JsonObject group = TestResources.entraGroup(USER_ID, OTHER_USER_ID);
    PatchResult result = apply(group, "[{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"$ref\":null,\"value\":\"" + USER_ID + "\"}]}]");
    assertThat(result.changed()).isFalse();
    assertThat(result.resource()).isEqualTo(group);
  }

  @Test
  void apply_addMembersWithDuplicatesInOneRequest_addsEachOnce() {
    JsonObject group = TestResources.entraGroup();
    PatchResult result = apply(group, "[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"a\"},{\"value\":\"a\"},{\"value\":\"b\"}]}]");
    assertThat(result.resource().getJsonArray("members"))
        .containsExactly(new JsonObject().put("value", "a"), new JsonObject().put("value", "b"));
  }

  @Test
  void apply_legacyRemoveMembersWithValue_removesOnlyListedAndIgnoresUnknown() {
    JsonObject group = TestResources.entraGroup(USER_ID, OTHER_USER_ID);
    PatchResult result = apply(group, "[{\"op\":\"Remove\",\"path\":\"members\",\"value\":[{\"value\":\"" + OTHER_USER_ID
        + "\"},{\"value\":\"not-a-member\"}]}]");
    assertThat(result.resource().getJsonArray("members")).hasSize(1);
    assertThat(result.resource().getJsonArray("members").getJsonObject(0).getString("value")).isEqualTo(USER_ID);
  }

  @Test
  void apply_removeLastMember_leavesAttributeUnassigned() {
    JsonObject result = apply(TestResources.entraGroup(USER_ID),
        "[{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + USER_ID + "\\\"]\"}]").resource();
    assertThat(result.containsKey("members")).isFalse();
  }

  @Test
  void apply_removeMembersWithoutValue_removesAll() {
    JsonObject result = apply(TestResources.entraGroup(USER_ID, OTHER_USER_ID),
        "[{\"op\":\"remove\",\"path\":\"members\"}]").resource();
    assertThat(result.containsKey("members")).isFalse();
  }

  @Test
  void apply_replaceMultiValued_replacesAllValues() {
    JsonObject result = apply(TestResources.entraUser(),
        "[{\"op\":\"replace\",\"path\":\"emails\",\"value\":[{\"type\":\"home\",\"value\":\"h@x\"}]}]").resource();
    assertThat(result.getJsonArray("emails")).containsExactly(new JsonObject().put("type", "home").put("value", "h@x"));
  }

  @Test
  void apply_addPrimaryEmail_clearsOtherPrimary() {
    JsonObject result = apply(TestResources.entraUser(),
        "[{\"op\":\"add\",\"path\":\"emails\",\"value\":[{\"type\":\"home\",\"value\":\"h@x\",\"primary\":true}]}]").resource();
    JsonArray emails = result.getJsonArray("emails");
    assertThat(emails.getJsonObject(0).getBoolean("primary")).isFalse();
    assertThat(emails.getJsonObject(1).getBoolean("primary")).isTrue();
  }

  @Test
  void apply_removeSubAttributes_removesOnlyThem() {
    JsonObject result = apply(TestResources.entraUser(), "["
        + "{\"op\":\"remove\",\"path\":\"name.givenName\"},"
        + "{\"op\":\"remove\",\"path\":\"phoneNumbers[type eq \\\"fax\\\"]\"},"
        + "{\"op\":\"remove\",\"path\":\"addresses[type eq \\\"work\\\"].formatted\"},"
        + "{\"op\":\"remove\",\"path\":\"" + ENTERPRISE + ":department\"},"
        + "{\"op\":\"remove\",\"path\":\"nickName\"}]").resource();
    assertThat(result.getJsonObject("name").containsKey("givenName")).isFalse();
    assertThat(result.getJsonArray("phoneNumbers")).hasSize(2);
    assertThat(result.getJsonArray("addresses").getJsonObject(0).containsKey("formatted")).isFalse();
    assertThat(result.getJsonObject(ENTERPRISE).fieldNames()).containsExactly("employeeNumber");
  }

  @Test
  void apply_removeAbsentAttribute_isNoOp() {
    PatchResult result = apply(TestResources.entraUser(), "[{\"op\":\"remove\",\"path\":\"nickName\"},"
        + "{\"op\":\"remove\",\"path\":\"urn:example:ext:1.0:User:thing\"}]");
    assertThat(result.changed()).isFalse();
  }

  @Test
  void apply_addToNewExtension_createsItAndDeclaresSchema() {
    JsonObject user = TestResources.entraUser();
    user.remove(ENTERPRISE);
    user.put("schemas", new JsonArray().add("urn:ietf:params:scim:schemas:core:2.0:User"));
    JsonObject result = apply(user, "[{\"op\":\"add\",\"path\":\"" + ENTERPRISE + ":department\",\"value\":\"Ops\"}]").resource();
    assertThat(result.getJsonObject(ENTERPRISE)).isEqualTo(new JsonObject().put("department", "Ops"));
    assertThat(result.getJsonArray("schemas")).contains(ENTERPRISE);
  }

  @Test
  void apply_removeWholeExtension_removesObjectAndSchema() {
    JsonObject result = apply(TestResources.entraUser(), "[{\"op\":\"remove\",\"path\":\"" + ENTERPRISE + "\"}]").resource();
    assertThat(result.containsKey(ENTERPRISE)).isFalse();
    assertThat(result.getJsonArray("schemas")).doesNotContain(ENTERPRISE);
  }

  @Test
  void apply_managerInEveryEntraShape_storesValueObject() {
    String[] values = {"\"m1\"", "[{\"$ref\":\"https://x/Users/m1\",\"value\":\"m1\"}]", "{\"value\":\"m1\"}"};
    String[] paths = {"manager", ENTERPRISE + ":manager"};
    for (String path : paths) {
      for (String value : values) {
        JsonObject result = apply(TestResources.entraUser(),
            "[{\"op\":\"replace\",\"path\":\"" + path + "\",\"value\":" + value + "}]").resource();
        assertThat(result.getJsonObject(ENTERPRISE).getJsonObject("manager")).as(path + " " + value)
            .isEqualTo(new JsonObject().put("value", "m1"));
      }
    }
  }

  @Test
  void apply_removeManagerByPlainPath_removesIt() {
    JsonObject result = apply(TestResources.entraUserWithManager("m1"),
        "[{\"op\":\"remove\",\"path\":\"" + ENTERPRISE + ":manager\"}]").resource();
    assertThat(result.getJsonObject(ENTERPRISE).containsKey("manager")).isFalse();
  }

  @Test
  void apply_addComplexValue_mergesSubAttributes() {
    JsonObject result = apply(TestResources.entraUser(),
        "[{\"op\":\"add\",\"path\":\"name\",\"value\":{\"honorificPrefix\":\"Ms.\",\"givenName\":\"Ada\"}}]").resource();
    assertThat(result.getJsonObject("name")).isEqualTo(new JsonObject().put("formatted", "Adele Vance")
        .put("familyName", "Vance").put("givenName", "Ada").put("honorificPrefix", "Ms."));
  }

  @Test
  void apply_identicalValuesResent_reportsUnchanged() {
    PatchResult result = apply(TestResources.entraUser(), "[{\"op\":\"Replace\",\"path\":\"displayName\",\"value\":\"Adele Vance\"},"
        + "{\"op\":\"Replace\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"adele.vance@contoso.example\"},"
        + "{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"True\"}]");
    assertThat(result.changed()).isFalse();
  }

  @Test
  void apply_filterOnSimpleMultiValued_replacesMatchingValue() {
    JsonObject user = new JsonObject().put("userName", "u").put("roles", new JsonArray().add("a").add("b"));
    JsonObject result = apply(user, "[{\"op\":\"replace\",\"path\":\"roles[value eq \\\"b\\\"]\",\"value\":\"c\"}]").resource();
    assertThat(result.getJsonArray("roles")).containsExactly("a", "c");
  }
}
