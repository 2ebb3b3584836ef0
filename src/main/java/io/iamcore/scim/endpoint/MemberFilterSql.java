package io.iamcore.scim.endpoint;

import io.iamcore.scim.ScimException;
import io.iamcore.scim.filter.AttrPath;
import io.iamcore.scim.filter.Filter;
import io.iamcore.scim.filter.Op;
import io.iamcore.scim.schema.CoreSchemas;
import io.iamcore.scim.schema.SchemaRegistry.Resolved;
import java.util.UUID;

/**
 * Group filters on {@code members} ({@code members[value eq "…"]}, {@code members.value eq "…"},
 * {@code members pr}, value paths combining {@code value}, {@code type} and {@code display}),
 * answered from the {@code group_member} table: the group's document has no member list.
 * {@code value eq} is a primary-key probe per candidate group. Members are live users of the same
 * connector; {@code type} is always {@code User}; {@code display} is the user's displayName.
 * {@code $ref} cannot be filtered on (it is a URL built per request).
 */
final class MemberFilterSql {

  private final SqlParams params;

  MemberFilterSql(SqlParams params) {
    this.params = params;
  }

  static boolean isMembers(Resolved resolved) {
    return resolved.schema() == CoreSchemas.GROUP && resolved.attribute().name().equals("members");
  }

  /** {@code members[.sub] op value}: some member satisfies it. */
  String compare(Filter.Compare c, Resolved resolved) {
    String sub = resolved.subAttribute() == null ? "value" : resolved.subAttribute().name();
    return exists(predicate(sub, c));
  }

  /** {@code members[.sub] pr}. */
  String present(Resolved resolved) {
    String sub = resolved.subAttribute() == null ? "value" : resolved.subAttribute().name();
    return exists(present(sub));
  }

  /** {@code members[inner]}: one member satisfies all of {@code inner}. */
  String valuePath(Filter inner) {
    return exists(translate(inner));
  }

  private String translate(Filter filter) {
    if (filter instanceof Filter.And and) {
      return "(" + translate(and.left()) + " AND " + translate(and.right()) + ")";
    } else if (filter instanceof Filter.Or or) {
      return "(" + translate(or.left()) + " OR " + translate(or.right()) + ")";
    } else if (filter instanceof Filter.Not not) {
      return "(NOT " + translate(not.inner()) + ")";
    } else if (filter instanceof Filter.Present present) {
      return present(subAttribute(present.path()));
    } else if (filter instanceof Filter.Compare compare) {
      if (compare.value() == null) {
        String present = present(subAttribute(compare.path()));
        return compare.op() == Op.NE ? present : "(NOT " + present + ")";
      }
      return predicate(subAttribute(compare.path()), compare);
    } else if (filter instanceof Filter.ValuePath) {
      throw ScimException.invalidFilter("value paths cannot be nested: " + filter);
    }
    throw new AssertionError(filter);
  }

  private static String subAttribute(AttrPath path) {
    if (path.schemaUrn() != null || path.subAttribute() != null) {
      throw ScimException.invalidFilter("inside members[ ] name value, type or display, not '" + path + "'");
    }
    return path.attribute();
  }

  private String predicate(String sub, Filter.Compare c) {
    if (c.op() == Op.NE) {
      return "(NOT " + predicate(sub, new Filter.Compare(c.path(), Op.EQ, c.value())) + ")";
    }
    if (c.value() == null || c.value() instanceof Boolean) {
      throw ScimException.invalidFilter("'" + c + "': members." + sub + " is a string");
    }
    switch (sub.toLowerCase(java.util.Locale.ROOT)) {
      case "value":
        if (c.op() == Op.EQ) {
          UUID id = io.iamcore.scim.GroupMembers.parse(Literals.string(c));
          return id == null ? "FALSE" : "(m.member_id = " + params.bind(id) + "::uuid)";
        }
        return Literals.text("m.member_id::text", true, c, params);
      case "type":
        return Literals.text("'User'::text", true, c, params);
      case "display":
        return "coalesce(" + Literals.text("(u.doc ->> 'displayName')", false, c, params) + ", false)";
      default:
        throw ScimException.invalidFilter("'" + c + "': filter members on value, type or display");
    }
  }

  private static String present(String sub) {
    switch (sub.toLowerCase(java.util.Locale.ROOT)) {
      case "value":
      case "type":
      case "$ref":
        return "TRUE";
      case "display":
        return "(coalesce(u.doc ->> 'displayName', '') <> '')";
      default:
        throw ScimException.invalidFilter("members has no sub-attribute " + sub);
    }
  }

  /** Some live-user membership of the group in the outer query's row satisfies {@code condition}. */
  private static String exists(String condition) {
    return "EXISTS (SELECT 1 FROM group_member m JOIN cs_object u ON u.tenant_id = m.tenant_id"
        + " AND u.connector_id = m.connector_id AND u.object_type = 'user' AND u.id = m.member_id"
        + " AND u.deleted_at IS NULL WHERE m.tenant_id = cs_object.tenant_id"
        + " AND m.connector_id = cs_object.connector_id AND m.group_id = cs_object.id AND " + condition + ")";
  }
}
