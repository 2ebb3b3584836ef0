package io.iamcore.scim.endpoint;

import io.iamcore.scim.ScimException;
import java.util.ArrayList;
import java.util.List;

/**
 * The bound values of one generated SQL statement. Every value that comes from a client (and every
 * attribute name) goes through {@link #bind}; the generated SQL text holds only constants and
 * {@code $n} placeholders.
 */
final class SqlParams {

  private final int first;
  private final List<Object> values = new ArrayList<>();

  /** @param first the number of the first placeholder, after the statement's own parameters */
  SqlParams(int first) {
    this.first = first;
  }

  /**
   * Binds {@code value} and returns its placeholder, e.g. {@code $5}.
   *
   * @throws ScimException invalidFilter for a string holding NUL: PostgreSQL text cannot carry it
   *     (the statement would fail with 22021, a 500), and no stored value contains one (writes
   *     refuse it), so a filter literal with NUL is a client error, said as such
   */
  String bind(Object value) {
    if (value instanceof String s && s.indexOf(0) >= 0) {
      throw ScimException.invalidFilter("a string in the filter contains NUL (\\u0000), which no stored value"
          + " can contain");
    }
    values.add(value);
    return "$" + (first + values.size() - 1);
  }

  /** Binds a text value, cast so that PostgreSQL never has to guess its type. */
  String text(String value) {
    return bind(value) + "::text";
  }

  /** How many values are bound so far. */
  int size() {
    return values.size();
  }

  List<Object> values() {
    return List.copyOf(values);
  }
}
