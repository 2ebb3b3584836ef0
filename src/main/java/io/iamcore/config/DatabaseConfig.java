package io.iamcore.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the gateway keeps its data. {@code url} is {@code null} when no {@code IAMCORE_DB_URL} is
 * set: the gateway then runs its embedded PostgreSQL under {@code dataDir}.
 */
public record DatabaseConfig(URI url, Path dataDir, int poolSize, Duration connectTimeout) {
  public DatabaseConfig {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
  }

  public boolean embedded() {
    return url == null;
  }
}
