package io.iamcore.scim.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iamcore.scim.ScimException;
import io.iamcore.testing.Cases;
import io.iamcore.testing.Gen;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Properties of the filter parser and printer over generated trees and generated text. */
class FilterRoundTripTest {

  @Test
  void parse_printedTree_givesTheSameTree() {
    Cases.run(2000, gen -> {
      Filter tree = tree(gen);
      String text = FilterPrinter.print(tree);
      assertThat(FilterParser.parse(text)).as(text).isEqualTo(tree);
    });
  }

  @Test
  void print_isStable_printingTheParsedTreeGivesTheSameText() {
    Cases.run(500, gen -> {
      String text = FilterPrinter.print(tree(gen));
      assertThat(FilterPrinter.print(FilterParser.parse(text))).isEqualTo(text);
    });
  }

  @Test
  void parse_anyText_treeOrInvalidFilterNeverAnythingElse() {
    Cases.run(2000, gen -> {
      String text = noise(gen);
      try {
        Filter parsed = FilterParser.parse(text);
        assertThat(FilterParser.parse(FilterPrinter.print(parsed))).as(text).isEqualTo(parsed);
      } catch (ScimException e) {
        assertThat(e.status()).as(text).isEqualTo(400);
        assertThat(e.scimType()).as(text).isEqualTo("invalidFilter");
      }
    });
  }

  @Test
  void parse_nestingPastTheLimit_invalidFilter() {
    Cases.run(200, gen -> {
      String text = deep(gen);
      assertThatThrownBy(() -> FilterParser.parse(text))
          .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.scimType()).isEqualTo("invalidFilter"));
    });
  }

  /** The generator itself: a property over trees only says something if the trees cover the grammar. */
  @Test
  void trees_coverEveryNodeKindOperatorAndLiteralKind() {
    Set<String> seen = new HashSet<>();
    Cases.run(3000, gen -> collect(tree(gen), seen));
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

  /** A tree of depth ≤ 4 whose printed form the parser accepts by length (regenerated until it does). */
  private static Filter tree(Gen gen) {
    while (true) {
      Filter tree = FilterGenerators.filter(gen, 4);
      if (FilterPrinter.print(tree).length() <= FilterParser.MAX_LENGTH) {
        return tree;
      }
    }
  }

  /** Printed trees with random edits, and random strings over the filter alphabet. */
  private static String noise(Gen gen) {
    return gen.oneOf(
        () -> FilterMutations.mutated(gen, FilterPrinter.print(FilterGenerators.filter(gen, 3))),
        () -> gen.string("abeqnotrp ()[]\"\\.:$-_01 ", 0, 40));
  }

  private static String deep(Gen gen) {
    int n = gen.between(FilterParser.MAX_DEPTH + 1, 5_000);
    return gen.pick("(".repeat(n) + "a pr" + ")".repeat(n), "not (".repeat(n) + "a pr" + ")".repeat(n),
        "(".repeat(n));
  }
}
