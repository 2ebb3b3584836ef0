package io.iamcore.store;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One group-commit transaction. In a handful of statements, whatever the batch size:
 *
 * <ol>
 *   <li>share-lock the users that group membership changes name ({@link GroupMemberships});
 *   <li>lock and read the objects the batch updates ({@code SELECT … FOR NO KEY UPDATE}, in key
 *       order so concurrent batches cannot deadlock on them; {@code NO KEY} because no change
 *       alters a key, and it lets the membership foreign keys' {@code KEY SHARE} checks through);
 *   <li>apply every change in arrival order in memory (a change that throws fails alone);
 *   <li>insert the creates in one statement, {@code ON CONFLICT DO NOTHING}, then look up the
 *       winners of lost userName races so a replayed create can return the existing object;
 *   <li>write every updated object's final state in one {@code UPDATE … FROM unnest(…)};
 *   <li>write the membership rows the changes edited, and remove deleted users from their groups.
 * </ol>
 *
 * If the database still rejects the batch for a data reason (a rename onto a taken userName, a
 * value PostgreSQL cannot store, a deadlock with another replica), the batch is replayed one change
 * per transaction so that only the offending change fails.
 */
final class Batch {

  private static final System.Logger LOG = System.getLogger(Batch.class.getName());

  private static final String LOCK =
      "SELECT " + CsObjectRows.COLUMNS + " FROM cs_object"
          + " WHERE (tenant_id, connector_id, object_type, id) IN"
          + " (SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[]))"
          + " AND deleted_at IS NULL"
          + " ORDER BY tenant_id, connector_id, object_type, id FOR NO KEY UPDATE";

  private static final String INSERT =
      "INSERT INTO cs_object (tenant_id, connector_id, object_type, id, external_id, name_key,"
          + " doc, version, created_at, updated_at)"
          + " SELECT t, c, ty, i, e, n, d::jsonb, v, ts, ts FROM unnest($1::uuid[], $2::uuid[],"
          + " $3::text[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::int8[],"
          + " $9::timestamptz[]) AS u(t, c, ty, i, e, n, d, v, ts)"
          + " ON CONFLICT DO NOTHING RETURNING id";

  private static final String WINNERS =
      "SELECT " + CsObjectRows.COLUMNS + " FROM cs_object"
          + " WHERE (tenant_id, connector_id, object_type, name_key) IN"
          + " (SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[]))"
          + " AND deleted_at IS NULL";

  private static final String UPDATE =
      "UPDATE cs_object o SET external_id = u.e, name_key = u.n, doc = u.d::jsonb, version = u.v,"
          + " updated_at = u.ts, deleted_at = u.del"
          + " FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[], $5::text[], $6::text[],"
          + " $7::text[], $8::int8[], $9::timestamptz[], $10::timestamptz[])"
          + " AS u(t, c, ty, i, e, n, d, v, ts, del)"
          + " WHERE o.tenant_id = u.t AND o.connector_id = u.c AND o.object_type = u.ty"
          + " AND o.id = u.i";

  /** What every batch of a writer shares. */
  record Environment(Pool pool, CommitListener listener, TransactionHook hook, DatabaseHealth health) {}

  private final Environment env;
  private final List<GroupCommitWriter.Pending> items;
  private final Instant now;

  Batch(Environment env, List<GroupCommitWriter.Pending> items, Instant now) {
    this.env = env;
    this.items = items;
    this.now = now;
  }

  /** Runs the batch; every item's promise is settled when the returned future completes. */
  Future<Void> run() {
    return env.pool().withTransaction(this::execute)
        .map(applied -> {
          try {
            applied.afterCommit.run();
          } catch (RuntimeException e) {
            // Committed all the same: the requests are answered; a stale in-memory index
            // reloads from PostgreSQL (the NOTIFY of this transaction reaches every replica).
            LOG.log(System.Logger.Level.ERROR, "after-commit work failed", e);
          }
          deliver(applied.outcomes);
          return (Void) null;
        })
        .recover(this::onFailure);
  }

  private Future<Void> onFailure(Throwable error) {
    if (DatabaseHealth.isConnectionFailure(error)) {
      env.health().reportFailure(error);
      WriteUnavailableException unavailable =
          new WriteUnavailableException("the database is unreachable; the write may not have been applied", 2);
      items.forEach(item -> item.fail(unavailable));
      return Future.succeededFuture();
    }
    if (items.size() > 1) {
      return runIsolated(0);
    }
    items.get(0).fail(translate(error));
    return Future.succeededFuture();
  }

  /** Replays the batch one change per transaction, in order. */
  private Future<Void> runIsolated(int index) {
    if (index == items.size()) {
      return Future.succeededFuture();
    }
    return new Batch(env, List.of(items.get(index)), now)
        .run()
        .compose(v -> runIsolated(index + 1));
  }

  private static RuntimeException translate(Throwable error) {
    if (error instanceof PgException pg && pg.getSqlState() != null) {
      String state = pg.getSqlState();
      if (state.equals("23505")) {
        return new WriteConflictException(null);
      }
      if (state.startsWith("22") || state.startsWith("23")) {
        return new WriteRejectedException("the database cannot store a value of this object");
      }
      if (state.startsWith("40")) {
        return new WriteUnavailableException("the write collided with another; retry", 1);
      }
    }
    return new WriteRejectedException(null, error);
  }

  private void deliver(List<Outcome> outcomes) {
    for (int i = 0; i < items.size(); i++) {
      Outcome outcome = outcomes.get(i);
      GroupCommitWriter.Pending item = items.get(i);
      if (outcome.error != null) {
        item.fail(outcome.error);
        continue;
      }
      if (outcome.changed) {
        env.listener().committed(outcome.before, outcome.after);
      }
      item.succeed(outcome.after);
    }
  }

  private Future<Applied> execute(SqlConnection conn) {
    List<ObjectRef> toLock = new ArrayList<>();
    List<ObjectChange> changes = new ArrayList<>();
    for (GroupCommitWriter.Pending item : items) {
      changes.add(item.change());
      if (!item.change().creates()) {
        toLock.add(item.change().ref());
      }
    }
    GroupMemberships memberships = GroupMemberships.of(changes);
    Future<Map<ObjectRef, CsObject>> loaded = memberships.lockUsers(conn)
        .compose(v -> toLock.isEmpty() ? Future.succeededFuture(new HashMap<>()) : lock(conn, toLock))
        .compose(current -> memberships.readMembers(conn).map(current));
    return loaded.compose(current -> {
      Applied applied = apply(current, memberships);
      return insert(conn, applied)
          .compose(v -> update(conn, applied))
          .compose(v -> memberships.write(conn, committedRefs(applied)))
          .compose(v -> GroupMemberships.removeDeletedUsers(conn, deletedUsers(applied), committedRefs(applied), now))
          .compose(v -> env.hook().inTransaction(conn, changes(applied)))
          .map(afterCommit -> {
            applied.afterCommit = afterCommit;
            return applied;
          });
    });
  }

  /** The objects whose changes will commit (a create that lost its race does not). */
  private static Set<ObjectRef> committedRefs(Applied applied) {
    Set<ObjectRef> refs = new HashSet<>();
    for (Outcome outcome : applied.outcomes) {
      if (outcome.error == null && outcome.changed) {
        refs.add(outcome.after.ref());
      }
    }
    return refs;
  }

  /** Users this batch deletes: they leave their groups in the same transaction. */
  private static List<ObjectRef> deletedUsers(Applied applied) {
    List<ObjectRef> users = new ArrayList<>();
    for (Outcome outcome : applied.outcomes) {
      if (outcome.error == null && outcome.changed && outcome.before != null && outcome.after.deleted()
          && outcome.after.ref().objectType().equals(GroupMemberships.USER_TYPE)) {
        users.add(outcome.after.ref());
      }
    }
    return users;
  }

  /** The changes that will commit: applied, not failed, and not a create that lost its race. */
  private static List<CsChange> changes(Applied applied) {
    List<CsChange> changes = new ArrayList<>();
    for (Outcome outcome : applied.outcomes) {
      if (outcome.error == null && outcome.changed) {
        changes.add(new CsChange(outcome.before, outcome.after, outcome.change));
      }
    }
    return changes;
  }

  private Future<Map<ObjectRef, CsObject>> lock(SqlConnection conn, List<ObjectRef> refs) {
    Tuple args = Tuple.tuple()
        .addValue(refs.stream().map(ObjectRef::tenantId).toArray(UUID[]::new))
        .addValue(refs.stream().map(ObjectRef::connectorId).toArray(UUID[]::new))
        .addValue(refs.stream().map(ObjectRef::objectType).toArray(String[]::new))
        .addValue(refs.stream().map(ObjectRef::id).toArray(UUID[]::new));
    return conn.preparedQuery(LOCK).execute(args).map(rows -> {
      Map<ObjectRef, CsObject> found = new HashMap<>();
      for (Row row : rows) {
        CsObject object = CsObjectRows.map(row);
        found.put(object.ref(), object);
      }
      return found;
    });
  }

  /** The in-memory pass: every change applied in order against the latest state. */
  private Applied apply(Map<ObjectRef, CsObject> state, GroupMemberships memberships) {
    Applied applied = new Applied();
    for (GroupCommitWriter.Pending item : items) {
      ObjectChange change = item.change();
      CsObject before = state.get(change.ref());
      CsObject live = before == null || before.deleted() ? null : before;
      Outcome outcome = new Outcome();
      outcome.change = change;
      applied.outcomes.add(outcome);
      try {
        CsObject after;
        if (change instanceof MembershipChange membership) {
          Members members = memberships.view(change.ref());
          after = membership.apply(live, now, members);
          members.keep();
        } else {
          after = change.apply(live, now);
        }
        outcome.before = live;
        outcome.after = after;
        outcome.changed = after != live;
        if (change.creates()) {
          applied.creates.put(after.ref(), outcome);
          outcome.create = change;
        } else if (outcome.changed) {
          applied.dirty.put(after.ref(), after);
        }
        state.put(after.ref(), after);
      } catch (RuntimeException e) {
        outcome.error = e;
      }
    }
    return applied;
  }

  private Future<Void> insert(SqlConnection conn, Applied applied) {
    if (applied.creates.isEmpty()) {
      return Future.succeededFuture();
    }
    List<CsObject> rows = new ArrayList<>();
    applied.creates.values().forEach(outcome -> rows.add(outcome.after));
    Tuple args = keys(rows)
        .addValue(rows.stream().map(CsObject::externalId).toArray(String[]::new))
        .addValue(rows.stream().map(CsObject::nameKey).toArray(String[]::new))
        .addValue(rows.stream().map(o -> o.doc().encode()).toArray(String[]::new))
        .addValue(rows.stream().map(CsObject::version).toArray(Long[]::new))
        .addValue(rows.stream().map(o -> CsObjectRows.time(o.createdAt())).toArray(OffsetDateTime[]::new));
    return conn.preparedQuery(INSERT).execute(args).compose(inserted -> {
      Set<UUID> ids = new HashSet<>();
      inserted.forEach(row -> ids.add(row.getUUID(0)));
      List<Outcome> lost = new ArrayList<>();
      applied.creates.forEach((ref, outcome) -> {
        if (!ids.contains(ref.id())) {
          lost.add(outcome);
        }
      });
      return lost.isEmpty() ? Future.succeededFuture() : resolveLost(conn, lost);
    });
  }

  /** Creates that lost a userName race: replay (return the winner) or conflict, per change. */
  private Future<Void> resolveLost(SqlConnection conn, List<Outcome> lost) {
    List<CsObject> losers = lost.stream().map(o -> o.after).toList();
    Tuple args = Tuple.tuple()
        .addValue(losers.stream().map(o -> o.ref().tenantId()).toArray(UUID[]::new))
        .addValue(losers.stream().map(o -> o.ref().connectorId()).toArray(UUID[]::new))
        .addValue(losers.stream().map(o -> o.ref().objectType()).toArray(String[]::new))
        .addValue(losers.stream().map(CsObject::nameKey).toArray(String[]::new));
    return conn.preparedQuery(WINNERS).execute(args).map(rows -> {
      Map<List<Object>, CsObject> winners = new HashMap<>();
      for (Row row : rows) {
        CsObject winner = CsObjectRows.map(row);
        winners.put(nameKey(winner), winner);
      }
      for (Outcome outcome : lost) {
        CsObject winner = winners.get(nameKey(outcome.after));
        outcome.changed = false;
        try {
          if (winner == null) {
            throw new WriteUnavailableException("the write collided with another; retry", 1);
          }
          outcome.after = outcome.create.resolveConflict(winner);
        } catch (RuntimeException e) {
          outcome.error = e;
        }
      }
      return null;
    });
  }

  private static List<Object> nameKey(CsObject object) {
    ObjectRef ref = object.ref();
    return List.of(ref.tenantId(), ref.connectorId(), ref.objectType(), object.nameKey());
  }

  private Future<Void> update(SqlConnection conn, Applied applied) {
    if (applied.dirty.isEmpty()) {
      return Future.succeededFuture();
    }
    List<CsObject> rows = new ArrayList<>(applied.dirty.values());
    Tuple args = keys(rows)
        .addValue(rows.stream().map(CsObject::externalId).toArray(String[]::new))
        .addValue(rows.stream().map(CsObject::nameKey).toArray(String[]::new))
        .addValue(rows.stream().map(o -> o.doc().encode()).toArray(String[]::new))
        .addValue(rows.stream().map(CsObject::version).toArray(Long[]::new))
        .addValue(rows.stream().map(o -> CsObjectRows.time(o.updatedAt())).toArray(OffsetDateTime[]::new))
        .addValue(rows.stream().map(o -> CsObjectRows.time(o.deletedAt())).toArray(OffsetDateTime[]::new));
    return conn.preparedQuery(UPDATE).execute(args).mapEmpty();
  }

  private static Tuple keys(List<CsObject> rows) {
    return Tuple.tuple()
        .addValue(rows.stream().map(o -> o.ref().tenantId()).toArray(UUID[]::new))
        .addValue(rows.stream().map(o -> o.ref().connectorId()).toArray(UUID[]::new))
        .addValue(rows.stream().map(o -> o.ref().objectType()).toArray(String[]::new))
        .addValue(rows.stream().map(o -> o.ref().id()).toArray(UUID[]::new));
  }

  /** What the in-memory pass decided. */
  private static final class Applied {
    final List<Outcome> outcomes = new ArrayList<>();
    final Map<ObjectRef, Outcome> creates = new LinkedHashMap<>();
    final Map<ObjectRef, CsObject> dirty = new LinkedHashMap<>();
    Runnable afterCommit = () -> { };
  }

  /** One change's fate within the batch. */
  private static final class Outcome {
    CsObject before;
    CsObject after;
    boolean changed;
    ObjectChange change;
    ObjectChange create;
    RuntimeException error;
  }
}
