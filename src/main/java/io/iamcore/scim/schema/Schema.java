package io.iamcore.scim.schema;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A SCIM schema (RFC 7643 §7): its URN and attribute definitions. The common attributes
 * {@code id}, {@code externalId} and {@code meta} belong to every resource, not to a schema
 * (RFC 7643 §3.1), so they are not listed here; see {@link CoreSchemas#COMMON}.
 */
public record Schema(String id, String name, String description, List<Attribute> attributes) {

  public static final String SCHEMA_URN = "urn:ietf:params:scim:schemas:core:2.0:Schema";

  public Schema {
    Objects.requireNonNull(id, "id");
    attributes = List.copyOf(attributes);
  }

  /** The attribute called {@code attributeName} in any case (RFC 7643 §2.1). */
  public Optional<Attribute> attribute(String attributeName) {
    return attributes.stream().filter(a -> a.name().equalsIgnoreCase(attributeName)).findFirst();
  }

  /**
   * The RFC 7643 §7 representation.
   *
   * @param location the absolute URL of this schema under {@code /Schemas}
   */
  public JsonObject toJson(String location) {
    JsonArray attributeList = new JsonArray();
    attributes.forEach(a -> attributeList.add(a.toJson()));
    return new JsonObject()
        .put("schemas", new JsonArray().add(SCHEMA_URN))
        .put("id", id)
        .put("name", name)
        .put("description", description)
        .put("attributes", attributeList)
        .put("meta", new JsonObject().put("resourceType", "Schema").put("location", location));
  }
}
