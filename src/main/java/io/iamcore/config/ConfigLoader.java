package io.iamcore.config;

import io.iamcore.auth.AuthConfig;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads {@link GatewayConfig} from {@code IAMCORE_*} environment variables (PRODUCT.md §5). A
 * properties file named by {@code IAMCORE_CONFIG_FILE} may override them, key for key. Every value
 * is validated here, so a bad one stops the gateway at start with a message naming it.
 */
public final class ConfigLoader {

  static final String DEFAULT_JWKS = "https://login.microsoftonline.com/common/discovery/v2.0/keys";
  static final String DEFAULT_ISSUERS =
      "https://sts.windows.net/{tid}/,https://login.microsoftonline.com/{tid}/v2.0";
  /** Entra's provisioning service asks for tokens with this audience. */
  static final String ENTRA_PROVISIONING_AUDIENCE = "8adf8e6e-67b2-4cf2-a259-e3dc5476c621";
  /** The API audience of development mode when none is configured; {@code token mint} uses it too. */
  public static final String DEV_API_AUDIENCE = "api://iamcore-dev";
  static final String DEV_MODE = "IAMCORE_DEV_MODE";
  static final String HTTP_HOST = "IAMCORE_HTTP_HOST";

  private final Map<String, String> values;

  private ConfigLoader(Map<String, String> values) {
    this.values = values;
  }

  /** Loads from the process environment (and the optional override file). */
  public static GatewayConfig fromEnvironment() {
    return load(System.getenv());
  }

  /** Loads from the given variables (and the override file they may name). */
  public static GatewayConfig load(Map<String, String> environment) {
    Map<String, String> merged = new HashMap<>(environment);
    String file = environment.get("IAMCORE_CONFIG_FILE");
    if (file != null && !file.isBlank()) {
      merged.putAll(readFile(Path.of(file)));
    }
    return new ConfigLoader(merged).build();
  }

  private GatewayConfig build() {
    int cores = Runtime.getRuntime().availableProcessors();
    boolean devMode = bool(DEV_MODE, false);
    HttpConfig http =
        new HttpConfig(
            integer("IAMCORE_HTTP_PORT", 8080, 0, 65535),
            integer("IAMCORE_MAX_BODY_BYTES", 1_048_576, 1024, 64 * 1_048_576),
            integer("IAMCORE_HTTP_INSTANCES", cores, 1, 256),
            httpHost(devMode),
            new TransportLimits(
                Duration.ofMillis(integer("IAMCORE_HTTP_HEADER_TIMEOUT_MS", 10_000, 100, 600_000)),
                Duration.ofMillis(integer("IAMCORE_HTTP_REQUEST_TIMEOUT_MS", 30_000, 100, 600_000)),
                integer("IAMCORE_HTTP_IDLE_TIMEOUT_SECONDS", 60, 1, 3600),
                integer("IAMCORE_HTTP_MAX_CONNECTIONS", 10_000, 1, 1_000_000),
                integer("IAMCORE_HTTP_MAX_IN_FLIGHT", 4_096, 1, 1_000_000)));
    DatabaseConfig database =
        new DatabaseConfig(
            databaseUrl(),
            Path.of(string("IAMCORE_DATA_DIR", "data")).toAbsolutePath().normalize(),
            integer("IAMCORE_DB_POOL_SIZE", 8, 1, 200),
            Duration.ofMillis(integer("IAMCORE_DB_CONNECT_TIMEOUT_MS", 1000, 100, 60_000)));
    AuthConfig auth =
        new AuthConfig(
            uri("IAMCORE_JWKS_URI", DEFAULT_JWKS),
            issuers(),
            Set.copyOf(list("IAMCORE_SCIM_AUDIENCES", ENTRA_PROVISIONING_AUDIENCE)),
            apiAudiences(devMode),
            Duration.ofSeconds(integer("IAMCORE_JWKS_REFRESH_SECONDS", 3600, 10, 86_400)),
            Duration.ofSeconds(integer("IAMCORE_JWKS_MIN_REFRESH_GAP_SECONDS", 30, 1, 3600)),
            Duration.ofSeconds(integer("IAMCORE_CLOCK_SKEW_SECONDS", 120, 0, 300)));
    WriterConfig writer =
        new WriterConfig(
            integer("IAMCORE_BATCH_MAX_ROWS", 500, 1, 10_000),
            Duration.ofMillis(integer("IAMCORE_BATCH_MAX_DELAY_MS", 2, 0, 1000)),
            integer("IAMCORE_WRITER_LANES", 2, 1, 64),
            integer("IAMCORE_WRITE_QUEUE_CAPACITY", 20_000, 1, 1_000_000),
            Duration.ofMillis(integer("IAMCORE_WRITE_MAX_QUEUE_WAIT_MS", 10_000, 100, 60_000)));
    return new GatewayConfig(
        http,
        database,
        auth,
        writer,
        bulk(http),
        integer("IAMCORE_INDEX_MAX_ENTRIES", 2_000_000, 1000, 100_000_000),
        integer("IAMCORE_KEY_DIRECTORY_MAX_ENTRIES", 4_000_000, 1000, 200_000_000),
        devMode);
  }

