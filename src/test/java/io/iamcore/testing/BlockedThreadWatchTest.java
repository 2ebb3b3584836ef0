package io.iamcore.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BlockedThreadWatchTest {

  @Test
  void assertNone_eventLoopSlept_fails() {
    BlockedThreadWatch watch = BlockedThreadWatch.start();
    Vertx vertx = Vertx.vertx(new VertxOptions()
        .setBlockedThreadCheckInterval(50).setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS)
        .setMaxEventLoopExecuteTime(100).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
        .setWarningExceptionTime(100).setWarningExceptionTimeUnit(TimeUnit.MILLISECONDS));
    try {
      Promise<Void> done = Promise.promise();
      vertx.runOnContext(v -> {
        try {
          Thread.sleep(600);  // deliberately blocking the event loop: the watch must notice
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        done.complete();
      });
      TestFutures.await(done.future());
    } finally {
      TestFutures.await(vertx.close());
    }
    assertThatThrownBy(watch::assertNone).isInstanceOf(AssertionError.class).hasMessageContaining("Thread.sleep");
  }
}
