package io.iamcore.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Watches Vert.x's blocked-thread warnings while a gateway runs and fails the test when an event
 * loop was caught inside a blocking call (sleep, wait, park, JDBC, blocking socket or file I/O).
 * Warnings whose stack shows ordinary running code are CPU starvation on a loaded 2-core machine,
 * not blocking code, and are only counted.
 */
final class BlockedThreadWatch extends Handler {

  private static final Logger CHECKER = Logger.getLogger("io.vertx.core.impl.BlockedThreadChecker");
  private static final List<String> BLOCKING = List.of(
      "java.lang.Thread.sleep", "java.lang.Object.wait", "java.util.concurrent.locks.LockSupport.park",
      "java.util.concurrent.CountDownLatch.await", "java.util.concurrent.CompletableFuture.get",
      "java.util.concurrent.CompletableFuture.join", "java.util.concurrent.FutureTask.get",
      "org.postgresql.", "java.sql.", "sun.nio.ch.NioSocketImpl.read", "java.net.SocketInputStream",
      "java.io.FileInputStream.read", "java.io.FileOutputStream.write", "java.nio.file.Files.");

  private final List<String> blocking = new CopyOnWriteArrayList<>();
  private final List<String> starved = new CopyOnWriteArrayList<>();

  static BlockedThreadWatch start() {
    BlockedThreadWatch watch = new BlockedThreadWatch();
    CHECKER.addHandler(watch);
    return watch;
  }

  @Override
  public void publish(LogRecord record) {
    if (record.getLevel().intValue() < Level.WARNING.intValue()) {
      return;
    }
    Throwable stack = record.getThrown();
    String culprit = stack == null ? null : blockingFrame(stack.getStackTrace());
    if (culprit != null) {
      blocking.add(record.getMessage() + " in " + culprit);
    } else {
      starved.add(record.getMessage());
    }
  }

  private static String blockingFrame(StackTraceElement[] frames) {
    for (StackTraceElement frame : frames) {
      String method = frame.getClassName() + "." + frame.getMethodName();
      for (String prefix : BLOCKING) {
        if (method.startsWith(prefix)) {
          return frame.toString();
        }
      }
    }
    return null;
  }

  void assertNone() {
    CHECKER.removeHandler(this);
    if (!starved.isEmpty()) {
      System.err.println("event loops were late (CPU starvation, no blocking call): " + starved);
    }
    if (!blocking.isEmpty()) {
      throw new AssertionError("an event loop was blocked: " + blocking);
    }
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
