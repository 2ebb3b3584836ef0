package io.iamcore.sync;

import io.iamcore.http.ApiException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A sync rule in the seed's shape (PRODUCT.md §1): which connector objects it takes, which core
 * object type it joins (and, with {@code provisioningEnabled}, creates), its precedence
 * ({@code priority}: lower wins) and its inbound attribute flows.
 */
public record SyncRule(
    UUID tenantId,
    UUID id,
    String name,
    UUID connectorId,
    String connectorObjectType,
    CoreObjectType coreObjectType,
    boolean provisioningEnabled,
    int priority,
    String joinScope,
    List<AttributeFlow> inboundAttributeFlows,
    Instant createdAt,
    Instant updatedAt,
    long version) {

  public SyncRule {
    inboundAttributeFlows = List.copyOf(inboundAttributeFlows);
  }

  /** The join criteria, in ascending joinPriority. */
  public List<AttributeFlow> joinCriteria() {
    List<AttributeFlow> criteria = new ArrayList<>();
    inboundAttributeFlows.forEach(f -> {
      if (f.joins()) {
        criteria.add(f);
      }
    });
    criteria.sort(Comparator.comparing(AttributeFlow::joinPriority));
    return criteria;
  }

  public String etag() {
    return "W/\"" + version + "\"";
  }

  public JsonObject toJson() {
    JsonArray flows = new JsonArray();
    inboundAttributeFlows.forEach(f -> flows.add(f.toJson()));
    return new JsonObject()
        .put("id", id.toString())
        .put("name", name)
        .put("connectorId", connectorId.toString())
        .put("connectorObjectType", connectorObjectType)
        .put("coreObjectType", coreObjectType.name())
        .put("provisioningEnabled", provisioningEnabled)
        .put("priority", priority)
        .put("joinScope", joinScope)
        .put("inboundAttributeFlows", flows)
        .put("createdAt", createdAt.toString())
        .put("updatedAt", updatedAt.toString())
        .put("_etag", etag());
  }

  /** The parts of a rule a client sends, validated; the connector's existence is checked by the service. */
  record Definition(String name, UUID connectorId, String connectorObjectType, CoreObjectType coreObjectType,
      boolean provisioningEnabled, int priority, String joinScope, List<AttributeFlow> flows) {

    static Definition parse(JsonObject json) {
      String name = requiredString(json, "name");
      UUID connectorId;
      try {
        connectorId = UUID.fromString(requiredString(json, "connectorId"));
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("connectorId must be a connector id (a GUID)");
      }
      String objectType = requiredString(json, "connectorObjectType");
      CoreObjectType coreType = CoreObjectType.named(requiredString(json, "coreObjectType"));
      if (coreType == null) {
        throw ApiException.badRequest("coreObjectType must be Identity, OrgUnit or Relationship");
      }
      Object provisioning = json.getValue("provisioningEnabled", false);
      if (!(provisioning instanceof Boolean)) {
        throw ApiException.badRequest("provisioningEnabled must be true or false");
      }
      Object priority = json.getValue("priority");
      if (!(priority instanceof Integer p) || p < 0) {
        throw ApiException.badRequest("priority must be a whole number >= 0 (lower wins)");
      }
      Object joinScope = json.getValue("joinScope");
      if (joinScope != null && !(joinScope instanceof String)) {
        throw ApiException.badRequest("joinScope must be a string or null");
      }
      Object flowsJson = json.getValue("inboundAttributeFlows");
      if (!(flowsJson instanceof JsonArray array) || array.isEmpty()) {
        throw ApiException.badRequest("inboundAttributeFlows must be a non-empty array");
      }
      List<AttributeFlow> flows = new ArrayList<>();
      Set<Integer> joinPriorities = new HashSet<>();
      Set<String> targets = new HashSet<>();
      for (int i = 0; i < array.size(); i++) {
        String where = "inboundAttributeFlows[" + i + "]";
        if (!(array.getValue(i) instanceof JsonObject flow)) {
          throw ApiException.badRequest(where + " must be an object");
        }
        String type = flow.getValue("$type") instanceof String t ? t : "string";
        if (!type.equals("string") && !type.equals("reference")) {
          throw ApiException.badRequest(where + ".$type must be string or reference");
        }
        String target = flow.getValue("targetAttributeName") instanceof String t ? t : null;
        if (target == null || !coreType.hasAttribute(target)) {
          throw ApiException.badRequest(where + ".targetAttributeName '" + target + "' is not an attribute of "
              + coreType + " (custom attributes are custom/<name>)");
        }
        if (!targets.add(target)) {
          throw ApiException.badRequest(where + " flows into " + target + " a second time");
        }
        Object joinPriority = flow.getValue("joinPriority");
        if (joinPriority != null && !(joinPriority instanceof Integer)) {
          throw ApiException.badRequest(where + ".joinPriority must be a whole number");
        }
        if (joinPriority != null && !joinPriorities.add((Integer) joinPriority)) {
          throw ApiException.badRequest(where + ".joinPriority " + joinPriority
              + " is used by another join flow of this rule; join criteria need distinct priorities");
        }
        Expression value = Expression.parse(flow.getValue("value"), where + ".value");
        if (type.equals("reference") != (value instanceof Expression.AsReference)) {
          throw ApiException.badRequest(where + ": a reference flow takes an asreference value, and only it does");
        }
        flows.add(new AttributeFlow(type, target, (Integer) joinPriority, value));
      }
      return new Definition(name, connectorId, objectType, coreType, (Boolean) provisioning, (Integer) priority,
          (String) joinScope, flows);
    }

    private static String requiredString(JsonObject json, String key) {
      Object value = json.getValue(key);
      if (!(value instanceof String s) || s.isBlank()) {
        throw ApiException.badRequest(key + " is required (a non-empty string)");
      }
      return s;
    }
  }
}
