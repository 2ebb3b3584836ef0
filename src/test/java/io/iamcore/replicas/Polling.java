package io.iamcore.replicas;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for another process to converge: poll a condition until it holds or a deadline passes. */
final class Polling {

  private Polling() {}

  /** Milliseconds until {@code condition} held (polled every 5 ms), or -1 if it did not within {@code limit}. */
  static long millisUntil(Duration limit, BooleanSupplier condition) {
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
}
