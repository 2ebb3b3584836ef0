package io.iamcore.store;

/**
 * The write was not applied (or its outcome is unknown) because the database is unreachable or the
 * writer is saturated. Callers answer 503 with Retry-After; Entra retries.
 */
public final class WriteUnavailableException extends RuntimeException {

  private final int retryAfterSeconds;

  public WriteUnavailableException(String message, int retryAfterSeconds) {
    super(message, null, false, false);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public int retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
