package io.iamcore.index;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;

/**
 * Resolves an Entra token's {@code (tid, oid)} to the caller's CoreIdentity from memory
 * (PRODUCT.md §3.4).
 *
 * <h2>Design notes</h2>
 *
 * <ul>
 *   <li><b>Keys.</b> A 64-bit hash of (tid, oid) keys a Caffeine cache; each entry keeps its tid
 *       and oid and chains to the rare other identity with the same hash, so a lookup verifies
 *       before answering: never a wrong identity.
 *   <li><b>Values.</b> The identity's flat JSON, serialized once when it changes; a hit writes these
 *       bytes, no database read, no JSON encoding.
 *   <li><b>This replica.</b> The sync pipeline hands over every Identity whose oid or attributes
 *       changed; the writer applies them after COMMIT and before answering, so a change is visible
 *       here as soon as it is acknowledged.
 *   <li><b>Other replicas.</b> The same transaction sends {@code NOTIFY iamcore_identity} (delivered
 *       only if it commits); every replica LISTENs and reloads the named identities. It listens
 *       before the warm load, so a change committed during the load is not missed. A lost
 *       listener connection is reopened and the index rebuilt, since notifications (joins and
 *       recalls) may have been missed meanwhile: the entries are dropped and reloaded, and until
 *       the reload ends a miss reads the database (a reload that only added entries would keep
 *       serving identities recalled during the outage).
 *   <li><b>Misses.</b> After a complete warm load with no eviction, a miss is an answer (not
 *       provisioned). Once the bound evicted something, a miss falls back to the database.
 * </ul>
 */
public final class IdentityIndex {

  public static final String CHANNEL = "iamcore_identity";
  private static final System.Logger LOG = System.getLogger(IdentityIndex.class.getName());
  private static final int PAGE = 10_000;

  /** One indexed identity; {@code next} chains identities whose keys share a hash. */
  record Entry(UUID tenantId, String oid, String coreId, Buffer json, Entry next) {
    Entry find(UUID tenant, String wanted) {
      for (Entry e = this; e != null; e = e.next) {
        if (e.tenantId.equals(tenant) && e.oid.equals(wanted)) {
          return e;
        }
      }
      return null;
    }

    /** This chain without the entry for (tenant, oid) held by {@code coreId}; null if empty. */
    Entry without(UUID tenant, String oid, String coreId) {
      Entry rest = next == null ? null : next.without(tenant, oid, coreId);
      boolean match = tenantId.equals(tenant) && this.oid.equals(oid) && (coreId == null || this.coreId.equals(coreId));
      return match ? rest : new Entry(tenantId, this.oid, this.coreId, json, rest);
    }
  }

  private final Vertx vertx;
  private final Pool pool;
  private final PgConnectOptions listenOptions;
  private final Cache<Long, Entry> entries;
  private final Counter hits;
  private final Counter misses;
  private final Timer loadTime;
  private volatile boolean loaded;
  private volatile boolean evicted;
  private volatile boolean stopped;
  /** Rebuilds in progress after a lost LISTEN connection; while above 0 a miss is not an answer. */
  private final AtomicInteger rebuilding = new AtomicInteger();
  private PgConnection listener;

  public IdentityIndex(Vertx vertx, Pool pool, PgConnectOptions listenOptions, long maxEntries, MeterRegistry registry) {
    this.vertx = vertx;
    this.pool = pool;
    this.listenOptions = listenOptions;
    this.entries = Caffeine.newBuilder()
        .maximumSize(maxEntries)
        .removalListener((Long key, Entry value, RemovalCause cause) -> {
          if (cause.wasEvicted()) {
            evicted = true;
          }
        })
        .build();
    this.hits = Counter.builder("iamcore_index_lookups_total").tag("result", "hit").register(registry);
    this.misses = Counter.builder("iamcore_index_lookups_total").tag("result", "miss").register(registry);
    this.loadTime = Timer.builder("iamcore_index_load").description("Warm loads of the identity index")
        .register(registry);
    Gauge.builder("iamcore_index_entries", entries, Cache::estimatedSize)
        .description("Identities reachable by oid held in memory").register(registry);
  }

