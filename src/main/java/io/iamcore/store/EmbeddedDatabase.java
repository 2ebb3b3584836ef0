package io.iamcore.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The embedded default used when no IAMCORE_DB_URL is set: a real PostgreSQL 15 server, started
 * from binaries shipped in the jar, keeping its files under {@code <dataDir>/postgres}. It is the
 * same engine and schema as production, so nothing behaves differently; it is only a single local
 * server with no replication or backups (docs/embedded-database.md).
 *
 * <p>The zonky defaults favour test speed (fsync and synchronous_commit off); the gateway
 * acknowledges writes only after a durable commit, so both are switched back on here.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  private final EmbeddedPostgres server;

  private EmbeddedDatabase(EmbeddedPostgres server) {
    this.server = server;
  }

  /** Blocking: call before the event loops serve anything. Listens on a free port. */
  public static EmbeddedDatabase start(Path dataDir) {
    return start(dataDir, 0);
  }

  /** Blocking. {@code port} 0 picks a free port. */
  public static EmbeddedDatabase start(Path dataDir, int port) {
    Path pgData = dataDir.resolve("postgres");
    try {
      Files.createDirectories(pgData);
      EmbeddedPostgres server =
          EmbeddedPostgres.builder()
              .setDataDirectory(pgData)
              .setCleanDataDirectory(false)
              .setPGStartupWait(Duration.ofSeconds(60))
              .setPort(port)
              .setServerConfig("fsync", "on")
              .setServerConfig("synchronous_commit", "on")
              .setServerConfig("full_page_writes", "on")
              .setServerConfig("listen_addresses", "localhost")
              .setServerConfig("max_connections", "100")
              .start();
      return new EmbeddedDatabase(server);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + pgData, e);
    }
  }

  public DatabaseTarget target() {
    return new DatabaseTarget("localhost", server.getPort(), "postgres", "postgres", null);
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
