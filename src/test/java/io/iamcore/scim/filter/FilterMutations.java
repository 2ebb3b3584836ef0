package io.iamcore.scim.filter;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Mutations of valid filter text: a character deleted, duplicated or replaced by one that matters to
 * the grammar, a prefix or suffix cut, a keyword's case changed. Most results are invalid, some are
 * still valid: both must get an answer, never a crash.
 */
public final class FilterMutations {

  private static final String SIGNIFICANT = "()[]\"\\ .:$-eE0123456789nNoOtT\u0000\u00e9\uD800";

  private FilterMutations() {}

  public static Arbitrary<String> mutated(Arbitrary<String> valid) {
    return Combinators.combine(valid, Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 10_000),
            Arbitraries.of(SIGNIFICANT.chars().mapToObj(c -> (char) c).toArray(Character[]::new)))
        .as(FilterMutations::mutate);
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
