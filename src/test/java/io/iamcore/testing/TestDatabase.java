package io.iamcore.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh database on the real PostgreSQL that {@code .ci/run} starts (127.0.0.1:5432, user
 * postgres, trust auth), created per test class and dropped afterwards.
 */
public final class TestDatabase implements AutoCloseable {

  public static final String HOST = System.getenv().getOrDefault("IAMCORE_TEST_PGHOST", "127.0.0.1");
  public static final int PORT = Integer.parseInt(System.getenv().getOrDefault("IAMCORE_TEST_PGPORT", "5432"));
  private static final String ADMIN_URL = "jdbc:postgresql://" + HOST + ":" + PORT + "/postgres";

  private final String name;

  private TestDatabase(String name) {
    this.name = name;
  }

  public static TestDatabase create() {
    String name = "iamcore_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
        .toLowerCase(Locale.ROOT);
    execute("CREATE DATABASE " + name);
    return new TestDatabase(name);
  }

  public String name() {
    return name;
  }

  /** For IAMCORE_DB_URL. */
  public String url() {
    return "postgresql://postgres@" + HOST + ":" + PORT + "/" + name;
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + name;
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), "postgres", null);
  }

  /** A single long from a query, e.g. a count. */
  public long queryLong(String sql) {
    try (Connection c = connect(); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public void update(String sql) {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  private static void execute(String sql) {
    try (Connection c = DriverManager.getConnection(ADMIN_URL, "postgres", null);
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot reach the test PostgreSQL at " + ADMIN_URL
          + " (is it running? .ci/run starts it): " + e.getMessage(), e);
    }
  }
}