  /** Whether the warm load finished (readiness waits for it). */
  public boolean loaded() {
    return loaded;
  }

  /** The identity's JSON from memory only; null when not held. */
  Buffer cached(UUID tenant, String oid) {
    Entry chain = entries.getIfPresent(key(tenant, oid));
    Entry entry = chain == null ? null : chain.find(tenant, oid);
    return entry == null ? null : entry.json();
  }

  /** The identity reachable by (tenant, oid): from memory, or from the database after an eviction. */
  public Future<Optional<Buffer>> resolve(UUID tenant, String oid) {
    Buffer json = cached(tenant, oid);
    if (json != null) {
      hits.increment();
      return Future.succeededFuture(Optional.of(json));
    }
    misses.increment();
    if (loaded && !evicted && rebuilding.get() == 0) {
      return Future.succeededFuture(Optional.empty());
    }
    return pool.preparedQuery("SELECT id, join_scope, attributes, entra_object_id FROM core_object"
            + " WHERE tenant_id = $1 AND entra_object_id = $2 AND object_type = 'Identity' LIMIT 1")
        .execute(Tuple.of(tenant, oid))
        .map(rows -> {
          if (rows.size() == 0) {
            return Optional.empty();
          }
          Entry entry = put(tenant, rows.iterator().next());
          return Optional.of(entry.json());
        });
  }

  /** Applies committed changes (on any thread). */
  public void apply(List<IdentityChange> changes) {
    for (IdentityChange change : changes) {
      if (change.oldOid() != null) {
        remove(change.tenantId(), change.oldOid(), change.coreId());
      }
      if (change.newOid() != null) {
        put(new Entry(change.tenantId(), change.newOid(), change.coreId(), change.json(), null));
      }
    }
  }

  /** Loads every identity that has an oid, page by page, then listens for other replicas' changes. */
  public Future<Void> start() {
    long started = System.nanoTime();
    return listen()
        .compose(v -> load(new UUID(0, 0), "", 0))
        .onSuccess(count -> {
          loaded = true;
          loadTime.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
          LOG.log(System.Logger.Level.INFO, "identity index loaded: " + count + " identities in "
              + (System.nanoTime() - started) / 1_000_000 + " ms");
        })
        .mapEmpty();
  }

  public Future<Void> stop() {
    stopped = true;
    return listener == null ? Future.succeededFuture() : listener.close();
  }

  private Future<Long> load(UUID afterTenant, String afterId, long count) {
    return pool.preparedQuery("SELECT tenant_id, id, join_scope, attributes, entra_object_id FROM core_object"
            + " WHERE object_type = 'Identity' AND entra_object_id IS NOT NULL AND (tenant_id, id) > ($1, $2)"
            + " ORDER BY tenant_id, id LIMIT $3")
        .execute(Tuple.of(afterTenant, afterId, PAGE))
        .compose(rows -> {
          UUID lastTenant = afterTenant;
          String lastId = afterId;
          for (Row row : rows) {
            lastTenant = row.getUUID("tenant_id");
            lastId = row.getString("id");
            put(lastTenant, row);
          }
          long total = count + rows.size();
          if (rows.size() == PAGE) {
            if (total % 100_000 == 0) {
              LOG.log(System.Logger.Level.INFO, "identity index: " + total + " loaded so far");
            }
            return load(lastTenant, lastId, total);
          }
          return Future.succeededFuture(total);
        });
  }

  private Future<Void> listen() {
    return PgConnection.connect(vertx, listenOptions).compose(conn -> {
      listener = conn;
      conn.exceptionHandler(error -> {
        if (!stopped) {
          LOG.log(System.Logger.Level.WARNING, "identity index LISTEN connection failed: " + error.getMessage());
        }
      });
      conn.notificationHandler(notification -> {
        if (CHANNEL.equals(notification.getChannel())) {
          reloadNamed(notification.getPayload());
        }
      });
      conn.closeHandler(v -> {
        if (!stopped) {
          LOG.log(System.Logger.Level.WARNING, "identity index lost its LISTEN connection; reconnecting and reloading");
          vertx.setTimer(1000, t -> reconnect());
        }
      });
      return conn.query("LISTEN " + CHANNEL).execute().mapEmpty();
    });
  }

