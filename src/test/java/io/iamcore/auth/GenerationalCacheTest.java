package io.iamcore.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The verification cache's bound and what survives a rotation. */
class GenerationalCacheTest {

  @Test
  void put_manyMoreThanTwoGenerations_boundedByTwoGenerations() {
    GenerationalCache<Integer, String> cache = new GenerationalCache<>(100);
    for (int i = 0; i < 10_000; i++) {
      cache.put(i, "v" + i);
    }

    assertThat(cache.size()).isLessThanOrEqualTo(200);
    assertThat(cache.get(9_999)).isEqualTo("v9999");
    assertThat(cache.get(0)).isNull();
  }

  @Test
  void get_entryReadEveryGeneration_survivesRotations() {
    GenerationalCache<Integer, String> cache = new GenerationalCache<>(10);
    cache.put(-1, "in use");
    for (int i = 0; i < 1_000; i++) {
      cache.put(i, "filler");
      assertThat(cache.get(-1)).as("after %d other puts", i + 1).isEqualTo("in use");
    }
  }

  @Test
  void get_entryNotReadForTwoGenerations_dropped() {
    GenerationalCache<Integer, String> cache = new GenerationalCache<>(10);
    cache.put(-1, "idle");
    for (int i = 0; i < 20; i++) {
      cache.put(i, "filler");
    }

    assertThat(cache.get(-1)).isNull();
  }

  @Test
  void remove_fromEitherGeneration() {
    GenerationalCache<Integer, String> cache = new GenerationalCache<>(2);
    cache.put(1, "old");
    cache.put(2, "old");  // rotates: 1 and 2 are now the old generation
    cache.put(3, "young");
    cache.remove(1);
    cache.remove(3);

    assertThat(cache.get(1)).isNull();
    assertThat(cache.get(3)).isNull();
    assertThat(cache.get(2)).isEqualTo("old");
  }

  @Test
  void new_nonPositiveGeneration_refused() {
    assertThatThrownBy(() -> new GenerationalCache<>(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
