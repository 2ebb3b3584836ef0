package io.iamcore.scim.filter;

/**
 * Shortens client input before it is echoed in an error detail: the detail goes back to the
 * caller and into logs, and a 4 KB filter repeated in both helps nobody.
 */
final class Echo {

  static final int MAX_ECHO = 120;

  private Echo() {}

  static String of(String text) {
    if (text == null) {
      return "null";
    }
    return text.length() <= MAX_ECHO ? text : text.substring(0, MAX_ECHO) + "…";
  }
}
