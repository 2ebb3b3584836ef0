package io.iamcore.scim.endpoint;

import io.iamcore.scim.ScimException;
import io.iamcore.scim.filter.AttrPath;
import io.iamcore.scim.schema.Attribute;
import io.iamcore.scim.schema.CoreSchemas;
import io.iamcore.scim.schema.ResourceType;
import io.iamcore.scim.schema.SchemaRegistry;
import io.iamcore.scim.schema.SchemaRegistry.Resolved;

/**
 * {@code sortBy}/{@code sortOrder} (RFC 7644 §3.4.2.3) as an SQL {@code ORDER BY}.
 *
 * <ul>
 *   <li>Any attribute the schemas define, except {@code password}: {@code userName} through its
 *       canonical {@code name_key}, {@code meta.created}/{@code meta.lastModified} through the
 *       columns; strings case-insensitively unless caseExact, by code point.
 *   <li>A multi-valued attribute sorts by its primary value, else its first (RFC 7644 §3.4.2.3).
 *   <li>Resources without a value sort last ascending and first descending (PostgreSQL's default
 *       NULLS placement is exactly the RFC's).
 *   <li>Ties break by id, ascending, so that pages are stable.
 * </ul>
 */
final class SortSql {

  private SortSql() {}

  /**
   * @throws ScimException invalidValue when {@code sortBy} is not a sortable attribute
   */
  static String orderBy(SchemaRegistry registry, ResourceType type, String sortBy, boolean descending,
      SqlParams params) {
    if (sortBy == null) {
      return "id";
    }
    AttrPath path;
    try {
      path = AttrPath.parse(sortBy);
    } catch (ScimException e) {
      throw ScimException.invalidValue("sortBy '" + sortBy + "' is not an attribute path");
    }
    Resolved resolved = registry.resolve(type, path)
        .orElseThrow(() -> ScimException.invalidValue("sortBy '" + sortBy + "' is not an attribute of "
            + type.name() + " resources"));
    if (resolved.attribute().returned() == Attribute.Returned.NEVER) {
      throw ScimException.invalidValue("sortBy '" + sortBy + "': this attribute is never returned");
    }
    String key = column(resolved, type);
    if (key == null) {
      key = jsonKey(resolved, new SqlJson(params));
    }
    return key + (descending ? " DESC" : " ASC") + ", id";
  }

  private static String column(Resolved resolved, ResourceType type) {
    String name = resolved.attribute().name();
    boolean common = !resolved.extension() && CoreSchemas.COMMON.contains(resolved.attribute());
    if (common && name.equals("id")) {
      return "id";
    }
    if (common && name.equals("externalId")) {
      return "external_id COLLATE \"C\"";
    }
    if (common && name.equals("meta")) {
      String sub = resolved.subAttribute() == null ? "" : resolved.subAttribute().name();
      switch (sub) {
        case "created": return "created_at";
        case "lastModified": return "updated_at";
        case "version": return "version";
        default: return "id";  // the same for every resource of the type
      }
    }
    if (resolved.schema() == CoreSchemas.USER && name.equals("userName")) {
      return "name_key COLLATE \"C\"";
    }
    return null;
  }

  private static String jsonKey(Resolved resolved, SqlJson json) {
    Attribute attribute = resolved.attribute();
    String container = resolved.extension() ? json.key("doc", resolved.schema().id()) : "doc";
    String value = json.key(container, attribute.name());
    if (attribute.multiValued()) {
      String alias = json.alias();
      value = "(SELECT " + alias + ".x FROM " + json.elements(value) + " WITH ORDINALITY AS " + alias
          + "(x, n) ORDER BY CASE WHEN lower(" + SqlJson.text(json.key(alias + ".x", "primary"))
          + ") = 'true' THEN 0 ELSE 1 END, " + alias + ".n LIMIT 1)";
    }
    Attribute leaf = SchemaRegistry.comparedAttribute(resolved);
    if (resolved.subAttribute() != null) {
      value = json.key(value, resolved.subAttribute().name());
    } else if (attribute.type() == Attribute.Type.COMPLEX) {
      value = json.key(value, "value");
    }
    switch (leaf.type()) {
      case DECIMAL:
      case INTEGER:
        return "(SELECT CASE WHEN jsonb_typeof(s.x) = 'number' THEN (s.x #>> '{}')::numeric END"
            + " FROM (SELECT " + value + " AS x) AS s)";
      case BOOLEAN:
        return "lower(" + SqlJson.text(value) + ")";
      case COMPLEX:
        throw ScimException.invalidValue("sortBy: name a sub-attribute of " + attribute.name());
      default:
        return (leaf.caseExact() ? SqlJson.text(value) : SqlJson.fold(SqlJson.text(value))) + " COLLATE \"C\"";
    }
  }
}
