package io.iamcore.scim.bulk;

import io.iamcore.connector.Connector;
import io.iamcore.scim.ScimException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Runs a Bulk request's operations, one at a time, each through its {@link BulkTarget}.
 *
 * <h2>Design notes</h2>
 *
 * <ul>
 *   <li><b>Order.</b> Request order, except that an operation waits for the POSTs whose bulkIds it
 *       refers to ({@link BulkPlan}): the next operation is always the lowest-indexed one whose
 *       dependencies are done. Cycles fail with 409 instead of waiting.
 *   <li><b>One at a time.</b> The next operation starts after the previous one's COMMIT answered.
 *       That makes {@code failOnErrors} exact: when the Nth error is known nothing after it has
 *       been applied. (Overlapping independent operations would be faster, but an overlapped
 *       operation could commit after the Nth error; see docs/bulk.md.)
 *   <li><b>Atomicity.</b> Each operation is one writer change: it commits whole or fails leaving
 *       nothing changed. Earlier operations stay committed when a later one fails (RFC 7644 §3.7
 *       has no request-wide transaction).
 *   <li><b>Event loop.</b> Everything here runs on the request's event loop; the only waits are
 *       the targets' futures. Operations that fail before reaching the writer are handled in a
 *       loop, not by recursion, so a thousand of them cannot deepen the stack.
 * </ul>
 */
public final class BulkProcessor {

  private final List<BulkTarget> targets;
  private final BiFunction<Throwable, String, JsonObject> errorBodies;

  /**
   * @param errorBodies turns a failure into a SCIM error body (status as a string), given where it
   *     happened for the log of an unexpected one
   */
  public BulkProcessor(List<BulkTarget> targets, BiFunction<Throwable, String, JsonObject> errorBodies) {
    this.targets = List.copyOf(targets);
    this.errorBodies = Objects.requireNonNull(errorBodies, "errorBodies");
  }

  /**
   * Runs {@code request} for {@code connector}; never fails. The results are those of the operations
   * processed (all of them, unless failOnErrors stopped the run), in request order.
   *
   * @param baseUrl the connector's SCIM base URL, for locations
   */
  public Future<List<BulkResult>> run(BulkRequest request, Connector connector, String baseUrl) {
    return new Run(request, connector, baseUrl).start();
  }

  /** One request's progress. Confined to the request's event loop. */
  private final class Run {
    private final BulkRequest request;
    private final BulkPlan plan;
    private final Connector connector;
    private final String baseUrl;
    private final BulkResult[] results;
    private final Map<String, String> createdIds = new HashMap<>();
    private final int[] waitingFor;
    private final List<List<Integer>> dependents = new ArrayList<>();
    private final PriorityQueue<Integer> ready = new PriorityQueue<>();
    private final Promise<List<BulkResult>> done = Promise.promise();
    private int errors;

    Run(BulkRequest request, Connector connector, String baseUrl) {
      this.request = request;
      this.plan = new BulkPlan(request.operations());
      this.connector = connector;
      this.baseUrl = baseUrl;
      int n = request.operations().size();
      this.results = new BulkResult[n];
      this.waitingFor = new int[n];
      for (int i = 0; i < n; i++) {
        dependents.add(new ArrayList<>());
      }
      for (int i = 0; i < n; i++) {
        int[] on = plan.dependencies(i);
        waitingFor[i] = on.length;
        for (int dependency : on) {
          dependents.get(dependency).add(i);
        }
        if (on.length == 0) {
          ready.add(i);
        }
      }
    }

    Future<List<BulkResult>> start() {
      pump();
      return done.future();
    }

    /** Runs ready operations until one has to wait for the writer, or the run is over. */
    private void pump() {
      while (!ready.isEmpty() && !stopped()) {
        int index = ready.poll();
        BulkOperation operation = request.operations().get(index);
        Future<BulkResult> outcome = execute(operation)
            .otherwise(error -> failure(operation, error));
        if (!outcome.isComplete()) {
          outcome.onComplete(result -> {
            finish(index, result.result());
            pump();
          });
          return;
        }
        finish(index, outcome.result());
      }
      List<BulkResult> processed = new ArrayList<>();
      for (BulkResult result : results) {
        if (result != null) {
          processed.add(result);
        }
      }
      done.complete(processed);
    }

    private boolean stopped() {
      return request.failOnErrors() != null && errors >= request.failOnErrors();
    }

