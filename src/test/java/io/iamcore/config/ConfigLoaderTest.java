package io.iamcore.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

  @Test
  void load_nothingSet_productDefaults() {
    GatewayConfig config = ConfigLoader.load(Map.of());
    assertThat(config.http().port()).isEqualTo(8080);
    assertThat(config.database().embedded()).isTrue();
    assertThat(config.auth().jwksUri().toString())
        .isEqualTo("https://login.microsoftonline.com/common/discovery/v2.0/keys");
    assertThat(config.auth().issuerTemplates()).containsExactly(
        "https://sts.windows.net/{tid}/", "https://login.microsoftonline.com/{tid}/v2.0");
    assertThat(config.auth().scimAudiences()).containsExactly("8adf8e6e-67b2-4cf2-a259-e3dc5476c621");
    assertThat(config.auth().apiAudiences()).as("admin API closed until set").isEmpty();
    assertThat(config.writer().maxRows()).isEqualTo(500);
    assertThat(config.writer().maxDelay()).isEqualTo(Duration.ofMillis(2));
    assertThat(config.bulk()).isEqualTo(new BulkConfig(1000, 1_048_576));
  }

  @Test
  void load_smallBodyLimit_bulkPayloadDefaultsToIt() {
    GatewayConfig config = ConfigLoader.load(Map.of("IAMCORE_MAX_BODY_BYTES", "65536"));
    assertThat(config.bulk().maxPayloadBytes()).isEqualTo(65536);
    GatewayConfig set = ConfigLoader.load(Map.of("IAMCORE_BULK_MAX_OPERATIONS", "50",
        "IAMCORE_BULK_MAX_PAYLOAD_BYTES", "4096"));
    assertThat(set.bulk()).isEqualTo(new BulkConfig(50, 4096));
  }

  @Test
  void load_databaseUrl_parsedAndNotEmbedded() {
    GatewayConfig config = ConfigLoader.load(Map.of(
        "IAMCORE_DB_URL", "postgresql://iam:s3cret@db.internal:5433/iamcore",
        "IAMCORE_API_AUDIENCES", "api://iamcore, 11111111-2222-3333-4444-555555555555"));
    assertThat(config.database().embedded()).isFalse();
    assertThat(config.database().url().getHost()).isEqualTo("db.internal");
    assertThat(config.auth().apiAudiences())
        .isEqualTo(Set.of("api://iamcore", "11111111-2222-3333-4444-555555555555"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "IAMCORE_HTTP_PORT|http|IAMCORE_HTTP_PORT must be a whole number, got 'http'",
      "IAMCORE_HTTP_PORT|70000|IAMCORE_HTTP_PORT must be between 0 and 65535, got 70000",
      "IAMCORE_BATCH_MAX_ROWS|0|IAMCORE_BATCH_MAX_ROWS must be between 1 and 10000, got 0",
      "IAMCORE_DB_URL|mysql://db/x|IAMCORE_DB_URL must use one of the schemes",
      "IAMCORE_JWKS_URI|ftp://keys|IAMCORE_JWKS_URI must use one of the schemes",
      "IAMCORE_BULK_MAX_OPERATIONS|0|IAMCORE_BULK_MAX_OPERATIONS must be between 1 and 100000, got 0",
      "IAMCORE_BULK_MAX_PAYLOAD_BYTES|lots|IAMCORE_BULK_MAX_PAYLOAD_BYTES must be a whole number, got 'lots'",
      "IAMCORE_BULK_MAX_PAYLOAD_BYTES|2000000|IAMCORE_BULK_MAX_PAYLOAD_BYTES must not exceed IAMCORE_MAX_BODY_BYTES (1048576), got 2000000",
  })
  void load_badValue_messageNamesVariableAndValue(String name, String value, String message) {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of(name, value)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(message);
  }

  @Test
  void load_badDatabaseUrl_passwordNotEchoed() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("IAMCORE_DB_URL", "mysql://admin:hunter2@db/x")))
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void load_configFile_overridesEnvironment() throws Exception {
    Path file = Files.createTempFile("iamcore", ".properties");
    Files.writeString(file, "IAMCORE_HTTP_PORT=9090\nIAMCORE_BATCH_MAX_DELAY_MS=5\n");
    GatewayConfig config = ConfigLoader.load(Map.of(
        "IAMCORE_CONFIG_FILE", file.toString(), "IAMCORE_HTTP_PORT", "8081"));
    assertThat(config.http().port()).isEqualTo(9090);
    assertThat(config.writer().maxDelay()).isEqualTo(Duration.ofMillis(5));
  }

  @Test
  void load_missingConfigFile_clearError() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("IAMCORE_CONFIG_FILE", "/nonexistent/iamcore.properties")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("IAMCORE_CONFIG_FILE");
  }
}
