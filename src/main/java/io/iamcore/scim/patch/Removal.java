package io.iamcore.scim.patch;

import io.iamcore.scim.ScimException;
import io.iamcore.scim.filter.Filter;
import io.iamcore.scim.filter.FilterEvaluator;
import io.iamcore.scim.filter.JsonKeys;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Iterator;

/**
 * RFC 7644 §3.5.2.2 remove. Removing what is not there is a no-op, except through a value filter:
 * a filter that matches nothing is {@code noTarget}, as §3.5.2 defines it ("the specified path
 * value contains a filter that yields no match").
 */
final class Removal {

  private final JsonObject resource;
  private final FilterEvaluator evaluator;

  Removal(JsonObject resource, FilterEvaluator evaluator) {
    this.resource = resource;
    this.evaluator = evaluator;
  }

  void remove(Target target, Object value) {
    if (target.schemaRoot()) {
      removeExtension(target);
      return;
    }
    if (target.isTopLevel("userName") && target.isWholeAttribute()) {
      throw ScimException.invalidValue("'userName' is required and cannot be removed");
    }
    JsonObject container = target.container();
    Object existing = container == null ? null : container.getValue(target.key());
    if (target.path().valueFilter() != null) {
      removeFiltered(target, existing);
    } else if (existing == null) {
      return;
    } else if (target.subAttribute() != null) {
      removeSubAttribute(container, target.key(), existing, target.subAttribute());
    } else if (EntraPatchQuirks.isRemovalOfListedValues(value, existing)) {
      removeListed(container, target.key(), (JsonArray) existing, JsonValues.asArray(value));
    } else {
      container.remove(target.key());
    }
  }

  private void removeExtension(Target target) {
    if (target.extensionUrn() == null) {
      throw ScimException.invalidPath("the core schema cannot be removed");
    }
    resource.remove(target.key());
    Object schemas = JsonKeys.get(resource, "schemas");
    if (schemas instanceof JsonArray) {
      Iterator<Object> it = ((JsonArray) schemas).iterator();
      while (it.hasNext()) {
        Object schema = it.next();
        if (schema instanceof String && ((String) schema).equalsIgnoreCase(target.key())) {
          it.remove();
        }
      }
    }
  }

  private void removeFiltered(Target target, Object existing) {
    Filter filter = target.path().valueFilter();
    String sub = target.subAttribute();
    boolean removed = false;
    if (existing instanceof JsonArray) {
      JsonArray array = (JsonArray) existing;
      for (int i = array.size() - 1; i >= 0; i--) {
        Object element = array.getValue(i);
        if (evaluator.matchesElement(filter, target.path().attribute(), element)) {
          removed = true;
          if (sub == null || !(element instanceof JsonObject)) {
            array.remove(i);
          } else if (removeMember((JsonObject) element, sub)) {
            array.remove(i);
          }
        }
      }
      if (array.isEmpty()) {
        target.container().remove(target.key());
      }
    } else if (existing instanceof JsonObject
        && evaluator.matchesElement(filter, target.path().attribute(), existing)) {
      removed = true;
      if (sub == null || removeMember((JsonObject) existing, sub)) {
        target.container().remove(target.key());
      }
    }
    if (!removed) {
      throw ScimException.noTarget("no value of '" + target.key() + "' matches [" + filter + "]");
    }
  }

  private void removeSubAttribute(JsonObject container, String key, Object existing, String sub) {
    if (existing instanceof JsonObject) {
      if (removeMember((JsonObject) existing, sub)) {
        container.remove(key);
      }
    } else if (existing instanceof JsonArray) {
      JsonArray array = (JsonArray) existing;
      for (int i = array.size() - 1; i >= 0; i--) {
        if (array.getValue(i) instanceof JsonObject && removeMember(array.getJsonObject(i), sub)) {
          array.remove(i);
        }
      }
      if (array.isEmpty()) {
        container.remove(key);
      }
    } else {
      throw ScimException.invalidPath("'" + key + "' is not complex; it has no '" + sub + "'");
    }
  }

  /** Removes {@code sub}; true when the object is then empty and should go too (unassigned). */
  private static boolean removeMember(JsonObject object, String sub) {
    String key = JsonKeys.find(object, sub);
    if (key != null) {
      object.remove(key);
    }
    return object.isEmpty();
  }

  /** Entra legacy: remove exactly the listed values (see {@link EntraPatchQuirks}). */
  private static void removeListed(JsonObject container, String key, JsonArray existing, JsonArray listed) {
    Iterator<Object> it = existing.iterator();
    while (it.hasNext()) {
      Object element = it.next();
      for (Object candidate : listed) {
        if (JsonValues.sameValue(element, candidate)) {
          it.remove();
          break;
        }
      }
    }
    if (existing.isEmpty()) {
      container.remove(key);
    }
  }
}
