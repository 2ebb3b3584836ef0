package io.iamcore.store;

import io.vertx.pgclient.PgConnectOptions;
import java.util.Objects;

/**
 * How to reach the database: the same coordinates for the Vert.x pool and for the one-off JDBC
 * connection that runs migrations at start.
 */
public record DatabaseTarget(String host, int port, String database, String user, String password) {

  public DatabaseTarget {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(user, "user");
  }

  /** Parses {@code postgresql://user:pass@host:5432/db}, as in IAMCORE_DB_URL. */
  public static DatabaseTarget fromUri(String uri) {
    PgConnectOptions options = PgConnectOptions.fromUri(uri.replaceFirst("^postgres://", "postgresql://"));
    return new DatabaseTarget(
        options.getHost(),
        options.getPort(),
        options.getDatabase(),
        options.getUser(),
        options.getPassword());
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  public PgConnectOptions connectOptions() {
    PgConnectOptions options = new PgConnectOptions();
    if (password != null) {
      options.setPassword(password);
    }
    return options
        .setHost(host)
        .setPort(port)
        .setDatabase(database)
        .setUser(user)
        .addProperty("application_name", "iamcore-gateway")
        .setCachePreparedStatements(true)
        .setPipeliningLimit(256);
  }

  /** Safe to log: no password. */
  @Override
  public String toString() {
    return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
  }
}
