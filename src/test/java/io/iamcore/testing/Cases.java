package io.iamcore.testing;

/**
 * Runs a generated-input test: {@code count} cases, case {@code i} getting a {@link Gen} seeded
 * from (base seed, test name, i). The seed is fixed, so every run checks the same inputs and a
 * failure is reproducible; change it to explore other inputs.
 *
 * <p>System properties: {@code iamcore.cases.seed} (base seed, default {@link #DEFAULT_SEED}),
 * {@code iamcore.cases.factor} (multiplies every count, e.g. 10 for a long run, 0.1 for a quick
 * one), {@code iamcore.cases.only} (run only that case index — to replay a failure together with
 * {@code -Dtest=Class#method}). A failure is an {@link AssertionError} naming the test, the case
 * index and the base seed, with the original failure as its cause.
 *
 * <p>Cases of stateless tests replay alone; cases of tests that keep server state between cases
 * (ids created earlier, stored resources) may need the cases before them too: replay those with
 * the seed only.
 */
public final class Cases {

  public static final long DEFAULT_SEED = 0x5C1_3A7E_2024L;

  /** One case: generate input from {@code gen}, check it, throw on failure. */
  @FunctionalInterface
  public interface Case {
    void run(Gen gen) throws Exception;
  }

  private Cases() {}

  /**
   * Runs {@code count} cases (times the factor) of {@code body}; the test name (for the seed and
   * the message) is the calling class and method. Returns how many cases ran.
   */
  public static int run(int count, Case body) {
    String test = caller();
    long base = Long.decode(System.getProperty("iamcore.cases.seed", Long.toString(DEFAULT_SEED)));
    double factor = Double.parseDouble(System.getProperty("iamcore.cases.factor", "1"));
    int total = Math.max(1, (int) Math.round(count * factor));
    Integer only = Integer.getInteger("iamcore.cases.only");
    int from = only == null ? 0 : only;
    int to = only == null ? total : only + 1;
    long testSeed = base ^ mix(test.hashCode());
    for (int i = from; i < to; i++) {
      try {
        body.run(new Gen(mix(testSeed + i)));
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Throwable e) {
        throw new AssertionError(test + " failed at case " + i + " of " + total + " (base seed " + base
            + "); replay: -Dtest=" + test + " -Diamcore.cases.seed=" + base + " -Diamcore.cases.only=" + i
            + "\n" + e, e);
      }
    }
    return to - from;
  }

  /** SplitMix64's finalizer: neighbouring inputs give unrelated seeds. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static String caller() {
    return StackWalker.getInstance().walk(frames -> frames
        .filter(f -> !f.getClassName().equals(Cases.class.getName()))
        .findFirst()
        .map(f -> f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1) + "#" + f.getMethodName())
        .orElse("unknown"));
  }
}
