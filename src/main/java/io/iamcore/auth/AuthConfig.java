package io.iamcore.auth;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Token verification settings. Built once from the environment by the config package; every
 * collection is copied, so an instance is immutable and safe to share between event loops.
 *
 * @param jwksUri             where the signing keys live: {@code https:}, {@code http:} or
 *                            {@code file:} (air-gapped operators, local development)
 * @param issuerTemplates     accepted {@code iss} values, each containing {@value #TENANT_PLACEHOLDER}
 *                            which is replaced by the token's own {@code tid}
 * @param scimAudiences       {@code aud} values accepted on SCIM routes
 * @param apiAudiences        {@code aud} values accepted on admin, data and resolution routes; may
 *                            be empty, which closes those routes
 * @param jwksRefreshInterval how often the key set is reloaded even when nothing asks for it
 * @param minRefreshGap       least time between two reloads triggered by an unknown {@code kid};
 *                            stops forged tokens from turning us into a JWKS request amplifier
 * @param clockSkew           tolerance on {@code exp}, {@code nbf} and {@code iat}; at most
 *                            {@link #MAX_CLOCK_SKEW}
 */
public record AuthConfig(
    URI jwksUri,
    List<String> issuerTemplates,
    Set<String> scimAudiences,
    Set<String> apiAudiences,
    Duration jwksRefreshInterval,
    Duration minRefreshGap,
    Duration clockSkew) {

  public static final String TENANT_PLACEHOLDER = "{tid}";
  public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofMinutes(2);
  public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
  public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofHours(1);
  public static final Duration DEFAULT_MIN_REFRESH_GAP = Duration.ofSeconds(30);

  public AuthConfig {
    Objects.requireNonNull(jwksUri, "jwksUri");
    String scheme = jwksUri.getScheme() == null ? "" : jwksUri.getScheme().toLowerCase(Locale.ROOT);
    if (!Set.of("https", "http", "file").contains(scheme)) {
      throw new IllegalArgumentException(
          "jwksUri must be an https:, http: or file: URI but was " + jwksUri);
    }
    issuerTemplates = List.copyOf(Objects.requireNonNull(issuerTemplates, "issuerTemplates"));
    if (issuerTemplates.isEmpty()) {
      throw new IllegalArgumentException("issuerTemplates must not be empty");
    }
    for (String template : issuerTemplates) {
      // A template without {tid} would accept the same issuer for every tenant, so the tid claim
      // (our tenant boundary) would no longer be tied to the issuer Entra signed for.
      if (!template.contains(TENANT_PLACEHOLDER)) {
        throw new IllegalArgumentException(
            "issuer template must contain " + TENANT_PLACEHOLDER + " but was " + template);
      }
    }
    scimAudiences = Set.copyOf(Objects.requireNonNull(scimAudiences, "scimAudiences"));
    apiAudiences = Set.copyOf(Objects.requireNonNull(apiAudiences, "apiAudiences"));
    requirePositive("jwksRefreshInterval", jwksRefreshInterval);
    requireNonNegative("minRefreshGap", minRefreshGap);
    requireNonNegative("clockSkew", clockSkew);
    if (clockSkew.compareTo(MAX_CLOCK_SKEW) > 0) {
      throw new IllegalArgumentException(
          "clockSkew must be at most " + MAX_CLOCK_SKEW + " but was " + clockSkew);
    }
  }

  /** The usual settings: hourly refresh, 30 s unknown-kid gap, 2 min skew. */
  public static AuthConfig withDefaults(
      URI jwksUri,
      List<String> issuerTemplates,
      Set<String> scimAudiences,
      Set<String> apiAudiences) {
    return new AuthConfig(
        jwksUri,
        issuerTemplates,
        scimAudiences,
        apiAudiences,
        DEFAULT_REFRESH_INTERVAL,
        DEFAULT_MIN_REFRESH_GAP,
        DEFAULT_CLOCK_SKEW);
  }

  private static void requirePositive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive but was " + value);
    }
  }

  private static void requireNonNegative(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative but was " + value);
    }
  }
}
