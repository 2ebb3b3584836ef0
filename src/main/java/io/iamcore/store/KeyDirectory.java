package io.iamcore.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.iamcore.vertx.Contexts;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory keys of each connector space: canonical userName → id and externalId → id, so that
 * Entra's probes ({@code filter=userName eq "…"}, {@code externalId eq "…"}) cost no database
 * round trip when they miss (the common case in an initial cycle) and one primary-key read when
 * they hit.
 *
 * <h2>Design notes</h2>
 *
 * <ul>
 *   <li>Keys are 64-bit hashes of the strings, not the strings: about half the memory. A hash
 *       collision can only add a candidate, never lose one, and callers verify candidates against
 *       the rows they read, so an answer is never wrong.
 *   <li>A connector's directory loads on first use, in id-ordered pages. Commits that arrive while
 *       it loads are queued and replayed after the load, so a deletion committed mid-load cannot be
 *       resurrected by a page read before it.
 *   <li>Commits on this replica update the directory before the request is answered. Commits on
 *       other replicas arrive by {@code NOTIFY iamcore_keys}, sent in the batch's transaction (so
 *       only if it commits, and in commit order) with the old and new key hashes of every object
 *       whose keys changed: no names travel, no database read is needed to apply them. Until a
 *       notification arrives (milliseconds) a miss here can be a hit on another replica; Entra's
 *       following create then answers with the existing user (a replayed create), so nothing is
 *       duplicated. A replica skips its own notifications: applying an old one after a newer local
 *       change could drop a key.
 *   <li>A lost LISTEN connection means lost notifications: every directory is dropped and reloads
 *       on next use ({@link PgListener}).
 *   <li>Directories are weighed by entry count and the coldest are evicted past the bound, to be
 *       reloaded on next use.
 * </ul>
 */
public final class KeyDirectory implements CommitListener {

  /** The NOTIFY channel for key changes. */
  public static final String CHANNEL = "iamcore_keys";
  private static final int PAGE = 10_000;
  private static final int PAYLOAD_BYTES = 7_000;
  private static final UUID FIRST = new UUID(0, 0);

  private final CsObjectReader reader;
  private final Cache<Scope, Space> spaces;
  private final String replicaId = UUID.randomUUID().toString();

  public KeyDirectory(CsObjectReader reader, long maxEntries, MeterRegistry registry) {
    this.reader = reader;
    this.spaces = Caffeine.newBuilder()
        .maximumWeight(maxEntries)
        .weigher((Scope scope, Space space) -> Math.max(1, space.size()))
        .build();
    Gauge.builder("iamcore_key_directory_entries", spaces,
            cache -> cache.asMap().values().stream().mapToLong(Space::size).sum())
        .description("userName and externalId keys held in memory")
        .register(registry);
  }

  /** Which connector space (and object type) a directory covers. */
  public record Scope(UUID tenantId, UUID connectorId, String objectType) {}

  /** Ids whose canonical userName may be {@code nameKey}; verify against the rows. */
  public Future<List<UUID>> byName(Scope scope, String nameKey) {
    return ready(scope).map(space -> space.names.get(hash(nameKey)));
  }

  /** Ids whose externalId may be {@code externalId}; verify against the rows. */
  public Future<List<UUID>> byExternalId(Scope scope, String externalId) {
    return ready(scope).map(space -> space.externalIds.get(hash(externalId)));
  }

  /** Drops a connector's directories (after the connector is deleted). */
  public void forget(UUID tenantId, UUID connectorId) {
    spaces.asMap().keySet().removeIf(s -> s.tenantId().equals(tenantId) && s.connectorId().equals(connectorId));
  }

  @Override
  public void committed(CsObject before, CsObject after) {
    apply(KeyChange.of(before, after));
  }

  /** Sends the batch's key changes to the other replicas, in its transaction. */
  public TransactionHook announcements() {
    return (conn, changes) -> {
      List<String> payloads = payloads(changes);
      if (payloads.isEmpty()) {
        return Future.succeededFuture(() -> { });
      }
      return conn.preparedQuery("SELECT pg_notify($1, p) FROM unnest($2::text[]) AS p")
          .execute(Tuple.tuple().addString(CHANNEL).addArrayOfString(payloads.toArray(String[]::new)))
          .map(rows -> () -> { });
    };
  }

  /** Applies another replica's key changes (a NOTIFY payload from {@link #announcements()}). */
  public void onNotification(String payload) {
    String[] lines = payload.split("\n");
    if (lines.length == 0 || lines[0].equals(replicaId)) {
      return;
    }
    for (int i = 1; i < lines.length; i++) {
      KeyChange change = KeyChange.parse(lines[i]);
      if (change != null) {
        apply(change);
      }
    }
  }

  /** Notifications may have been missed: forget everything, reload on next use. */
  public void resync() {
    spaces.invalidateAll();
  }

