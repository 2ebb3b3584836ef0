package io.iamcore.scim;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.iamcore.testing.FuzzInputs;
import io.vertx.core.json.JsonObject;

/** Any JSON body as a User (POST/PUT): a document with a userName, or a 400 with a scimType. */
class UserDocumentsFuzzTest {

  @FuzzTest(maxDuration = "120s")
  void fromRequest_anyBody_documentOrDeclaredError(byte[] data) {
    JsonObject body = FuzzInputs.jsonObject(data);
    if (body == null) {
      return;
    }
    try {
      JsonObject doc = UserDocuments.fromRequest(body);
      assertThat(UserDocuments.userName(doc)).isNotBlank();
    } catch (ScimException e) {
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.scimType()).isNotBlank();
    }
  }
}
