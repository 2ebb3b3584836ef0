package io.iamcore.store;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A change of a group that also edits its memberships ({@code group_member} rows, one per member)
 * in the batch transaction. The batch never reads a group's whole member list: it reads only
 * whether the users this change names exist and are members, and writes only the rows that change,
 * so the cost of a change is proportional to the members it names, not to the group's size.
 */
public interface MembershipChange extends ObjectChange {

  /**
   * The users this change names (to add or remove). Before {@link #apply(CsObject, Instant, Members)}
   * the batch reads which of them are live users of the group's connector (locking them against a
   * concurrent deletion) and which are members already.
   */
  Set<UUID> memberIds();

  /**
   * Computes the group's new state and records membership edits in {@code members}. The edits count
   * only if this method returns normally; a thrown exception discards them with the change.
   *
   * @param members the group's memberships as this change sees them (earlier changes of the batch
   *     applied), restricted to {@link #memberIds()}
   */
  CsObject apply(CsObject current, Instant now, Members members);

  @Override
  default CsObject apply(CsObject current, Instant now) {
    throw new IllegalStateException("a membership change is applied with the batch's member view");
  }
}
