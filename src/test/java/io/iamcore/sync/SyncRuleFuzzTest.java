package io.iamcore.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.iamcore.http.ApiException;
import io.iamcore.testing.FuzzInputs;
import io.vertx.core.json.JsonObject;

/** Any JSON body as a sync rule (flows, expressions): a definition, or a 400 that says why. */
class SyncRuleFuzzTest {

  @FuzzTest(maxDuration = "120s")
  void parse_anyBody_definitionOrBadRequest(byte[] data) {
    JsonObject body = FuzzInputs.jsonObject(data);
    if (body == null) {
      return;
    }
    try {
      SyncRule.Definition definition = SyncRule.Definition.parse(body);
      assertThat(definition.flows()).isNotNull();
    } catch (ApiException e) {
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.getMessage()).isNotBlank();
    }
  }
}
