package io.iamcore.config;

import java.time.Duration;

/**
 * What one client may hold of the HTTP front door (PRODUCT.md §4 "Limits").
 *
 * @param headerTimeout a connection must complete a request's headers this soon after it opens
 *     or after its previous response (slowloris)
 * @param requestTimeout a request's body must have arrived this soon after its headers (slow POST)
 * @param idleTimeoutSeconds a connection with no traffic at all is closed after this
 * @param maxConnections open connections beyond this are closed at once
 * @param maxInFlight requests being handled at once beyond this get 503 with Retry-After at once
 */
public record TransportLimits(Duration headerTimeout, Duration requestTimeout, int idleTimeoutSeconds,
    int maxConnections, int maxInFlight) {

  /** Generous limits for tests and embedding. */
  public static TransportLimits defaults() {
    return new TransportLimits(Duration.ofSeconds(10), Duration.ofSeconds(30), 60, 10_000, 4_096);
  }
}
