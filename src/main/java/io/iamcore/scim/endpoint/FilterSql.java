package io.iamcore.scim.endpoint;

import io.iamcore.scim.ScimException;
import io.iamcore.scim.filter.AttrPath;
import io.iamcore.scim.filter.Filter;
import io.iamcore.scim.filter.Op;
import io.iamcore.scim.schema.Attribute;
import io.iamcore.scim.schema.ResourceType;
import io.iamcore.scim.schema.SchemaRegistry;
import io.iamcore.scim.schema.SchemaRegistry.Resolved;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Translates a SCIM filter into a parameterised SQL condition over one {@code cs_object} row, so the
 * database answers every filter without the connector space being loaded into memory.
 *
 * <ul>
 *   <li>{@code id}, {@code externalId}, {@code userName} and {@code meta.created},
 *       {@code meta.lastModified}, {@code meta.version} use the extracted columns ({@code userName}
 *       through {@code name_key}, the same canonical form as the unique index and the in-memory
 *       keys); everything else reads the {@code doc} JSONB, names matched case-insensitively
 *       ({@link SqlJson}).
 *   <li>Case rules, types and multi-valuedness come from the schema definitions. A string compares
 *       case-insensitively (NFKC + lower case on both sides) unless the attribute is caseExact;
 *       {@code gt}/{@code ge}/{@code lt}/{@code le} compare strings by code point. {@code co},
 *       {@code sw}, {@code ew} become {@code LIKE} with the client's {@code %}, {@code _} and
 *       {@code \} escaped.
 *   <li>Booleans match JSON booleans and Entra's {@code "True"}/{@code "False"} strings; the literal
 *       may be either. Only {@code eq}/{@code ne} apply (RFC 7644: ordering a boolean or binary is
 *       {@code invalidFilter}), as for dates {@code co}/{@code sw}/{@code ew}.
 *   <li>A multi-valued attribute matches when one of its values does ({@code EXISTS} over
 *       {@code jsonb_array_elements}); a value path {@code emails[type eq "work" and value co "@x"]}
 *       needs both conditions on the same element. A complex attribute compared without a
 *       sub-attribute compares its {@code value}.
 *   <li>{@code ne} is the negation of {@code eq} and {@code not} of its operand, so both match
 *       resources without the attribute (as the in-memory evaluator does); every leaf is a
 *       non-NULL boolean so that negation is two-valued.
 *   <li>An attribute the schemas do not define is still looked up in the document (clients store
 *       custom attributes and extensions), typed by the literal and compared case-insensitively;
 *       when no resource has it the answer is empty. A schema URN prefix that names an extension
 *       looks inside that extension's object. Filtering on {@code password} (never returned) or
 *       {@code meta.location} is {@code invalidFilter}.
 *   <li>A Group's {@code members} are rows of {@code group_member}, not part of the document:
 *       {@link MemberFilterSql}.
 * </ul>
 *
 * <p>Not thread-safe: one instance per translation (it numbers aliases and parameters).
 */
final class FilterSql {

  private final SchemaRegistry registry;
  private final ResourceType type;
  private final SqlJson json;
  private final SqlParams params;

  FilterSql(SchemaRegistry registry, ResourceType type, SqlParams params) {
    this.registry = registry;
    this.type = type;
    this.params = params;
    this.json = new SqlJson(params);
  }

  /** The condition for {@code filter}; never NULL for any row. */
  String where(Filter filter) {
    return translate(filter, null);
  }

  /** Where a filter inside a value path reads from: one element of the multi-valued attribute. */
  private record Element(String expression, Attribute definition) {}

