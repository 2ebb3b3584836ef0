package io.iamcore.auth;

import io.vertx.core.Future;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies Entra bearer tokens (compact JWS) with JDK crypto and our own rules, not a library's
 * defaults: vertx-auth-jwt accepts unsigned tokens when it holds no keys and skips {@code aud} and
 * {@code iss} unless told, and each of those would be a hole here.
 *
 * <h2>Design notes</h2>
 *
 * <p><b>Order.</b> Header (allow-listed RSA {@code alg}, {@code kid}), then claims, then the
 * signature. Claims go before the key lookup so that an expired or misaddressed token with a
 * made-up {@code kid} is refused without spending a JWKS reload on it. Nothing from the claims is
 * returned before the signature has passed.
 *
 * <p><b>Threads.</b> Everything runs on the caller's thread, usually an event loop: an RSA
 * verification takes tens of microseconds and the SHA-256 fingerprint a few, small next to
 * a hop to a worker pool.
 *
 * <p><b>Cache.</b> Entra reuses one token for up to an hour, across thousands of requests, so
 * successful verifications are kept by SHA-256 of the token (the token itself is never kept as a
 * key), bounded in size. A hit re-checks the audience against this call's accepted set, so a
 * token verified for SCIM never passes an admin route from the cache, and an entry is used only
 * until its token expires (clock skew included), so an expired entry answers nothing: the token
 * then takes the full path, which refuses it. Failures are not cached. A key rotated out of
 * the JWKS keeps verifying its cached tokens until they expire, which is at most their remaining
 * lifetime.
 * A token is verified again at least daily however long it claims to live. The cache itself is a
 * {@link GenerationalCache}: a hit there is one map read, with no upkeep.
 */
public final class TokenVerifier {

  private static final Logger log = LoggerFactory.getLogger(TokenVerifier.class);

  /**
   * Distinct live tokens kept verified. A replica serving /identities/me for a large tenant sees
   * tens of thousands of users' tokens an hour; 10,000 made such a load re-verify RSA signatures
   * continuously. An entry (digest key, claims copy) is about 1–2 kB, so this bound is ≤ ~200 MB.
   */
  static final int CACHE_MAX_ENTRIES = 100_000;
  /** Entra tokens live 1–28 h; a token claiming years is re-verified daily. */
  private static final long MAX_CACHE_MILLIS = Duration.ofDays(1).toMillis();

  /**
   * A verification as cached (flat: a hit reads this object and the token, nothing else of its
   * own), and until when a hit may use it: the token's expiry (with the clock skew), or the daily
   * re-verification if that comes first. One clock read decides both.
   */
  private record Cached(VerifiedToken token, Set<String> audiences, long usableUntilMillis) {}

  private final SigningKeys keys;
  private final ClaimChecks claimChecks;
  private final Clock clock;
  private final GenerationalCache<Fingerprint, Cached> verified =
      new GenerationalCache<>(CACHE_MAX_ENTRIES / 2);

  public TokenVerifier(SigningKeys keys, AuthConfig cfg, Clock clock) {
    this.keys = Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(cfg, "cfg");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.claimChecks = new ClaimChecks(cfg, clock);
  }