  private void reconnect() {
    if (stopped) {
      return;
    }
    listen()
        .onSuccess(v -> {
          rebuilding.incrementAndGet();
          entries.invalidateAll();
          rebuild();
        })
        .onFailure(e -> vertx.setTimer(1000, t -> reconnect()));
  }

  /** Reloads every identity after a lost LISTEN connection, retrying until it succeeds. */
  private void rebuild() {
    long started = System.nanoTime();
    load(new UUID(0, 0), "", 0)
        .onSuccess(count -> {
          rebuilding.decrementAndGet();
          LOG.log(System.Logger.Level.INFO, "identity index rebuilt after a lost LISTEN connection: " + count
              + " identities in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        })
        .onFailure(e -> vertx.setTimer(1000, t -> {
          if (!stopped) {
            rebuild();
          }
        }));
  }

  /** Payload: lines of {@code tenant|coreId|oldOid}; each named identity is read again. */
  private void reloadNamed(String payload) {
    for (String line : payload.split("\n")) {
      String[] parts = line.split("\\|", 3);
      if (parts.length < 2) {
        continue;
      }
      UUID tenant = UUID.fromString(parts[0]);
      String coreId = parts[1];
      String oldOid = parts.length == 3 && !parts[2].isEmpty() ? parts[2] : null;
      pool.preparedQuery("SELECT id, join_scope, attributes, entra_object_id FROM core_object"
              + " WHERE tenant_id = $1 AND object_type = 'Identity' AND id = $2")
          .execute(Tuple.of(tenant, coreId))
          .onSuccess(rows -> {
            if (oldOid != null) {
              remove(tenant, oldOid, coreId);
            }
            if (rows.size() > 0 && rows.iterator().next().getString("entra_object_id") != null) {
              put(tenant, rows.iterator().next());
            }
          });
    }
  }

  /** The NOTIFY payloads (each under PostgreSQL's 8,000-byte limit) announcing {@code changes}. */
  public static List<String> payloads(List<IdentityChange> changes) {
    List<String> payloads = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (IdentityChange change : changes) {
      String line = change.tenantId() + "|" + change.coreId() + "|" + Objects.toString(change.oldOid(), "");
      if (current.length() + line.length() + 1 > 7_000) {
        payloads.add(current.toString());
        current.setLength(0);
      }
      if (current.length() > 0) {
        current.append('\n');
      }
      current.append(line);
    }
    if (current.length() > 0) {
      payloads.add(current.toString());
    }
    return payloads;
  }

  private Entry put(UUID tenant, Row row) {
    Entry entry = new Entry(tenant, row.getString("entra_object_id"), row.getString("id"),
        CoreObjectJson.identityBytes(row.getString("id"), row.getString("join_scope"), (JsonObject) row.getValue("attributes")),
        null);
    put(entry);
    return entry;
  }

  private void put(Entry entry) {
    entries.asMap().compute(key(entry.tenantId(), entry.oid()), (k, chain) -> {
      Entry rest = chain == null ? null : chain.without(entry.tenantId(), entry.oid(), null);
      return new Entry(entry.tenantId(), entry.oid(), entry.coreId(), entry.json(), rest);
    });
  }

  private void remove(UUID tenant, String oid, String coreId) {
    entries.asMap().computeIfPresent(key(tenant, oid), (k, chain) -> chain.without(tenant, oid, coreId));
  }

  static long key(UUID tenant, String oid) {
    long h = tenant.getMostSignificantBits() * 31 + tenant.getLeastSignificantBits();
    for (int i = 0; i < oid.length(); i++) {
      h = (h ^ oid.charAt(i)) * 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    return h ^ (h >>> 33);
  }
}