  private String translate(Filter filter, Element element) {
    if (filter instanceof Filter.And and) {
      return "(" + translate(and.left(), element) + " AND " + translate(and.right(), element) + ")";
    } else if (filter instanceof Filter.Or or) {
      return "(" + translate(or.left(), element) + " OR " + translate(or.right(), element) + ")";
    } else if (filter instanceof Filter.Not not) {
      return "(NOT " + translate(not.inner(), element) + ")";
    } else if (filter instanceof Filter.Present present) {
      return present(present.path(), element);
    } else if (filter instanceof Filter.Compare compare) {
      return compare(compare, element);
    } else if (filter instanceof Filter.ValuePath valuePath) {
      if (element != null) {
        throw ScimException.invalidFilter("value paths cannot be nested: " + valuePath);
      }
      return valuePath(valuePath);
    }
    throw new AssertionError(filter);
  }

  private String compare(Filter.Compare c, Element element) {
    if (c.value() == null) {
      if (c.op() == Op.EQ) {
        return "(NOT " + present(c.path(), element) + ")";
      }
      if (c.op() == Op.NE) {
        return present(c.path(), element);
      }
      throw ScimException.invalidFilter("'" + c + "': null can only be compared with eq or ne");
    }
    if (c.op() == Op.NE) {
      return "(NOT " + compare(new Filter.Compare(c.path(), Op.EQ, c.value()), element) + ")";
    }
    if (element != null) {
      Attribute sub = subDefinition(element, c.path());
      String value = elementMember(element, c.path());
      return nonNull(predicate(value, sub, caseExact(sub, c.path()), c));
    }
    Optional<Resolved> resolved = resolve(c.path());
    if (resolved.isPresent() && MemberFilterSql.isMembers(resolved.get())) {
      return new MemberFilterSql(params).compare(c, resolved.get());
    }
    if (resolved.isPresent()) {
      String column = ColumnFilters.compare(resolved.get(), c, params, type);
      if (column != null) {
        return column;
      }
    }
    return anyValue(c.path(), resolved.orElse(null), true, value -> {
      Attribute leaf = resolved.map(SchemaRegistry::comparedAttribute).orElse(null);
      return predicate(value, leaf, leaf != null ? leaf.caseExact() : caseExact(null, c.path()), c);
    });
  }

  private String present(AttrPath path, Element element) {
    if (element != null) {
      return nonNull(SqlJson.present(elementMember(element, path)));
    }
    Optional<Resolved> resolved = resolve(path);
    if (resolved.isPresent() && MemberFilterSql.isMembers(resolved.get())) {
      return new MemberFilterSql(params).present(resolved.get());
    }
    if (resolved.isPresent()) {
      String column = ColumnFilters.present(resolved.get());
      if (column != null) {
        return column;
      }
    }
    return anyValue(path, resolved.orElse(null), false, SqlJson::present);
  }

  private String valuePath(Filter.ValuePath vp) {
    AttrPath path = vp.path().parent();
    Optional<Resolved> resolved = resolve(path);
    if (resolved.isPresent() && MemberFilterSql.isMembers(resolved.get())) {
      return new MemberFilterSql(params).valuePath(vp.inner());
    }
    Attribute definition = resolved.map(Resolved::attribute).orElse(null);
    String alias = json.alias();
    String element = alias + ".x";
    return "EXISTS (SELECT 1 FROM " + json.elements(attributeValue(path, resolved.orElse(null)))
        + " AS " + alias + "(x) WHERE " + translate(vp.inner(), new Element(element, definition)) + ")";
  }

  /**
   * True when one value {@code path} selects satisfies {@code predicate}.
   *
   * @param compare a complex value compared without a sub-attribute stands for its {@code value}
   */
  private String anyValue(AttrPath path, Resolved resolved, boolean compare,
      UnaryOperator<String> predicate) {
    String attribute = attributeValue(path, resolved);
    Attribute definition = resolved == null ? null : resolved.attribute();
    String sub = resolved == null ? path.subAttribute()
        : resolved.subAttribute() == null ? null : resolved.subAttribute().name();
    if (definition != null && !definition.multiValued()) {
      String value = sub != null ? json.key(attribute, sub)
          : compare && definition.type() == Attribute.Type.COMPLEX ? json.key(attribute, "value")
          : attribute;
      return nonNull(predicate.apply(value));
    }
    String alias = json.alias();
    String element = alias + ".x";
    String value = sub != null ? json.key(element, sub)
        : !compare ? element
        : definition != null && definition.type() == Attribute.Type.COMPLEX ? json.key(element, "value")
        : json.valueOf(element);
    return "EXISTS (SELECT 1 FROM " + json.elements(attribute) + " AS " + alias + "(x) WHERE "
        + predicate.apply(value) + ")";
  }

