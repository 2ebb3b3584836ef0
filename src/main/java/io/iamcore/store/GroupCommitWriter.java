package io.iamcore.store;

import io.iamcore.config.WriterConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Context;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Group commit: many requests' changes share one PostgreSQL transaction, and each request is
 * answered only after that transaction's COMMIT returned.
 *
 * <h2>Design notes</h2>
 *
 * <ul>
 *   <li><b>Threads.</b> {@link #submit} may be called from any event loop. Everything else (the
 *       lanes, their queues, batch execution) runs on the writer's own context, so the queues need
 *       no locks; only the depth counter is shared.
 *   <li><b>Batching.</b> A lane sends a batch when it holds {@code maxRows} changes, or
 *       {@code maxDelay} after the first change arrived; while a batch is in flight the next one
 *       accumulates, which is where the batching comes from under load.
 *   <li><b>Ordering.</b> A change goes to the lane chosen by its object id, and a lane has at most
 *       one transaction in flight, so changes to one object apply in arrival order. Several lanes
 *       let commits overlap.
 *   <li><b>Isolation.</b> One change's failure (a userName clash, a bad value) fails only its own
 *       request: see {@link Batch}. Each request's outcome is delivered on its caller's context.
 *   <li><b>Durability.</b> Promises complete after COMMIT succeeded; if the outcome is unknown
 *       (connection lost mid-commit) the request gets 503 and Entra's retry converges because a
 *       replayed create returns the existing object.
 *   <li><b>Back-pressure.</b> The queue is bounded ({@code queueCapacity}); a full queue, a change
 *       that waited longer than {@code maxQueueWait}, or a database known to be down are refused
 *       at once with 503 and nothing is applied. A probe brings the writer back when the database
 *       answers again; no restart is needed.
 * </ul>
 */
public final class GroupCommitWriter {

  private static final System.Logger LOG = System.getLogger(GroupCommitWriter.class.getName());
  private static final int RETRY_AFTER_SECONDS = 2;
  private static final long SWEEP_MILLIS = 250;
  private static final long IN_FLIGHT_PROBE_NANOS = 2_000_000_000L;

  private final Vertx vertx;
  private final WriterConfig config;
  private final Clock clock;
  private final Batch.Environment batchEnvironment;
  private final DatabaseHealth health;
  private final AtomicInteger depth = new AtomicInteger();
  private final List<Lane> lanes = new ArrayList<>();
  private final WriterMetrics metrics;
  private volatile Context context;

  public GroupCommitWriter(
      Vertx vertx,
      Pool pool,
      WriterConfig config,
      Clock clock,
      MeterRegistry registry,
      DatabaseHealth health,
      CommitListener listener,
      TransactionHook hook) {
    this.batchEnvironment = new Batch.Environment(pool, listener, hook, health);
    this.vertx = vertx;
    this.config = config;
    this.clock = clock;
    this.health = health;
    this.metrics = new WriterMetrics(registry, depth, config.queueCapacity());
    for (int i = 0; i < config.lanes(); i++) {
      lanes.add(new Lane());
    }
  }

  /** Binds the writer to a context of its own. */
  public Future<Void> start() {
    Deployable bind = own -> {
      context = own;
      own.owner().setPeriodic(SWEEP_MILLIS, id -> lanes.forEach(Lane::sweep));
      return Future.succeededFuture();
    };
    return vertx.deployVerticle(bind).mapEmpty();
  }

  /**
   * Queues a change; the future completes after the batch holding it committed, on the caller's
   * context, with the committed object, or fails with the change's own exception,
   * {@link WriteUnavailableException} (503) or {@link WriteConflictException} (409).
   */
  public Future<CsObject> submit(ObjectChange change) {
    Context caller = vertx.getOrCreateContext();
    Promise<CsObject> promise = Promise.promise();
    if (!health.available()) {
      metrics.rejected("database_down");
      return Future.failedFuture(
          new WriteUnavailableException("the database is unreachable", RETRY_AFTER_SECONDS));
    }
    if (depth.incrementAndGet() > config.queueCapacity()) {
      depth.decrementAndGet();
      metrics.rejected("queue_full");
      return Future.failedFuture(
          new WriteUnavailableException("the write queue is full", RETRY_AFTER_SECONDS));
    }
    Pending pending = new Pending(change, caller, promise, System.nanoTime());
    Lane lane = lanes.get(Math.floorMod(change.ref().id().hashCode(), lanes.size()));
    context.runOnContext(v -> lane.add(pending));
    return promise.future();
  }

  /** Number of changes waiting or in flight. */
  public int depth() {
    return depth.get();
  }

  /** One queued change and where its answer goes. */
  record Pending(ObjectChange change, Context caller, Promise<CsObject> promise, long queuedAt) {

    void succeed(CsObject result) {
      caller.runOnContext(v -> promise.tryComplete(result));
    }

    void fail(Throwable error) {
      caller.runOnContext(v -> promise.tryFail(error));
    }
  }

  /** A strictly ordered queue with at most one transaction in flight. Writer context only. */
  private final class Lane {
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private List<Pending> inFlightItems = List.of();
    private long inFlightSince;
    private boolean inFlight;
    private boolean probing;
    private long timer = -1;

