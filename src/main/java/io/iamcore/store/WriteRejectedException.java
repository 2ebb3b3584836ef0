package io.iamcore.store;

/**
 * The database refused this one change for a data reason. The message is client-safe (or null,
 * for an unexpected failure that the caller reports as a 500 with the cause only in the log).
 */
public final class WriteRejectedException extends RuntimeException {

  public WriteRejectedException(String message) {
    super(message);
  }

  public WriteRejectedException(String message, Throwable cause) {
    super(message, cause);
  }
}
