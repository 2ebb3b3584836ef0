package io.iamcore.index;

import io.iamcore.store.PgListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
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
 *   <li><b>Memory.</b> {@link IdentityTable}: a 64-bit hash of (tid, oid) keys a Caffeine cache
 *       bounded by weight; entries verify tid and oid before answering (never a wrong identity)
 *       and hold the identity's flat JSON, serialized once when it changes: a hit writes these
 *       bytes, no database read, no JSON encoding. The byte budget is IAMCORE_INDEX_MAX_ENTRIES ×
 *       {@link #BYTES_PER_IDENTITY}.
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
 *   <li><b>Warm load.</b> Keyset pages of {@link #PAGE} rows in (tenant_id, id) order, one query
 *       in flight: each page is a short statement (no server-side cursor held across event-loop
 *       turns), and the index path of the primary key serves every page in O(page).
 * </ul>
 */
public final class IdentityIndex {

  public static final String CHANNEL = "iamcore_identity";
  private static final System.Logger LOG = System.getLogger(IdentityIndex.class.getName());
  /** Rows per warm-load page: small enough that decoding a page never holds an event loop long. */
  private static final int PAGE = 2_000;

  /** Heap budget per identity (overhead + JSON) that IAMCORE_INDEX_MAX_ENTRIES is multiplied by. */
  public static final long BYTES_PER_IDENTITY = 1024;

  private final Vertx vertx;
  private final Pool pool;
  private final IdentityTable table;
  private final Counter hits;
  private final Counter misses;
  private final Timer loadTime;
  private volatile boolean loaded;
  private volatile boolean stopped;
  /** Rebuilds in progress after a lost LISTEN connection; while above 0 a miss is not an answer. */
  private final AtomicInteger rebuilding = new AtomicInteger();
  private final PgListener listener;

  public IdentityIndex(Vertx vertx, Pool pool, PgConnectOptions listenOptions, long maxEntries, MeterRegistry registry) {
    this.vertx = vertx;
    this.pool = pool;
    this.listener = new PgListener(vertx, listenOptions, CHANNEL, this::reloadNamed, this::resync);
    this.table = new IdentityTable(maxEntries * BYTES_PER_IDENTITY, registry);
    this.hits = Counter.builder("iamcore_index_lookups_total").tag("result", "hit").register(registry);
    this.misses = Counter.builder("iamcore_index_lookups_total").tag("result", "miss").register(registry);
    this.loadTime = Timer.builder("iamcore_index_load").description("Warm loads of the identity index")
        .register(registry);
  }

  /** Whether the warm load finished (readiness waits for it). */
  public boolean loaded() {
    return loaded;
  }

  /**
   * The hot path: the identity's JSON from memory, counted as a hit; null when not held, and then
   * the caller asks {@link #afterMiss} (which counts the miss).
   */
  public byte[] hit(UUID tenant, String oid) {
    byte[] json = table.get(tenant, oid);
    if (json != null) {
      hits.increment();
    }
    return json;
  }

  /** The identity reachable by (tenant, oid): from memory, or from the database after an eviction. */
  public Future<Optional<byte[]>> resolve(UUID tenant, String oid) {
    byte[] json = hit(tenant, oid);
    return json != null ? Future.succeededFuture(Optional.of(json)) : afterMiss(tenant, oid);
  }

  /** After {@link #hit} found nothing: not provisioned, or (after an eviction) the database's answer. */
  public Future<Optional<byte[]>> afterMiss(UUID tenant, String oid) {
    misses.increment();
    if (loaded && !table.evicted() && rebuilding.get() == 0) {
      return Future.succeededFuture(Optional.empty());
    }
    return pool.preparedQuery("SELECT id, join_scope, attributes, entra_object_id FROM core_object"
            + " WHERE tenant_id = $1 AND entra_object_id = $2 AND object_type = 'Identity' LIMIT 1")
        .execute(Tuple.of(tenant, oid))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(put(tenant, rows.iterator().next())));
  }

  /** Applies committed changes (on any thread). */
  public void apply(List<IdentityChange> changes) {
    for (IdentityChange change : changes) {
      if (change.oldOid() != null) {
        table.remove(change.tenantId(), change.oldOid(), change.coreId());
      }
      if (change.newOid() != null) {
        table.put(change.tenantId(), change.newOid(), change.json().getBytes());
      }
    }
  }

  /** Listens for other replicas' changes, then loads every identity that has an oid, page by page. */
  public Future<Void> start() {
    long started = System.nanoTime();
    // LISTEN first: a change another replica commits while the pages stream in is then reloaded
    // by its notification instead of being missed.
    return listener.start()
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
    return listener.stop();
  }

  private Future<Long> load(UUID afterTenant, String afterId, long count) {
    // The row comparison names the primary key's columns in its order, so each page starts with
    // an index seek; (tenant_id, id) > … skipped object_type and made every page scan the tenant
    // from its start (measured: 0.5 s for the page after 900,000 rows).
    return pool.preparedQuery("SELECT tenant_id, id, join_scope, attributes, entra_object_id FROM core_object"
            + " WHERE object_type = 'Identity' AND entra_object_id IS NOT NULL"
            + " AND (tenant_id, object_type, id) > ($1, 'Identity', $2)"
            + " ORDER BY tenant_id, object_type, id LIMIT $3")
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
            if (total % 200_000 == 0) {
              LOG.log(System.Logger.Level.INFO, "identity index: " + total + " loaded so far");
            }
            return load(lastTenant, lastId, total);
          }
          return Future.succeededFuture(total);
        });
  }

  /** Notifications were lost with the LISTEN connection: drop everything and load again. */
  private void resync() {
    rebuilding.incrementAndGet();
    table.clear();
    rebuild();
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
              table.remove(tenant, oldOid, coreId);
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

  private byte[] put(UUID tenant, Row row) {
    byte[] json = CoreObjectJson.identityBytes(row.getString("id"), row.getString("join_scope"),
        (JsonObject) row.getValue("attributes")).getBytes();
    table.put(tenant, row.getString("entra_object_id"), json);
    return json;
  }
}
