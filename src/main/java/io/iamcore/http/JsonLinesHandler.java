package io.iamcore.http;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * A JUL handler that writes each record's message as one line, from a thread of its own.
 *
 * <p>Why: access lines are logged on event loops, and a console write blocks when the reader of
 * standard output (a container runtime, a pipe) is slow. Here a line is only appended to a bounded
 * buffer; when the buffer is full the line is dropped and counted, and the writer thread reports
 * the count in a line of its own ({@code {"accessLogDropped": n}}) when it catches up.
 *
 * <p>Each event loop gets a buffer of its own ({@link #newLines()}) and appends to it with no
 * allocation and no contention; the writer thread takes every buffer whole every
 * {@value #PERIOD_MILLIS} ms and writes what it took. Neither side waits for the other: a queue
 * entry per line, or waking the writer per line, cost more than building the line. Records
 * published through JUL from other threads share one buffer.
 */
final class JsonLinesHandler extends Handler {

  /** Characters one buffer holds before lines are dropped: a few seconds of a busy event loop. */
  static final int DEFAULT_CAPACITY = 4 * 1024 * 1024;
  private static final long PERIOD_MILLIS = 10;

  /** One writer-side buffer of pending lines; {@link #append} may be called from any thread. */
  final class Lines {
    private StringBuilder pending = new StringBuilder(16 * 1024);
    private StringBuilder taken = new StringBuilder(16 * 1024);

    /** Queues {@code line} (without its newline), or drops and counts it when the buffer is full. */
    void append(CharSequence line) {
      if (closed) {
        return;
      }
      synchronized (this) {
        if (pending.length() + line.length() + 1 > capacity) {
          dropped.incrementAndGet();
          return;
        }
        pending.append(line).append('\n');
      }
    }

    /** The lines appended since the last call; the writer thread's until its next call. */
    private StringBuilder take() {
      taken.setLength(0);
      synchronized (this) {
        StringBuilder full = pending;
        pending = taken;
        taken = full;
      }
      return taken;
    }
  }

  private final int capacity;
  private final OutputStream out;
  private final List<Lines> buffers = new CopyOnWriteArrayList<>();
  private final Lines fromLogger;
  private final AtomicLong dropped = new AtomicLong();
  private final Thread writer;
  private volatile boolean closed;

  /** Writes to {@code stream}; each buffer holds at most {@code capacity} characters. */
  JsonLinesHandler(OutputStream stream, int capacity) {
    this.capacity = capacity;
    this.out = new BufferedOutputStream(stream, 64 * 1024);
    this.fromLogger = newLines();
    this.writer = new Thread(this::run, "iamcore-access-log");
    writer.setDaemon(true);
    writer.start();
  }

  /** A buffer for one thread's lines (an event loop's), written until this handler closes. */
  Lines newLines() {
    Lines lines = new Lines();
    buffers.add(lines);
    return lines;
  }

  @Override
  public void publish(LogRecord record) {
    if (isLoggable(record)) {
      fromLogger.append(record.getMessage());
    }
  }

  private void run() {
    while (!closed) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(PERIOD_MILLIS));
      if (Thread.interrupted()) {
        return;
      }
      writeTaken();
    }
  }

  /** Writes what every buffer holds, and flushes if that was anything. */
  private void writeTaken() {
    boolean wrote = false;
    try {
      long lost = dropped.getAndSet(0);
      if (lost > 0) {
        out.write(("{\"accessLogDropped\":" + lost + "}\n").getBytes(StandardCharsets.UTF_8));
        wrote = true;
      }
      for (Lines lines : buffers) {
        StringBuilder taken = lines.take();
        if (!taken.isEmpty()) {
          out.write(taken.toString().getBytes(StandardCharsets.UTF_8));
          wrote = true;
        }
      }
      if (wrote) {
        out.flush();
      }
    } catch (IOException e) {
      // standard output is gone; nothing better to do with the lines
    }
  }

  @Override
  public void flush() {
    // The writer thread flushes after every round.
  }

  /** Stops taking lines and writes the pending ones (JUL calls this from its shutdown hook). */
  @Override
  public void close() {
    closed = true;
    try {
      writer.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    writeTaken();
  }
}