  /** The JSON of the top-level attribute {@code path} names: in the document or its extension. */
  private String attributeValue(AttrPath path, Resolved resolved) {
    if (resolved != null) {
      String container = resolved.extension() ? json.key("doc", resolved.schema().id()) : "doc";
      return json.key(container, resolved.attribute().name());
    }
    String urn = path.schemaUrn();
    boolean core = urn == null || urn.regionMatches(true, 0, "urn:ietf:params:scim:schemas:core:", 0, 34);
    return json.key(core ? "doc" : json.key("doc", urn), path.attribute());
  }

  /** A member of one element of a multi-valued attribute, e.g. {@code type} of one email. */
  private String elementMember(Element element, AttrPath path) {
    if (path.schemaUrn() != null || path.subAttribute() != null) {
      throw ScimException.invalidFilter("inside [ ] name a sub-attribute of the attribute before it, not '"
          + path + "'");
    }
    boolean complex = element.definition() != null && element.definition().type() == Attribute.Type.COMPLEX;
    if (!complex && path.isAttribute("value")) {
      return element.definition() == null ? json.valueOf(element.expression()) : element.expression();
    }
    return json.key(element.expression(), path.attribute());
  }

  private static Attribute subDefinition(Element element, AttrPath path) {
    return element.definition() == null ? null
        : element.definition().subAttribute(path.attribute()).orElse(null);
  }

  private static boolean caseExact(Attribute definition, AttrPath path) {
    if (definition != null) {
      return definition.caseExact();
    }
    String last = path.subAttribute() != null ? path.subAttribute() : path.attribute();
    return last.startsWith("$");
  }

  private Optional<Resolved> resolve(AttrPath path) {
    Optional<Resolved> resolved = registry.resolve(type, path);
    resolved.ifPresent(r -> {
      if (r.leaf().returned() == Attribute.Returned.NEVER || r.attribute().returned() == Attribute.Returned.NEVER) {
        throw ScimException.invalidFilter("'" + path + "' is never returned and cannot be filtered on");
      }
    });
    return resolved;
  }

  /** The comparison of one JSON value with the literal, by the attribute's type. */
  private String predicate(String value, Attribute definition, boolean caseExact, Filter.Compare c) {
    Attribute.Type valueType = definition != null ? definition.type()
        : c.value() instanceof Boolean ? Attribute.Type.BOOLEAN
        : c.value() instanceof Number ? Attribute.Type.DECIMAL
        : Attribute.Type.STRING;
    switch (valueType) {
      case BOOLEAN:
        return "(lower(" + SqlJson.text(value) + ") = " + params.text(Literals.bool(c).toString()) + ")";
      case DECIMAL:
      case INTEGER:
        return "(SELECT jsonb_typeof(n.x) = 'number' AND (n.x " + Literals.sqlOperator(c.op(), c)
            + " to_jsonb(" + params.text(Literals.number(c)) + "::numeric)) FROM (SELECT " + value + " AS x) AS n)";
      case BINARY:
        if (c.op().isOrdering()) {
          throw ScimException.invalidFilter("'" + c + "': binary values cannot be ordered");
        }
        return Literals.text(SqlJson.text(value), true, c, params);
      case COMPLEX:
        throw ScimException.invalidFilter("'" + c + "': name a sub-attribute of " + c.path());
      default:
        return Literals.text(SqlJson.text(value), caseExact, c, params);
    }
  }

  private static String nonNull(String condition) {
    return "coalesce(" + condition + ", false)";
  }
}
