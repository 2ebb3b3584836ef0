package io.iamcore.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
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
  void publish_queueFull_dropsAndReportsTheCount() throws InterruptedException {
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
    JsonLinesHandler handler = new JsonLinesHandler(blocked, 2);
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

  private static void await(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
