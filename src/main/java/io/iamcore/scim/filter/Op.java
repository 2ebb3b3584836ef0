package io.iamcore.scim.filter;

import java.util.Locale;

/** The comparison operators of RFC 7644 §3.4.2.2; case-insensitive on input, printed lower-case. */
public enum Op {
  EQ, NE, CO, SW, EW, GT, GE, LT, LE;

  /** The canonical (lower-case) token, e.g. {@code "eq"}. */
  public String token() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True for {@code gt}, {@code ge}, {@code lt}, {@code le}: the operators that need an ordering. */
  public boolean isOrdering() {
    return this == GT || this == GE || this == LT || this == LE;
  }

  /** The operator spelled by {@code token} in any case, or {@code null} when it is not one. */
  public static Op fromToken(String token) {
    for (Op op : values()) {
      if (op.name().equalsIgnoreCase(token)) {
        return op;
      }
    }
    return null;
  }
}
