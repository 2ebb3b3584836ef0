package io.iamcore.perf;

import io.iamcore.index.IdentityTable;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import org.openjdk.jol.info.GraphLayout;

/**
 * Heap per indexed identity, beyond its JSON bytes: builds the inputs first (oids, tenants, JSON
 * arrays: they are in the baseline), measures used heap after full GCs, loads N identities into an
 * {@link IdentityTable} the way the warm load does, measures again. The difference is what the
 * index itself costs: Caffeine's node, the map's node and table slot, the boxed key, the entry,
 * the frequency sketch. The JSON {@code byte[]} was allocated before the baseline, so its 16-byte
 * array header is added back as overhead (the index keeps one array per identity).
 *
 * <p>Usage: {@code java -Xmx4g -cp target/benchmarks.jar io.iamcore.perf.HeapPerEntry [count] [jol]}.
 * With "jol", JOL also walks the table and prints a class histogram (slow for 1M: ~1 min).
 */
public final class HeapPerEntry {

  public static void main(String[] args) {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    boolean jol = args.length > 1 && args[1].equals("jol");
    Identities ids = new Identities(count, 42);
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long before = usedAfterGc(memory);

    IdentityTable table = new IdentityTable(Long.MAX_VALUE / 2, new SimpleMeterRegistry());
    long started = System.nanoTime();
    for (int i = 0; i < count; i++) {
      table.put(ids.tenants[i], ids.oids[i], ids.json[i]);
    }
    table.cleanUp();
    long loadMillis = (System.nanoTime() - started) / 1_000_000;
    long after = usedAfterGc(memory);

    double perEntry = (double) (after - before) / count + 16;
    System.out.printf("identities: %,d (JSON %,d bytes, %.0f per identity) loaded in %,d ms%n",
        count, ids.jsonBytes(), (double) ids.jsonBytes() / count, loadMillis);
    System.out.printf("heap used before %,d after %,d: %,d bytes for the index structure%n",
        before, after, after - before);
    System.out.printf("HEAP_PER_ENTRY_BYTES=%.1f (structure / count + 16-byte byte[] header; JSON payload excluded)%n",
        perEntry);
    System.out.printf("IdentityTable.OVERHEAD_BYTES (the weigher's constant) = %d%n", IdentityTable.OVERHEAD_BYTES);
    if (jol) {
      GraphLayout layout = GraphLayout.parseInstance(table);
      System.out.println(layout.toFootprint());
      System.out.printf("JOL: total %,d bytes; minus JSON arrays ) = %.1f per identity%n",
          layout.totalSize(), (layout.totalSize() - jsonArrays(ids)) / (double) count + 16);
    }
    if (table.get(ids.tenants[count - 1], ids.oids[count - 1]) == null) {
      throw new IllegalStateException("lost an identity");
    }
  }

  /** Bytes of the JSON arrays as the JVM lays them out (16-byte header, 8-byte alignment). */
  private static long jsonArrays(Identities ids) {
    long sum = 0;
    for (byte[] b : ids.json) {
      sum += (16 + b.length + 7) & ~7L;
    }
    return sum;
  }

  private static long usedAfterGc(MemoryMXBean memory) {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
