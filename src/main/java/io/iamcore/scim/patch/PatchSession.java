package io.iamcore.scim.patch;

import io.iamcore.scim.ScimException;
import io.iamcore.scim.filter.AttrPath;
import io.iamcore.scim.filter.FilterEvaluator;
import io.iamcore.scim.filter.JsonKeys;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Applies operations, one after the other, to a private working copy of a resource. The copy is
 * only handed out when every operation succeeded ({@link PatchApplier}), which is what makes a
 * PATCH atomic (RFC 7644 §3.5.2: "the entire PATCH request MUST be rejected").
 *
 * <p>Add and replace share one write path: they differ only for a multi-valued attribute without
 * a filter, where add appends and replace swaps the whole array. Complex values are merged in
 * both, as §3.5.2.1/§3.5.2.3 say sub-attributes not named are left unchanged.
 */
final class PatchSession {

  enum Mode { ADD, REPLACE }

  private final JsonObject resource;
  private final SchemaHints hints;
  private final FilterEvaluator evaluator;
  private final TargetLocator locator;

  PatchSession(JsonObject workingCopy, SchemaHints hints, FilterEvaluator evaluator) {
    this.resource = workingCopy;
    this.hints = hints;
    this.evaluator = evaluator;
    this.locator = new TargetLocator(workingCopy, hints);
  }

  void apply(PatchOperation op) {
    if (op instanceof PatchOperation.Add) {
      write(Mode.ADD, op.path(), op.value());
    } else if (op instanceof PatchOperation.Replace) {
      write(Mode.REPLACE, op.path(), op.value());
    } else if (op instanceof PatchOperation.Remove) {
      new Removal(resource, evaluator).remove(guard(locator.locate(op.path(), false)), op.value());
    } else {
      throw new AssertionError(op);
    }
  }

  private void write(Mode mode, PatchPath path, Object value) {
    if (path == null) {
      writeMembers(mode, null, value);
      return;
    }
    Target target = locator.locate(path, true);
    if (target.schemaRoot()) {
      writeMembers(mode, target.extensionUrn(), value);
      return;
    }
    guard(target);
    Object normalized = normalize(target, value);
    if (path.valueFilter() != null) {
      new FilteredWrite(evaluator, hints).write(target, normalized);
    } else if (target.subAttribute() != null) {
      writeSubAttribute(target, normalized);
    } else {
      writeAttribute(mode, target, normalized);
    }
  }

  /**
   * RFC 7644 §3.5.2.1/§3.5.2.3 without a path: {@code value} is an object whose members are
   * applied one by one. Entra's compliant dialect (fixture 16) writes the member names as paths,
   * {@code "name.givenName"} and {@code "urn:…:enterprise:2.0:User:employeeNumber"}, so each name
   * is parsed as a path; a member named after a schema URN holds that schema's attributes.
   */
  private void writeMembers(Mode mode, String urn, Object value) {
    if (!(value instanceof JsonObject)) {
      throw ScimException.invalidValue("without a path, the value must be an object of attributes");
    }
    for (Map.Entry<String, Object> member : (JsonObject) value) {
      String name = member.getKey();
      if (urn == null && locator.isSchemaRoot(name) && member.getValue() instanceof JsonObject) {
        PatchPath root = PatchPath.parse(name);
        Target target = locator.locate(root, true);
        writeMembers(mode, target.extensionUrn(), member.getValue());
        continue;
      }
      PatchPath path = PatchPath.parse(name);
      if (urn != null && path.attribute().schemaUrn() == null) {
        AttrPath a = path.attribute();
        path = new PatchPath(new AttrPath(urn, a.attribute(), a.subAttribute()), path.valueFilter());
      }
      writeMember(mode, path, member.getValue());
    }
  }

