package io.iamcore.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Every JUL record (the gateway logs through JUL: slf4j-jdk14 and {@link System.Logger}) rendered
 * as a log line would render it, message parameters and stack trace included, from the moment it
 * is installed on the root logger until {@link #close()}.
 */
public final class LogCapture extends Handler implements AutoCloseable {

  private static final Logger ROOT = Logger.getLogger("");

  private final Queue<String> lines = new ConcurrentLinkedQueue<>();
  private final Formatter formatter = new SimpleFormatter();
  private final Level previousRootLevel;

  private LogCapture(Level level) {
    this.previousRootLevel = ROOT.getLevel();
    setLevel(level);
  }

  /**
   * Captures records of {@code level} and above. Lowers the root logger's level if needed, so
   * debug output that is normally discarded is searched too; console handlers keep their own
   * level, so the build output does not grow.
   */
  public static LogCapture install(Level level) {
    LogCapture capture = new LogCapture(level);
    if (ROOT.getLevel() == null || ROOT.getLevel().intValue() > level.intValue()) {
      ROOT.setLevel(level);
    }
    ROOT.addHandler(capture);
    return capture;
  }

  @Override
  public void publish(LogRecord record) {
    if (!isLoggable(record)) {
      return;
    }
    StringBuilder line = new StringBuilder()
        .append(record.getLoggerName()).append(' ')
        .append(formatter.formatMessage(record));
    // Parameters the message did not consume are still part of what a handler could print.
    if (record.getParameters() != null) {
      for (Object parameter : record.getParameters()) {
        line.append(" | ").append(parameter);
      }
    }
    if (record.getThrown() != null) {
      StringWriter trace = new StringWriter();
      record.getThrown().printStackTrace(new PrintWriter(trace));
      line.append('\n').append(trace);
    }
    lines.add(line.toString());
  }

  /** What was captured so far. */
  public List<String> lines() {
    return new ArrayList<>(lines);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    ROOT.removeHandler(this);
    ROOT.setLevel(previousRootLevel);
  }
}
