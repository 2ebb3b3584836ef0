package io.iamcore.store;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One group's memberships as one {@link MembershipChange} sees them inside a batch: what the batch
 * read for the users the change names, plus the edits of earlier changes of the same batch, plus
 * this change's own edits (kept apart until the change succeeds). Writer thread only.
 */
public final class Members {

  private final GroupState group;
  private final Map<UUID, Boolean> edits = new LinkedHashMap<>();
  private boolean cleared;

  Members(GroupState group) {
    this.group = group;
  }

  /** True when {@code id} is a live User of the group's connector (as read in this batch). */
  public boolean isUser(UUID id) {
    return group.liveUsers.contains(id);
  }

  /** True when {@code id} is a member after the edits so far. */
  public boolean contains(UUID id) {
    Boolean edited = edits.get(id);
    if (edited != null) {
      return edited;
    }
    return !cleared && group.contains(id);
  }

  /** Adds a member; false when it already was one (nothing to write). */
  public boolean add(UUID id) {
    if (contains(id)) {
      return false;
    }
    edits.put(id, true);
    return true;
  }

  /** Removes a member; false when it was none (nothing to write). */
  public boolean remove(UUID id) {
    if (!contains(id)) {
      return false;
    }
    edits.put(id, false);
    return true;
  }

  /** Removes every member (a DELETE of all the group's rows; the list itself is never read). */
  public void clear() {
    cleared = true;
    edits.clear();
  }

  /** Makes this change's edits part of the batch's state for the group (the change succeeded). */
  void keep() {
    if (cleared) {
      group.cleared = true;
      group.edits.clear();
    }
    group.edits.putAll(edits);
  }

  /** The batch-wide state of one group's memberships. */
  static final class GroupState {
    final Set<UUID> liveUsers = new HashSet<>();
    final Set<UUID> members = new HashSet<>();
    final Map<UUID, Boolean> edits = new LinkedHashMap<>();
    boolean cleared;

    boolean contains(UUID id) {
      Boolean edited = edits.get(id);
      if (edited != null) {
        return edited;
      }
      return !cleared && members.contains(id);
    }
  }
}
