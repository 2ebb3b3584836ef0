package io.iamcore.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuthConfigTest {

  private static final URI JWKS = URI.create("https://login.microsoftonline.com/common/discovery/v2.0/keys");
  private static final List<String> ISSUERS = List.of("https://sts.windows.net/{tid}/");

  @Test
  void withDefaults_usualValues_twoMinuteSkewHourlyRefresh() {
    AuthConfig cfg = AuthConfig.withDefaults(JWKS, ISSUERS, Set.of("scim"), Set.of());

    assertThat(cfg.clockSkew()).isEqualTo(Duration.ofMinutes(2));
    assertThat(cfg.jwksRefreshInterval()).isEqualTo(Duration.ofHours(1));
    assertThat(cfg.minRefreshGap()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void constructor_mutableCollections_copiedSoLaterChangesDoNotLeakIn() {
    List<String> issuers = new ArrayList<>(ISSUERS);
    Set<String> audiences = new HashSet<>(Set.of("scim"));
    AuthConfig cfg = AuthConfig.withDefaults(JWKS, issuers, audiences, audiences);

    issuers.add("https://evil.example/{tid}/");
    audiences.add("evil");

    assertThat(cfg.issuerTemplates()).containsExactlyElementsOf(ISSUERS);
    assertThat(cfg.scimAudiences()).containsExactly("scim");
    assertThat(cfg.apiAudiences()).containsExactly("scim");
  }

  @Test
  void constructor_skewOverFiveMinutes_rejectedNamingValue() {
    assertThatThrownBy(() -> config(JWKS, ISSUERS, Duration.ofMinutes(6)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("clockSkew").hasMessageContaining("PT6M");
  }

  @Test
  void constructor_skewOfFiveMinutes_accepted() {
    assertThat(config(JWKS, ISSUERS, Duration.ofMinutes(5)).clockSkew()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void constructor_issuerWithoutTenantPlaceholder_rejected() {
    assertThatThrownBy(() -> config(JWKS, List.of("https://sts.windows.net/fixed/"), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("https://sts.windows.net/fixed/");
  }

  @Test
  void constructor_noIssuers_rejected() {
    assertThatThrownBy(() -> config(JWKS, List.of(), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void constructor_unsupportedScheme_rejected() {
    assertThatThrownBy(() -> config(URI.create("ftp://host/keys"), ISSUERS, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ftp://host/keys");
  }

  @Test
  void constructor_fileScheme_accepted() {
    assertThat(config(URI.create("file:///etc/iamcore/jwks.json"), ISSUERS, Duration.ZERO).jwksUri())
        .hasScheme("file");
  }

  @Test
  void constructor_nullOrNonPositiveDurations_rejected() {
    assertThatThrownBy(() -> new AuthConfig(JWKS, ISSUERS, Set.of(), Set.of(), Duration.ZERO,
        Duration.ZERO, Duration.ZERO)).hasMessageContaining("jwksRefreshInterval");
    assertThatThrownBy(() -> new AuthConfig(JWKS, ISSUERS, Set.of(), Set.of(), Duration.ofHours(1),
        Duration.ofSeconds(-1), Duration.ZERO)).hasMessageContaining("minRefreshGap");
    assertThatThrownBy(() -> new AuthConfig(JWKS, ISSUERS, Set.of(), Set.of(), Duration.ofHours(1),
        Duration.ZERO, null)).isInstanceOf(NullPointerException.class).hasMessageContaining("clockSkew");
  }

  private static AuthConfig config(URI jwks, List<String> issuers, Duration skew) {
    return new AuthConfig(jwks, issuers, Set.of("scim"), Set.of(), Duration.ofHours(1),
        Duration.ofSeconds(30), skew);
  }
}
