package io.iamcore.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class JsonLinesHandlerTest {

  @Test
  void publish_thenClose_writesEachMessageAsOneLine() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JsonLinesHandler handler = new JsonLinesHandler(out, 16);

    handler.publish(new LogRecord(Level.INFO, "{\"a\":1}"));
    handler.publish(new LogRecord(Level.INFO, "{\"b\":2}"));
    handler.close();

    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}\n{\"b\":2}\n");
  }

  @Test
  void publish_bufferFull_dropsAndReportsTheCount() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch writing = new CountDownLatch(1);
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    OutputStream blocked = new OutputStream() {
      @Override
      public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        writing.countDown();
        await(release);
        sink.write(b, off, len);
      }
    };
    JsonLinesHandler handler = new JsonLinesHandler(blocked, "line 0\nline 1\n".length());
    handler.publish(new LogRecord(Level.INFO, "first"));
    assertThat(writing.await(5, TimeUnit.SECONDS)).isTrue();  // the writer took it and is stuck flushing it

    for (int i = 0; i < 5; i++) {
      handler.publish(new LogRecord(Level.INFO, "line " + i));
    }
    release.countDown();
    handler.close();

    String written = sink.toString(StandardCharsets.UTF_8);
    assertThat(written).startsWith("first\n").contains("line 0\nline 1\n").doesNotContain("line 2")
        .contains("{\"accessLogDropped\":3}\n");
  }

  @Test
  void lines_fromSeveralThreads_eachWrittenWhole() throws InterruptedException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JsonLinesHandler handler = new JsonLinesHandler(out, JsonLinesHandler.DEFAULT_CAPACITY);
    Thread[] loops = new Thread[4];
    for (int t = 0; t < loops.length; t++) {
      JsonLinesHandler.Lines lines = handler.newLines();
      String prefix = "{\"loop\":" + t + ",\"n\":";
      loops[t] = new Thread(() -> {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
          line.setLength(0);
          lines.append(line.append(prefix).append(i).append('}'));
        }
      });
      loops[t].start();
    }
    for (Thread loop : loops) {
      loop.join();
    }
    handler.close();

    List<String> written = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(written).hasSize(40_000).allMatch(line -> line.matches("\\{\"loop\":[0-3],\"n\":\\d+}"));
    for (int t = 0; t < loops.length; t++) {
      String prefix = "{\"loop\":" + t + ",";
      List<String> ofLoop = written.stream().filter(line -> line.startsWith(prefix)).toList();
      assertThat(ofLoop).as("loop %d's lines, in its order", t).hasSize(10_000)
          .element(9_999).isEqualTo(prefix + "\"n\":9999}");
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
