package io.iamcore.scim;

import io.iamcore.store.CsObject;
import io.vertx.core.json.JsonObject;

/** A stored User as the client sees it: its document plus {@code id} and {@code meta}. */
public final class UserRepresentation {

  private UserRepresentation() {}

  /** @param usersLocation the absolute URL of the connector's {@code /Users} endpoint */
  public static JsonObject render(CsObject user, String usersLocation) {
    JsonObject json = new JsonObject().put("id", user.ref().id().toString());
    user.doc().forEach(entry -> json.put(entry.getKey(), entry.getValue()));
    return json.put("meta", new JsonObject()
        .put("resourceType", "User")
        .put("created", user.createdAt().toString())
        .put("lastModified", user.updatedAt().toString())
        .put("location", usersLocation + "/" + user.ref().id())
        .put("version", user.etag()));
  }
}
