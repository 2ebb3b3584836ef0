package io.iamcore.index;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/** The flat JSON of a CoreIdentity (PRODUCT.md §6), serialized once for the index. */
public final class IdentityJson {

  private IdentityJson() {}

  public static JsonObject of(String id, String joinScope, JsonObject attributes) {
    JsonObject json = new JsonObject().put("id", id).put("objectType", "Identity");
    if (joinScope != null) {
      json.put("joinScope", joinScope);
    }
    attributes.forEach(e -> json.put(e.getKey(), e.getValue()));
    return json;
  }

  public static Buffer bytes(String id, String joinScope, JsonObject attributes) {
    return of(id, joinScope, attributes).toBuffer();
  }
}
