package io.iamcore.scim.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamcore.testing.HttpResult;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/** What every SCIM answer to generated input must look like: no 5xx, and a SCIM error body on 4xx. */
final class ScimHttpChecks {

  static final String ERROR_URN = "urn:ietf:params:scim:api:messages:2.0:Error";

  /** RFC 7644 §3.12 Table 9, plus RFC 9865's cursor errors. */
  static final Set<String> SCIM_TYPES = Set.of("invalidFilter", "tooMany", "uniqueness", "mutability",
      "invalidSyntax", "invalidPath", "noTarget", "invalidValue", "invalidVers", "sensitive", "invalidCursor",
      "expiredCursor");

  private ScimHttpChecks() {}

  /**
   * Fails unless {@code result} is below 500 and, if it is an error, carries a SCIM error body whose
   * {@code status} is the HTTP status and whose {@code scimType} (required on 400) is one of
   * {@code allowed400}.
   */
  static void wellFormed(String input, HttpResult result, Set<String> allowed400) {
    assertThat(result.status()).as("status for %s: %s", input, result.body()).isLessThan(500);
    if (result.status() < 400) {
      return;
    }
    assertThat(result.header("Content-Type")).as("error content type for %s", input)
        .startsWith("application/scim+json");
    JsonObject error = new JsonObject(result.body());
    assertThat(error.getJsonArray("schemas")).as("error schemas for %s", input).containsExactly(ERROR_URN);
    assertThat(error.getString("status")).isEqualTo(String.valueOf(result.status()));
    assertThat(error.getString("detail")).as("detail for %s", input).isNotBlank();
    if (result.status() == 400) {
      assertThat(error.getString("scimType")).as("scimType for %s: %s", input, result.body()).isIn(allowed400);
    } else if (error.containsKey("scimType")) {
      assertThat(error.getString("scimType")).isIn(SCIM_TYPES);
    }
  }
}
