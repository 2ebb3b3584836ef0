package io.iamcore.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** SCIM User bodies for tests, shaped like Entra's. */
public final class TestUsers {

  private TestUsers() {}

  /** A minimal Entra-style User: core schema, userName, externalId (may be null), active. */
  public static JsonObject user(String userName, String externalId) {
    JsonObject user = new JsonObject()
        .put("schemas", new JsonArray().add("urn:ietf:params:scim:schemas:core:2.0:User"))
        .put("userName", userName)
        .put("active", true)
        .put("displayName", "User " + userName);
    return externalId == null ? user : user.put("externalId", externalId);
  }
}
