package io.iamcore.store;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the versioned schema in {@code db/migration} at start, before the gateway serves.
 * Flyway takes a PostgreSQL advisory lock, so replicas starting together migrate once.
 */
public final class Migrations {

  private Migrations() {}

  /** Blocking (JDBC): run on the main thread or a worker, never on an event loop. */
  public static MigrateResult apply(DatabaseTarget target) {
    return Flyway.configure()
        .dataSource(target.jdbcUrl(), target.user(), target.password())
        .locations("classpath:db/migration")
        .connectRetries(10)
        .load()
        .migrate();
  }
}
