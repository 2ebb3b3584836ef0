package io.iamcore.scim.filter;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A parsed SCIM filter (RFC 7644 §3.4.2.2). The tree is immutable; {@link #toString()} prints the
 * canonical SCIM text, and {@code FilterParser.parse(f.toString()).equals(f)} holds for every tree
 * the parser produces.
 *
 * <p>Consumers handle every case with an {@code instanceof} chain that ends in
 * {@code throw new AssertionError(filter)}; the interface is sealed so the chain stays complete.
 */
public sealed interface Filter
    permits Filter.Compare, Filter.Present, Filter.And, Filter.Or, Filter.Not, Filter.ValuePath {

  /**
   * {@code path op value}.
   *
   * @param value a {@link String}, {@link Boolean}, {@link BigDecimal} (the parser's numbers; other
   *     {@link Number}s are accepted when building trees by hand) or {@code null} for
   *     {@code eq null} / {@code ne null}
   */
  record Compare(AttrPath path, Op op, Object value) implements Filter {
    public Compare {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(op, "op");
      if (value != null
          && !(value instanceof String || value instanceof Boolean || value instanceof Number)) {
        throw new IllegalArgumentException("unsupported literal type " + value.getClass());
      }
    }

    @Override
    public String toString() {
      return FilterPrinter.print(this);
    }
  }

  /** {@code path pr}: the attribute has a non-null, non-empty value. */
  record Present(AttrPath path) implements Filter {
    public Present {
      Objects.requireNonNull(path, "path");
    }

    @Override
    public String toString() {
      return FilterPrinter.print(this);
    }
  }

  record And(Filter left, Filter right) implements Filter {
    public And {
      Objects.requireNonNull(left, "left");
      Objects.requireNonNull(right, "right");
    }

    @Override
    public String toString() {
      return FilterPrinter.print(this);
    }
  }

  record Or(Filter left, Filter right) implements Filter {
    public Or {
      Objects.requireNonNull(left, "left");
      Objects.requireNonNull(right, "right");
    }

    @Override
    public String toString() {
      return FilterPrinter.print(this);
    }
  }

  record Not(Filter inner) implements Filter {
    public Not {
      Objects.requireNonNull(inner, "inner");
    }

    @Override
    public String toString() {
      return FilterPrinter.print(this);
    }
  }

  /**
   * {@code path[inner]}, e.g. {@code emails[type eq "work" and value co "@x"]}. The paths inside
   * {@code inner} are relative to one value of {@code path}; they never contain another value path.
   */
  record ValuePath(AttrPath path, Filter inner) implements Filter {
    public ValuePath {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(inner, "inner");
    }

    @Override
    public String toString() {
      return FilterPrinter.print(this);
    }
  }
}
