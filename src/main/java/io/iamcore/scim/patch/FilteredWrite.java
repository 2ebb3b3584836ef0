package io.iamcore.scim.patch;

import io.iamcore.scim.ScimException;
import io.iamcore.scim.filter.AttrPath;
import io.iamcore.scim.filter.Filter;
import io.iamcore.scim.filter.FilterEvaluator;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Add or replace through a value filter: {@code emails[type eq "work"].value}. Every matching value
 * is updated; when none matches, a new value is created from what the filter pins down (see
 * {@link ValueFilterSeed}), because that is what Entra expects of both {@code Add} and
 * {@code Replace} (fixture 12) and it keeps one value per {@code type}.
 */
final class FilteredWrite {

  private final FilterEvaluator evaluator;
  private final SchemaHints hints;

  FilteredWrite(FilterEvaluator evaluator, SchemaHints hints) {
    this.evaluator = evaluator;
    this.hints = hints;
  }

  void write(Target target, Object value) {
    Object parent = target.container().getValue(target.key());
    AttrPath attribute = target.path().attribute();
    Filter filter = target.path().valueFilter();
    if (parent instanceof JsonArray) {
      JsonArray array = (JsonArray) parent;
      List<Object> touched = new ArrayList<>();
      for (int i = 0; i < array.size(); i++) {
        if (evaluator.matchesElement(filter, attribute, array.getValue(i))) {
          touched.add(update(array, i, attribute, value));
        }
      }
      if (touched.isEmpty()) {
        JsonObject created = create(target, value);
        array.add(created);
        touched.add(created);
      }
      JsonValues.keepOnePrimary(array, touched);
    } else if (parent instanceof JsonObject) {
      if (evaluator.matchesElement(filter, attribute, parent)) {
        merge((JsonObject) parent, attribute, value);
      } else {
        target.container().put(target.key(), create(target, value));
      }
    } else if (parent == null) {
      JsonObject created = create(target, value);
      target.container().put(target.key(), isSingleValued(target) ? created : new JsonArray().add(created));
    } else {
      throw ScimException.invalidPath("'" + target.key() + "' is not complex; it cannot be filtered");
    }
  }

  private Object update(JsonArray array, int index, AttrPath attribute, Object value) {
    Object element = array.getValue(index);
    if (element instanceof JsonObject) {
      merge((JsonObject) element, attribute, value);
      return element;
    }
    if (attribute.subAttribute() != null) {
      throw ScimException.invalidPath("the values of '" + attribute.attribute() + "' have no sub-attributes");
    }
    Object replacement = JsonValues.clean(value);
    array.set(index, replacement);
    return replacement;
  }

  private static void merge(JsonObject element, AttrPath attribute, Object value) {
    if (attribute.subAttribute() != null) {
      JsonValues.merge(element, new JsonObject().put(attribute.subAttribute(), value));
    } else if (value instanceof JsonObject) {
      JsonValues.merge(element, (JsonObject) value);
    } else {
      throw ScimException.invalidValue("'" + attribute.attribute() + "' holds complex values; the value must be an object");
    }
  }

  private static JsonObject create(Target target, Object value) {
    JsonObject seed = ValueFilterSeed.of(target.path().valueFilter());
    if (seed == null) {
      throw ScimException.noTarget("no value of '" + target.key() + "' matches ["
          + target.path().valueFilter() + "], and the filter does not say what a new value would hold");
    }
    merge(seed, target.path().attribute(), value);
    return seed;
  }

  /** Known single-valued attributes (the enterprise manager) stay single; unknown ones are filtered lists. */
  private boolean isSingleValued(Target target) {
    if (hints.isMultiValued(target.key())) {
      return false;
    }
    return target.extensionUrn() == null
        ? hints.coreName(target.key()) != null
        : hints.extensionName(target.extensionUrn(), target.key()) != null;
  }
}
