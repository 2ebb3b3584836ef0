package io.iamcore.scim.filter;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Evaluates a {@link Filter} against one resource held in memory. Used for PATCH value-path
 * filters and wherever the database is not the one answering the filter.
 *
 * <p>Rules (RFC 7644 §3.4.2.2, plus what Entra sends):
 * <ul>
 *   <li>attribute names and schema URNs match case-insensitively; a schema-qualified path looks
 *       inside the extension object stored under that URN, or at the top level for a core schema;
 *   <li>a multi-valued attribute matches when any of its values matches; a complex value compared
 *       without a sub-attribute is compared through its {@code value} sub-attribute
 *       ({@code manager eq "id"});
 *   <li>{@code ne} is the negation of {@code eq}, so it also matches an absent attribute;
 *       {@code eq null} matches an absent attribute;
 *   <li>{@code pr}: present and neither null, {@code ""}, {@code []} nor {@code {}};
 *   <li>see {@link ValueComparison} for how two values compare.
 * </ul>
 * A filter the evaluator cannot apply (e.g. {@code gt} on a boolean) does not match; it never throws.
 */
public final class FilterEvaluator {

  private static final String CORE_SCHEMA_PREFIX = "urn:ietf:params:scim:schemas:core:";

  private final ValueComparison comparison;

  public FilterEvaluator() {
    this(CaseExactness.rfc7643());
  }

  public FilterEvaluator(CaseExactness caseExactness) {
    this.comparison = new ValueComparison(Objects.requireNonNull(caseExactness, "caseExactness"));
  }

  /** True when {@code resource} satisfies {@code filter}. */
  public boolean matches(Filter filter, JsonObject resource) {
    return evaluate(filter, resource, null);
  }

  /**
   * True when one value of a multi-valued attribute satisfies the inner filter of a value path
   * whose attribute is {@code parent} (e.g. one element of {@code emails} against
   * {@code type eq "work"}). A simple value is seen as {@code {"value": element}}.
   */
  public boolean matchesElement(Filter inner, AttrPath parent, Object element) {
    return evaluate(inner, asComplex(element), parent.parent());
  }

  private boolean evaluate(Filter filter, JsonObject node, AttrPath parent) {
    if (filter instanceof Filter.And) {
      Filter.And and = (Filter.And) filter;
      return evaluate(and.left(), node, parent) && evaluate(and.right(), node, parent);
    } else if (filter instanceof Filter.Or) {
      Filter.Or or = (Filter.Or) filter;
      return evaluate(or.left(), node, parent) || evaluate(or.right(), node, parent);
    } else if (filter instanceof Filter.Not) {
      return !evaluate(((Filter.Not) filter).inner(), node, parent);
    } else if (filter instanceof Filter.Present) {
      return resolve(node, ((Filter.Present) filter).path(), parent, false).stream()
          .anyMatch(FilterEvaluator::isPresent);
    } else if (filter instanceof Filter.Compare) {
      return compare((Filter.Compare) filter, node, parent);
    } else if (filter instanceof Filter.ValuePath) {
      Filter.ValuePath vp = (Filter.ValuePath) filter;
      AttrPath elementParent = vp.path().parent();
      for (Object element : resolve(node, vp.path(), parent, false)) {
        if (evaluate(vp.inner(), asComplex(element), elementParent)) {
          return true;
        }
      }
      return false;
    }
    throw new AssertionError(filter);
  }

  private boolean compare(Filter.Compare c, JsonObject node, AttrPath parent) {
    List<Object> values = resolve(node, c.path(), parent, true);
    if (c.op() == Op.NE) {
      return !anyMatches(values, new Filter.Compare(c.path(), Op.EQ, c.value()), parent);
    }
    return anyMatches(values, c, parent);
  }

  private boolean anyMatches(List<Object> values, Filter.Compare c, AttrPath parent) {
    if (c.value() == null) {
      return c.op() == Op.EQ && values.stream().noneMatch(FilterEvaluator::isPresent);
    }
    AttrPath effective = parent == null ? c.path()
        : new AttrPath(parent.schemaUrn(), parent.attribute(), c.path().attribute());
    for (Object value : values) {
      if (comparison.test(value, c.op(), c.value(), effective)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The values {@code path} selects in {@code node}, arrays flattened. When {@code forCompare}, a
   * complex value without a named sub-attribute stands for its {@code value} sub-attribute.
   */
  private static List<Object> resolve(JsonObject node, AttrPath path, AttrPath parent, boolean forCompare) {
    JsonObject container = parent == null ? container(node, path) : node;
    List<Object> out = new ArrayList<>();
    if (container == null) {
      return out;
    }
    Object top = JsonKeys.get(container, path.attribute());
    for (Object value : flatten(top)) {
      if (path.subAttribute() != null) {
        if (value instanceof JsonObject) {
          out.addAll(flatten(JsonKeys.get((JsonObject) value, path.subAttribute())));
        }
      } else if (forCompare && value instanceof JsonObject) {
        out.addAll(flatten(JsonKeys.get((JsonObject) value, "value")));
      } else {
        out.add(value);
      }
    }
    return out;
  }

  /** The object a top-level path is read from: the resource, or the extension object for its URN. */
  private static JsonObject container(JsonObject resource, AttrPath path) {
    if (path.schemaUrn() == null) {
      return JsonKeys.find(resource, path.attribute()) != null ? resource : extensionHolding(resource, path.attribute());
    }
    Object extension = JsonKeys.get(resource, path.schemaUrn());
    if (extension instanceof JsonObject) {
      return (JsonObject) extension;
    }
    return path.schemaUrn().regionMatches(true, 0, CORE_SCHEMA_PREFIX, 0, CORE_SCHEMA_PREFIX.length())
        ? resource : null;
  }

  /**
   * An unqualified name missing at the top level is looked up in the extensions: Entra checks the
   * manager link with {@code manager eq "…"} (fixture 10), and manager lives in the enterprise
   * extension. RFC 7644 §3.10 lets a name omit its schema URN when it is unambiguous.
   */
  private static JsonObject extensionHolding(JsonObject resource, String attribute) {
    for (String key : resource.fieldNames()) {
      Object value = resource.getValue(key);
      if (key.regionMatches(true, 0, "urn:", 0, 4) && value instanceof JsonObject
          && JsonKeys.find((JsonObject) value, attribute) != null) {
        return (JsonObject) value;
      }
    }
    return resource;
  }

  private static List<Object> flatten(Object value) {
    List<Object> out = new ArrayList<>();
    if (value instanceof JsonArray) {
      for (Object element : (JsonArray) value) {
        if (element != null) {
          out.add(element instanceof Map ? new JsonObject(castMap(element)) : element);
        }
      }
    } else if (value != null) {
      out.add(value);
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Object map) {
    return (Map<String, Object>) map;
  }

  private static JsonObject asComplex(Object element) {
    return element instanceof JsonObject ? (JsonObject) element : new JsonObject().put("value", element);
  }

  private static boolean isPresent(Object value) {
    if (value == null) {
      return false;
    }
    if (value instanceof String) {
      return !((String) value).isEmpty();
    }
    if (value instanceof JsonArray) {
      return !((JsonArray) value).isEmpty();
    }
    if (value instanceof JsonObject) {
      return !((JsonObject) value).isEmpty();
    }
    return true;
  }
}
