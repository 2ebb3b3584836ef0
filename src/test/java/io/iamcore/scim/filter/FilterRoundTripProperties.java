package io.iamcore.scim.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iamcore.scim.ScimException;
import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of the filter parser and printer over generated trees and generated text. */
class FilterRoundTripProperties {

  @Property(tries = 2000)
  void parse_printedTree_givesTheSameTree(@ForAll("trees") Filter tree) {
    String text = FilterPrinter.print(tree);
    assertThat(FilterParser.parse(text)).as(text).isEqualTo(tree);
  }

  @Property(tries = 500)
  void print_isStable_printingTheParsedTreeGivesTheSameText(@ForAll("trees") Filter tree) {
    String text = FilterPrinter.print(tree);
    assertThat(FilterPrinter.print(FilterParser.parse(text))).isEqualTo(text);
  }

  @Property(tries = 2000)
  void parse_anyText_treeOrInvalidFilterNeverAnythingElse(@ForAll("noise") String text) {
    try {
      Filter parsed = FilterParser.parse(text);
      assertThat(FilterParser.parse(FilterPrinter.print(parsed))).isEqualTo(parsed);
    } catch (ScimException e) {
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.scimType()).isEqualTo("invalidFilter");
    }
  }

  @Property(tries = 200)
  void parse_nestingPastTheLimit_invalidFilter(@ForAll("deep") String text) {
    assertThatThrownBy(() -> FilterParser.parse(text))
        .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.scimType()).isEqualTo("invalidFilter"));
  }

  /** The generator itself: a property over trees only says something if the trees cover the grammar. */
  @Example
  void trees_coverEveryNodeKindOperatorAndLiteralKind() {
    Set<String> seen = new HashSet<>();
    trees().sampleStream().limit(3000).forEach(tree -> collect(tree, seen));
    Set<String> expected = new HashSet<>(Set.of("Compare", "Present", "And", "Or", "Not", "ValuePath",
        "urn", "sub", "String", "BigDecimal", "Boolean", "null", "escape", "date"));
    for (Op op : Op.values()) {
      expected.add(op.name());
    }
    assertThat(seen).containsAll(expected);
  }

  private static void collect(Filter f, Set<String> seen) {
    seen.add(f.getClass().getSimpleName());
    if (f instanceof Filter.Compare c) {
      seen.add(c.op().name());
      seen.add(c.value() == null ? "null" : c.value().getClass().getSimpleName());
      if (c.value() instanceof String s && s.chars().anyMatch(ch -> ch == '"' || ch == '\\' || ch < 0x20)) {
        seen.add("escape");
      }
      if (c.value() instanceof String s && s.matches("\\d{4}-\\d{2}-\\d{2}T.*Z")) {
        seen.add("date");
      }
      path(c.path(), seen);
    } else if (f instanceof Filter.Present p) {
      path(p.path(), seen);
    } else if (f instanceof Filter.And a) {
      collect(a.left(), seen);
      collect(a.right(), seen);
    } else if (f instanceof Filter.Or o) {
      collect(o.left(), seen);
      collect(o.right(), seen);
    } else if (f instanceof Filter.Not n) {
      collect(n.inner(), seen);
    } else if (f instanceof Filter.ValuePath v) {
      path(v.path(), seen);
      collect(v.inner(), seen);
    }
  }

  private static void path(AttrPath path, Set<String> seen) {
    if (path.schemaUrn() != null) {
      seen.add("urn");
    }
    if (path.subAttribute() != null) {
      seen.add("sub");
    }
  }

  @Provide
  Arbitrary<Filter> trees() {
    return FilterArbitraries.filters(4).filter(f -> FilterPrinter.print(f).length() <= FilterParser.MAX_LENGTH);
  }

  /** Printed trees with random edits, and random strings over the filter alphabet. */
  @Provide
  Arbitrary<String> noise() {
    return Arbitraries.oneOf(FilterMutations.mutated(FilterArbitraries.filters(3).map(FilterPrinter::print)),
        Arbitraries.strings().withChars("abeqnotrp ()[]\"\\.:$-_01 ").ofMaxLength(40));
  }

  @Provide
  Arbitrary<String> deep() {
    return Arbitraries.integers().between(FilterParser.MAX_DEPTH + 1, 5_000).flatMap(n -> Arbitraries.of(
        "(".repeat(n) + "a pr" + ")".repeat(n),
        "not (".repeat(n) + "a pr" + ")".repeat(n),
        "(".repeat(n)));
  }
}
