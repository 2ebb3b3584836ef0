package io.iamcore.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DevModeConfigTest {

  @Test
  void load_devModeUnset_offAllInterfacesNoAudience() {
    GatewayConfig config = ConfigLoader.load(Map.of());
    assertThat(config.devMode()).isFalse();
    assertThat(config.http().host()).isEqualTo("0.0.0.0");
    assertThat(config.auth().apiAudiences()).isEmpty();
  }

  @Test
  void load_devModeOn_loopbackAndDevAudience() {
    GatewayConfig config = ConfigLoader.load(Map.of("IAMCORE_DEV_MODE", "true"));
    assertThat(config.devMode()).isTrue();
    assertThat(config.http().host()).isEqualTo("127.0.0.1");
    assertThat(config.auth().apiAudiences()).containsExactly("api://iamcore-dev");
  }

  @Test
  void load_devModeWithConfiguredAudience_keepsIt() {
    GatewayConfig config = ConfigLoader.load(Map.of("IAMCORE_DEV_MODE", "TRUE", "IAMCORE_API_AUDIENCES", "api://mine"));
    assertThat(config.auth().apiAudiences()).isEqualTo(Set.of("api://mine"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "127.0.0.2", "localhost", "::1", "[::1]"})
  void load_devModeLoopbackHost_accepted(String host) {
    assertThat(ConfigLoader.load(Map.of("IAMCORE_DEV_MODE", "true", "IAMCORE_HTTP_HOST", host)).http().host())
        .isEqualTo(host);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.0.0.0", "10.1.2.3", "::", "example.com", "127.0.0.256", "128.0.0.1"})
  void load_devModeNonLoopbackHost_refusedNamingTheVariable(String host) {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("IAMCORE_DEV_MODE", "true", "IAMCORE_HTTP_HOST", host)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("IAMCORE_HTTP_HOST")
        .hasMessageContaining("IAMCORE_DEV_MODE=true listens on loopback only")
        .hasMessageContaining("'" + host + "'");
  }

  @Test
  void load_hostOutsideDevMode_anyAddress() {
    assertThat(ConfigLoader.load(Map.of("IAMCORE_HTTP_HOST", "10.1.2.3")).http().host()).isEqualTo("10.1.2.3");
  }

  @Test
  void load_devModeNotABoolean_refusedNamingTheVariable() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("IAMCORE_DEV_MODE", "yes")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("IAMCORE_DEV_MODE must be true or false, got 'yes'");
  }
}
