package io.iamcore.scim.filter;

import java.math.BigDecimal;
import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generators of filter trees covering the whole grammar: every operator, {@code and}/{@code or}/
 * {@code not}, grouping (through precedence), value paths, sub-attributes, schema-qualified names,
 * and string (with escapes), number, boolean, null and date literals. Shared by the round-trip
 * properties and the HTTP generated-input test.
 */
public final class FilterArbitraries {

  static final String CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User";
  static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

  private FilterArbitraries() {}

  /** Any filter tree of at most {@code depth} levels of and/or/not. */
  public static Arbitrary<Filter> filters(int depth) {
    return filter(depth, true);
  }

  private static Arbitrary<Filter> filter(int depth, boolean valuePaths) {
    Arbitrary<Filter> leaf = valuePaths
        ? Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(6, attrExp()),
            net.jqwik.api.Tuple.of(1, valuePath()))
        : attrExp();
    if (depth <= 0) {
      return leaf;
    }
    Arbitrary<Filter> sub = Arbitraries.lazy(() -> filter(depth - 1, valuePaths));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, leaf),
        net.jqwik.api.Tuple.of(2, Combinators.combine(sub, sub).as(Filter.And::new)),
        net.jqwik.api.Tuple.of(2, Combinators.combine(sub, sub).as(Filter.Or::new)),
        net.jqwik.api.Tuple.of(1, sub.map(Filter.Not::new)));
  }

  /** {@code path[inner]}; the inner filter never holds another value path (the grammar forbids it). */
  static Arbitrary<Filter> valuePath() {
    return Combinators.combine(paths(), Arbitraries.lazy(() -> filter(2, false)))
        .as(Filter.ValuePath::new);
  }

  static Arbitrary<Filter> attrExp() {
    Arbitrary<Filter> compare = Combinators.combine(paths(), Arbitraries.of(Op.class), literals())
        .as(Filter.Compare::new);
    Arbitrary<Filter> present = paths().map(Filter.Present::new);
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, compare), net.jqwik.api.Tuple.of(1, present));
  }

  /** Attribute paths: plain, with a sub-attribute, schema-qualified (well-known and random URNs). */
  public static Arbitrary<AttrPath> paths() {
    Arbitrary<String> urn = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, Arbitraries.just((String) null)),
        net.jqwik.api.Tuple.of(2, Arbitraries.of(CORE_USER, ENTERPRISE, ENTERPRISE.toUpperCase())),
        net.jqwik.api.Tuple.of(1, randomUrns()));
    Arbitrary<String> sub = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, Arbitraries.just((String) null)),
        net.jqwik.api.Tuple.of(2, names()));
    return Combinators.combine(urn, names(), sub).as(AttrPath::new);
  }

  /** RFC 7644 ATTRNAME (plus {@code $ref}), including names that are also keywords. */
  static Arbitrary<String> names() {
    Arbitrary<String> known = Arbitraries.of("userName", "displayName", "emails", "value", "type", "primary",
        "name", "givenName", "familyName", "active", "externalId", "id", "meta", "lastModified", "manager",
        "employeeNumber", "$ref", "members", "not", "and", "or", "pr", "eq", "true", "null", "NOT", "Or");
    Arbitrary<String> random = Combinators.combine(
            Arbitraries.chars().range('a', 'z').range('A', 'Z'),
            Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9')
                .withChars('-', '_').ofMaxLength(12))
        .as((first, rest) -> first + rest);
    return Arbitraries.oneOf(known, random);
  }

  private static Arbitrary<String> randomUrns() {
    Arbitrary<String> segment = Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9')
        .withChars('.', '-', 'X').ofMinLength(1).ofMaxLength(8);
    return segment.list().ofMinSize(1).ofMaxSize(5).map(parts -> "urn:" + String.join(":", parts));
  }

  /** Every literal kind the parser produces: strings (escapes, dates), numbers, booleans, null. */
  public static Arbitrary<Object> literals() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(5, strings()),
        net.jqwik.api.Tuple.of(2, dates()),
        net.jqwik.api.Tuple.of(2, numbers()),
        net.jqwik.api.Tuple.of(1, Arbitraries.of(Boolean.TRUE, Boolean.FALSE)),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(null)));
  }

  /** Strings with quotes, backslashes, control characters, non-ASCII and surrogate halves. */
  static Arbitrary<Object> strings() {
    Arbitrary<String> escapes = Arbitraries.strings()
        .withChars('"', '\\', '/', '\b', '\f', '\n', '\r', '\t', '\u0000', '\u001f', ' ', '\'', ']', ')', '(')
        .withCharRange('a', 'e').ofMaxLength(10);
    Arbitrary<String> any = Arbitraries.strings().all().ofMaxLength(10);
    Arbitrary<String> words = Arbitraries.of("", "bjensen", "true", "null", "and", "O'Malley", "ä@contoso.example",
        "\uD83D\uDE00");
    return Arbitraries.oneOf(escapes, any, words).map(s -> (Object) s);
  }

  static Arbitrary<Object> dates() {
    return Arbitraries.longs().between(0, 4_102_444_800L)
        .map(seconds -> (Object) java.time.Instant.ofEpochSecond(seconds).toString());
  }

  /** Parser numbers: BigDecimal with any scale, so printing may use exponents. */
  static Arbitrary<Object> numbers() {
    return Combinators.combine(
            Arbitraries.bigIntegers().between(BigInteger.valueOf(-1_000_000_000L), BigInteger.valueOf(1_000_000_000L)),
            Arbitraries.integers().between(-12, 12))
        .as((unscaled, scale) -> (Object) new BigDecimal(unscaled, scale));
  }
}
