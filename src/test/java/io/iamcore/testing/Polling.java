package io.iamcore.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamcore.testing.HttpResult;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waiting for what is asynchronous by nature (a key refresh that the rate limit lets through only
 * after its gap, another replica converging): repeat until done or a deadline passes. Never used
 * to wait for a response.
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

  /** Milliseconds until {@code condition} held (polled every 5 ms), or -1 if it did not within {@code limit}. */
  public static long millisUntil(Duration limit, BooleanSupplier condition) {
    long start = System.nanoTime();
    long deadline = start + limit.toNanos();
    while (true) {
      if (condition.getAsBoolean()) {
        return (System.nanoTime() - start) / 1_000_000;
      }
      if (System.nanoTime() > deadline) {
        return -1;
      }
      try {
        Thread.sleep(5);  // polling another process; the assertion is on the condition, not the pause
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
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
