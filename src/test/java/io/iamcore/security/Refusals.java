package io.iamcore.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamcore.testing.HttpResult;
import io.vertx.core.json.JsonObject;

/** What a refusal must look like on the wire, in the dialect of the route that refused. */
final class Refusals {

  static final String SCIM_ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";

  private Refusals() {}

  /**
   * {@code result} has {@code status} (401 or 403), a {@code WWW-Authenticate: Bearer} challenge
   * when 401, and the error body of its dialect: RFC 7644 §3.12 on SCIM routes, {@code
   * {"error":{"code","message"}}} on the admin API.
   */
  static void assertRefused(HttpResult result, int status, boolean scim, String what) {
    assertThat(result.status()).as(what + " → " + result).isLessThan(500).isEqualTo(status);
    if (status == 401) {
      assertThat(result.header("WWW-Authenticate")).as(what + ": challenge").isNotNull().startsWith("Bearer");
    }
    JsonObject body = result.json();
    if (scim) {
      assertThat(result.header("Content-Type")).as(what).startsWith("application/scim+json");
      assertThat(body.getJsonArray("schemas")).as(what + ": SCIM error body " + body).containsExactly(SCIM_ERROR);
      assertThat(body.getString("status")).as(what + ": SCIM status is a string").isEqualTo(String.valueOf(status));
      assertThat(body.getString("detail")).as(what).isNotBlank();
    } else {
      assertThat(result.header("Content-Type")).as(what).startsWith("application/json");
      JsonObject error = body.getJsonObject("error");
      assertThat(error).as(what + ": admin error body " + body).isNotNull();
      assertThat(error.getString("code")).as(what).isEqualTo(status == 401 ? "unauthorized" : "forbidden");
      assertThat(error.getString("message")).as(what).isNotBlank();
    }
  }
}
