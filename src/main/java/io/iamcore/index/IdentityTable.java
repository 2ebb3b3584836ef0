package io.iamcore.index;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * The in-memory half of the identity index: {@code (tenant, oid)} → the CoreIdentity's JSON bytes.
 * Plain Java (no Vert.x threads, no database), so the lookup can be measured on its own (perf/jmh).
 *
 * <h2>Design notes</h2>
 *
 * <ul>
 *   <li><b>Memory.</b> Caffeine keyed by a 64-bit hash of (tenant, oid); the value is one
 *       {@link IdentityEntry} of six fields: tenant and oid as longs (an oid that is not a
 *       lowercase canonical GUID keeps its text instead), the JSON as a {@code byte[]} and the chain
 *       link. No per-entry String, UUID or Buffer; docs/identity-index.md has the measured cost per
 *       entry (≈ 170 bytes beyond the JSON).
 *   <li><b>Collisions.</b> Identities whose keys share a hash chain in one value; a lookup compares
 *       tenant and oid before answering, so a collision costs a comparison, never a wrong identity.
 *       Chains are immutable and replaced whole inside {@code compute}, so readers need no lock.
 *   <li><b>Bound.</b> By weight: {@link #OVERHEAD_BYTES} plus the JSON length per identity, against
 *       a byte budget. An eviction is remembered ({@link #evicted()}): from then on a miss may be an
 *       identity that was pushed out, and the caller has to ask the database.
 * </ul>
 */
public final class IdentityTable {

  /** Heap per identity beyond its JSON, measured (perf/jmh HeapPerEntry); the weigher's constant. */
  public static final int OVERHEAD_BYTES = 176;

  private final Cache<Long, IdentityEntry> entries;
  private final Counter evictions;
  private volatile boolean evicted;

  /** An index holding at most {@code maxBytes} of identities, {@link #OVERHEAD_BYTES} + JSON each. */
  public IdentityTable(long maxBytes, MeterRegistry registry) {
    if (maxBytes < OVERHEAD_BYTES) {
      throw new IllegalArgumentException("maxBytes must hold at least one identity, was " + maxBytes);
    }
    this.evictions = Counter.builder("iamcore_index_evictions_total")
        .description("Identities pushed out of the index by its size bound").register(registry);
    this.entries = Caffeine.newBuilder()
        .maximumWeight(maxBytes)
        .weigher((Long key, IdentityEntry chain) -> chain.weight())
        // Synchronous (unlike a removal listener): once cleanUp() returns, evicted() is true.
        .evictionListener((Long key, IdentityEntry value, RemovalCause cause) -> {
          evicted = true;
          evictions.increment();
        })
        .build();
    Gauge.builder("iamcore_index_entries", entries, Cache::estimatedSize)
        .description("Identities reachable by oid held in memory (chains count once)").register(registry);
    Gauge.builder("iamcore_index_weight_bytes", this, IdentityTable::weightBytes)
        .description("Estimated heap held by the index (per-identity overhead plus JSON)").register(registry);
  }

  /** The JSON of the identity reachable by (tenant, oid), or null when not held here. */
  public byte[] get(UUID tenant, String oid) {
    Oid parsed = Oid.of(oid);
    IdentityEntry chain = entries.getIfPresent(parsed.hash(tenant));
    IdentityEntry entry = chain == null ? null : chain.find(tenant, parsed);
    return entry == null ? null : entry.json();
  }

  /** Makes (tenant, oid) answer {@code json}, replacing what it answered before. */
  public void put(UUID tenant, String oid, byte[] json) {
    Oid parsed = Oid.of(oid);
    entries.asMap().compute(parsed.hash(tenant), (k, chain) -> {
      IdentityEntry rest = chain == null ? null : chain.without(tenant, parsed);
      return new IdentityEntry(tenant, parsed, json, rest);
    });
  }

  /**
   * Stops (tenant, oid) from resolving, but only while it still answers for {@code coreId} (null:
   * whatever it answers): another identity may have taken the oid over in the meantime.
   */
  public void remove(UUID tenant, String oid, String coreId) {
    Oid parsed = Oid.of(oid);
    entries.asMap().computeIfPresent(parsed.hash(tenant), (k, chain) -> {
      IdentityEntry held = chain.find(tenant, parsed);
      if (held == null || (coreId != null && !coreId.equals(idOf(held.json())))) {
        return chain;
      }
      return chain.without(tenant, parsed);
    });
  }

  /** Whether the size bound ever pushed an identity out (then a miss is not an answer). */
  public boolean evicted() {
    return evicted;
  }

  /** Forgets every identity (before a full reload). */
  public void clear() {
    entries.invalidateAll();
  }

  /** Identities held (approximate while writes are in flight). */
  public long size() {
    return entries.estimatedSize();
  }

  /** Runs pending evictions and removal notifications now (tests, measurements). */
  public void cleanUp() {
    entries.cleanUp();
  }

  private double weightBytes() {
    return entries.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
  }

  /** The core id inside an identity's JSON (removals are rare; the entry does not keep it twice). */
  private static String idOf(byte[] json) {
    return new JsonObject(Buffer.buffer(json)).getString("id");
  }
}
