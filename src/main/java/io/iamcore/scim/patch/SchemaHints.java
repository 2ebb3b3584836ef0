package io.iamcore.scim.patch;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the PATCH applier needs to know about attributes when the resource alone cannot tell:
 * which attributes are multi-valued before they have a value, which are read-only, how a new key
 * is spelled, and which extension owns an unqualified name ({@code manager} in Entra's legacy
 * {@code "path": "manager"}). Names are matched case-insensitively.
 *
 * @param coreSchemas schema URNs whose attributes live at the top level of the resource
 * @param coreAttributes top-level attribute names of the core schemas, canonical spelling
 * @param multiValued attribute names that hold arrays
 * @param readOnly top-level attributes a PATCH may not touch (RFC 7643 mutability readOnly)
 * @param extensions extension schema URN → its attribute names, canonical spelling
 */
public record SchemaHints(
    List<String> coreSchemas,
    Set<String> coreAttributes,
    Set<String> multiValued,
    Set<String> readOnly,
    Map<String, Set<String>> extensions) {

  public static final String CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User";
  public static final String CORE_GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
  public static final String ENTERPRISE_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

  public SchemaHints {
    coreSchemas = List.copyOf(coreSchemas);
    coreAttributes = Set.copyOf(coreAttributes);
    multiValued = Set.copyOf(multiValued);
    readOnly = Set.copyOf(readOnly);
    extensions = Map.copyOf(extensions);
  }

  /**
   * RFC 7643 §4 User and Group, and the §4.3 enterprise extension. {@code schemas} is read-only
   * here: the server owns the list of schemas a resource declares.
   */
  public static SchemaHints rfc7643() {
    return new SchemaHints(
        List.of(CORE_USER, CORE_GROUP),
        Set.of("id", "externalId", "meta", "schemas", "userName", "name", "displayName", "nickName",
            "profileUrl", "title", "userType", "preferredLanguage", "locale", "timezone", "active",
            "password", "emails", "phoneNumbers", "ims", "photos", "addresses", "groups",
            "entitlements", "roles", "x509Certificates", "members"),
        Set.of("schemas", "emails", "phoneNumbers", "ims", "photos", "addresses", "groups",
            "entitlements", "roles", "x509Certificates", "members"),
        Set.of("id", "meta", "schemas"),
        Map.of(ENTERPRISE_USER,
            Set.of("employeeNumber", "costCenter", "organization", "division", "department", "manager")));
  }

  /** The canonical spelling of a core attribute, or {@code null} when {@code name} is not one. */
  public String coreName(String name) {
    return find(coreAttributes, name);
  }

  public boolean isMultiValued(String name) {
    return find(multiValued, name) != null;
  }

  public boolean isReadOnly(String name) {
    return find(readOnly, name) != null;
  }

  /** True when {@code urn} names a core schema (attributes at the top level). */
  public boolean isCoreSchema(String urn) {
    return find(coreSchemas, urn) != null;
  }

  /** The canonical spelling of a known schema URN (core or extension), or {@code null}. */
  public String schemaName(String urn) {
    String core = find(coreSchemas, urn);
    return core != null ? core : find(extensions.keySet(), urn);
  }

  /** The extension that defines {@code name}, or {@code null}. */
  public String extensionOf(String name) {
    for (Map.Entry<String, Set<String>> e : extensions.entrySet()) {
      if (find(e.getValue(), name) != null) {
        return e.getKey();
      }
    }
    return null;
  }

  /** The canonical spelling of {@code name} in extension {@code urn}, or {@code null}. */
  public String extensionName(String urn, String name) {
    String key = find(extensions.keySet(), urn);
    return key == null ? null : find(extensions.get(key), name);
  }

  private static String find(Iterable<String> names, String name) {
    Objects.requireNonNull(name, "name");
    for (String candidate : names) {
      if (candidate.equalsIgnoreCase(name)) {
        return candidate;
      }
    }
    return null;
  }
}