    void add(Pending pending) {
      queue.add(pending);
      if (inFlight) {
        return;
      }
      if (queue.size() >= config.maxRows() || config.maxDelay().isZero()) {
        send();
      } else if (timer < 0) {
        timer = vertx.setTimer(config.maxDelay().toMillis(), id -> {
          timer = -1;
          if (!inFlight) {
            send();
          }
        });
      }
    }

    private void send() {
      if (timer >= 0) {
        vertx.cancelTimer(timer);
        timer = -1;
      }
      List<Pending> items = takeFresh();
      if (items.isEmpty()) {
        return;
      }
      inFlight = true;
      inFlightItems = items;
      inFlightSince = System.nanoTime();
      long started = inFlightSince;
      new Batch(batchEnvironment, items, clock.instant())
          .run()
          .onComplete(done -> {
            metrics.batch(items.size(), System.nanoTime() - started);
            depth.addAndGet(-items.size());
            inFlight = false;
            inFlightItems = List.of();
            if (!queue.isEmpty()) {
              send();
            }
          });
    }

    /**
     * Bounds every wait while a transaction hangs (a database that stopped answering without
     * closing its connections): queued changes past maxQueueWait are refused unapplied, and when a
     * batch has been in flight for 2 s the database is probed on a connection of its own (a busy
     * pool is not a dead database); if it does not answer within 3 s the batch's requests get 503 (outcome unknown, as for a lost connection). The batch itself still
     * ends, and frees the lane, when PostgreSQL answers.
     */
    void sweep() {
      long now = System.nanoTime();
      if (inFlight && now - inFlightSince > IN_FLIGHT_PROBE_NANOS && !probing) {
        // A slow batch (large, with sync consequences) is fine while PostgreSQL answers; only
        // when it stops answering are the requests told (outcome unknown, as for a lost connection).
        probing = true;
        List<Pending> waiting = inFlightItems;
        health.answersAside(3000).onComplete(result -> {
          probing = false;
          if (!result.succeeded() || !result.result()) {
            WriteUnavailableException silent = new WriteUnavailableException(
                "the database is not answering; the write may not have been applied", RETRY_AFTER_SECONDS);
            waiting.forEach(item -> item.fail(silent));
          }
        });
      }
      long limit = config.maxQueueWait().toNanos();
      while (inFlight && !queue.isEmpty() && now - queue.peek().queuedAt() > limit) {
        depth.decrementAndGet();
        metrics.rejected("queue_wait");
        queue.poll().fail(new WriteUnavailableException("the database is not keeping up", RETRY_AFTER_SECONDS));
      }
    }

    /** Drains up to maxRows changes, refusing (unapplied) those that waited too long. */
    private List<Pending> takeFresh() {
      long deadline = System.nanoTime() - config.maxQueueWait().toNanos();
      List<Pending> items = new ArrayList<>(Math.min(queue.size(), config.maxRows()));
      while (!queue.isEmpty() && items.size() < config.maxRows()) {
        Pending next = queue.poll();
        if (next.queuedAt() < deadline || !health.available()) {
          depth.decrementAndGet();
          metrics.rejected("queue_wait");
          next.fail(new WriteUnavailableException("the database is not keeping up", RETRY_AFTER_SECONDS));
        } else {
          items.add(next);
        }
      }
      return items;
    }
  }

  /** The writer's meters, named once. */
  private static final class WriterMetrics {
    private final DistributionSummary batchRows;
    private final Timer commit;
    private final MeterRegistry registry;

    WriterMetrics(MeterRegistry registry, AtomicInteger depth, int capacity) {
      this.registry = registry;
      this.batchRows =
          DistributionSummary.builder("iamcore_writer_batch_rows")
              .description("Changes per group-commit transaction")
              .publishPercentileHistogram()
              .maximumExpectedValue(10_000.0)
              .register(registry);
      this.commit =
          Timer.builder("iamcore_writer_commit")
              .description("Time from sending a batch to its COMMIT returning")
              .publishPercentileHistogram()
              .register(registry);
      Gauge.builder("iamcore_writer_queue_depth", depth, AtomicInteger::get)
          .description("Changes waiting for or inside a group-commit transaction")
          .register(registry);
      Gauge.builder("iamcore_writer_queue_capacity", () -> capacity)
          .description("Bound of the write queue; beyond it writes are refused with 503")
          .register(registry);
      // Every reason exists from the start, so rate() and alerts see 0 rather than no series.
      for (String reason : new String[] {"database_down", "queue_full", "queue_wait"}) {
        rejectedCounter(reason);
      }
    }

    void batch(int rows, long nanos) {
      batchRows.record(rows);
      commit.record(nanos, TimeUnit.NANOSECONDS);
    }

    void rejected(String reason) {
      rejectedCounter(reason).increment();
    }

    private Counter rejectedCounter(String reason) {
      return Counter.builder("iamcore_writer_rejected_total")
          .description("Changes refused with 503 before being applied")
          .tag("reason", reason)
          .register(registry);
    }
  }
}
