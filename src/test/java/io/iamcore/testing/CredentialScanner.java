package io.iamcore.testing;

import java.util.HashMap;
import java.util.Map;

/**
 * Finds credentials, or any substantial piece of one, in text. A piece is any run of
 * {@value #MIN_LEAK} characters of a credential's secret-bearing parts: the whole of a secret
 * token, and the payload and signature of a JWT (its header is shared by every token of a key and
 * proves nothing). Pieces are indexed by aligned windows, so scanning costs one hash lookup per
 * character of text however many credentials are known.
 */
public final class CredentialScanner {

  /** Shorter runs than this can occur by chance in base64 text; longer ones cannot. */
  public static final int MIN_LEAK = 24;
  private static final int WINDOW = 16;
  private static final int STRIDE = MIN_LEAK - WINDOW + 1;

  private final Map<String, String> windows = new HashMap<>();

  /** Remembers {@code credential} (a JWT, a secret token, or any other string) to look for. */
  public synchronized void add(String credential) {
    String[] segments = credential.split("\\.", -1);
    for (int i = segments.length == 3 ? 1 : 0; i < segments.length; i++) {
      String part = segments[i];
      for (int at = 0; at + WINDOW <= part.length(); at += STRIDE) {
        windows.putIfAbsent(part.substring(at, at + WINDOW), credential);
      }
    }
  }

  /**
   * Which credential a piece of which occurs in {@code text}, or null. The answer names it by its
   * first characters only, so that a failing assertion does not spread the credential further.
   */
  public synchronized String findIn(String text) {
    if (text == null) {
      return null;
    }
    for (int at = 0; at + WINDOW <= text.length(); at++) {
      String found = windows.get(text.substring(at, at + WINDOW));
      if (found != null) {
        return found.substring(0, Math.min(12, found.length())) + "… (" + found.length() + " chars)";
      }
    }
    return null;
  }
}
