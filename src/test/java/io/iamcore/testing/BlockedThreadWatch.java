package io.iamcore.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Records Vert.x's blocked-thread warnings while a gateway runs: a test that blocks an event loop
 * fails, even when its HTTP answers were right.
 */
final class BlockedThreadWatch extends Handler {

  private static final Logger CHECKER = Logger.getLogger("io.vertx.core.impl.BlockedThreadChecker");
  private final List<String> warnings = new CopyOnWriteArrayList<>();

  static BlockedThreadWatch start() {
    BlockedThreadWatch watch = new BlockedThreadWatch();
    CHECKER.addHandler(watch);
    return watch;
  }

  @Override
  public void publish(LogRecord record) {
    if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
      warnings.add(record.getMessage());
    }
  }

  void assertNone() {
    CHECKER.removeHandler(this);
    if (!warnings.isEmpty()) {
      throw new AssertionError("an event loop was blocked: " + warnings);
    }
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