  private void writeMember(Mode mode, PatchPath path, Object value) {
    if (value == null) {
      // RFC 7643 §2.5: null is unassigned. A replace clears, an add has nothing to add.
      if (mode == Mode.REPLACE) {
        new Removal(resource, evaluator).remove(guard(locator.locate(path, false)), null);
      }
      return;
    }
    if (path.valueFilter() == null && path.attribute().subAttribute() == null
        && hints.isReadOnly(path.attribute().attribute()) && path.attribute().schemaUrn() == null
        && JsonValues.clean(value).equals(JsonKeys.get(resource, path.attribute().attribute()))) {
      return; // a client echoing a read-only value it was given changes nothing
    }
    write(mode, path, value);
  }

  /** Read-only attributes (RFC 7643 §2.2 mutability) cannot be the target of any operation. */
  private Target guard(Target target) {
    if (target.extensionUrn() == null && !target.schemaRoot() && hints.isReadOnly(target.key())) {
      throw ScimException.mutability("'" + target.key() + "' is read-only");
    }
    return target;
  }

  private Object normalize(Target target, Object value) {
    if (target.isTopLevel("active") && target.isWholeAttribute()) {
      return EntraPatchQuirks.activeValue(value);
    }
    if (target.isTopLevel("userName") && target.isWholeAttribute()
        && (!(value instanceof String) || ((String) value).isBlank())) {
      throw ScimException.invalidValue("'userName' must be a non-empty string");
    }
    if (target.extensionUrn() != null && target.key().equalsIgnoreCase("manager") && target.isWholeAttribute()) {
      return EntraPatchQuirks.managerValue(value);
    }
    return value;
  }

  private void writeAttribute(Mode mode, Target target, Object value) {
    JsonObject container = target.container();
    Object existing = container.getValue(target.key());
    if (existing instanceof JsonArray || (existing == null && hints.isMultiValued(target.key()))) {
      JsonArray incoming = JsonValues.asArray(value);
      if (mode == Mode.ADD && existing != null) {
        JsonArray array = (JsonArray) existing;
        JsonValues.keepOnePrimary(array, JsonValues.addAll(array, incoming));
      } else {
        JsonArray fresh = new JsonArray();
        JsonValues.keepOnePrimary(fresh, JsonValues.addAll(fresh, incoming));
        container.put(target.key(), fresh);
      }
    } else if (existing instanceof JsonObject && value instanceof JsonObject) {
      JsonValues.merge((JsonObject) existing, (JsonObject) value);
    } else if (existing instanceof JsonObject) {
      throw ScimException.invalidValue("'" + target.path() + "' is complex; the value must be an object");
    } else {
      container.put(target.key(), JsonValues.clean(value));
    }
  }

  /** {@code name.givenName} or, without a filter, {@code emails.value} (every value). */
  private void writeSubAttribute(Target target, Object value) {
    JsonObject container = target.container();
    String sub = target.subAttribute();
    Object parent = container.getValue(target.key());
    if (parent == null) {
      JsonObject created = new JsonObject().put(sub, JsonValues.clean(value));
      container.put(target.key(), hints.isMultiValued(target.key()) ? new JsonArray().add(created) : created);
    } else if (parent instanceof JsonObject) {
      JsonValues.merge((JsonObject) parent, new JsonObject().put(sub, value));
    } else if (parent instanceof JsonArray && ((JsonArray) parent).isEmpty()) {
      ((JsonArray) parent).add(new JsonObject().put(sub, JsonValues.clean(value)));
    } else if (parent instanceof JsonArray) {
      List<Object> touched = new ArrayList<>();
      for (Object element : (JsonArray) parent) {
        if (element instanceof JsonObject) {
          JsonValues.merge((JsonObject) element, new JsonObject().put(sub, value));
          touched.add(element);
        }
      }
      JsonValues.keepOnePrimary((JsonArray) parent, touched);
    } else {
      throw ScimException.invalidPath("'" + target.key() + "' is not complex; it has no '" + sub + "'");
    }
  }
}
