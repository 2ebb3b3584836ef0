package io.iamcore.auth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded map whose hit is one concurrent-map read: the verification cache of
 * {@link TokenVerifier}.
 *
 * <h2>Design notes</h2>
 *
 * <ul>
 *   <li><b>Why not Caffeine.</b> A cache with per-entry expiry records every read for its upkeep
 *       (access order, expiry wheel); on {@code /identities/me} that upkeep cost about 5% of a
 *       request, more than the SHA-256 of the token. Here a hit writes nothing.
 *   <li><b>Two generations.</b> New entries go into the young map; when it holds
 *       {@code generationSize} of them it becomes the old map and the previous old map is
 *       dropped whole. An entry read from the old map is carried into the young one, so what is
 *       in use survives and what is not ages out within two generations. At most about
 *       {@code 2 × generationSize} entries are held (a few more while threads race a rotation).
 *   <li><b>Expiry is the caller's.</b> Entries are not timed out here; {@link TokenVerifier}
 *       re-checks expiry on every hit, and a dead entry only waits for its generation to go.
 * </ul>
 */
final class GenerationalCache<K, V> {

  private final int generationSize;
  private final AtomicInteger youngCount = new AtomicInteger();
  private volatile Map<K, V> young = new ConcurrentHashMap<>();
  private volatile Map<K, V> old = new ConcurrentHashMap<>();

  GenerationalCache(int generationSize) {
    if (generationSize < 1) {
      throw new IllegalArgumentException("generationSize must be positive, was " + generationSize);
    }
    this.generationSize = generationSize;
  }

  V get(K key) {
    V value = young.get(key);
    if (value == null) {
      value = old.get(key);
      if (value != null) {
        put(key, value);  // still in use: keep it past the next rotation
      }
    }
    return value;
  }

  void put(K key, V value) {
    Map<K, V> current = young;
    if (current.put(key, value) == null && youngCount.incrementAndGet() >= generationSize) {
      rotate(current);
    }
  }

  void remove(K key) {
    young.remove(key);
    old.remove(key);
  }

  /** Entries held, counting one carried into the young generation twice until its old one goes. */
  int size() {
    return young.size() + old.size();
  }

  private synchronized void rotate(Map<K, V> full) {
    if (young != full) {
      return;  // another thread rotated it already
    }
    old = full;
    young = new ConcurrentHashMap<>();
    youngCount.set(0);
  }
}
