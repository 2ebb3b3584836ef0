package io.iamcore.http;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
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
 */
final class JsonLinesHandler extends Handler {

  static final int DEFAULT_CAPACITY = 16_384;
  private static final int DRAIN = 512;

  private final BlockingQueue<String> queue;
  private final Writer out;
  private final AtomicLong dropped = new AtomicLong();
  private final Thread writer;
  private volatile boolean closed;

  JsonLinesHandler(OutputStream stream, int capacity) {
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 64 * 1024);
    this.writer = new Thread(this::run, "iamcore-access-log");
    writer.setDaemon(true);
    writer.start();
  }

  @Override
  public void publish(LogRecord record) {
    if (closed || !isLoggable(record)) {
      return;
    }
    if (!queue.offer(record.getMessage())) {
      dropped.incrementAndGet();
    }
  }

  private void run() {
    List<String> lines = new ArrayList<>(DRAIN);
    while (!closed || !queue.isEmpty()) {
      try {
        String first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        lines.add(first);
        queue.drainTo(lines, DRAIN - 1);
        write(lines);
        lines.clear();
        if (queue.isEmpty()) {
          out.flush();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (IOException e) {
        lines.clear();  // standard output is gone; nothing better to do with the lines
      }
    }
  }

  private void write(List<String> lines) throws IOException {
    long lost = dropped.getAndSet(0);
    if (lost > 0) {
      out.write("{\"accessLogDropped\":" + lost + "}\n");
    }
    for (String line : lines) {
      out.write(line);
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
