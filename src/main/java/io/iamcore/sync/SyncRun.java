package io.iamcore.sync;

import io.iamcore.index.IdentityChange;
import io.iamcore.store.CsObject;
import io.iamcore.store.ObjectRef;
import io.iamcore.sync.CoreObjectWriter.Contribution;
import io.iamcore.sync.CoreObjectWriter.CoreKey;
import io.iamcore.sync.CoreObjectWriter.JoinState;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The rules applied to one changed connector-space object, inside the batch transaction. */
final class SyncRun {

  private final CoreObjectWriter db;
  private final List<SyncRule> rules;
  private final CsObject object;
  private final ObjectRef ref;
  private final SourceObject source;
  private final boolean disconnect;

  private final List<IdentityChange> identityChanges;

  SyncRun(CoreObjectWriter db, List<SyncRule> rules, CsObject object, boolean disconnect,
      List<IdentityChange> identityChanges) {
    this.identityChanges = identityChanges;
    this.disconnect = disconnect;
    this.db = db;
    this.rules = rules;
    this.object = object;
    this.ref = object.ref();
    this.source = new SourceObject(ref.id().toString(), object.externalId(), object.doc());
  }

  Future<Void> run() {
    return db.joinState(ref).compose(state -> {
      if (disconnect) {
        return leave(state, "disconnector");
      }
      if (!SyncPipeline.inScope(object)) {
        return object.deleted() ? leave(state, "unjoined") : recall();
      }
      Future<CoreKey> joined = state.joinedTo() != null
          ? Future.succeededFuture(new CoreKey(state.joinedType(), state.joinedTo()))
          : "disconnector".equals(state.state()) ? Future.succeededFuture(null) : join(state);
      return joined.compose(core -> core == null ? Future.succeededFuture() : flow(core));
    });
  }

  /** Deprovisioned (active=false): every contribution is recalled, the join stays. */
  private Future<Void> recall() {
    return db.replaceContributions(ref, List.of()).compose(this::recompute);
  }

  /** Deleted or disconnected: recall, end the join (recording {@code newState}). */
  private Future<Void> leave(JoinState state, String newState) {
    if (state.joinedTo() == null) {
      return recall().compose(v -> db.setJoin(ref, newState, null));
    }
    CoreKey core = new CoreKey(state.joinedType(), state.joinedTo());
    Future<Void> recalled = recall();
    // A core object lives while a projecting connection does (PRODUCT.md §2.5); join-only
    // connections left behind become unjoined and lose their contributions with it.
    return recalled
        .compose(v -> db.setJoin(ref, newState, null))
        .compose(v -> db.projectingConnections(ref.tenantId(), core))
        .compose(left -> left == 0 ? db.delete(ref.tenantId(), core).map(this::record) : Future.succeededFuture());
  }

  /** Join criteria of every rule, by rule priority then joinPriority; then projection. */
  private Future<CoreKey> join(JoinState current) {
    List<Criterion> criteria = new ArrayList<>();
    rules.forEach(rule -> rule.joinCriteria().forEach(flow -> criteria.add(new Criterion(rule, flow))));
    return tryJoin(criteria, 0, false, current);
  }

  private record Criterion(SyncRule rule, AttributeFlow flow) {}

  private Future<CoreKey> tryJoin(List<Criterion> criteria, int index, boolean ambiguous, JoinState current) {
    if (index == criteria.size()) {
      return project(ambiguous, current);
    }
    Criterion criterion = criteria.get(index);
    String value = criterion.flow().value().evaluate(source);
    if (value == null || value.isEmpty()) {
      return tryJoin(criteria, index + 1, ambiguous, current);  // an empty criterion is skipped
    }
    SyncRule rule = criterion.rule();
    return db.find(ref.tenantId(), rule.coreObjectType(), criterion.flow().targetAttributeName(), value,
            rule.joinScope(), 2)
        .compose(ids -> {
          if (ids.size() == 1) {
            CoreKey core = new CoreKey(rule.coreObjectType().name(), ids.get(0));
            // One connector object per core object per connector: a taken core object does not match.
            return db.joinedFromConnector(ref, core).compose(taken -> taken
                ? tryJoin(criteria, index + 1, ambiguous, current)
                : db.setJoin(ref, "joined", core).map(core));
          }
          return tryJoin(criteria, index + 1, ambiguous || ids.size() > 1, current);
        });
  }

  /** Nothing joined: the first provisioning rule creates the core object, else the object stays unjoined. */
  private Future<CoreKey> project(boolean ambiguous, JoinState current) {
    for (SyncRule rule : rules) {
      if (rule.provisioningEnabled()) {
        String id = rule.inboundAttributeFlows().stream()
            .filter(f -> f.targetAttributeName().equals("id"))
            .map(f -> f.value().evaluate(source))
            .filter(v -> v != null && !v.isEmpty())
            .findFirst().orElse(UUID.randomUUID().toString());
        CoreKey core = new CoreKey(rule.coreObjectType().name(), id);
        return db.create(ref.tenantId(), core, rule.joinScope())
            .compose(created -> db.setJoin(ref, "joined", core))
            .map(core);
      }
    }
    String state = ambiguous ? "ambiguous" : "unjoined";
    if (state.equals(current.state())) {
      return Future.succeededFuture(null);  // most writes of an unjoined object: nothing to record
    }
    return db.setJoin(ref, state, null).map((CoreKey) null);
  }

  /** Flows every rule's values into the joined core object, then recomputes precedence. */
  private Future<Void> flow(CoreKey core) {
    List<Future<Contribution>> values = new ArrayList<>();
    for (SyncRule rule : rules) {
      if (!rule.coreObjectType().name().equals(core.type())) {
        continue;
      }
      for (AttributeFlow flow : rule.inboundAttributeFlows()) {
        if (flow.targetAttributeName().equals("id")) {
          continue;  // the key it joined or projected on, not an attribute to overwrite
        }
        values.add(value(flow).map(v -> v == null || v.isEmpty() ? null
            : new Contribution(core, flow.targetAttributeName(), rule.id(), rule.priority(), v)));
      }
    }
    return Future.all(values).compose(all -> {
      List<Contribution> contributions = new ArrayList<>();
      for (int i = 0; i < all.size(); i++) {
        Contribution c = all.resultAt(i);
        if (c != null) {
          contributions.add(c);
        }
      }
      return db.replaceContributions(ref, contributions);
    }).compose(affected -> {
      affected.add(core);
      return recompute(affected);
    });
  }

  private Future<String> value(AttributeFlow flow) {
    String raw = flow.value().evaluate(source);
    if (flow.value() instanceof Expression.AsReference && raw != null) {
      return db.joinedCoreOf(ref, raw);
    }
    return Future.succeededFuture(raw);
  }

  private Void record(IdentityChange change) {
    if (change != null) {
      identityChanges.add(change);
    }
    return null;
  }

  private Future<Void> recompute(Set<CoreKey> cores) {
    Future<Void> chain = Future.succeededFuture();
    for (CoreKey core : cores) {
      chain = chain.compose(v -> db.recompute(ref.tenantId(), core).map(this::record));
    }
    return chain;
  }
}
