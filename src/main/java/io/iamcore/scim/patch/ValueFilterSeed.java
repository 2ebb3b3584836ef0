package io.iamcore.scim.patch;

import io.iamcore.scim.filter.Filter;
import io.iamcore.scim.filter.Op;
import io.vertx.core.json.JsonObject;

/**
 * The new value to create when an add/replace targets {@code emails[type eq "work"].value} and no
 * email is of type work. RFC 7644 §3.5.2.3 would answer {@code noTarget}; Entra instead expects the
 * value to appear (fixture 12: {@code "Add"} of {@code phoneNumbers[type eq "mobile"].value} "is
 * used for an attribute that had no value in the target before"). The new value carries what the
 * filter pins down: {@code {"type": "work"}}.
 */
final class ValueFilterSeed {

  private ValueFilterSeed() {}

  /**
   * The attributes an {@code eq}-only conjunction pins down, or {@code null} when the filter does
   * not determine a value ({@code or}, {@code not}, other operators, {@code eq null}, or two
   * different values for one attribute).
   */
  static JsonObject of(Filter filter) {
    JsonObject seed = new JsonObject();
    return collect(filter, seed) && !seed.isEmpty() ? seed : null;
  }

  private static boolean collect(Filter filter, JsonObject seed) {
    if (filter instanceof Filter.And) {
      Filter.And and = (Filter.And) filter;
      return collect(and.left(), seed) && collect(and.right(), seed);
    }
    if (!(filter instanceof Filter.Compare)) {
      return false;
    }
    Filter.Compare c = (Filter.Compare) filter;
    if (c.op() != Op.EQ || c.value() == null
        || c.path().schemaUrn() != null || c.path().subAttribute() != null) {
      return false;
    }
    String key = c.path().attribute();
    for (String existing : seed.fieldNames()) {
      if (existing.equalsIgnoreCase(key)) {
        return JsonValues.scalarEquals(seed.getValue(existing), c.value());
      }
    }
    seed.put(key, c.value());
    return true;
  }
}
