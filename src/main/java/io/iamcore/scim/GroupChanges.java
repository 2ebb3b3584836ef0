package io.iamcore.scim;

import io.iamcore.scim.patch.PatchApplier;
import io.iamcore.scim.patch.PatchResult;
import io.iamcore.store.CsObject;
import io.iamcore.store.Members;
import io.iamcore.store.MembershipChange;
import io.iamcore.store.NameKeys;
import io.iamcore.store.ObjectRef;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The SCIM Group writes, as changes the group-commit writer applies in order (usable by any caller:
 * the /Groups endpoint, Bulk). Each edits the group's small document and only the membership rows
 * it names: adding or removing one member costs the same in a group of 10 or of 100,000 members.
 * Every change bumps {@code meta.version} when the document or the membership changed.
 */
public final class GroupChanges {

  private GroupChanges() {}

  /**
   * POST /Groups. displayName is unique per connector (canonical, like userName): Entra matches
   * groups by displayName, and a replay (same displayName and externalId) answers with the existing
   * group, its members untouched.
   */
  public record Create(ObjectRef ref, JsonObject doc, List<UUID> members) implements MembershipChange {
    public Create {
      members = List.copyOf(members);
    }

    @Override
    public boolean creates() {
      return true;
    }

    @Override
    public Set<UUID> memberIds() {
      return Set.copyOf(members);
    }

    @Override
    public CsObject apply(CsObject current, Instant now, Members edits) {
      addAll(edits, members);
      return stored(ref, doc, null, now);
    }

    @Override
    public CsObject resolveConflict(CsObject existing) {
      String externalId = UserDocuments.externalId(doc);
      if (existing != null && externalId != null && externalId.equals(existing.externalId())) {
        return existing;  // Entra re-sent a create whose answer it never got
      }
      throw ScimException.uniqueness("displayName " + GroupDocuments.displayName(doc)
          + " is already in use on this connector");
    }
  }

  /** PUT /Groups/{id}: the document and the member list replaced (members absent → none). */
  public record Replace(ObjectRef ref, JsonObject doc, List<UUID> members, String ifMatch)
      implements MembershipChange {
    public Replace {
      members = List.copyOf(members);
    }

    @Override
    public Set<UUID> memberIds() {
      return Set.copyOf(members);
    }

    @Override
    public CsObject apply(CsObject current, Instant now, Members edits) {
      CsObject live = require(current, ref, ifMatch);
      edits.clear();
      addAll(edits, members);
      return stored(ref, doc, live, now);
    }
  }

  /** DELETE /Groups/{id}: a soft deletion; the memberships go in the same transaction. */
  public record Delete(ObjectRef ref, String ifMatch) implements MembershipChange {
    @Override
    public Set<UUID> memberIds() {
      return Set.of();
    }

    @Override
    public CsObject apply(CsObject current, Instant now, Members edits) {
      CsObject live = require(current, ref, ifMatch);
      edits.clear();
      return live.deletedAt(now);
    }
  }

  /**
   * PATCH /Groups/{id}, all operations or none, against the latest committed state. Member
   * operations never read the member list: only whether the named users exist and are members.
   */
  public record Patch(ObjectRef ref, GroupPatch patch, String ifMatch, PatchApplier applier)
      implements MembershipChange {
    @Override
    public Set<UUID> memberIds() {
      return patch.memberIds();
    }

    @Override
    public CsObject apply(CsObject current, Instant now, Members edits) {
      CsObject live = require(current, ref, ifMatch);
      JsonObject doc = live.doc();
      boolean changed = false;
      if (!patch.documentOperations().isEmpty()) {
        JsonObject resource = live.doc().copy().put("id", ref.id().toString());
        PatchResult result = applier.apply(resource, patch.documentOperations());
        if (result.changed()) {
          doc = GroupDocuments.document(result.resource());
          changed = !doc.equals(live.doc());
        }
      }
      for (GroupPatch.MemberOperation op : patch.memberOperations()) {
        changed |= apply(op, edits);
      }
      return changed ? stored(ref, doc, live, now) : live;
    }

    private static boolean apply(GroupPatch.MemberOperation op, Members edits) {
      if (op instanceof GroupPatch.MemberOperation.Add add) {
        return addAll(edits, add.ids());
      }
      if (op instanceof GroupPatch.MemberOperation.Remove remove) {
        boolean changed = false;
        for (UUID id : remove.ids()) {
          changed |= edits.remove(id);
        }
        return changed;
      }
      if (op instanceof GroupPatch.MemberOperation.Replace replace) {
        edits.clear();  // the list is not read, so a replace always counts as a change
        addAll(edits, replace.ids());
        return true;
      }
      throw new AssertionError(op);
    }
  }

  /** Adds each member after checking it is a live User of the connector; true when any was new. */
  static boolean addAll(Members edits, List<UUID> ids) {
    boolean changed = false;
    for (UUID id : ids) {
      if (!edits.isUser(id)) {
        throw GroupMembers.notAUser(id.toString());
      }
      changed |= edits.add(id);
    }
    return changed;
  }

  /** The stored form: displayName's canonical key is the uniqueness key, as userName's for users. */
  static CsObject stored(ObjectRef ref, JsonObject doc, CsObject previous, Instant now) {
    return new CsObject(ref, UserDocuments.externalId(doc), NameKeys.canonical(GroupDocuments.displayName(doc)),
        doc, previous == null ? 1 : previous.version() + 1, previous == null ? now : previous.createdAt(),
        now, null);
  }

  static CsObject require(CsObject current, ObjectRef ref, String ifMatch) {
    if (current == null) {
      throw ScimException.notFound("Group " + ref.id() + " not found");
    }
    return UserChanges.require(current, ref, ifMatch);
  }
}