  private boolean bool(String name, boolean fallback) {
    String raw = string(name, null);
    if (raw == null) {
      return fallback;
    }
    if (raw.equalsIgnoreCase("true")) {
      return true;
    }
    if (raw.equalsIgnoreCase("false")) {
      return false;
    }
    throw new ConfigException(name + " must be true or false, got '" + raw + "'");
  }

  /**
   * Development mode trusts a key anyone with access to the data directory can sign with, so it
   * only listens on loopback: a stray {@code IAMCORE_DEV_MODE=true} in a deployment then fails at
   * start instead of opening the admin API to forged tokens.
   */
  private String httpHost(boolean devMode) {
    String host = string(HTTP_HOST, devMode ? "127.0.0.1" : "0.0.0.0");
    if (devMode && !isLoopback(host)) {
      throw new ConfigException(DEV_MODE + "=true listens on loopback only: " + HTTP_HOST
          + " must be 127.0.0.1, ::1 or localhost, got '" + host + "'");
    }
    return host;
  }

  /** Literal loopback addresses and {@code localhost}; no name lookup at start. */
  static boolean isLoopback(String host) {
    String h = host.toLowerCase(java.util.Locale.ROOT);
    return h.equals("localhost") || h.equals("::1") || h.equals("[::1]")
        || h.matches("127(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
  }

  private Set<String> apiAudiences(boolean devMode) {
    List<String> configured = list("IAMCORE_API_AUDIENCES", "");
    return configured.isEmpty() && devMode ? Set.of(DEV_API_AUDIENCE) : Set.copyOf(configured);
  }

  /**
   * Bulk limits. A Bulk body first passes the HTTP body limit like any request, so its own limit
   * cannot be larger (and defaults to the smaller of 1 MiB and that limit).
   */
  private BulkConfig bulk(HttpConfig http) {
    int maxBody = http.maxBodyBytes();
    int maxPayload = integer("IAMCORE_BULK_MAX_PAYLOAD_BYTES", Math.min(1_048_576, maxBody), 1024,
        Integer.MAX_VALUE);
    if (maxPayload > maxBody) {
      throw new ConfigException("IAMCORE_BULK_MAX_PAYLOAD_BYTES must not exceed IAMCORE_MAX_BODY_BYTES ("
          + maxBody + "), got " + maxPayload);
    }
    return new BulkConfig(integer("IAMCORE_BULK_MAX_OPERATIONS", 1000, 1, 100_000), maxPayload);
  }

  private String string(String name, String fallback) {
    String value = values.get(name);
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  private int integer(String name, int fallback, int min, int max) {
    String raw = values.get(name);
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    int value;
    try {
      value = Integer.parseInt(raw.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(name + " must be a whole number, got '" + raw + "'");
    }
    if (value < min || value > max) {
      throw new ConfigException(
          name + " must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }

  /** Comma-separated values, trimmed, distinct, in the order given. */
  private List<String> list(String name, String fallback) {
    String raw = values.get(name);
    String effective = raw == null ? fallback : raw;
    Set<String> items = new LinkedHashSet<>();
    Arrays.stream(effective.split(",")).map(String::trim).filter(s -> !s.isEmpty())
        .forEach(items::add);
    return List.copyOf(items);
  }

  private List<String> issuers() {
    List<String> templates = list("IAMCORE_ISSUERS", DEFAULT_ISSUERS);
    if (templates.isEmpty()) {
      throw new ConfigException("IAMCORE_ISSUERS must name at least one issuer template");
    }
    for (String template : templates) {
      checkUri("IAMCORE_ISSUERS", template.replace("{tid}", "tenant"), Set.of("https", "http"));
    }
    return templates;
  }

  private URI uri(String name, String fallback) {
    return checkUri(name, string(name, fallback), Set.of("https", "http", "file"));
  }

  private URI databaseUrl() {
    String raw = values.get("IAMCORE_DB_URL");
    if (raw == null || raw.isBlank()) {
      return null;
    }
    URI uri = checkUri("IAMCORE_DB_URL", raw.trim(), Set.of("postgresql", "postgres"));
    if (uri.getHost() == null) {
      throw new ConfigException(
          "IAMCORE_DB_URL must look like postgresql://user:pass@host:5432/db (no host in it)");
    }
    return uri;
  }

  private static URI checkUri(String name, String raw, Set<String> schemes) {
    Function<String, ConfigException> bad =
        why -> new ConfigException(name + " " + why + ", got '" + redactUserInfo(raw) + "'");
    URI uri;
    try {
      uri = new URI(raw);
    } catch (URISyntaxException e) {
      throw bad.apply("is not a valid URI");
    }
    if (uri.getScheme() == null || !schemes.contains(uri.getScheme().toLowerCase())) {
      throw bad.apply("must use one of the schemes " + schemes);
    }
    return uri;
  }

  /** Keeps passwords out of error messages and logs. */
  static String redactUserInfo(String uri) {
    return uri.replaceAll("//[^/@]*@", "//***@");
  }

  private static Map<String, String> readFile(Path path) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(path)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new ConfigException("IAMCORE_CONFIG_FILE cannot be read: " + path + " (" + e + ")");
    }
    Map<String, String> result = new HashMap<>();
    properties.stringPropertyNames().forEach(key -> result.put(key, properties.getProperty(key)));
    return result;
  }
}
