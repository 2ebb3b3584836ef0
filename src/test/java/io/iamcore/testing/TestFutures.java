package io.iamcore.testing;

import io.vertx.core.Future;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Blocking waits for test threads (never call these on an event loop). */
public final class TestFutures {

  private static final long TIMEOUT_SECONDS = 60;

  private TestFutures() {}

  /** The result of {@code future}; throws AssertionError if it fails or takes over 10 s. */
  public static <T> T await(Future<T> future) {
    return await(future, TIMEOUT_SECONDS);
  }

  /** As {@link #await(Future)}, waiting up to {@code seconds}. */
  public static <T> T await(Future<T> future, long seconds) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("expected success but failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError("future did not complete", e);
    }
  }

  /** The failure of {@code future}; throws AssertionError if it succeeds or takes over 10 s. */
  public static Throwable awaitFailure(Future<?> future) {
    try {
      Object result = future.toCompletionStage().toCompletableFuture()
          .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      throw new AssertionError("expected failure but succeeded with " + result);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError("future did not complete", e);
    }
  }
}
