package io.iamcore.scim.filter;

import java.math.BigDecimal;

/**
 * Prints a {@link Filter} as canonical SCIM text: lower-case keywords, one space between tokens,
 * JSON string literals, and parentheses exactly where the precedence ({@code not} > {@code and} >
 * {@code or}, left-associative) would otherwise give a different tree. Printing then parsing
 * returns an equal tree, which is what lets us log, cache and forward filters as text.
 */
public final class FilterPrinter {

  private FilterPrinter() {}

  public static String print(Filter filter) {
    StringBuilder out = new StringBuilder();
    append(out, filter);
    return out.toString();
  }

  private static void append(StringBuilder out, Filter filter) {
    if (filter instanceof Filter.Compare) {
      Filter.Compare c = (Filter.Compare) filter;
      out.append(c.path()).append(' ').append(c.op().token()).append(' ');
      appendLiteral(out, c.value());
    } else if (filter instanceof Filter.Present) {
      out.append(((Filter.Present) filter).path()).append(" pr");
    } else if (filter instanceof Filter.And) {
      Filter.And and = (Filter.And) filter;
      // and binds tighter than or; a right-hand and needs parentheses to stay on the right.
      appendOperand(out, and.left(), and.left() instanceof Filter.Or);
      out.append(" and ");
      appendOperand(out, and.right(), and.right() instanceof Filter.Or || and.right() instanceof Filter.And);
    } else if (filter instanceof Filter.Or) {
      Filter.Or or = (Filter.Or) filter;
      append(out, or.left());
      out.append(" or ");
      appendOperand(out, or.right(), or.right() instanceof Filter.Or);
    } else if (filter instanceof Filter.Not) {
      out.append("not (");
      append(out, ((Filter.Not) filter).inner());
      out.append(')');
    } else if (filter instanceof Filter.ValuePath) {
      Filter.ValuePath vp = (Filter.ValuePath) filter;
      out.append(vp.path()).append('[');
      append(out, vp.inner());
      out.append(']');
    } else {
      throw new AssertionError(filter);
    }
  }

  private static void appendOperand(StringBuilder out, Filter operand, boolean parenthesise) {
    if (parenthesise) {
      out.append('(');
      append(out, operand);
      out.append(')');
    } else {
      append(out, operand);
    }
  }

  static void appendLiteral(StringBuilder out, Object value) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String) {
      appendString(out, (String) value);
    } else if (value instanceof BigDecimal) {
      out.append(((BigDecimal) value).toString());
    } else {
      out.append(value);
    }
  }

  private static void appendString(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        case '\b':
          out.append("\\b");
          break;
        case '\f':
          out.append("\\f");
          break;
        default:
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }
}