  private void apply(KeyChange change) {
    Space space = spaces.getIfPresent(change.scope());
    if (space != null) {
      space.change(change);
    }
  }

  private List<String> payloads(List<CsChange> changes) {
    List<String> payloads = new ArrayList<>();
    StringBuilder current = new StringBuilder(replicaId);
    for (CsChange change : changes) {
      KeyChange keys = KeyChange.of(change.before(), change.after());
      if (!keys.changesKeys()) {
        continue;
      }
      String line = keys.print();
      if (current.length() + line.length() + 1 > PAYLOAD_BYTES) {
        payloads.add(current.toString());
        current.setLength(0);
        current.append(replicaId);
      }
      current.append('\n').append(line);
    }
    if (current.length() > replicaId.length()) {
      payloads.add(current.toString());
    }
    return payloads;
  }

  private Future<Space> ready(Scope scope) {
    Space space = spaces.get(scope, s -> new Space());
    if (space.startLoading()) {
      load(scope, space, FIRST);
    }
    // Requests on every event loop wait for one load; each continues on its own loop.
    return Contexts.onCallerContext(space.loaded.future());
  }

  private void load(Scope scope, Space space, UUID after) {
    reader.keys(scope.tenantId(), scope.connectorId(), scope.objectType(), after, PAGE)
        .onFailure(error -> {
          spaces.asMap().remove(scope, space);
          space.loaded.tryFail(error);
        })
        .onSuccess(rows -> {
          for (Row row : rows) {
            space.add(row.getUUID("id"), row.getString("name_key"), row.getString("external_id"));
          }
          if (rows.size() == PAGE) {
            load(scope, space, rows.get(rows.size() - 1).getUUID("id"));
          } else {
            space.finishLoading();
            spaces.put(scope, space); // re-weigh now that its size is known
          }
        });
  }

  static long hash(String value) {
    // FNV-1a over UTF-16 code units, then a finalising mix to spread the bits.
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < value.length(); i++) {
      h ^= value.charAt(i);
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return h;
  }

  /** One connector space's keys. Thread-safe: read by every event loop, written by the writer. */
  private static final class Space {
    final Keys names = new Keys();
    final Keys externalIds = new Keys();
    final Promise<Space> loaded = Promise.promise();
    private List<KeyChange> backlog = new ArrayList<>();
    private boolean loadingStarted;

    synchronized boolean startLoading() {
      if (loadingStarted) {
        return false;
      }
      loadingStarted = true;
      return true;
    }

    void add(UUID id, String nameKey, String externalId) {
      if (nameKey != null) {
        names.add(hash(nameKey), id);
      }
      if (externalId != null) {
        externalIds.add(hash(externalId), id);
      }
    }

    void change(KeyChange change) {
      synchronized (this) {
        if (backlog != null) {
          backlog.add(change);
          return;
        }
      }
      apply(change);
    }

    private void apply(KeyChange change) {
      UUID id = change.id();
      if (change.oldName() != null) {
        names.remove(change.oldName(), id);
      }
      if (change.oldExternalId() != null) {
        externalIds.remove(change.oldExternalId(), id);
      }
      if (change.newName() != null) {
        names.add(change.newName(), id);
      }
      if (change.newExternalId() != null) {
        externalIds.add(change.newExternalId(), id);
      }
    }

    void finishLoading() {
      synchronized (this) {
        backlog.forEach(this::apply);
        backlog = null;
      }
      loaded.tryComplete(this);
    }

    int size() {
      return names.size() + externalIds.size();
    }
  }

  /** hash → id, or hash → id[] for the rare shared hash or shared externalId. */
  private static final class Keys {
    private final ConcurrentHashMap<Long, Object> map = new ConcurrentHashMap<>();

    void add(long key, UUID id) {
      map.merge(key, id, (old, added) -> {
        UUID[] ids = old instanceof UUID single ? new UUID[] {single} : (UUID[]) old;
        if (Arrays.asList(ids).contains(id)) {
          return old;
        }
        UUID[] grown = Arrays.copyOf(ids, ids.length + 1);
        grown[ids.length] = id;
        return grown;
      });
    }

    void remove(long key, UUID id) {
      map.computeIfPresent(key, (k, old) -> {
        if (old instanceof UUID single) {
          return single.equals(id) ? null : old;
        }
        UUID[] left = Arrays.stream((UUID[]) old).filter(u -> !u.equals(id)).toArray(UUID[]::new);
        return left.length == 0 ? null : left.length == 1 ? left[0] : left;
      });
    }

    List<UUID> get(long key) {
      Object found = map.get(key);
      if (found == null) {
        return List.of();
      }
      return found instanceof UUID single ? List.of(single) : List.of((UUID[]) found);
    }

    int size() {
      return map.size();
    }
  }
}
