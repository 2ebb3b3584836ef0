package io.iamcore.scim.endpoint;

import io.iamcore.testing.Gen;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Structural mutations of a JSON request body: one member or element somewhere in the tree is
 * removed, renamed, duplicated in another case, or replaced by a value of another JSON type (deep
 * nesting, long strings, NUL, numbers where strings belong).
 */
final class JsonMutations {

  private static final List<Object> REPLACEMENTS = List.of(
      "", "x", "True", "False", "\u0000", "a".repeat(5000), 0, -1, 1.5e300, true, false,
      new JsonObject(), new JsonArray(), new JsonArray().add(new JsonObject()),
      new JsonObject().put("value", new JsonArray().add(1)), deep(40),
      "emails[type eq \"work\"].value", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
      "members[value eq \"x\"]", "userName");

  private JsonMutations() {}

  /** A copy of {@code valid} with one member or element changed. */
  static JsonObject mutated(Gen gen, JsonObject valid) {
    int where = gen.between(0, 1000);
    int how = gen.between(0, 3);
    Object replacement = gen.pick(REPLACEMENTS);
    JsonObject copy = valid.copy();
    List<Object[]> slots = new ArrayList<>();
    collect(copy, slots);
    Object[] slot = slots.get(where % slots.size());
    mutate(slot[0], slot[1], how, replacement);
    return copy;
  }

  private static JsonObject deep(int depth) {
    JsonObject root = new JsonObject();
    JsonObject at = root;
    for (int i = 0; i < depth; i++) {
      JsonObject next = new JsonObject();
      at.put("value", next);
      at = next;
    }
    return root;
  }

  /** Every (container, key-or-index) in the tree, the root's members included. */
  private static void collect(Object node, List<Object[]> out) {
    if (node instanceof JsonObject object) {
      for (Map.Entry<String, Object> e : object) {
        out.add(new Object[] {object, e.getKey()});
        collect(e.getValue(), out);
      }
    } else if (node instanceof JsonArray array) {
      for (int i = 0; i < array.size(); i++) {
        out.add(new Object[] {array, i});
        collect(array.getValue(i), out);
      }
    }
  }

  private static void mutate(Object container, Object key, int how, Object replacement) {
    Object value = replacement instanceof JsonObject o ? o.copy() : replacement instanceof JsonArray a ? a.copy()
        : replacement;
    if (container instanceof JsonObject object) {
      String name = (String) key;
      switch (how) {
        case 0 -> object.remove(name);
        case 1 -> object.put(name.toUpperCase(), object.remove(name));
        case 2 -> object.put(name.toLowerCase().equals(name) ? name.toUpperCase() : name.toLowerCase(), value);
        default -> object.put(name, value);
      }
    } else {
      JsonArray array = (JsonArray) container;
      int index = (Integer) key;
      switch (how) {
        case 0 -> array.remove(index);
        case 1 -> array.add(array.getValue(index));
        default -> array.set(index, value);
      }
    }
  }
}
