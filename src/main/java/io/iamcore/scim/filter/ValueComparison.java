package io.iamcore.scim.filter;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Compares one stored attribute value with one filter literal.
 *
 * <ul>
 *   <li>Booleans: only {@code eq} (and {@code ne}, as its negation). Either side may be the string
 *       {@code "True"}/{@code "False"} in any case, because Entra's legacy PATCH dialect stores
 *       {@code active} that way and its filters may quote booleans.
 *   <li>Numbers: numerically ({@code 1} equals {@code 1.0}); {@code co}/{@code sw}/{@code ew} never
 *       match a number.
 *   <li>Strings: {@code eq}, {@code gt}, {@code ge}, {@code lt}, {@code le} compare chronologically
 *       when both sides parse as ISO-8601 date-times (RFC 7643 dateTime, e.g.
 *       {@code meta.lastModified}); otherwise, and always for {@code co}/{@code sw}/{@code ew},
 *       as text: case-exact attributes by code point, the rest after NFKC and
 *       {@code toLowerCase(Locale.ROOT)}, the same canonical form the store uses for
 *       {@code userName}.
 * </ul>
 */
final class ValueComparison {

  private final CaseExactness caseExactness;

  ValueComparison(CaseExactness caseExactness) {
    this.caseExactness = caseExactness;
  }

  boolean test(Object actual, Op op, Object literal, AttrPath path) {
    if (actual == null || literal == null) {
      return false;
    }
    Boolean actualBool = asBoolean(actual);
    Boolean literalBool = asBoolean(literal);
    if (literal instanceof Boolean || actual instanceof Boolean) {
      return op == Op.EQ && actualBool != null && actualBool.equals(literalBool);
    }
    if (literal instanceof Number && actual instanceof Number) {
      return ordered(op, toDecimal((Number) actual).compareTo(toDecimal((Number) literal)));
    }
    if (literal instanceof Number || actual instanceof Number) {
      return op == Op.EQ && actual.toString().equals(literal.toString());
    }
    return compareStrings(actual.toString(), op, literal.toString(), path);
  }

  private boolean compareStrings(String actual, Op op, String literal, AttrPath path) {
    if (op == Op.EQ || op.isOrdering()) {
      Instant a = asInstant(actual);
      Instant b = a == null ? null : asInstant(literal);
      if (b != null) {
        return ordered(op, a.compareTo(b));
      }
    }
    if (!caseExactness.isCaseExact(path)) {
      actual = fold(actual);
      literal = fold(literal);
    }
    switch (op) {
      case CO:
        return actual.contains(literal);
      case SW:
        return actual.startsWith(literal);
      case EW:
        return actual.endsWith(literal);
      default:
        return ordered(op, actual.compareTo(literal));
    }
  }

  private static boolean ordered(Op op, int cmp) {
    switch (op) {
      case EQ:
        return cmp == 0;
      case GT:
        return cmp > 0;
      case GE:
        return cmp >= 0;
      case LT:
        return cmp < 0;
      case LE:
        return cmp <= 0;
      default:
        return false; // co, sw, ew have no meaning for numbers or dates; ne is handled by the caller
    }
  }

  static String fold(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
  }

  private static Boolean asBoolean(Object value) {
    if (value instanceof Boolean) {
      return (Boolean) value;
    }
    if (value instanceof String) {
      String s = (String) value;
      if (s.equalsIgnoreCase("true")) {
        return Boolean.TRUE;
      }
      if (s.equalsIgnoreCase("false")) {
        return Boolean.FALSE;
      }
    }
    return null;
  }

  private static BigDecimal toDecimal(Number n) {
    return n instanceof BigDecimal ? (BigDecimal) n : new BigDecimal(n.toString());
  }

  /** Parses RFC 3339 / xsd:dateTime; a value without an offset is taken as UTC. */
  static Instant asInstant(String s) {
    // Cheap shape check first: most strings compared are names and ids, not dates.
    if (s.length() < 19 || s.charAt(4) != '-' || s.charAt(10) != 'T' && s.charAt(10) != 't') {
      return null;
    }
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }
}
