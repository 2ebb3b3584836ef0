package io.iamcore.scim.filter;

import io.iamcore.testing.Gen;

/**
 * Mutations of valid filter text: a character deleted, duplicated or replaced by one that matters to
 * the grammar, a prefix or suffix cut, a keyword's case changed. Most results are invalid, some are
 * still valid: both must get an answer, never a crash.
 */
public final class FilterMutations {

  private static final String SIGNIFICANT = "()[]\"\\ .:$-eE0123456789nNoOtT\u0000\u00e9\uD800";

  private FilterMutations() {}

  /** {@code text} with one random edit. */
  public static String mutated(Gen gen, String text) {
    return mutate(text, gen.between(0, 5), gen.between(0, 10_000), gen.charOf(SIGNIFICANT));
  }

  static String mutate(String text, int kind, int where, char c) {
    if (text.isEmpty()) {
      return String.valueOf(c);
    }
    int at = where % text.length();
    switch (kind) {
      case 0:
        return text.substring(0, at) + text.substring(at + 1);
      case 1:
        return text.substring(0, at) + text.charAt(at) + text.substring(at);
      case 2:
        return text.substring(0, at) + c + text.substring(at + 1);
      case 3:
        return text.substring(0, at);
      case 4:
        return text.substring(at);
      default:
        return text.substring(0, at) + c + text.substring(at);
    }
  }
}
