package io.iamcore.perf;

import io.iamcore.index.IdentityTable;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The identity index lookup on its own: {@code IdentityTable.get(tenant, oid)} with 1M identities
 * held, for oids that are there (hit) and oids that are not (miss). Probes walk a shuffled order
 * over all identities, so most lookups miss the CPU caches as real traffic would. The measured
 * call is what {@code GET /identities/me} does per request after the token check: oid parse,
 * 64-bit key, Caffeine read, chain compare.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class IdentityLookupBenchmark {

  @Param("1000000")
  int entries;

  private IdentityTable table;
  private UUID[] tenants;
  private String[] hitOids;
  private String[] missOids;
  private int[] order;

  @Setup(Level.Trial)
  public void load() {
    Identities ids = new Identities(entries, 42);
    table = new IdentityTable(Long.MAX_VALUE / 2, new SimpleMeterRegistry());
    for (int i = 0; i < entries; i++) {
      table.put(ids.tenants[i], ids.oids[i], ids.json[i]);
    }
    table.cleanUp();
    tenants = ids.tenants;
    hitOids = ids.oids;
    SplittableRandom random = new SplittableRandom(7);
    missOids = new String[entries];
    order = new int[entries];
    for (int i = 0; i < entries; i++) {
      missOids[i] = Identities.guid(random);
      order[i] = i;
    }
    for (int i = entries - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    if (table.get(tenants[0], hitOids[0]) != ids.json[0] || table.get(tenants[0], missOids[0]) != null) {
      throw new IllegalStateException("the table does not answer what was put");
    }
  }

  /** Per-thread position in the shuffled probe order. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;
  }

  /** Lookups per second, one thread. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public byte[] hitThroughput(Cursor cursor) {
    return hit(cursor);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public byte[] missThroughput(Cursor cursor) {
    return miss(cursor);
  }

  /** Latency distribution (p50/p99/p99.9 in the JMH report), nanoseconds. */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public byte[] hitLatency(Cursor cursor) {
    return hit(cursor);
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public byte[] missLatency(Cursor cursor) {
    return miss(cursor);
  }

  private byte[] hit(Cursor cursor) {
    int i = order[cursor.next++ % order.length];
    return table.get(tenants[i], hitOids[i]);
  }

  private byte[] miss(Cursor cursor) {
    int i = order[cursor.next++ % order.length];
    return table.get(tenants[i], missOids[i]);
  }
}
