package io.iamcore.store;

/** A create whose canonical userName is already taken by another live object of the connector. */
public final class WriteConflictException extends RuntimeException {

  private final CsObject existing;

  public WriteConflictException(CsObject existing) {
    super("userName is already in use on this connector", null, false, false);
    this.existing = existing;
  }

  public CsObject existing() {
    return existing;
  }
}
