package io.iamcore.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ContextsTest {

  private Vertx vertx;
  private Context loopA;
  private Context loopB;
  private Thread threadA;
  private Thread threadB;

  @BeforeEach
  void twoEventLoops() throws Exception {
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    // Like the HTTP server's verticle instances: each instance gets its own event loop.
    List<Context> contexts = new CopyOnWriteArrayList<>();
    vertx.deployVerticle(() -> new VerticleBase() {
      @Override
      public Future<?> start() {
        contexts.add(context);
        return Future.succeededFuture();
      }
    }, new DeploymentOptions().setInstances(2)).await(10, TimeUnit.SECONDS);
    loopA = contexts.get(0);
    loopB = contexts.get(1);
    threadA = threadOf(loopA);
    threadB = threadOf(loopB);
    assertThat(threadA).as("verticle instances take the event loops in turn").isNotSameAs(threadB);
  }

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void sharedFutureCompletedOnAnotherLoop_callbackRunsOnTheCallersLoop() throws Exception {
    Promise<String> shared = Promise.promise();
    CompletableFuture<Thread> raw = new CompletableFuture<>();
    CompletableFuture<Thread> handedBack = new CompletableFuture<>();
    CompletableFuture<Void> waiting = new CompletableFuture<>();
    loopB.runOnContext(v -> {
      shared.future().onComplete(ar -> raw.complete(Thread.currentThread()));
      Contexts.onCallerContext(shared.future()).onComplete(ar -> handedBack.complete(Thread.currentThread()));
      waiting.complete(null);
    });
    waiting.get(5, TimeUnit.SECONDS);

    loopA.runOnContext(v -> shared.complete("loaded"));

    assertThat(raw.get(5, TimeUnit.SECONDS)).as("why the hop is needed").isSameAs(threadA);
    assertThat(handedBack.get(5, TimeUnit.SECONDS)).isSameAs(threadB);
  }

  @Test
  void failureIsHandedBackToo() throws Exception {
    Promise<String> shared = Promise.promise();
    CompletableFuture<Throwable> cause = new CompletableFuture<>();
    CompletableFuture<Thread> on = new CompletableFuture<>();
    loopB.runOnContext(v -> Contexts.onCallerContext(shared.future()).onFailure(e -> {
      on.complete(Thread.currentThread());
      cause.complete(e);
    }));
    IllegalStateException failure = new IllegalStateException("load failed");

    loopA.runOnContext(v -> shared.fail(failure));

    assertThat(cause.get(5, TimeUnit.SECONDS)).isSameAs(failure);
    assertThat(on.get(5, TimeUnit.SECONDS)).isSameAs(threadB);
  }

  @Test
  void outsideAContextOrOnceComplete_theFutureItself() throws Exception {
    Future<String> pending = Promise.<String>promise().future();
    Future<String> done = Future.succeededFuture("x");
    CompletableFuture<Future<String>> onLoop = new CompletableFuture<>();

    loopB.runOnContext(v -> onLoop.complete(Contexts.onCallerContext(done)));

    assertThat(Contexts.onCallerContext(pending)).isSameAs(pending);
    assertThat(onLoop.get(5, TimeUnit.SECONDS)).isSameAs(done);
  }

  private static Thread threadOf(Context context) throws Exception {
    CompletableFuture<Thread> thread = new CompletableFuture<>();
    context.runOnContext(v -> thread.complete(Thread.currentThread()));
    return thread.get(5, TimeUnit.SECONDS);
  }
}
