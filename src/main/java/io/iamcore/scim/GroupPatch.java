package io.iamcore.scim;

import io.iamcore.scim.filter.AttrPath;
import io.iamcore.scim.filter.Filter;
import io.iamcore.scim.filter.Op;
import io.iamcore.scim.patch.PatchOperation;
import io.iamcore.scim.patch.PatchPath;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A Group PATCH split in two: the operations on the group's own attributes (applied to its small
 * document by the ordinary PATCH applier) and the operations on {@code members}, which become
 * membership edits by id and never read the member list. The two sets touch different attributes,
 * so applying each in order is the same as applying all in order.
 *
 * <p>Member operations, with Entra's habits (see {@code entra-corpus} fixtures 28–30):
 * <ul>
 *   <li>{@code {"op":"Add","path":"members","value":[{"$ref":null,"value":"<id>"}]}}: add each;
 *       one already a member is left as is;
 *   <li>{@code {"op":"Remove","path":"members","value":[{"value":"<id>"}]}} (legacy, not in RFC
 *       7644, which would remove every member): remove the listed members only;
 *   <li>{@code {"op":"remove","path":"members[value eq \"<id>\"]"}}: remove that member; the filter
 *       may or-combine several {@code value eq}; removing a non-member changes nothing (Entra
 *       retries removals, so a removal is idempotent instead of {@code noTarget});
 *   <li>{@code remove} of {@code members} without a value clears the group; {@code replace} sets it;
 *   <li>a path-less {@code add}/{@code replace} whose value has {@code members} splits by key.
 * </ul>
 */
public record GroupPatch(List<PatchOperation> documentOperations, List<MemberOperation> memberOperations) {

  public GroupPatch {
    documentOperations = List.copyOf(documentOperations);
    memberOperations = List.copyOf(memberOperations);
  }

  /** One edit of the member list, by user id. */
  public sealed interface MemberOperation {
    record Add(List<UUID> ids) implements MemberOperation {}

    record Remove(List<UUID> ids) implements MemberOperation {}

    /** Every member removed, then {@code ids} added. */
    record Replace(List<UUID> ids) implements MemberOperation {}
  }

  /** The user ids the member operations name (for the writer to read before applying). */
  public Set<UUID> memberIds() {
    Set<UUID> ids = new LinkedHashSet<>();
    for (MemberOperation op : memberOperations) {
      if (op instanceof MemberOperation.Add add) {
        ids.addAll(add.ids());
      } else if (op instanceof MemberOperation.Remove remove) {
        ids.addAll(remove.ids());
      } else if (op instanceof MemberOperation.Replace replace) {
        ids.addAll(replace.ids());
      }
    }
    return ids;
  }

  /**
   * Splits parsed PATCH operations.
   *
   * @throws ScimException invalidValue for a bad member list, invalidPath for a member filter other
   *     than {@code value eq}, mutability for a write to a member's sub-attribute
   */
  public static GroupPatch of(List<PatchOperation> operations) {
    List<PatchOperation> document = new ArrayList<>();
    List<MemberOperation> members = new ArrayList<>();
    for (int i = 0; i < operations.size(); i++) {
      PatchOperation op = operations.get(i);
      String where = "Operations[" + i + "]";
      if (op.path() == null && op.value() instanceof JsonObject value) {
        splitPathless(op, value, where, document, members);
      } else if (op.path() != null && isMembers(op.path().attribute())) {
        members.add(memberOperation(op, where));
      } else {
        document.add(op);
      }
    }
    return new GroupPatch(document, members);
  }

  private static void splitPathless(PatchOperation op, JsonObject value, String where,
      List<PatchOperation> document, List<MemberOperation> members) {
    JsonObject rest = new JsonObject();
    for (Map.Entry<String, Object> entry : value) {
      String key = entry.getKey();
      if (key.equalsIgnoreCase("members") || key.equalsIgnoreCase(ScimSchemas.GROUP + ":members")) {
        List<UUID> ids = GroupMembers.ids(entry.getValue(), where + ".value.members");
        members.add(op instanceof PatchOperation.Add ? new MemberOperation.Add(ids) : new MemberOperation.Replace(ids));
      } else {
        rest.put(entry.getKey(), entry.getValue());
      }
    }
    if (!rest.isEmpty()) {
      document.add(op instanceof PatchOperation.Add
          ? new PatchOperation.Add(null, rest) : new PatchOperation.Replace(null, rest));
    }
  }

  private static MemberOperation memberOperation(PatchOperation op, String where) {
    PatchPath path = op.path();
    if (path.attribute().subAttribute() != null) {
      throw ScimException.mutability(where + ": the sub-attributes of members are immutable;"
          + " add or remove whole members");
    }
    if (path.valueFilter() != null) {
      if (!(op instanceof PatchOperation.Remove)) {
        throw ScimException.invalidPath(where + ": add or replace members with path \"members\" and a"
            + " value list; a filtered path only removes");
      }
      return new MemberOperation.Remove(filteredIds(path.valueFilter(), where));
    }
    if (op instanceof PatchOperation.Add) {
      return new MemberOperation.Add(GroupMembers.ids(op.value(), where + ".value"));
    }
    if (op instanceof PatchOperation.Replace) {
      return new MemberOperation.Replace(GroupMembers.ids(op.value(), where + ".value"));
    }
    // Entra's legacy dialect lists the members to remove in value (fixture 29).
    return op.value() == null ? new MemberOperation.Replace(List.of())
        : new MemberOperation.Remove(GroupMembers.ids(op.value(), where + ".value"));
  }

  /** {@code value eq "<id>"}, or several or-combined: the ids named (a non-id names no member). */
  private static List<UUID> filteredIds(Filter filter, String where) {
    List<UUID> ids = new ArrayList<>();
    collect(filter, ids, where);
    return ids;
  }

  private static void collect(Filter filter, List<UUID> ids, String where) {
    if (filter instanceof Filter.Or or) {
      collect(or.left(), ids, where);
      collect(or.right(), ids, where);
      return;
    }
    if (filter instanceof Filter.Compare c && c.op() == Op.EQ && c.path().isAttribute("value")
        && c.path().subAttribute() == null && c.path().schemaUrn() == null && c.value() instanceof String id) {
      UUID parsed = GroupMembers.parse(id);
      if (parsed != null) {
        ids.add(parsed);
      }
      return;
    }
    throw ScimException.invalidPath(where + ": members are removed by id: members[value eq \"<id>\"]"
        + " (several joined with or)");
  }

  private static boolean isMembers(AttrPath path) {
    return path.attribute().equalsIgnoreCase("members")
        && (path.schemaUrn() == null || path.schemaUrn().equalsIgnoreCase(ScimSchemas.GROUP));
  }
}
