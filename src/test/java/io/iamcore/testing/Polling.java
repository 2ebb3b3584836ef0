package io.iamcore.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamcore.testing.HttpResult;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waiting for what is asynchronous by nature (a key refresh that the rate limit lets through only
 * after its gap): repeat until done or a deadline passes. Never used to wait for a response.
 */
public final class Polling {

  private static final long PAUSE_MILLIS = 50;

  private Polling() {}

  /** Repeats {@code request} until {@code done} holds for its answer; no answer may be a 5xx. */
  public static HttpResult until(Supplier<HttpResult> request, Predicate<HttpResult> done, Duration within,
      String what) {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      HttpResult result = request.get();
      assertThat(result.status()).as(what + ": " + result).isLessThan(500);
      if (done.test(result)) {
        return result;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what + " did not happen within " + within + "; last answer " + result);
      }
      pause();
    }
  }

  /** Waits until {@code condition} holds. */
  public static void until(BooleanSupplier condition, Duration within, String what) {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what + " did not happen within " + within);
      }
      pause();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(PAUSE_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
