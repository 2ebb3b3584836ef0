package io.iamcore.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A source of generated test input: a seeded {@link SplittableRandom} with the few helpers our
 * generators need. Generators are plain methods taking a {@code Gen}; the same seed gives the same
 * values, so a failing case replays exactly (see {@link Cases}). There is no shrinking: the
 * generators keep inputs small instead.
 */
public final class Gen {

  private final SplittableRandom random;

  public Gen(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** An int in {@code [min, max]}, both ends included. */
  public int between(int min, int max) {
    return random.nextInt(min, max + 1);
  }

  /** A long in {@code [min, max]}, both ends included. */
  public long between(long min, long max) {
    return max == Long.MAX_VALUE ? random.nextLong(min - 1, max) + 1 : random.nextLong(min, max + 1);
  }

  /** A random UUID from this seed (so a replayed case sends the same one). */
  public UUID uuid() {
    return new UUID(random.nextLong(), random.nextLong());
  }

  public boolean bool() {
    return random.nextBoolean();
  }

  /** True with probability {@code weight / outOf}. */
  public boolean chance(int weight, int outOf) {
    return random.nextInt(outOf) < weight;
  }

  public <T> T pick(List<? extends T> options) {
    return options.get(random.nextInt(options.size()));
  }

  @SafeVarargs
  public final <T> T pick(T... options) {
    return options[random.nextInt(options.length)];
  }

  public <E extends Enum<E>> E pick(Class<E> type) {
    return pick(type.getEnumConstants());
  }

  /** One character of {@code alphabet} (a string, so {@code chars('a', 'z') + "-_"} composes). */
  public char charOf(String alphabet) {
    return alphabet.charAt(random.nextInt(alphabet.length()));
  }

  /** A string of {@code min}..{@code max} characters drawn from {@code alphabet}. */
  public String string(String alphabet, int min, int max) {
    int length = between(min, max);
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(charOf(alphabet));
    }
    return out.toString();
  }

  /** Any UTF-16 code units (control characters, lone surrogates included), up to {@code max}. */
  public String anyString(int max) {
    int length = between(0, max);
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append((char) random.nextInt(Character.MAX_VALUE + 1));
    }
    return out.toString();
  }

  /** {@code min}..{@code max} elements, each from {@code element}. */
  public <T> List<T> list(int min, int max, Supplier<? extends T> element) {
    int size = between(min, max);
    List<T> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      out.add(element.get());
    }
    return out;
  }

  /** The value of one of {@code choices}, each equally likely. */
  @SafeVarargs
  public final <T> T oneOf(Supplier<? extends T>... choices) {
    return pick(choices).get();
  }

  /** The value of one of {@code choices}, chosen in proportion to their weights. */
  @SafeVarargs
  public final <T> T frequency(Weighted<? extends T>... choices) {
    int total = 0;
    for (Weighted<? extends T> choice : choices) {
      total += choice.weight();
    }
    int at = random.nextInt(total);
    for (Weighted<? extends T> choice : choices) {
      at -= choice.weight();
      if (at < 0) {
        return choice.make().get();
      }
    }
    throw new IllegalStateException("unreachable: weights sum to " + total);
  }

  /** A choice for {@link #frequency}. */
  public record Weighted<T>(int weight, Supplier<? extends T> make) {
    public Weighted {
      if (weight <= 0) {
        throw new IllegalArgumentException("weight must be positive: " + weight);
      }
    }
  }

  public static <T> Weighted<T> w(int weight, Supplier<? extends T> make) {
    return new Weighted<>(weight, make);
  }

  /** The characters {@code from}..{@code to} as an alphabet for {@link #string}. */
  public static String chars(char from, char to) {
    StringBuilder out = new StringBuilder();
    for (char c = from; c <= to; c++) {
      out.append(c);
    }
    return out.toString();
  }
}