  /**
   * Verifies {@code compactJwt} for a route that accepts {@code acceptedAudiences}.
   *
   * @return the verified token, or a future failed with {@link AuthenticationException} carrying
   *     a client-safe reason; an empty accepted set refuses every token. Never throws.
   */
  public Future<VerifiedToken> verify(String compactJwt, Set<String> acceptedAudiences) {
    try {
      if (acceptedAudiences == null || acceptedAudiences.isEmpty()) {
        throw new AuthenticationException("audience not accepted");
      }
      if (compactJwt == null || compactJwt.isEmpty()) {
        throw new AuthenticationException("missing token");
      }
      if (compactJwt.length() > CompactJwt.MAX_TOKEN_CHARS) {
        // Before hashing: the size cap exists so that hostile input costs us nothing.
        throw new AuthenticationException("token too large");
      }
      Fingerprint fingerprint = Fingerprint.of(compactJwt);
      Cached hit = cached(fingerprint);
      if (hit != null) {
        claimChecks.recheck(hit.audiences(), acceptedAudiences);
        return Future.succeededFuture(hit.token());
      }
      CompactJwt jwt = CompactJwt.parse(compactJwt);
      ClaimChecks.Checked checked = claimChecks.check(jwt.claims(), acceptedAudiences);
      return keys.key(jwt.kid())
          .map(key -> {
            jwt.verifySignature(key);
            long reverifyAt = clock.millis() + MAX_CACHE_MILLIS;
            long usableUntil = Math.min(reverifyAt, claimChecks.acceptedUntilMillis(checked.token()));
            verified.put(fingerprint, new Cached(checked.token(), checked.audiences(), usableUntil));
            return checked.token();
          })
          .recover(TokenVerifier::failClosed);
    } catch (RuntimeException e) {
      return failClosed(e);
    }
  }

  /**
   * The verified token when {@code compactJwt} is in the verification cache and passes this call's
   * audience and expiry checks now; otherwise null, and {@link #verify} gives the answer or the
   * reason. Never verifies a signature and never fails: the answer-at-once path of a hot route.
   */
  public VerifiedToken cachedOrNull(String compactJwt, Set<String> acceptedAudiences) {
    if (compactJwt == null || compactJwt.isEmpty() || compactJwt.length() > CompactJwt.MAX_TOKEN_CHARS
        || acceptedAudiences.isEmpty()) {
      return null;
    }
    Cached hit = cached(Fingerprint.of(compactJwt));
    return hit != null && claimChecks.stillAccepted(hit.audiences(), acceptedAudiences) ? hit.token() : null;
  }

  /**
   * The cached verification of a token, unless the token has expired or is due to be verified
   * again; then {@link #verify} does it all again (and refuses an expired token before its
   * signature).
   */
  private Cached cached(Fingerprint fingerprint) {
    Cached hit = verified.get(fingerprint);
    return hit != null && clock.millis() < hit.usableUntilMillis() ? hit : null;
  }

  /**
   * Every failure leaves as an {@link AuthenticationException}: an unexpected one is a bug, but
   * it must still refuse the token, not surface as a 500 or, worse, be mistaken for success. Only
   * the exception class is logged, since parser messages can quote the input.
   */
  private static <T> Future<T> failClosed(Throwable failure) {
    if (failure instanceof AuthenticationException) {
      return Future.failedFuture(failure);
    }
    log.warn("Unexpected {} while verifying a token; refusing it", failure.getClass().getName());
    return Future.failedFuture(new AuthenticationException("invalid token"));
  }

  /**
   * SHA-256 of a token as four longs: the cache key. Cheaper than a hex string to build, hash and
   * compare on every request, and like it, it never keeps the token. Digests are cloned from one
   * prototype (a provider lookup per request showed in profiles; clones share no state).
   */
  record Fingerprint(long a, long b, long c, long d) {

    private static final MessageDigest PROTOTYPE = sha256();

    static Fingerprint of(String token) {
      MessageDigest digest;
      try {
        digest = (MessageDigest) PROTOTYPE.clone();
      } catch (CloneNotSupportedException e) {
        digest = sha256();
      }
      ByteBuffer bytes = ByteBuffer.wrap(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
      return new Fingerprint(bytes.getLong(), bytes.getLong(), bytes.getLong(), bytes.getLong());
    }

    /** The digest is uniformly random already: its first 64 bits are a good hash as they are. */
    @Override
    public int hashCode() {
      return Long.hashCode(a);
    }

    /** Written out: the generated record equals goes through method handles on every hit. */
    @Override
    public boolean equals(Object other) {
      return other instanceof Fingerprint f && a == f.a && b == f.b && c == f.c && d == f.d;
    }

    private static MessageDigest sha256() {
      try {
        return MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every JDK has SHA-256", e);
      }
    }
  }
}
