package io.iamcore.connector;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A connector (PRODUCT.md §1): where a source's objects arrive. {@code configuration} is never
 * mutated once the record exists.
 */
public record Connector(
    UUID tenantId,
    UUID id,
    String name,
    String description,
    Template template,
    boolean enabled,
    JsonObject configuration,
    String provisioningState,
    int softDeletionDays,
    Instant createdAt,
    Instant updatedAt,
    long version,
    List<Secret> secrets) {

  public Connector {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(configuration, "configuration");
    secrets = List.copyOf(secrets);
  }

  /** How a connector receives data; {@code type} follows from it. */
  public enum Template {
    SCIM("scim"),
    API("api");

    private final String type;

    Template(String type) {
      this.type = type;
    }

    public String type() {
      return type;
    }
  }

  /** A SCIM secret token, known only by its hash. */
  public record Secret(UUID id, byte[] tokenHash, Instant createdAt) {}

  /** SCIM authentication mode: {@code entra}, {@code secret} or {@code entraOrSecret}. */
  public String authentication() {
    return configuration.getString("authentication", ScimSettings.DEFAULT_AUTHENTICATION);
  }

  /** The Entra tenant whose provisioning tokens this connector accepts. */
  public String scimTenantId() {
    return configuration.getString("tenantId", tenantId.toString());
  }

  public String etag() {
    return "W/\"" + version + "\"";
  }

  /** The admin API representation; secrets appear by id and date only. */
  public JsonObject toJson() {
    JsonArray secretList = new JsonArray();
    secrets.forEach(s -> secretList.add(
        new JsonObject().put("id", s.id().toString()).put("createdAt", s.createdAt().toString())));
    JsonObject json = new JsonObject()
        .put("id", id.toString())
        .put("name", name);
    if (description != null) {
      json.put("description", description);
    }
    return json
        .put("templateId", template.name())
        .put("type", template.type())
        .put("enabled", enabled)
        .put("configuration", configuration.copy())
        .put("secrets", secretList)
        .put("provisioningState", provisioningState)
        .put("softDeletionDays", softDeletionDays)
        .put("createdAt", createdAt.toString())
        .put("updatedAt", updatedAt.toString())
        .put("_etag", etag());
  }
}
