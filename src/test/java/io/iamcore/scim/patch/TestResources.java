package io.iamcore.scim.patch;

import io.iamcore.scim.filter.EntraCorpus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Starting resources for PATCH tests, built from the Entra fixtures where one exists. */
final class TestResources {

  static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  static final String USER_ID = "7d3f1c2a-5b8e-4f60-9a1d-2c4e6b8f0a11";
  static final String OTHER_USER_ID = "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d";
  static final String THIRD_USER_ID = "11111111-2222-4333-8444-555555555555";

  private TestResources() {}

  /** The user Entra creates in fixture 06, as the server stored it (with id and meta). */
  static JsonObject entraUser() {
    JsonObject user = EntraCorpus.load("06-").getJsonObject("body").copy();
    user.put("id", USER_ID);
    user.put("meta", new JsonObject().put("resourceType", "User").put("version", "W/\"1\"")
        .put("created", "2024-03-01T10:00:00Z").put("lastModified", "2024-03-01T10:00:00Z"));
    return user;
  }

  static JsonObject entraUserWithManager(String managerId) {
    JsonObject user = entraUser();
    user.getJsonObject(ENTERPRISE).put("manager", new JsonObject().put("value", managerId));
    return user;
  }

  /** The group of fixture 25, as stored, with the given members. */
  static JsonObject entraGroup(String... memberIds) {
    JsonObject group = EntraCorpus.load("25-").getJsonObject("body").copy();
    group.put("id", "5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a855");
    group.put("meta", new JsonObject().put("resourceType", "Group").put("version", "W/\"1\""));
    JsonArray members = new JsonArray();
    for (String id : memberIds) {
      JsonObject member = new JsonObject().put("value", id);
      if (id.equals(USER_ID)) {
        member.put("display", "Adele Vance");
      }
      members.add(member);
    }
    group.put("members", members);
    return group;
  }
}
