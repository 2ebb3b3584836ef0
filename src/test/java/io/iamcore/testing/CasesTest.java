package io.iamcore.testing;

import static io.iamcore.testing.Gen.w;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CasesTest {

  @Test
  void run_sameTestTwice_generatesTheSameInputs() {
    List<Integer> first = new ArrayList<>();
    List<Integer> second = new ArrayList<>();
    for (List<Integer> out : List.of(first, second)) {
      assertThat(Cases.run(50, gen -> out.add(gen.between(0, 1_000_000)))).isEqualTo(50);
    }
    assertThat(first).isEqualTo(second).hasSize(50);
    assertThat(first.stream().distinct().count()).as("cases get different seeds").isGreaterThan(45);
  }

  @Test
  void run_aFailingCase_namesTestCaseAndSeedForReplay() {
    assertThatThrownBy(() -> Cases.run(100, gen -> assertThat(gen.between(0, 9)).isNotEqualTo(7)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("CasesTest#lambda$run_aFailingCase_namesTestCaseAndSeedForReplay")
        .hasMessageContaining("failed at case ")
        .hasMessageContaining("-Diamcore.cases.seed=" + Cases.DEFAULT_SEED)
        .hasMessageContaining("-Diamcore.cases.only=")
        .hasCauseInstanceOf(AssertionError.class);
  }

  @Test
  void frequency_choosesInProportionToTheWeights() {
    int[] counts = new int[2];
    Cases.run(10_000, gen -> counts[gen.frequency(w(9, () -> 0), w(1, () -> 1))]++);
    assertThat(counts[1]).isBetween(800, 1200);
  }

  @Test
  void stringAndBetween_stayInTheirBounds() {
    Cases.run(1000, gen -> {
      assertThat(gen.string("ab", 2, 4)).hasSizeBetween(2, 4).matches("[ab]*");
      assertThat(gen.between(-3, 3)).isBetween(-3, 3);
      assertThat(gen.between(Long.MAX_VALUE - 1, Long.MAX_VALUE)).isGreaterThanOrEqualTo(Long.MAX_VALUE - 1);
      assertThat(gen.list(1, 2, gen::bool)).hasSizeBetween(1, 2);
    });
  }
}
