package io.iamcore.scim.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iamcore.scim.ScimException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BulkPlanTest {

  private static JsonObject post(String bulkId, Object data) {
    return new JsonObject().put("method", "POST").put("path", "/Users").put("bulkId", bulkId)
        .put("data", new JsonObject().put("manager", new JsonObject().put("value", data)));
  }

  private static JsonObject patch(String path, String value) {
    return new JsonObject().put("method", "PATCH").put("path", path)
        .put("data", new JsonObject().put("v", value));
  }

  private static BulkPlan plan(JsonObject... operations) {
    JsonObject body = new JsonObject()
        .put("schemas", new JsonArray().add("urn:ietf:params:scim:api:messages:2.0:BulkRequest"))
        .put("Operations", new JsonArray(java.util.List.of((Object[]) operations)));
    return new BulkPlan(BulkRequest.parse(body, 100).operations());
  }

  @Test
  void dependencies_forwardReference_waitsForTheLaterPost() {
    BulkPlan plan = plan(patch("/Users/bulkId:b", "x"), post("b", "plain"));
    assertThat(plan.dependencies(0)).containsExactly(1);
    assertThat(plan.dependencies(1)).isEmpty();
    assertThat(plan.cyclic(0)).isFalse();
  }

  @Test
  void cyclic_twoPostsReferringToEachOther_bothOnTheCycle() {
    BulkPlan plan = plan(post("a", "bulkId:b"), post("b", "bulkId:a"), patch("/Users/bulkId:a", "y"));
    assertThat(plan.cyclic(0)).isTrue();
    assertThat(plan.cyclic(1)).isTrue();
    assertThat(plan.cycle(0)).isEqualTo("a, b");
    assertThat(plan.cyclic(2)).as("depends on the cycle but is not on it").isFalse();
    assertThat(plan.dependencies(2)).containsExactly(0);
  }

  @Test
  void cyclic_selfReference_isACycle() {
    BulkPlan plan = plan(post("me", "bulkId:me"));
    assertThat(plan.cyclic(0)).isTrue();
    assertThat(plan.dependencies(0)).isEmpty();
  }

  @Test
  void cyclic_longChainWithoutCycle_noneCyclicAndNoStackOverflow() {
    JsonObject[] operations = new JsonObject[5000];
    for (int i = 0; i < operations.length; i++) {
      operations[i] = post("n" + i, i + 1 < operations.length ? "bulkId:n" + (i + 1) : "end");
    }
    BulkPlan plan = new BulkPlan(BulkRequest.parse(new JsonObject()
        .put("schemas", new JsonArray().add("urn:ietf:params:scim:api:messages:2.0:BulkRequest"))
        .put("Operations", new JsonArray(java.util.List.of((Object[]) operations))), 10_000).operations());
    for (int i = 0; i < operations.length; i++) {
      assertThat(plan.cyclic(i)).isFalse();
    }
    assertThat(plan.dependencies(0)).containsExactly(1);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{}|400|invalidSyntax",
      "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"]}|400|invalidSyntax",
      "{\"schemas\":[\"urn:x\"],\"Operations\":[]}|400|invalidSyntax",
      "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],\"Operations\":[1]}|400|invalidSyntax",
      "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],\"failOnErrors\":0,\"Operations\":[]}|400|invalidValue",
      "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],\"failOnErrors\":1.5,\"Operations\":[]}|400|invalidSyntax",
      "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],\"Operations\":[{},{},{}]}|413|",
  })
  void parse_badEnvelope_refusesTheRequest(String body, int status, String scimType) {
    assertThatThrownBy(() -> BulkRequest.parse(new JsonObject(body), 2))
        .isInstanceOfSatisfying(ScimException.class, e -> {
          assertThat(e.status()).isEqualTo(status);
          assertThat(e.scimType()).isEqualTo(scimType);
        });
  }

  @Test
  void parse_duplicateBulkId_invalidValue() {
    assertThatThrownBy(() -> plan(post("a", "x"), post("a", "y")))
        .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.scimType()).isEqualTo("invalidValue"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"path\":\"/Users\"}|invalidSyntax",
      "{\"method\":\"GET\",\"path\":\"/Users\"}|invalidSyntax",
      "{\"method\":\"POST\",\"path\":\"/Users\",\"data\":{}}|invalidSyntax",
      "{\"method\":\"POST\",\"bulkId\":\"q\",\"path\":\"/Users/x\",\"data\":{}}|invalidPath",
      "{\"method\":\"DELETE\",\"path\":\"/Users\"}|invalidPath",
      "{\"method\":\"PUT\",\"path\":\"/Users/x\",\"data\":[]}|invalidSyntax",
      "{\"method\":\"PATCH\",\"path\":\"/Users/x\",\"version\":3,\"data\":{}}|invalidSyntax",
      "{\"method\":\"DELETE\",\"path\":\"//\"}|invalidPath",
  })
  void parse_badOperation_failsThatOperationOnly(String operation, String scimType) {
    BulkOperation parsed = BulkOperation.parse(0, new JsonObject(operation));
    assertThat(parsed.invalid()).isNotNull();
    assertThat(parsed.invalid().scimType()).isEqualTo(scimType);
  }

  @Test
  void parse_methodInAnyCase_accepted() {
    BulkOperation parsed = BulkOperation.parse(0, new JsonObject("{\"method\":\"delete\",\"path\":\"Users/abc/\"}"));
    assertThat(parsed.invalid()).isNull();
    assertThat(parsed.method()).isEqualTo(BulkMethod.DELETE);
    assertThat(parsed.endpoint()).isEqualTo("Users");
    assertThat(parsed.idText()).isEqualTo("abc");
  }
}
