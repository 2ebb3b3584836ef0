package io.iamcore.scim.patch;

import io.iamcore.scim.ScimException;
import io.iamcore.scim.filter.AttrPath;
import io.iamcore.scim.filter.JsonKeys;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Resolves a {@link PatchPath} to a {@link Target} in the working copy: the schema URN picks the
 * container (core attributes at the top level, extension attributes in the object stored under the
 * extension URN), names match case-insensitively, and new members get canonical spelling.
 *
 * <p>An unqualified name that is no core attribute is looked up in the extensions: Entra's legacy
 * dialect sends {@code "path": "manager"} (fixture 22) and {@code manager[value eq "…"]}
 * (fixture 23) for the enterprise manager.
 */
final class TargetLocator {

  private static final String CORE_PREFIX = "urn:ietf:params:scim:schemas:core:";

  private final JsonObject resource;
  private final SchemaHints hints;

  TargetLocator(JsonObject resource, SchemaHints hints) {
    this.resource = resource;
    this.hints = hints;
  }

  /** @param create whether a missing extension object may be created */
  Target locate(PatchPath path, boolean create) {
    AttrPath a = path.attribute();
    if (a.schemaUrn() != null && a.subAttribute() == null && path.valueFilter() == null) {
      String whole = a.schemaUrn() + ":" + a.attribute();
      if (isSchemaRoot(whole)) {
        return root(whole, path);
      }
    }
    String urn = a.schemaUrn() == null ? implicitExtension(a.attribute()) : explicitExtension(a.schemaUrn());
    JsonObject container = urn == null ? resource : extension(urn, create);
    String key = container == null ? canonicalKey(urn, a.attribute()) : keyIn(container, urn, a.attribute());
    return new Target(container, key, path, urn, false);
  }

  /** True when {@code name} is a schema URN this resource uses or we know, not an attribute path. */
  boolean isSchemaRoot(String name) {
    if (!name.regionMatches(true, 0, "urn:", 0, 4)) {
      return false;
    }
    if (hints.schemaName(name) != null) {
      return true;
    }
    if (JsonKeys.get(resource, name) instanceof JsonObject) {
      return true;
    }
    Object schemas = JsonKeys.get(resource, "schemas");
    if (schemas instanceof JsonArray) {
      for (Object schema : (JsonArray) schemas) {
        if (schema instanceof String && ((String) schema).equalsIgnoreCase(name)) {
          return true;
        }
      }
    }
    return false;
  }

  private Target root(String urn, PatchPath path) {
    if (isCore(urn)) {
      return new Target(resource, null, path, null, true);
    }
    String existing = JsonKeys.find(resource, urn);
    String key = existing != null ? existing : canonicalUrn(urn);
    return new Target(resource, key, path, key, true);
  }

  private String explicitExtension(String urn) {
    if (isCore(urn)) {
      return null;
    }
    String existing = JsonKeys.find(resource, urn);
    return existing != null ? existing : canonicalUrn(urn);
  }

  private String implicitExtension(String attribute) {
    if (hints.coreName(attribute) != null || JsonKeys.find(resource, attribute) != null) {
      return null;
    }
    for (String key : resource.fieldNames()) {
      Object value = resource.getValue(key);
      if (key.regionMatches(true, 0, "urn:", 0, 4) && value instanceof JsonObject
          && JsonKeys.find((JsonObject) value, attribute) != null) {
        return key;
      }
    }
    String extension = hints.extensionOf(attribute);
    if (extension != null && mayUse(extension)) {
      String existing = JsonKeys.find(resource, extension);
      return existing != null ? existing : extension;
    }
    return null;
  }

  /** A resource that declares schemas may use an extension only if it declares it or a User. */
  private boolean mayUse(String extension) {
    Object schemas = JsonKeys.get(resource, "schemas");
    if (!(schemas instanceof JsonArray)) {
      return true;
    }
    for (Object schema : (JsonArray) schemas) {
      if (schema instanceof String && (((String) schema).equalsIgnoreCase(extension)
          || ((String) schema).equalsIgnoreCase(SchemaHints.CORE_USER))) {
        return true;
      }
    }
    return false;
  }

  private JsonObject extension(String key, boolean create) {
    Object value = resource.getValue(key);
    if (value instanceof JsonObject) {
      return (JsonObject) value;
    }
    if (value != null) {
      throw ScimException.invalidPath("'" + PatchEcho.of(key) + "' is not an extension object");
    }
    if (!create) {
      return null;
    }
    JsonObject created = new JsonObject();
    resource.put(key, created);
    declareSchema(key);
    return created;
  }

  /** RFC 7643 §3: {@code schemas} lists the extensions a resource carries. */
  void declareSchema(String urn) {
    Object schemas = JsonKeys.get(resource, "schemas");
    if (!(schemas instanceof JsonArray)) {
      return;
    }
    for (Object schema : (JsonArray) schemas) {
      if (schema instanceof String && ((String) schema).equalsIgnoreCase(urn)) {
        return;
      }
    }
    ((JsonArray) schemas).add(urn);
  }

  private String keyIn(JsonObject container, String urn, String attribute) {
    String existing = JsonKeys.find(container, attribute);
    return existing != null ? existing : canonicalKey(urn, attribute);
  }

  private String canonicalKey(String urn, String attribute) {
    String known = urn == null ? hints.coreName(attribute) : hints.extensionName(urn, attribute);
    return known != null ? known : attribute;
  }

  private String canonicalUrn(String urn) {
    String known = hints.schemaName(urn);
    return known != null ? known : urn;
  }

  private boolean isCore(String urn) {
    return hints.isCoreSchema(urn) || urn.regionMatches(true, 0, CORE_PREFIX, 0, CORE_PREFIX.length());
  }
}
