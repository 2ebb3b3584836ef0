package io.iamcore.scim.filter;

import static io.iamcore.testing.Gen.w;

import io.iamcore.testing.Gen;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

/**
 * Generators of filter trees covering the whole grammar: every operator, {@code and}/{@code or}/
 * {@code not}, grouping (through precedence), value paths, sub-attributes, schema-qualified names,
 * and string (with escapes), number, boolean, null and date literals. Shared by the round-trip
 * tests and the HTTP generated-input test.
 */
public final class FilterGenerators {

  static final String CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User";
  static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

  private static final List<String> KNOWN_NAMES = List.of("userName", "displayName", "emails", "value", "type",
      "primary", "name", "givenName", "familyName", "active", "externalId", "id", "meta", "lastModified", "manager",
      "employeeNumber", "$ref", "members", "not", "and", "or", "pr", "eq", "true", "null", "NOT", "Or");
  private static final String LETTERS = Gen.chars('a', 'z') + Gen.chars('A', 'Z');
  private static final String NAME_CHARS = LETTERS + Gen.chars('0', '9') + "-_";
  private static final String URN_CHARS = Gen.chars('a', 'z') + Gen.chars('0', '9') + ".-X";
  private static final String ESCAPE_CHARS = "\"\\/\b\f\n\r\t\u0000\u001f '])(" + Gen.chars('a', 'e');
  private static final List<String> WORDS = List.of("", "bjensen", "true", "null", "and", "O'Malley",
      "ä@contoso.example", "\uD83D\uDE00");
  private static final BigInteger BILLION = BigInteger.valueOf(1_000_000_000L);

  private FilterGenerators() {}

  /** Any filter tree of at most {@code depth} levels of and/or/not. */
  public static Filter filter(Gen gen, int depth) {
    return filter(gen, depth, true);
  }

  private static Filter filter(Gen gen, int depth, boolean valuePaths) {
    if (depth <= 0) {
      return leaf(gen, valuePaths);
    }
    return gen.frequency(
        w(4, () -> leaf(gen, valuePaths)),
        w(2, () -> new Filter.And(filter(gen, depth - 1, valuePaths), filter(gen, depth - 1, valuePaths))),
        w(2, () -> new Filter.Or(filter(gen, depth - 1, valuePaths), filter(gen, depth - 1, valuePaths))),
        w(1, () -> new Filter.Not(filter(gen, depth - 1, valuePaths))));
  }

  private static Filter leaf(Gen gen, boolean valuePaths) {
    return valuePaths ? gen.frequency(w(6, () -> attrExp(gen)), w(1, () -> valuePath(gen))) : attrExp(gen);
  }

  /** {@code path[inner]}; the inner filter never holds another value path (the grammar forbids it). */
  static Filter valuePath(Gen gen) {
    return new Filter.ValuePath(path(gen), filter(gen, 2, false));
  }

  static Filter attrExp(Gen gen) {
    return gen.frequency(
        w(5, () -> new Filter.Compare(path(gen), gen.pick(Op.class), literal(gen))),
        w(1, () -> new Filter.Present(path(gen))));
  }

  /** Attribute paths: plain, with a sub-attribute, schema-qualified (well-known and random URNs). */
  public static AttrPath path(Gen gen) {
    String urn = gen.frequency(
        w(6, () -> null),
        w(2, () -> gen.pick(CORE_USER, ENTERPRISE, ENTERPRISE.toUpperCase())),
        w(1, () -> randomUrn(gen)));
    String name = name(gen);
    String sub = gen.frequency(w(3, () -> null), w(2, () -> name(gen)));
    return new AttrPath(urn, name, sub);
  }

  /** RFC 7644 ATTRNAME (plus {@code $ref}), including names that are also keywords. */
  static String name(Gen gen) {
    return gen.bool() ? gen.pick(KNOWN_NAMES) : gen.charOf(LETTERS) + gen.string(NAME_CHARS, 0, 12);
  }

  private static String randomUrn(Gen gen) {
    return "urn:" + String.join(":", gen.list(1, 5, () -> gen.string(URN_CHARS, 1, 8)));
  }

  /** Every literal kind the parser produces: strings (escapes, dates), numbers, booleans, null. */
  public static Object literal(Gen gen) {
    return gen.frequency(
        w(5, () -> string(gen)),
        w(2, () -> date(gen)),
        w(2, () -> number(gen)),
        w(1, () -> gen.bool()),
        w(1, () -> null));
  }

  /** Strings with quotes, backslashes, control characters, non-ASCII and surrogate halves. */
  static String string(Gen gen) {
    return gen.oneOf(() -> gen.string(ESCAPE_CHARS, 0, 10), () -> gen.anyString(10), () -> gen.pick(WORDS));
  }

  static String date(Gen gen) {
    return Instant.ofEpochSecond(gen.between(0L, 4_102_444_800L)).toString();
  }

  /** Parser numbers: BigDecimal with any scale, so printing may use exponents. */
  static BigDecimal number(Gen gen) {
    BigInteger unscaled = BigInteger.valueOf(gen.between(-BILLION.longValue(), BILLION.longValue()));
    return new BigDecimal(unscaled, gen.between(-12, 12));
  }
}
