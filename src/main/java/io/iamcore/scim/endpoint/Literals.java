package io.iamcore.scim.endpoint;

import io.iamcore.scim.ScimException;
import io.iamcore.scim.filter.Filter;
import io.iamcore.scim.filter.Op;
import java.text.Normalizer;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Filter literals turned into bound SQL values, checked against the attribute's type. */
final class Literals {

  private Literals() {}

  /**
   * A boolean literal: {@code true}/{@code false}, or Entra's quoted {@code "True"}/{@code "False"}
   * in any case. Only {@code eq} applies ({@code ne} is its negation).
   */
  static Boolean bool(Filter.Compare c) {
    if (c.op() != Op.EQ) {
      throw ScimException.invalidFilter("'" + c + "': " + c.path() + " is a boolean; use eq or ne");
    }
    Object value = c.value();
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
      return Boolean.valueOf(s.toLowerCase(java.util.Locale.ROOT));
    }
    throw ScimException.invalidFilter("'" + c + "': " + c.path() + " is a boolean; compare it with true or false");
  }

  /** A number literal as text PostgreSQL's numeric accepts. */
  static String number(Filter.Compare c) {
    if (!(c.value() instanceof Number number)) {
      throw ScimException.invalidFilter("'" + c + "': " + c.path() + " is a number; compare it with a number");
    }
    return number.toString();
  }

  /** A dateTime literal (RFC 3339; without an offset, UTC). */
  static OffsetDateTime dateTime(Filter.Compare c) {
    if (c.value() instanceof String s) {
      try {
        return OffsetDateTime.parse(s).withOffsetSameInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e) {
        try {
          return LocalDateTime.parse(s).atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException e2) {
          // fall through to the error
        }
      }
    }
    throw ScimException.invalidFilter("'" + c + "': " + c.path()
        + " is a dateTime; compare it with a quoted date-time such as \"2026-01-31T12:00:00Z\"");
  }

  /** The SQL operator of an ordering or {@code eq} comparison; {@code co}/{@code sw}/{@code ew} do not apply. */
  static String sqlOperator(Op op, Filter.Compare c) {
    switch (op) {
      case EQ: return "=";
      case GT: return ">";
      case GE: return ">=";
      case LT: return "<";
      case LE: return "<=";
      default:
        throw ScimException.invalidFilter("'" + c + "': " + op.token() + " does not apply to " + c.path());
    }
  }

  /** The literal as a string: strings as they are, numbers and booleans as printed. */
  static String string(Filter.Compare c) {
    return c.value().toString();
  }

  /**
   * A string comparison of the SQL text expression {@code column} with the literal. Case-insensitive
   * comparisons fold both sides (NFKC, lower case); orderings compare code points.
   */
  static String text(String column, boolean caseExact, Filter.Compare c, SqlParams params) {
    String literal = string(c);
    Op op = c.op();
    if (op == Op.CO || op == Op.SW || op == Op.EW) {
      // NFKC before escaping: it maps fullwidth ％ and ＿ to the wildcards % and _.
      String base = caseExact ? literal : Normalizer.normalize(literal, Normalizer.Form.NFKC);
      String pattern = params.text(like(base, op));
      return caseExact
          ? "(" + column + " LIKE " + pattern + " ESCAPE '\\')"
          : "(" + SqlJson.fold(column) + " LIKE lower(" + pattern + ") ESCAPE '\\')";
    }
    String left = caseExact ? column : SqlJson.fold(column);
    String right = caseExact ? params.text(literal) : SqlJson.fold(params.text(literal));
    return op == Op.EQ
        ? "(" + left + " = " + right + ")"
        : "(" + left + " COLLATE \"C\" " + sqlOperator(op, c) + " " + right + ")";
  }

  /** A LIKE pattern for {@code co}/{@code sw}/{@code ew} with the value's wildcards escaped. */
  static String like(String value, Op op) {
    String escaped = escapeLike(value);
    switch (op) {
      case CO: return "%" + escaped + "%";
      case SW: return escaped + "%";
      case EW: return "%" + escaped;
      default: throw new IllegalArgumentException(op.token());
    }
  }

  static String escapeLike(String value) {
    StringBuilder out = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      if (ch == '\\' || ch == '%' || ch == '_') {
        out.append('\\');
      }
      out.append(ch);
    }
    return out.toString();
  }
}
