package io.iamcore.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The {@code group_member} side of one batch: a fixed number of statements whatever the number of
 * membership changes, each touching only the rows the changes name.
 *
 * <p>Lock order, the same in every batch so that batches cannot deadlock: users named as members
 * ({@code FOR SHARE}, so a concurrent user deletion either commits first and the user is refused,
 * or waits for this batch and then removes the new membership), then the batch's own objects
 * ({@link Batch}'s {@code FOR NO KEY UPDATE}), then (a user deletion) the groups it leaves.
 */
final class GroupMemberships {

  static final String USER_TYPE = "user";
  static final String GROUP_TYPE = "group";

  private static final String LOCK_USERS =
      "SELECT tenant_id, connector_id, id FROM cs_object"
          + " WHERE (tenant_id, connector_id, object_type, id) IN"
          + " (SELECT t, c, 'user', i FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) AS u(t, c, i))"
          + " AND deleted_at IS NULL ORDER BY tenant_id, connector_id, id FOR SHARE";
  private static final String MEMBERS =
      "SELECT group_id, member_id FROM group_member WHERE (tenant_id, connector_id, group_id, member_id) IN"
          + " (SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[]))";
  private static final String CLEAR =
      "DELETE FROM group_member WHERE (tenant_id, connector_id, group_id) IN"
          + " (SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]))";
  private static final String REMOVE =
      "DELETE FROM group_member WHERE (tenant_id, connector_id, group_id, member_id) IN"
          + " (SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[]))";
  private static final String ADD =
      "INSERT INTO group_member (tenant_id, connector_id, group_id, member_id)"
          + " SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[]) ON CONFLICT DO NOTHING";
  private static final String GROUPS_OF_USERS =
      "SELECT DISTINCT tenant_id, connector_id, group_id FROM group_member"
          + " WHERE (tenant_id, connector_id, member_id) IN"
          + " (SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]))";
  private static final String LOCK_GROUPS =
      "SELECT id FROM cs_object WHERE (tenant_id, connector_id, object_type, id) IN"
          + " (SELECT t, c, 'group', i FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) AS u(t, c, i))"
          + " AND deleted_at IS NULL ORDER BY tenant_id, connector_id, id FOR NO KEY UPDATE";
  private static final String BUMP_GROUPS =
      "UPDATE cs_object SET version = version + 1, updated_at = $4"
          + " WHERE (tenant_id, connector_id, object_type, id) IN"
          + " (SELECT t, c, 'group', i FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) AS u(t, c, i))"
          + " AND deleted_at IS NULL";
  private static final String REMOVE_USERS =
      "DELETE FROM group_member WHERE (tenant_id, connector_id, member_id) IN"
          + " (SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]))";

  private final Map<ObjectRef, Members.GroupState> groups = new LinkedHashMap<>();
  private final Map<ObjectRef, Set<UUID>> named = new LinkedHashMap<>();

  /** The membership side of {@code changes}; empty (and free) when none is a membership change. */
  static GroupMemberships of(List<ObjectChange> changes) {
    GroupMemberships memberships = new GroupMemberships();
    for (ObjectChange change : changes) {
      if (change instanceof MembershipChange membership) {
        memberships.groups.computeIfAbsent(change.ref(), r -> new Members.GroupState());
        memberships.named.computeIfAbsent(change.ref(), r -> new HashSet<>()).addAll(membership.memberIds());
      }
    }
    return memberships;
  }

  private List<UUID[]> namedPairs() {
    List<UUID[]> pairs = new ArrayList<>();
    named.forEach((group, ids) -> ids.forEach(id -> pairs.add(new UUID[] {group.tenantId(), group.connectorId(), group.id(), id})));
    return pairs;
  }

  /** Reads (and share-locks) which named users are live; before the batch locks its own objects. */
  Future<Void> lockUsers(SqlConnection conn) {
    List<UUID[]> pairs = namedPairs();
    if (pairs.isEmpty()) {
      return Future.succeededFuture();
    }
    Tuple args = Tuple.of(column(pairs, 0), column(pairs, 1), column(pairs, 3));
    return conn.preparedQuery(LOCK_USERS).execute(args).map(rows -> {
      Set<List<UUID>> live = new HashSet<>();
      for (Row row : rows) {
        live.add(List.of(row.getUUID(0), row.getUUID(1), row.getUUID(2)));
      }
      named.forEach((group, ids) -> ids.forEach(id -> {
        if (live.contains(List.of(group.tenantId(), group.connectorId(), id))) {
          groups.get(group).liveUsers.add(id);
        }
      }));
      return null;
    });
  }

  /** Reads which named users are members already; after the batch locked the groups. */
  Future<Void> readMembers(SqlConnection conn) {
    List<UUID[]> pairs = namedPairs();
    if (pairs.isEmpty()) {
      return Future.succeededFuture();
    }
    Tuple args = Tuple.of(column(pairs, 0), column(pairs, 1), column(pairs, 2), column(pairs, 3));
    return conn.preparedQuery(MEMBERS).execute(args).map(rows -> {
      Map<UUID, Members.GroupState> byId = new LinkedHashMap<>();
      groups.forEach((ref, state) -> byId.put(ref.id(), state));
      for (Row row : rows) {
        byId.get(row.getUUID(0)).members.add(row.getUUID(1));
      }
      return null;
    });
  }

  /** A fresh view for one change of {@code group}. */
  Members view(ObjectRef group) {
    return new Members(groups.get(group));
  }

  /** Writes the edits of the groups whose changes commit: three statements at most. */
  Future<Void> write(SqlConnection conn, Set<ObjectRef> committed) {
    List<UUID[]> clear = new ArrayList<>();
    List<UUID[]> remove = new ArrayList<>();
    List<UUID[]> add = new ArrayList<>();
    groups.forEach((group, state) -> {
      if (!committed.contains(group)) {
        return;
      }
      if (state.cleared) {
        clear.add(new UUID[] {group.tenantId(), group.connectorId(), group.id()});
      }
      state.edits.forEach((id, member) -> (member ? add : remove)
          .add(new UUID[] {group.tenantId(), group.connectorId(), group.id(), id}));
    });
    Future<Void> done = Future.succeededFuture();
    if (!clear.isEmpty()) {
      done = done.compose(v -> conn.preparedQuery(CLEAR)
          .execute(Tuple.of(column(clear, 0), column(clear, 1), column(clear, 2))).mapEmpty());
    }
    if (!remove.isEmpty()) {
      done = done.compose(v -> conn.preparedQuery(REMOVE).execute(quad(remove)).mapEmpty());
    }
    if (!add.isEmpty()) {
      done = done.compose(v -> conn.preparedQuery(ADD).execute(quad(add)).mapEmpty());
    }
    return done;
  }

  /**
   * A user deletion leaves its groups: the groups are locked (in key order), their version moves on
   * unless this batch already wrote them (then the version it wrote already names the state without
   * the user), and the membership rows go.
   */
  static Future<Void> removeDeletedUsers(SqlConnection conn, List<ObjectRef> users, Set<ObjectRef> written,
      Instant now) {
    if (users.isEmpty()) {
      return Future.succeededFuture();
    }
    Tuple userArgs = Tuple.of(
        users.stream().map(ObjectRef::tenantId).toArray(UUID[]::new),
        users.stream().map(ObjectRef::connectorId).toArray(UUID[]::new),
        users.stream().map(ObjectRef::id).toArray(UUID[]::new));
    return conn.preparedQuery(GROUPS_OF_USERS).execute(userArgs).compose(rows -> {
      List<UUID[]> bump = new ArrayList<>();
      for (Row row : rows) {
        ObjectRef group = new ObjectRef(row.getUUID(0), row.getUUID(1), GROUP_TYPE, row.getUUID(2));
        if (!written.contains(group)) {
          bump.add(new UUID[] {group.tenantId(), group.connectorId(), group.id()});
        }
      }
      if (bump.isEmpty()) {
        return conn.preparedQuery(REMOVE_USERS).execute(userArgs).mapEmpty();
      }
      Tuple groupArgs = Tuple.of(column(bump, 0), column(bump, 1), column(bump, 2));
      return conn.preparedQuery(LOCK_GROUPS).execute(groupArgs)
          .compose(v -> conn.preparedQuery(BUMP_GROUPS).execute(Tuple.of(column(bump, 0), column(bump, 1),
              column(bump, 2), CsObjectRows.time(now))))
          .compose(v -> conn.preparedQuery(REMOVE_USERS).execute(userArgs))
          .mapEmpty();
    });
  }

  private static Tuple quad(List<UUID[]> rows) {
    return Tuple.of(column(rows, 0), column(rows, 1), column(rows, 2), column(rows, 3));
  }

  private static UUID[] column(List<UUID[]> rows, int index) {
    return rows.stream().map(r -> r[index]).toArray(UUID[]::new);
  }

}
