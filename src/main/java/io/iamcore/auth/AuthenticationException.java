package io.iamcore.auth;

/**
 * A caller could not be authenticated. The message is a short, client-safe reason ("token
 * expired", "unknown signing key") that may be shown in a 401 body; it never contains the token or
 * any part of it.
 *
 * <p>No stack trace is captured: forged or expired tokens are routine traffic, the reason says
 * everything, and filling a trace for each one would be the most expensive part of refusing it.
 */
public final class AuthenticationException extends RuntimeException {

  public AuthenticationException(String reason) {
    super(reason, null, false, false);
  }

  /** The client-safe reason; same as {@link #getMessage()}. */
  public String reason() {
    return getMessage();
  }
}