    private void finish(int index, BulkResult result) {
      results[index] = result;
      if (result.failed()) {
        errors++;
      }
      for (int dependent : dependents.get(index)) {
        if (--waitingFor[dependent] == 0) {
          ready.add(dependent);
        }
      }
    }

    /** The operation's write, or a failed future saying why it cannot run. */
    private Future<BulkResult> execute(BulkOperation operation) {
      try {
        check(operation);
        BulkTarget target = target(operation);
        UUID id = operation.method().addressesResource() ? resourceId(operation, target) : null;
        JsonObject data = operation.data() == null || operation.references().isEmpty() ? operation.data()
            : (JsonObject) BulkReferences.resolve(operation.data(), createdIds);
        return target.write(new BulkTarget.Write(operation.method(), connector, id, data, operation.version()))
            .map(written -> success(operation, target, written));
      } catch (RuntimeException e) {
        return Future.failedFuture(e);
      }
    }

    /** Fails an operation that is malformed, on a cycle, or refers to a bulkId it cannot use. */
    private void check(BulkOperation operation) {
      if (operation.invalid() != null) {
        throw operation.invalid();
      }
      if (plan.cyclic(operation.index())) {
        throw new ScimException(409, "invalidValue", "the bulkId references of this operation form a"
            + " cycle (" + plan.cycle(operation.index()) + "); no operation of the cycle was applied");
      }
      for (String bulkId : operation.references()) {
        Integer definer = plan.definer(bulkId);
        if (definer == null) {
          throw ScimException.invalidValue("bulkId:" + BulkOperation.echo(bulkId)
              + " refers to no POST of this request");
        }
        if (!createdIds.containsKey(bulkId)) {
          throw new ScimException(409, "invalidValue", "bulkId:" + BulkOperation.echo(bulkId)
              + " was not created: Operations[" + definer + "] failed with status " + results[definer].status());
        }
      }
    }

    private BulkTarget target(BulkOperation operation) {
      for (BulkTarget target : targets) {
        if (target.endpoint().equalsIgnoreCase(operation.endpoint()) && target.servedFor(connector)) {
          return target;
        }
      }
      throw ScimException.notFound("no SCIM resource type at /" + BulkOperation.echo(operation.endpoint()));
    }

    private UUID resourceId(BulkOperation operation, BulkTarget target) {
      String bulkId = BulkReferences.referenced(operation.idText());
      String text = bulkId == null ? operation.idText() : createdIds.get(bulkId);
      try {
        return UUID.fromString(text);
      } catch (IllegalArgumentException e) {
        throw ScimException.notFound(target.endpoint() + " " + BulkOperation.echo(text) + " not found");
      }
    }

    private BulkResult success(BulkOperation operation, BulkTarget target, BulkTarget.Written written) {
      if (operation.defines()) {
        createdIds.put(operation.bulkId(), written.id().toString());
      }
      return new BulkResult(operation.index(), operation.method().name(), operation.bulkId(), written.version(),
          location(target.endpoint(), written.id().toString()), operation.method().successStatus(), null);
    }

    private BulkResult failure(BulkOperation operation, Throwable error) {
      JsonObject body = errorBodies.apply(error, "Bulk Operations[" + operation.index() + "]");
      return new BulkResult(operation.index(), methodEcho(operation), operation.bulkId(), null,
          failureLocation(operation), Integer.parseInt(body.getString("status")), body);
    }

    private String methodEcho(BulkOperation operation) {
      if (operation.method() != null) {
        return operation.method().name();
      }
      return operation.methodText() == null ? null : BulkOperation.echo(operation.methodText());
    }

    /** A failed operation on an existing resource still names it (RFC 7644 §3.7.3); a failed POST does not. */
    private String failureLocation(BulkOperation operation) {
      if (operation.method() == null || !operation.method().addressesResource()) {
        return null;
      }
      String bulkId = BulkReferences.referenced(operation.idText());
      String id = bulkId == null ? operation.idText() : createdIds.get(bulkId);
      for (BulkTarget target : targets) {
        if (target.endpoint().equalsIgnoreCase(operation.endpoint()) && target.servedFor(connector)) {
          return isUuid(id) ? location(target.endpoint(), id) : null;
        }
      }
      return null;
    }

    private static boolean isUuid(String text) {
      try {
        return text != null && UUID.fromString(text).toString().equalsIgnoreCase(text);
      } catch (IllegalArgumentException e) {
        return false;
      }
    }

    private String location(String endpoint, String id) {
      return baseUrl + "/" + endpoint + "/" + id;
    }
  }
}
