package io.iamcore.sync;

import io.vertx.core.json.JsonObject;

/**
 * One inbound attribute flow: {@code value} evaluated on the source object goes to
 * {@code targetAttributeName}; with a {@code joinPriority} it is also a join criterion.
 *
 * @param type the seed's {@code $type}: {@code string} or {@code reference}
 */
public record AttributeFlow(String type, String targetAttributeName, Integer joinPriority, Expression value) {

  public boolean joins() {
    return joinPriority != null;
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("$type", type).put("targetAttributeName", targetAttributeName);
    if (joinPriority != null) {
      json.put("joinPriority", joinPriority);
    }
    return json.put("value", value.toJson());
  }
}
