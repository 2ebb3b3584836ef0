package io.iamcore.scim.schema;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A SCIM resource type (RFC 7643 §6): where it is served and which schemas describe it.
 *
 * @param endpoint relative to the SCIM base, e.g. {@code /Users}
 * @param schema the core schema
 * @param extensions the schema extensions a resource of this type may carry
 */
public record ResourceType(String id, String name, String endpoint, String description, Schema schema,
    List<Extension> extensions) {

  public static final String RESOURCE_TYPE_URN = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";

  public ResourceType {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(schema, "schema");
    extensions = List.copyOf(extensions);
  }

  /** A schema extension of a resource type. */
  public record Extension(Schema schema, boolean required) {}

  /** The core schema followed by the extensions. */
  public List<Schema> schemas() {
    return Stream.concat(Stream.of(schema), extensions.stream().map(Extension::schema)).toList();
  }

  /**
   * The RFC 7643 §6 representation.
   *
   * @param location the absolute URL of this resource type under {@code /ResourceTypes}
   */
  public JsonObject toJson(String location) {
    JsonObject json = new JsonObject()
        .put("schemas", new JsonArray().add(RESOURCE_TYPE_URN))
        .put("id", id)
        .put("name", name)
        .put("endpoint", endpoint)
        .put("description", description)
        .put("schema", schema.id());
    if (!extensions.isEmpty()) {
      JsonArray list = new JsonArray();
      extensions.forEach(e -> list.add(
          new JsonObject().put("schema", e.schema().id()).put("required", e.required())));
      json.put("schemaExtensions", list);
    }
    return json.put("meta", new JsonObject().put("resourceType", "ResourceType").put("location", location));
  }
}
