package io.iamcore.config;

import io.iamcore.auth.AuthConfig;
import java.util.Objects;

/**
 * Everything the gateway is configured with, read once at start and immutable afterwards.
 * {@code devMode} ({@code IAMCORE_DEV_MODE}): also trust a local signing key kept in the data
 * directory, bound to loopback only (see {@code auth/DevSigningKey}).
 */
public record GatewayConfig(
    HttpConfig http,
    DatabaseConfig database,
    AuthConfig auth,
    WriterConfig writer,
    BulkConfig bulk,
    int indexMaxEntries,
    int keyDirectoryMaxEntries,
    boolean devMode) {

  public GatewayConfig {
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(writer, "writer");
    Objects.requireNonNull(bulk, "bulk");
  }
}
