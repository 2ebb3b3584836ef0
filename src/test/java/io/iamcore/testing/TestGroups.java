package io.iamcore.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** SCIM Group and group PATCH bodies for tests, shaped like Entra's. */
public final class TestGroups {

  private TestGroups() {}

  /** A Group as Entra creates it: no members, the extra ADSCIM schema URI. */
  public static JsonObject group(String displayName, String externalId, String... memberIds) {
    JsonObject group = new JsonObject()
        .put("schemas", new JsonArray().add("urn:ietf:params:scim:schemas:core:2.0:Group")
            .add("http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"))
        .put("displayName", displayName);
    if (externalId != null) {
      group.put("externalId", externalId);
    }
    if (memberIds.length > 0) {
      group.put("members", members(memberIds));
    }
    return group;
  }

  /** {@code [{"$ref": null, "value": id}, …]} as Entra sends member lists. */
  public static JsonArray members(String... ids) {
    JsonArray list = new JsonArray();
    for (String id : ids) {
      list.add(new JsonObject().putNull("$ref").put("value", id));
    }
    return list;
  }

  /** A PatchOp body with the given operations. */
  public static JsonObject patch(JsonObject... operations) {
    JsonArray ops = new JsonArray();
    for (JsonObject op : operations) {
      ops.add(op);
    }
    return new JsonObject()
        .put("schemas", new JsonArray().add("urn:ietf:params:scim:api:messages:2.0:PatchOp"))
        .put("Operations", ops);
  }

  public static JsonObject op(String op, String path, Object value) {
    JsonObject operation = new JsonObject().put("op", op);
    if (path != null) {
      operation.put("path", path);
    }
    return value == null ? operation : operation.put("value", value);
  }
}
