package io.iamcore.auth;

import io.iamcore.vertx.Contexts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token signing keys (JWKS), loaded from {@link AuthConfig#jwksUri()} and kept fresh.
 *
 * <h2>Design notes</h2>
 *
 * <p><b>Reads.</b> Lookups come from every event loop. The keys sit in a volatile immutable map
 * that is swapped whole, so a known {@code kid} costs one volatile read and no lock.
 *
 * <p><b>Refreshes.</b> A reload happens on {@link #start()}, on a periodic tick once
 * {@link AuthConfig#jwksRefreshInterval()} has passed since the last success, and when a lookup
 * misses. A miss only reloads if the last attempt is older than {@link AuthConfig#minRefreshGap()},
 * so tokens with made-up {@code kid}s cannot turn us into an amplifier against the key endpoint.
 * At most one reload is in flight; callers that miss while it runs wait for it and then look
 * again. {@code inFlight}, {@code lastAttempt} and {@code lastSuccess} are guarded by
 * {@code this}; the lock is only held to decide, never across I/O.
 *
 * <p><b>Failures.</b> A reload that fails, times out, or yields no usable key never replaces the
 * known keys: an outage of the key endpoint must not log everyone out. A successful reload
 * replaces the set, so keys Entra has rotated out stop verifying. With nothing ever loaded every
 * lookup fails, which makes every token fail (fail closed) and {@link #loaded()} false (not ready).
 * While nothing is loaded the periodic tick retries every {@code minRefreshGap}.
 *
 * <p><b>Local keys.</b> Development mode adds keys that never come from the endpoint
 * ({@link DevSigningKey}): they are in the set from the start and in every reloaded set, so they
 * count as loaded (readiness does not wait for the remote endpoint), while the remote endpoint is
 * still fetched and retried exactly as without them. Without local keys nothing changes.
 */
public final class SigningKeys {

  private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

  /** Rendered by Prometheus as {@code iamcore_jwks_refreshes_total{outcome="success"|"failure"}}. */
  public static final String REFRESHES_METRIC = "iamcore.jwks.refreshes";
  /** Rendered by Prometheus as {@code iamcore_jwks_keys}. */
  public static final String KEYS_METRIC = "iamcore.jwks.keys";

  static final long FETCH_TIMEOUT_MILLIS = 5_000;
  /** Entra's document is a few kilobytes; anything near this is not a key set. */
  static final int MAX_DOCUMENT_BYTES = 1024 * 1024;
  private static final long MIN_TICK_MILLIS = 1_000;

  private final Vertx vertx;
  private final AuthConfig cfg;
  private final Clock clock;
  private final WebClient webClient;
  private final Counter successes;
  private final Counter failures;
  private final Map<String, PublicKey> localKeys;

  private volatile Map<String, PublicKey> keys;

  // Guarded by this.
  private Future<Void> inFlight;
  private Instant lastAttempt = Instant.MIN;
  private Instant lastSuccess = Instant.MIN;
  private long timerId = -1;

  public SigningKeys(Vertx vertx, AuthConfig cfg, Clock clock) {
    this(vertx, cfg, clock, new SimpleMeterRegistry());
  }

  public SigningKeys(Vertx vertx, AuthConfig cfg, Clock clock, MeterRegistry registry) {
    this(vertx, cfg, clock, registry, Map.of());
  }

  /** @param localKeys keys trusted besides the JWKS endpoint's (development mode), by kid */
  public SigningKeys(Vertx vertx, AuthConfig cfg, Clock clock, MeterRegistry registry,
      Map<String, PublicKey> localKeys) {
    this.localKeys = Map.copyOf(Objects.requireNonNull(localKeys, "localKeys"));
    this.keys = this.localKeys;
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.cfg = Objects.requireNonNull(cfg, "cfg");
    this.clock = Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(registry, "registry");
    this.webClient = isFile(cfg.jwksUri())
        ? null
        : WebClient.create(vertx, new WebClientOptions()
            .setUserAgent("iamcore-gateway")
            .setConnectTimeout((int) FETCH_TIMEOUT_MILLIS));
    this.successes = Counter.builder(REFRESHES_METRIC).tag("outcome", "success")
        .description("JWKS reloads").register(registry);
    this.failures = Counter.builder(REFRESHES_METRIC).tag("outcome", "failure")
        .description("JWKS reloads").register(registry);
    Gauge.builder(KEYS_METRIC, this, k -> k.keys.size())
        .description("Signing keys currently held").register(registry);
  }

  /**
   * Loads the keys and arms the periodic refresh. The future fails when this first load yields no
   * key; the refresh stays armed either way, so the caller may exit or run not ready until a later
   * reload succeeds.
   */
  public Future<Void> start() {
    synchronized (this) {
      if (timerId < 0) {
        long tick = Math.max(MIN_TICK_MILLIS,
            Math.min(cfg.minRefreshGap().toMillis(), cfg.jwksRefreshInterval().toMillis()));
        timerId = vertx.setPeriodic(tick, id -> onTick());
      }
    }
    return refresh();
  }

  /** Cancels the periodic refresh and releases the HTTP client. Known keys stay usable. */
  public void stop() {
    synchronized (this) {
      if (timerId >= 0) {
        vertx.cancelTimer(timerId);
        timerId = -1;
      }
    }
    if (webClient != null) {
      webClient.close();
    }
  }

  /** Whether at least one key was ever loaded; no reload empties the set, so it stays true. */
  public boolean loaded() {
    return !keys.isEmpty();
  }

  /**
   * The verification key for {@code kid}. A known kid answers at once. An unknown one waits for a
   * reload (the one in flight, or a new one if the last attempt is older than the gap) and then
   * fails with {@link AuthenticationException} if the kid is still unknown. Never fails otherwise.
   */
  public Future<PublicKey> key(String kid) {
    if (kid == null) {
      return Future.failedFuture(new AuthenticationException("missing key id"));
    }
    PublicKey known = keys.get(kid);
    if (known != null) {
      return Future.succeededFuture(known);
    }
    Future<Void> reload = reloadForUnknownKid();
    if (reload == null) {
      // Look again: a reload may have finished between the miss above and the decision.
      return lookup(kid);
    }
    // Requests on any event loop may join one reload; each continues on its own loop.
    return Contexts.onCallerContext(reload).transform(ignored -> lookup(kid));
  }

  /** The kids currently held, for tests and diagnostics. */
  Set<String> kids() {
    return keys.keySet();
  }

  private Future<PublicKey> lookup(String kid) {
    Map<String, PublicKey> current = keys;
    PublicKey key = current.get(kid);
    if (key != null) {
      return Future.succeededFuture(key);
    }
    return Future.failedFuture(new AuthenticationException(
        current.isEmpty() ? "no signing keys loaded" : "unknown signing key"));
  }

  private synchronized Future<Void> reloadForUnknownKid() {
    if (inFlight != null) {
      return inFlight;
    }
    if (clock.instant().isBefore(lastAttempt.plus(cfg.minRefreshGap()))) {
      return null;
    }
    return refresh();
  }

  /**
   * Runs from the periodic timer: reloads once the interval has passed since the last success, or
   * after the gap while nothing is loaded. Package-private so tests can tick on their own clock.
   *
   * @return the reload it started or joined, or a succeeded future when none was due
   */
  synchronized Future<Void> onTick() {
    Instant retryAt = lastAttempt.plus(cfg.minRefreshGap());
    boolean remoteLoaded = !lastSuccess.equals(Instant.MIN);
    Instant due = remoteLoaded ? later(lastSuccess.plus(cfg.jwksRefreshInterval()), retryAt) : retryAt;
    return clock.instant().isBefore(due) ? Future.succeededFuture() : refresh();
  }

  /** Joins the reload in flight or starts one, regardless of the gap. */
  synchronized Future<Void> refresh() {
    if (inFlight != null) {
      return inFlight;
    }
    lastAttempt = clock.instant();
    Promise<Void> done = Promise.promise();
    Future<Void> result = done.future();
    inFlight = result;
    // Assign before fetching: a fetch that fails synchronously completes (and clears) inline.
    fetch()
        .map(buffer -> JwkSetParser.parse(buffer.toJsonObject()))
        .compose(this::install)
        .onComplete(ar -> {
          synchronized (this) {
            inFlight = null;
          }
          if (ar.failed()) {
            failures.increment();
            log.warn("JWKS reload from {} failed, keeping {} known key(s): {}",
                describe(cfg.jwksUri()), keys.size(), ar.cause().toString());
          } else {
            successes.increment();
          }
          done.handle(ar);
        });
    return result;
  }

  private Future<Void> install(Map<String, PublicKey> parsed) {
    if (parsed.isEmpty()) {
      return Future.failedFuture(new IllegalStateException("key set has no usable key"));
    }
    Map<String, PublicKey> merged = new java.util.LinkedHashMap<>(parsed);
    merged.putAll(localKeys);
    keys = Map.copyOf(merged);
    synchronized (this) {
      lastSuccess = clock.instant();
    }
    log.info("Loaded {} JWKS signing key(s)", parsed.size());
    return Future.succeededFuture();
  }

  private Future<Buffer> fetch() {
    URI uri = cfg.jwksUri();
    Future<Buffer> body;
    try {
      if (isFile(uri)) {
        body = vertx.fileSystem().readFile(Path.of(uri).toString());
      } else {
        body = webClient.getAbs(uri.toString())
            .idleTimeout(FETCH_TIMEOUT_MILLIS)
            .send()
            .compose(response -> response.statusCode() == 200
                ? Future.succeededFuture(response.bodyAsBuffer())
                : Future.failedFuture(new IllegalStateException(
                    "key endpoint answered HTTP " + response.statusCode())));
      }
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return body
        .timeout(FETCH_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
        .compose(buffer -> buffer == null || buffer.length() > MAX_DOCUMENT_BYTES
            ? Future.failedFuture(new IllegalStateException("key set empty or too large"))
            : Future.succeededFuture(buffer));
  }

  private static boolean isFile(URI uri) {
    return "file".equals(uri.getScheme().toLowerCase(Locale.ROOT));
  }

  /** The URI without query or user info, in case an operator put a secret there. */
  private static String describe(URI uri) {
    if (uri.getHost() == null) {
      return uri.getScheme() + ":" + uri.getPath();
    }
    String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
    return uri.getScheme() + "://" + uri.getHost() + port + uri.getPath();
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
