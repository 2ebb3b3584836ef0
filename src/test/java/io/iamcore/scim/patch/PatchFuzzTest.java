package io.iamcore.scim.patch;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.iamcore.scim.ScimException;
import io.iamcore.testing.FuzzInputs;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Any PATCH body against an Entra-shaped user: a result or a {@link ScimException} (400 with a
 * scimType), and a failed PATCH leaves the resource untouched. Any path text: a path or
 * {@code invalidPath}/{@code invalidFilter}.
 */
class PatchFuzzTest {

  private static final JsonObject USER = new JsonObject("""
      {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
       "userName":"adele@contoso.example","externalId":"adele","active":true,"displayName":"Adele",
       "name":{"givenName":"Adele","familyName":"Vance"},
       "emails":[{"type":"work","value":"adele@contoso.example","primary":true}],
       "phoneNumbers":[{"type":"mobile","value":"+1 555 0100"}],
       "addresses":[{"type":"work","locality":"Redmond","country":"US"}],
       "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Sales",
         "manager":{"value":"boss"}}}""");

  private final PatchApplier applier = new PatchApplier();

  @FuzzTest(maxDuration = "120s")
  void patch_anyBody_resultOrDeclaredError(byte[] data) {
    JsonObject body = FuzzInputs.jsonObject(data);
    if (body == null) {
      return; // not JSON: the HTTP layer answers invalidSyntax before PATCH parsing
    }
    String before = USER.encode();
    JsonObject resource = USER.copy();
    try {
      List<PatchOperation> operations = PatchRequest.parse(body);
      PatchResult result = applier.apply(resource, operations);
      assertThat(result).isNotNull();
    } catch (ScimException e) {
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.scimType()).isNotBlank();
    }
    assertThat(resource.encode()).as("the applier works on a copy").isEqualTo(before);
  }

  @FuzzTest(maxDuration = "120s")
  void parsePath_anyText_pathOrDeclaredError(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    try {
      assertThat(PatchPath.parse(text)).isNotNull();
    } catch (ScimException e) {
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.scimType()).isIn("invalidPath", "invalidFilter");
    }
  }
}
