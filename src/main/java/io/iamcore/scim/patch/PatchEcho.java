package io.iamcore.scim.patch;

/** Shortens client input echoed in error details; the detail is returned to the caller and logged. */
final class PatchEcho {

  private static final int MAX_ECHO = 120;

  private PatchEcho() {}

  static String of(String text) {
    if (text == null) {
      return "null";
    }
    return text.length() <= MAX_ECHO ? text : text.substring(0, MAX_ECHO) + "…";
  }
}
