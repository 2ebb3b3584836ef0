package io.iamcore.scim.endpoint;

import io.iamcore.scim.ScimException;
import io.iamcore.scim.filter.Filter;
import io.iamcore.scim.filter.Op;
import io.iamcore.scim.schema.CoreSchemas;
import io.iamcore.scim.schema.ResourceType;
import io.iamcore.scim.schema.SchemaRegistry.Resolved;
import io.iamcore.store.NameKeys;
import java.util.UUID;

/**
 * Filters on the attributes {@code cs_object} keeps in columns: {@code id}, {@code externalId},
 * {@code userName} ({@code name_key}, canonical: NFKC + lower case) and {@code meta}. Each method
 * answers {@code null} when the attribute is not one of them.
 */
final class ColumnFilters {

  private ColumnFilters() {}

  static String compare(Resolved resolved, Filter.Compare c, SqlParams params, ResourceType type) {
    if (resolved.extension()) {
      return null;
    }
    String name = resolved.attribute().name();
    if (isCommon(resolved) && name.equals("id")) {
      return id(c, params);
    }
    if (isCommon(resolved) && name.equals("externalId")) {
      return "coalesce(" + Literals.text("external_id", true, c, params) + ", false)";
    }
    if (isCommon(resolved) && name.equals("meta")) {
      return meta(resolved, c, params, type);
    }
    if (isUserName(resolved)) {
      String canonical = NameKeys.canonical(Literals.string(c));
      if (c.op() == Op.CO || c.op() == Op.SW || c.op() == Op.EW) {
        return "coalesce(name_key LIKE " + params.text(Literals.like(canonical, c.op())) + " ESCAPE '\\', false)";
      }
      String operator = Literals.sqlOperator(c.op(), c);
      return c.op() == Op.EQ
          ? "coalesce(name_key = " + params.text(canonical) + ", false)"
          : "coalesce(name_key COLLATE \"C\" " + operator + " " + params.text(canonical) + ", false)";
    }
    return null;
  }

  static String present(Resolved resolved) {
    if (resolved.extension()) {
      return null;
    }
    String name = resolved.attribute().name();
    if (isCommon(resolved) && (name.equals("id") || name.equals("meta"))) {
      return "TRUE";
    }
    if (isCommon(resolved) && name.equals("externalId")) {
      return "(coalesce(external_id, '') <> '')";
    }
    if (isUserName(resolved)) {
      return "(coalesce(name_key, '') <> '')";
    }
    return null;
  }

  private static String id(Filter.Compare c, SqlParams params) {
    if (c.op() == Op.EQ) {
      try {
        return "(id = " + params.bind(UUID.fromString(Literals.string(c))) + "::uuid)";
      } catch (IllegalArgumentException e) {
        return "FALSE";  // not an id we could have assigned
      }
    }
    return Literals.text("id::text", true, c, params);
  }

  private static String meta(Resolved resolved, Filter.Compare c, SqlParams params, ResourceType type) {
    if (resolved.subAttribute() == null) {
      throw ScimException.invalidFilter("'" + c + "': meta is complex; filter on meta.created,"
          + " meta.lastModified, meta.version or meta.resourceType");
    }
    switch (resolved.subAttribute().name()) {
      case "created":
        return "(created_at " + Literals.sqlOperator(c.op(), c) + " " + params.bind(Literals.dateTime(c)) + "::timestamptz)";
      case "lastModified":
        return "(updated_at " + Literals.sqlOperator(c.op(), c) + " " + params.bind(Literals.dateTime(c)) + "::timestamptz)";
      case "version":
        if (c.op() != Op.EQ) {
          throw ScimException.invalidFilter("'" + c + "': meta.version is an entity tag; use eq or ne");
        }
        Long version = version(Literals.string(c));
        return version == null ? "FALSE" : "(version = " + params.bind(version) + "::int8)";
      case "resourceType":
        return matchesConstant(type.name(), c) ? "TRUE" : "FALSE";
      default:
        throw ScimException.invalidFilter("'" + c + "': " + c.path() + " cannot be filtered on");
    }
  }

  /** {@code W/"3"} or {@code 3} → 3; anything else is no version of ours. */
  private static Long version(String etag) {
    String digits = etag.startsWith("W/\"") && etag.endsWith("\"") && etag.length() > 4
        ? etag.substring(3, etag.length() - 1) : etag;
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** {@code meta.resourceType} is the same for every row: compare it here (case-exact). */
  private static boolean matchesConstant(String actual, Filter.Compare c) {
    String literal = Literals.string(c);
    switch (c.op()) {
      case EQ: return actual.equals(literal);
      case CO: return actual.contains(literal);
      case SW: return actual.startsWith(literal);
      case EW: return actual.endsWith(literal);
      case GT: return actual.compareTo(literal) > 0;
      case GE: return actual.compareTo(literal) >= 0;
      case LT: return actual.compareTo(literal) < 0;
      case LE: return actual.compareTo(literal) <= 0;
      default: throw new AssertionError(c.op());
    }
  }

  private static boolean isCommon(Resolved resolved) {
    return CoreSchemas.COMMON.contains(resolved.attribute());
  }

  private static boolean isUserName(Resolved resolved) {
    return resolved.schema() == CoreSchemas.USER && resolved.attribute().name().equals("userName");
  }
}
