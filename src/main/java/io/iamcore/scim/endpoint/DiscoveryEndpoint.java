package io.iamcore.scim.endpoint;

import io.iamcore.connector.Connector;
import io.iamcore.http.Responses;
import io.iamcore.scim.ScimException;
import io.iamcore.scim.schema.CoreSchemas;
import io.iamcore.scim.schema.ResourceType;
import io.iamcore.scim.schema.Schema;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * RFC 7644 §4 discovery: {@code /ServiceProviderConfig}, {@code /ResourceTypes[/{id}]} and
 * {@code /Schemas[/{urn}]}, generated from the schema definitions ({@link CoreSchemas}) and the
 * resource types this server actually serves for the calling connector.
 */
final class DiscoveryEndpoint {

  /**
   * A resource type this server serves, and for which connectors (Groups only where the connector's
   * {@code configuration.groupsEnabled} is true).
   */
  record Served(ResourceType type, Predicate<Connector> enabled) {
    Served {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(enabled, "enabled");
    }

    static Served always(ResourceType type) {
      return new Served(type, connector -> true);
    }

    /** Served when the connector's configuration says {@code "groupsEnabled": true}. */
    static Served whenGroupsEnabled(ResourceType type) {
      return new Served(type, DiscoveryEndpoint::groupsEnabled);
    }
  }

  private final Capabilities capabilities;
  private final List<Served> served;

  DiscoveryEndpoint(Capabilities capabilities, List<Served> served) {
    this.capabilities = Objects.requireNonNull(capabilities, "capabilities");
    this.served = List.copyOf(served);
  }

  static boolean groupsEnabled(Connector connector) {
    return Boolean.TRUE.equals(connector.configuration().getValue("groupsEnabled"));
  }

  void serviceProviderConfig(RoutingContext ctx) {
    Responses.scim(ctx, 200, capabilities.toJson(ScimUrls.base(ctx) + "/ServiceProviderConfig"));
  }

  void resourceTypes(RoutingContext ctx) {
    JsonArray list = new JsonArray();
    types(ScimAuth.connector(ctx)).forEach(type -> list.add(resourceTypeJson(ctx, type)));
    Responses.scim(ctx, 200, ListResponses.of(list.size(), 1, list));
  }

  void resourceType(RoutingContext ctx) {
    String id = ctx.pathParam("resourceTypeId");
    ResourceType type = types(ScimAuth.connector(ctx)).stream()
        .filter(t -> t.id().equalsIgnoreCase(id)).findFirst()
        .orElseThrow(() -> ScimException.notFound("no resource type " + id));
    Responses.scim(ctx, 200, resourceTypeJson(ctx, type));
  }

  void schemas(RoutingContext ctx) {
    JsonArray list = new JsonArray();
    schemas(ScimAuth.connector(ctx)).values().forEach(schema -> list.add(schemaJson(ctx, schema)));
    Responses.scim(ctx, 200, ListResponses.of(list.size(), 1, list));
  }

  void schema(RoutingContext ctx) {
    String urn = ctx.pathParam("schemaUrn");
    Schema schema = schemas(ScimAuth.connector(ctx)).values().stream()
        .filter(s -> s.id().equalsIgnoreCase(urn)).findFirst()
        .orElseThrow(() -> ScimException.notFound("no schema " + urn));
    Responses.scim(ctx, 200, schemaJson(ctx, schema));
  }

  /** The resource types served for {@code connector}, in a stable order. */
  List<ResourceType> types(Connector connector) {
    return served.stream().filter(s -> s.enabled().test(connector)).map(Served::type).toList();
  }

  /** The schemas of the served resource types, core schema first, each once. */
  Map<String, Schema> schemas(Connector connector) {
    Map<String, Schema> schemas = new LinkedHashMap<>();
    types(connector).forEach(type -> type.schemas().forEach(s -> schemas.putIfAbsent(s.id(), s)));
    return schemas;
  }

  private static JsonObject resourceTypeJson(RoutingContext ctx, ResourceType type) {
    return type.toJson(ScimUrls.base(ctx) + "/ResourceTypes/" + type.id());
  }

  private static JsonObject schemaJson(RoutingContext ctx, Schema schema) {
    return schema.toJson(ScimUrls.base(ctx) + "/Schemas/" + schema.id());
  }
}
