package io.iamcore.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The access line's numbers written by hand: its time and its latency. */
class AccessLogTimestampsTest {

  @Test
  void append_millisAcrossSecondsAndYears_parsesBackToTheSameInstant() {
    long[] samples = {0L, 999L, 1_000L, 1_733_347_741_007L, 1_733_347_741_999L, 1_733_347_742_000L,
        951_782_400_123L /* 2000-02-29 */, 4_102_444_799_999L /* 2099-12-31T23:59:59.999 */};
    for (long millis : samples) {
      StringBuilder text = new StringBuilder();
      AccessLog.Timestamps.append(text, millis);

      assertThat(text.toString()).hasSize(24).endsWith("Z");
      assertThat(Instant.parse(text)).as(text.toString()).isEqualTo(Instant.ofEpochMilli(millis));
    }
  }

  @Test
  void appendMillis_microseconds_threeDecimals() {
    long[][] cases = {{0, 0}, {21, 21}, {999, 999}, {1_000, 1_000}, {1_500_007, 1_500_007}};
    for (long[] c : cases) {
      StringBuilder text = new StringBuilder();
      AccessLog.appendMillis(text, c[0]);

      assertThat(text.toString()).matches("\\d+\\.\\d{3}");
      assertThat(Math.round(Double.parseDouble(text.toString()) * 1_000)).isEqualTo(c[1]);
    }
  }
}
