package io.iamcore.index;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * The flat JSON of a core object (PRODUCT.md §6): id, objectType, joinScope and the attributes
 * that have a value. One builder for the admin API and for the identity index's pre-serialized
 * answers, so the two can never differ.
 */
public final class CoreObjectJson {

  private CoreObjectJson() {}

  public static JsonObject of(String objectType, String id, String joinScope, JsonObject attributes) {
    JsonObject json = new JsonObject().put("id", id).put("objectType", objectType);
    if (joinScope != null) {
      json.put("joinScope", joinScope);
    }
    attributes.forEach(e -> json.put(e.getKey(), e.getValue()));
    return json;
  }

  /** A CoreIdentity's JSON as the bytes the index answers with. */
  public static Buffer identityBytes(String id, String joinScope, JsonObject attributes) {
    return of("Identity", id, joinScope, attributes).toBuffer();
  }
}
