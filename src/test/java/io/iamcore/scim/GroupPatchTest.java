package io.iamcore.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iamcore.scim.GroupPatch.MemberOperation;
import io.iamcore.scim.patch.PatchRequest;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GroupPatchTest {

  private static final UUID A = UUID.fromString("7d3f1c2a-5b8e-4f60-9a1d-2c4e6b8f0a11");
  private static final UUID B = UUID.fromString("9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d");

  private static GroupPatch parse(String operations) {
    return GroupPatch.of(PatchRequest.parse(new JsonObject(
        "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":" + operations + "}")));
  }

  @Test
  void of_entraAddWithNullRef_addsEveryValue() {
    GroupPatch patch = parse("[{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"$ref\":null,\"value\":\"" + A
        + "\"},{\"$ref\":null,\"value\":\"" + B + "\"}]}]");
    assertThat(patch.memberOperations()).containsExactly(new MemberOperation.Add(List.of(A, B)));
    assertThat(patch.documentOperations()).isEmpty();
  }

  @Test
  void of_legacyRemoveWithValueArray_removesListedOnly() {
    GroupPatch patch = parse("[{\"op\":\"Remove\",\"path\":\"members\",\"value\":[{\"value\":\"" + B + "\"}]}]");
    assertThat(patch.memberOperations()).containsExactly(new MemberOperation.Remove(List.of(B)));
  }

  @Test
  void of_removeWithOrFilter_removesEachId() {
    GroupPatch patch = parse("[{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + A
        + "\\\" or value eq \\\"" + B + "\\\"]\"}]");
    assertThat(patch.memberOperations()).containsExactly(new MemberOperation.Remove(List.of(A, B)));
  }

  @Test
  void of_removeWithoutValue_clearsAll() {
    assertThat(parse("[{\"op\":\"remove\",\"path\":\"members\"}]").memberOperations())
        .containsExactly(new MemberOperation.Replace(List.of()));
  }

  @Test
  void of_pathlessReplace_splitsMembersFromDocument() {
    GroupPatch patch = parse("[{\"op\":\"replace\",\"value\":{\"displayName\":\"X\",\"members\":[{\"value\":\""
        + A + "\"}]}}]");
    assertThat(patch.memberOperations()).containsExactly(new MemberOperation.Replace(List.of(A)));
    assertThat(patch.documentOperations()).hasSize(1);
    assertThat(((JsonObject) patch.documentOperations().get(0).value()).fieldNames()).containsExactly("displayName");
  }

  @Test
  void of_displayNameReplace_documentOnly() {
    GroupPatch patch = parse("[{\"op\":\"Replace\",\"path\":\"displayName\",\"value\":\"Contoso Finance & Ops\"}]");
    assertThat(patch.memberOperations()).isEmpty();
    assertThat(patch.documentOperations()).hasSize(1);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"not-an-id\"}]}] | invalidValue",
      "[{\"op\":\"add\",\"path\":\"members\",\"value\":[\"" + "7d3f1c2a-5b8e-4f60-9a1d-2c4e6b8f0a11\"]}] | invalidValue",
      "[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"7d3f1c2a-5b8e-4f60-9a1d-2c4e6b8f0a11\",\"type\":\"Group\"}]}] | invalidValue",
      "[{\"op\":\"replace\",\"path\":\"members.display\",\"value\":\"x\"}] | mutability",
      "[{\"op\":\"add\",\"path\":\"members[value eq \\\"x\\\"]\",\"value\":{\"value\":\"x\"}}] | invalidPath",
      "[{\"op\":\"remove\",\"path\":\"members[display eq \\\"x\\\"]\"}] | invalidPath",
  })
  void of_badMemberOperation_scimType(String operations, String scimType) {
    assertThatThrownBy(() -> parse(operations))
        .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.scimType()).isEqualTo(scimType));
  }
}
