package io.iamcore.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.sqlclient.Row;
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
 *       other replicas are not seen yet (LISTEN/NOTIFY arrives with the identity index): until then
 *       a miss on one replica can be a hit on another; Entra's following create then answers with
 *       the existing user (a replayed create), so nothing is duplicated.
 *   <li>Directories are weighed by entry count and the coldest are evicted past the bound, to be
 *       reloaded on next use.
 * </ul>
 */
public final class KeyDirectory implements CommitListener {

  private static final int PAGE = 10_000;
  private static final UUID FIRST = new UUID(0, 0);

  private final CsObjectReader reader;
  private final Cache<Scope, Space> spaces;

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
    ObjectRef ref = after.ref();
    Space space = spaces.getIfPresent(new Scope(ref.tenantId(), ref.connectorId(), ref.objectType()));
    if (space != null) {
      space.change(before, after);
    }
  }

  private Future<Space> ready(Scope scope) {
    Space space = spaces.get(scope, s -> new Space());
    if (space.startLoading()) {
      load(scope, space, FIRST);
    }
    return space.loaded.future();
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
    private List<CsObject[]> backlog = new ArrayList<>();
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

    void remove(UUID id, String nameKey, String externalId) {
      if (nameKey != null) {
        names.remove(hash(nameKey), id);
      }
      if (externalId != null) {
        externalIds.remove(hash(externalId), id);
      }
    }

    void change(CsObject before, CsObject after) {
      synchronized (this) {
        if (backlog != null) {
          backlog.add(new CsObject[] {before, after});
          return;
        }
      }
      apply(before, after);
    }

    private void apply(CsObject before, CsObject after) {
      UUID id = after.ref().id();
      if (before != null) {
        remove(id, before.nameKey(), before.externalId());
      }
      if (!after.deleted()) {
        add(id, after.nameKey(), after.externalId());
      }
    }

    void finishLoading() {
      synchronized (this) {
        backlog.forEach(change -> apply(change[0], change[1]));
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
