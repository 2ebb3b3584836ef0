package io.iamcore.http;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * A JUL handler that writes each record's message as one line, from a thread of its own.
 *
 * <p>Why: access lines are logged on event loops, and a console write blocks when the reader of
 * standard output (a container runtime, a pipe) is slow. Here {@link #publish} only offers the
 * line to a bounded queue; when the queue is full the line is dropped and counted, and the writer
 * thread reports the count in a line of its own ({@code {"accessLogDropped": n}}) when it catches
 * up. Lines are flushed whenever the queue runs empty.
 *
 * <p>The writer polls (every {@value #IDLE_MILLIS} ms when idle) instead of being signalled: a
 * blocking queue wakes the writer thread for nearly every line under load, a futex call per
 * request that cost more than building the line.
 */
final class JsonLinesHandler extends Handler {

  static final int DEFAULT_CAPACITY = 16_384;
  private static final int DRAIN = 512;

  private static final long IDLE_MILLIS = 10;

  private final Queue<String> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();
  private final int capacity;
  private final OutputStream out;
  private final AtomicLong dropped = new AtomicLong();
  private final Thread writer;
  private volatile boolean closed;

  JsonLinesHandler(OutputStream stream, int capacity) {
    this.capacity = capacity;
    // Bytes, not a Writer: an ASCII line's UTF-8 encoding is a copy, where a Writer's encoder loops
    // over every character.
    this.out = new BufferedOutputStream(stream, 64 * 1024);
    this.writer = new Thread(this::run, "iamcore-access-log");
    writer.setDaemon(true);
    writer.start();
  }

  @Override
  public void publish(LogRecord record) {
    if (isLoggable(record)) {
      offer(record.getMessage());
    }
  }

  /** Queues one line (the caller has checked the level); dropped and counted when full. */
  void offer(String line) {
    if (closed) {
      return;
    }
    if (size.incrementAndGet() > capacity) {
      size.decrementAndGet();
      dropped.incrementAndGet();
      return;
    }
    queue.offer(line);
  }

  private void run() {
    List<String> lines = new ArrayList<>(DRAIN);
    while (!closed || !queue.isEmpty()) {
      String line;
      while (lines.size() < DRAIN && (line = queue.poll()) != null) {
        lines.add(line);
      }
      try {
        if (!lines.isEmpty()) {
          size.addAndGet(-lines.size());
          write(lines);
          lines.clear();
          if (queue.isEmpty()) {
            out.flush();
          }
          continue;
        }
      } catch (IOException e) {
        lines.clear();  // standard output is gone; nothing better to do with the lines
        continue;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(IDLE_MILLIS));
      if (Thread.interrupted()) {
        return;
      }
    }
  }

  private void write(List<String> lines) throws IOException {
    long lost = dropped.getAndSet(0);
    if (lost > 0) {
      out.write(("{\"accessLogDropped\":" + lost + "}\n").getBytes(StandardCharsets.UTF_8));
    }
    for (String line : lines) {
      out.write(line.getBytes(StandardCharsets.UTF_8));
      out.write('\n');
    }
  }

  @Override
  public void flush() {
    // The writer thread flushes whenever it has caught up.
  }

  /** Stops taking lines and writes the queued ones (JUL calls this from its shutdown hook). */
  @Override
  public void close() {
    closed = true;
    try {
      writer.join(2_000);
      out.flush();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // standard output is gone
    }
  }
}
