package io.iamcore.store;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * A clock at PostgreSQL's resolution (microseconds), for timestamps that are stored: a finer
 * instant would be answered to a client and then read back differently, changing meta and ETags.
 * ({@code Clock.tick} with a sub-millisecond tick fails in {@code millis()} on Java 17.)
 */
public final class MicrosecondClock extends Clock {

  private final Clock base;

  public MicrosecondClock(Clock base) {
    this.base = base;
  }

  @Override
  public Instant instant() {
    return base.instant().truncatedTo(ChronoUnit.MICROS);
  }

  @Override
  public long millis() {
    return base.millis();
  }

  @Override
  public ZoneId getZone() {
    return base.getZone();
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new MicrosecondClock(base.withZone(zone));
  }
}
