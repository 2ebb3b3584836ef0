package io.iamcore.testing;

import io.iamcore.store.EmbeddedDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh database on a real PostgreSQL, created per test class and dropped afterwards. The server
 * is the one {@code .ci/run} starts (127.0.0.1:5432, user postgres, trust auth); on a machine
 * without one, the tests start the same embedded PostgreSQL 15 the gateway ships with, once per
 * test run, so {@code mvn verify} works anywhere. Never an in-memory substitute.
 */
public final class TestDatabase implements AutoCloseable {

  private static final String CONFIGURED_HOST =
      System.getenv().getOrDefault("IAMCORE_TEST_PGHOST", "127.0.0.1");
  private static final int CONFIGURED_PORT =
      Integer.parseInt(System.getenv().getOrDefault("IAMCORE_TEST_PGPORT", "5432"));
  public static final String HOST;
  public static final int PORT;

  static {
    if (reachable(CONFIGURED_HOST, CONFIGURED_PORT)) {
      HOST = CONFIGURED_HOST;
      PORT = CONFIGURED_PORT;
    } else {
      System.err.println("No PostgreSQL at " + CONFIGURED_HOST + ":" + CONFIGURED_PORT
          + "; starting the embedded PostgreSQL for this test run");
      try {
        Path dir = Files.createTempDirectory("iamcore-test-pg");
        EmbeddedDatabase embedded = EmbeddedDatabase.start(dir);
        Runtime.getRuntime().addShutdownHook(new Thread(embedded::close));
        HOST = "localhost";
        PORT = embedded.target().port();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static final String ADMIN_URL = "jdbc:postgresql://" + HOST + ":" + PORT + "/postgres";

  private static boolean reachable(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

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

  /** A single text value from a query. */
  public String queryString(String sql) {
    try (Connection c = connect(); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every row of a query, each as its columns' text. */
  public java.util.List<String[]> queryRows(String sql) {
    try (Connection c = connect(); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
      java.util.List<String[]> rows = new java.util.ArrayList<>();
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        String[] row = new String[columns];
        for (int i = 0; i < columns; i++) {
          row[i] = rs.getString(i + 1);
        }
        rows.add(row);
      }
      return rows;
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
