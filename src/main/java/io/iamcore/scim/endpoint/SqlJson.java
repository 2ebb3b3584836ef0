package io.iamcore.scim.endpoint;

import java.util.regex.Pattern;

/**
 * SQL expressions over the {@code doc} JSONB of {@code cs_object}, shared by the filter and sort
 * translations.
 *
 * <p>Stored documents keep the client's spelling of attribute names, and SCIM names are
 * case-insensitive (RFC 7643 §2.1). A lookup therefore tries the canonical spelling first (what
 * Entra and nearly every client send: an index-friendly {@code ->}), and only when it is absent
 * scans the object's keys case-insensitively. COALESCE evaluates its second argument only when the
 * first is NULL.
 */
final class SqlJson {

  private static final Pattern SIMPLE = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)?");

  private final SqlParams params;
  private int aliases;

  SqlJson(SqlParams params) {
    this.params = params;
  }

  SqlParams params() {
    return params;
  }

  /** A fresh alias for a row source, unique within the statement. */
  String alias() {
    return "v" + (++aliases);
  }

  /** The member {@code name} (any case) of the JSON object {@code json}; SQL NULL when absent. */
  String key(String json, String name) {
    String k = params.text(name);
    if (SIMPLE.matcher(json).matches()) {
      return lookup(json, k);
    }
    // Evaluate a complex operand once: it is referenced three times.
    return "(SELECT " + lookup("o.x", k) + " FROM (SELECT " + json + " AS x) AS o)";
  }

  private static String lookup(String json, String k) {
    return "coalesce(" + json + " -> " + k + ", CASE WHEN jsonb_typeof(" + json + ") = 'object' THEN"
        + " (SELECT e.value FROM jsonb_each(" + json + ") AS e WHERE lower(e.key) = lower(" + k + ") LIMIT 1)"
        + " END)";
  }

  /**
   * A row source of the values of {@code json}: its elements when it is an array, else itself (so a
   * client that sent one object for a multi-valued attribute is still found). NULL gives one JSON
   * null, which no predicate matches.
   */
  String elements(String json) {
    return "jsonb_array_elements((SELECT CASE WHEN jsonb_typeof(a.x) = 'array' THEN a.x"
        + " ELSE jsonb_build_array(a.x) END FROM (SELECT " + json + " AS x) AS a))";
  }

  /** A complex value's {@code value} sub-attribute; a simple value stands for itself. */
  String valueOf(String element) {
    return "CASE WHEN jsonb_typeof(" + element + ") = 'object' THEN " + key(element, "value")
        + " ELSE " + element + " END";
  }

  /** The scalar as text ({@code "x"} → {@code x}); NULL for JSON null or SQL NULL. */
  static String text(String json) {
    return "(" + json + " #>> '{}')";
  }

  /** RFC 7643 §2.2 case-insensitive form: NFKC, then lower case, as {@code NameKeys} does. */
  static String fold(String textExpression) {
    return "lower(normalize(" + textExpression + ", NFKC))";
  }

  /** Present (RFC 7644 §3.4.2.2 {@code pr}): not null, "", [] or {}. NULL when absent. */
  static String present(String json) {
    return "(" + json + " NOT IN ('null'::jsonb, '\"\"'::jsonb, '[]'::jsonb, '{}'::jsonb))";
  }
}
