package io.iamcore.scim.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iamcore.scim.ScimException;
import io.iamcore.scim.filter.AttrPath;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PatchRequestTest {

  private static JsonObject body(String operations) {
    return new JsonObject("{\"schemas\":[\"" + PatchRequest.PATCH_OP_SCHEMA + "\"],\"Operations\":" + operations + "}");
  }

  static Stream<Arguments> opNames() {
    return Stream.of(
        Arguments.of("add", PatchOperation.Add.class), Arguments.of("Add", PatchOperation.Add.class),
        Arguments.of("ADD", PatchOperation.Add.class), Arguments.of("replace", PatchOperation.Replace.class),
        Arguments.of("Replace", PatchOperation.Replace.class), Arguments.of("remove", PatchOperation.Remove.class),
        Arguments.of("Remove", PatchOperation.Remove.class));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("opNames")
  void parse_opInAnyCase_givesOperationType(String op, Class<?> type) {
    List<PatchOperation> ops = PatchRequest.parse(body("[{\"op\":\"" + op + "\",\"path\":\"title\",\"value\":\"x\"}]"));
    assertThat(ops).singleElement().isInstanceOf(type);
    assertThat(ops.get(0).path()).isEqualTo(PatchPath.of(AttrPath.of("title")));
  }

  @Test
  void parse_operationsBeforeSchemas_isAccepted() {
    JsonObject body = new JsonObject().put("Operations", new JsonArray().add(
        new JsonObject().put("op", "Replace").put("path", "active").put("value", false)))
        .put("schemas", new JsonArray().add(PatchRequest.PATCH_OP_SCHEMA));
    assertThat(PatchRequest.parse(body)).containsExactly(
        new PatchOperation.Replace(PatchPath.of(AttrPath.of("active")), false));
  }

  @Test
  void parse_pathlessReplaceAndLegacyRemoveValue_keepValues() {
    List<PatchOperation> ops = PatchRequest.parse(body(
        "[{\"op\":\"replace\",\"value\":{\"name.givenName\":\"A\"}},"
            + "{\"op\":\"Remove\",\"path\":\"members\",\"value\":[{\"value\":\"1\"}]}]"));
    assertThat(ops.get(0).path()).isNull();
    assertThat(ops.get(0).value()).isEqualTo(new JsonObject().put("name.givenName", "A"));
    assertThat(ops.get(1).value()).isEqualTo(new JsonArray().add(new JsonObject().put("value", "1")));
  }

  @Test
  void parse_valueObject_isCopiedFromBody() {
    JsonObject body = body("[{\"op\":\"add\",\"path\":\"name\",\"value\":{\"givenName\":\"A\"}}]");
    List<PatchOperation> ops = PatchRequest.parse(body);
    body.getJsonArray("Operations").getJsonObject(0).getJsonObject("value").put("givenName", "changed");
    assertThat(ops.get(0).value()).isEqualTo(new JsonObject().put("givenName", "A"));
  }

  static Stream<Arguments> invalidBodies() {
    String schemas = "\"schemas\":[\"" + PatchRequest.PATCH_OP_SCHEMA + "\"]";
    String tooMany = "[" + "{\"op\":\"add\",\"path\":\"title\",\"value\":\"x\"},".repeat(PatchRequest.MAX_OPERATIONS) + "{\"op\":\"add\",\"path\":\"title\",\"value\":\"x\"}]";
    return Stream.of(
        Arguments.of("{\"Operations\":[{\"op\":\"add\",\"path\":\"title\",\"value\":\"x\"}]}", "invalidSyntax"),
        Arguments.of("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"Operations\":[{\"op\":\"add\",\"path\":\"title\",\"value\":\"x\"}]}", "invalidSyntax"),
        Arguments.of("{" + schemas + "}", "invalidSyntax"),
        Arguments.of("{" + schemas + ",\"Operations\":[]}", "invalidSyntax"),
        Arguments.of("{" + schemas + ",\"Operations\":{}}", "invalidSyntax"),
        Arguments.of("{" + schemas + ",\"Operations\":[\"add\"]}", "invalidSyntax"),
        Arguments.of("{" + schemas + ",\"Operations\":[{\"path\":\"title\",\"value\":\"x\"}]}", "invalidSyntax"),
        Arguments.of("{" + schemas + ",\"Operations\":[{\"op\":\"merge\",\"path\":\"title\",\"value\":\"x\"}]}", "invalidSyntax"),
        Arguments.of("{" + schemas + ",\"Operations\":" + tooMany + "}", "invalidSyntax"),
        Arguments.of("{" + schemas + ",\"Operations\":[{\"op\":\"add\",\"path\":7,\"value\":\"x\"}]}", "invalidPath"),
        Arguments.of("{" + schemas + ",\"Operations\":[{\"op\":\"add\",\"path\":\"emails[type eq\",\"value\":\"x\"}]}", "invalidPath"),
        Arguments.of("{" + schemas + ",\"Operations\":[{\"op\":\"remove\"}]}", "noTarget"),
        Arguments.of("{" + schemas + ",\"Operations\":[{\"op\":\"Remove\",\"path\":\"\"}]}", "noTarget"),
        Arguments.of("{" + schemas + ",\"Operations\":[{\"op\":\"add\",\"path\":\"title\"}]}", "invalidValue"),
        Arguments.of("{" + schemas + ",\"Operations\":[{\"op\":\"add\",\"path\":\"title\",\"value\":null}]}", "invalidValue"),
        Arguments.of("{" + schemas + ",\"Operations\":[{\"op\":\"replace\",\"path\":\"title\"}]}", "invalidValue"));
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource("invalidBodies")
  void parse_invalidBody_throwsScimType(String json, String scimType) {
    assertThatThrownBy(() -> PatchRequest.parse(new JsonObject(json)))
        .isInstanceOfSatisfying(ScimException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.scimType()).isEqualTo(scimType);
        });
  }

  @Test
  void parse_nullBody_throwsInvalidSyntax() {
    assertThatThrownBy(() -> PatchRequest.parse(null))
        .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.scimType()).isEqualTo("invalidSyntax"));
  }
}
