package io.iamcore.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The payload rules of PRODUCT.md §4: {@code tid} present, {@code iss} one of the configured
 * templates filled with that same {@code tid}, {@code aud} among the accepted audiences,
 * {@code exp} and {@code nbf} present and current within the clock skew, {@code iat} not in the
 * future. Times are compared in whole epoch seconds, subtracting rather than adding the skew so
 * that absurd values cannot overflow.
 */
final class ClaimChecks {

  /** About year 318,000: beyond any real date, well inside {@link Instant}'s range. */
  private static final double MAX_ABS_NUMERIC_DATE = 1e13;

  /** Distinct audience sets shared between cached tokens; beyond this many, tokens keep their own. */
  private static final int MAX_SHARED_AUDIENCE_SETS = 64;

  private final AuthConfig cfg;
  private final Clock clock;
  private final Map<Set<String>, Set<String>> audienceSets = new ConcurrentHashMap<>();

  ClaimChecks(AuthConfig cfg, Clock clock) {
    this.cfg = cfg;
    this.clock = clock;
  }

  /**
   * Checks {@code claims} and returns what a cache needs to re-check the token later.
   *
   * @throws AuthenticationException naming the first rule the claims break
   */
  Checked check(JsonObject claims, Set<String> acceptedAudiences) {
    String tid = stringOrNull(claims, "tid");
    if (tid == null || tid.isBlank()) {
      throw new AuthenticationException("token has no tenant");
    }
    checkIssuer(stringOrNull(claims, "iss"), tid);
    Set<String> audiences = audiences(claims);
    checkAudience(audiences, acceptedAudiences);

    long now = clock.instant().getEpochSecond();
    long skew = cfg.clockSkew().getSeconds();
    Long exp = numericDate(claims, "exp");
    if (exp == null) {
      throw new AuthenticationException("token has no expiry");
    }
    Long nbf = numericDate(claims, "nbf");
    if (nbf == null) {
      throw new AuthenticationException("token has no not-before time");
    }
    Long iat = numericDate(claims, "iat");
    if (now - skew >= exp) {
      throw new AuthenticationException("token expired");
    }
    if (nbf - skew > now) {
      throw new AuthenticationException("token not yet valid");
    }
    if (iat != null && iat - skew > now) {
      throw new AuthenticationException("token issued in the future");
    }
    VerifiedToken token = new VerifiedToken(
        tid,
        stringOrNull(claims, "oid"),
        stringOrNull(claims, "sub"),
        appId(claims),
        roles(claims),
        Instant.ofEpochSecond(exp),
        claims);
    return new Checked(token, shared(audiences));
  }

  /**
   * Re-checks a cached verification's audiences for this route. Expiry is not re-checked here: a
   * cache keeps an entry only until {@link #acceptedUntilMillis}.
   */
  void recheck(Set<String> tokenAudiences, Set<String> acceptedAudiences) {
    checkAudience(tokenAudiences, acceptedAudiences);
  }

  /** {@link #recheck} as a yes or no, for callers that take another way on no. */
  boolean stillAccepted(Set<String> tokenAudiences, Set<String> acceptedAudiences) {
    return anyAccepted(tokenAudiences, acceptedAudiences);
  }

  /**
   * The first epoch millisecond at which the token counts as expired: {@link #check} refuses it
   * from then on ({@code floor(now / 1000) - skew >= exp}, the same instant in milliseconds).
   */
  long acceptedUntilMillis(VerifiedToken token) {
    return (token.expiresAt().getEpochSecond() + cfg.clockSkew().getSeconds()) * 1000;
  }

  private void checkIssuer(String iss, String tid) {
    if (iss != null) {
      for (String template : cfg.issuerTemplates()) {
        if (iss.equals(template.replace(AuthConfig.TENANT_PLACEHOLDER, tid))) {
          return;
        }
      }
    }
    throw new AuthenticationException("issuer not accepted");
  }

  private static void checkAudience(Set<String> audiences, Set<String> accepted) {
    if (!anyAccepted(audiences, accepted)) {
      throw new AuthenticationException("audience not accepted");
    }
  }

  private static boolean anyAccepted(Set<String> audiences, Set<String> accepted) {
    for (String audience : audiences) {
      if (accepted.contains(audience)) {
        return true;
      }
    }
    return false;
  }

  /**
   * One instance per distinct audience set. Every token of a deployment names the same one or two
   * audiences; when the cached tokens share one set (and its strings), the audience check of a
   * cache hit reads memory that stays in the CPU cache, instead of each token's own copies.
   */
  private Set<String> shared(Set<String> audiences) {
    Set<String> known = audienceSets.get(audiences);
    if (known != null) {
      return known;
    }
    Set<String> copy = Set.copyOf(audiences);
    if (audienceSets.size() >= MAX_SHARED_AUDIENCE_SETS) {
      return copy;
    }
    known = audienceSets.putIfAbsent(copy, copy);
    return known != null ? known : copy;
  }

  /** RFC 7519 §4.1.3: a single string or an array of strings. */
  private static Set<String> audiences(JsonObject claims) {
    Object aud = claims.getValue("aud");
    if (aud instanceof String) {
      return Set.of((String) aud);
    }
    return aud instanceof JsonArray ? strings((JsonArray) aud) : Set.of();
  }

  private static Set<String> roles(JsonObject claims) {
    Object roles = claims.getValue("roles");
    return roles instanceof JsonArray ? strings((JsonArray) roles) : Set.of();
  }

  private static String appId(JsonObject claims) {
    String azp = stringOrNull(claims, "azp");
    return azp != null ? azp : stringOrNull(claims, "appid");
  }

  private static Set<String> strings(JsonArray array) {
    Set<String> result = new HashSet<>();
    for (Object value : array) {
      if (value instanceof String) {
        result.add((String) value);
      }
    }
    return Set.copyOf(result);
  }

  /** RFC 7519 NumericDate (seconds, possibly fractional), floored; null when absent. */
  private static Long numericDate(JsonObject claims, String name) {
    Object value = claims.getValue(name);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Number)) {
      throw new AuthenticationException("malformed token");
    }
    double seconds = ((Number) value).doubleValue();
    if (!(Math.abs(seconds) <= MAX_ABS_NUMERIC_DATE)) {
      throw new AuthenticationException("malformed token");
    }
    return (long) Math.floor(seconds);
  }

  private static String stringOrNull(JsonObject json, String field) {
    Object value = json.getValue(field);
    return value instanceof String ? (String) value : null;
  }

  /** A verification's result: the token plus its audiences, for {@link #recheck}. */
  record Checked(VerifiedToken token, Set<String> audiences) {
    Checked {
      audiences = Set.copyOf(audiences);
    }
  }
}
