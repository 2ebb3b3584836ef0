package io.iamcore.sync;

import io.iamcore.index.IdentityChange;
import io.iamcore.index.IdentityIndex;
import io.iamcore.store.CsChange;
import io.iamcore.store.CsObject;
import io.iamcore.store.ObjectRef;
import io.iamcore.store.TransactionHook;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the sync rules for every connector-space change, inside the writer's transaction
 * (PRODUCT.md §2): join → projection → attribute flow with precedence → recall.
 *
 * <h2>Design notes</h2>
 *
 * <ul>
 *   <li><b>Atomicity.</b> Every consequence is written on the batch's connection before COMMIT,
 *       so a CS object and what it did to core objects commit together or not at all.
 *   <li><b>Order.</b> Changes are processed one after the other in batch order, so two changes
 *       joining the same core object see each other's effects.
 *   <li><b>Scope.</b> A CS object takes part while it exists and is not deprovisioned: a SCIM
 *       {@code active: false} or a delete recalls its contributions (for Entra's join-only rule:
 *       {@code entraObjectId} is cleared, so the token stops resolving) but never deletes a core
 *       object that another connection still projects.
 *   <li><b>Precedence.</b> Each flowed value is stored as a contribution with its rule's priority;
 *       a core object's attributes are always recomputed from its contributions (lowest priority
 *       wins), so recall simply deletes rows and recomputes.
 * </ul>
 */
public final class SyncPipeline implements TransactionHook {

  private final SyncRuleService rules;
  private final IdentityIndex index;
  private final Clock clock;

  public SyncPipeline(SyncRuleService rules, IdentityIndex index, Clock clock) {
    this.rules = rules;
    this.index = index;
    this.clock = clock;
  }

  /**
   * Runs the rules; identities whose oid or attributes changed are announced to other replicas
   * with NOTIFY (delivered only if this transaction commits) and applied to this replica's index
   * after COMMIT, before the requests are answered.
   */
  @Override
  public Future<Runnable> inTransaction(SqlConnection conn, List<CsChange> changes) {
    List<IdentityChange> identities = new ArrayList<>();
    return run(conn, changes, 0, identities).compose(v -> announce(conn, index, identities));
  }

  /**
   * Sends NOTIFY for {@code identities} on the transaction's connection; the result applies them
   * to this replica's index (to run after COMMIT).
   */
  static Future<Runnable> announce(SqlConnection conn, IdentityIndex index, List<IdentityChange> identities) {
    if (identities.isEmpty()) {
      return Future.succeededFuture(() -> { });
    }
    Future<Void> notified = Future.succeededFuture();
    for (String payload : IdentityIndex.payloads(identities)) {
      notified = notified.compose(x -> conn.preparedQuery("SELECT pg_notify($1, $2)")
          .execute(Tuple.of(IdentityIndex.CHANNEL, payload)).mapEmpty());
    }
    return notified.map(x -> () -> index.apply(identities));
  }

  private Future<Void> run(SqlConnection conn, List<CsChange> changes, int index, List<IdentityChange> identities) {
    if (index == changes.size()) {
      return Future.succeededFuture();
    }
    CsChange change = changes.get(index);
    ObjectRef ref = change.after().ref();
    boolean disconnect = change.cause() instanceof Disconnect;
    return rules.rulesFor(ref.tenantId(), ref.connectorId(), ref.objectType())
        .compose(found -> found.isEmpty() && !disconnect ? Future.succeededFuture()
            : new SyncRun(new CoreObjectWriter(conn, clock.instant()), found, change.after(), disconnect, identities)
                .run())
        .compose(v -> run(conn, changes, index + 1, identities));
  }

  /** Whether the object takes part in sync: it exists and its source has not deprovisioned it. */
  static boolean inScope(CsObject object) {
    if (object.deleted()) {
      return false;
    }
    Object active = activeOf(object.doc());
    return !(Boolean.FALSE.equals(active) || "false".equalsIgnoreCase(String.valueOf(active)));
  }

  private static Object activeOf(JsonObject doc) {
    for (String key : doc.fieldNames()) {
      if (key.equalsIgnoreCase("active")) {
        return doc.getValue(key);
      }
    }
    return null;
  }
}
