package io.iamcore.security;

import io.iamcore.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Snapshots of what the gateway stored, read straight from PostgreSQL: connectors, secrets and
 * connector-space objects, every column, per tenant. Two equal snapshots mean nothing was written.
 */
final class Rows {

  private static final String[] TABLES = {"connector", "connector_secret", "cs_object"};

  private Rows() {}

  /** Row counts of every table, e.g. {@code connector=3, connector_secret=1, cs_object=0}. */
  static Map<String, Long> counts(TestDatabase database) {
    Map<String, Long> counts = new TreeMap<>();
    for (String table : TABLES) {
      counts.put(table, database.queryLong("SELECT count(*) FROM " + table));
    }
    return counts;
  }

  /** Every row of every table, by tenant id, each row rendered as its full JSON, sorted. */
  static Map<String, List<String>> byTenant(TestDatabase database) {
    Map<String, List<String>> rows = new TreeMap<>();
    try (Connection c = database.connect(); Statement s = c.createStatement()) {
      for (String table : TABLES) {
        try (ResultSet rs = s.executeQuery("SELECT tenant_id::text, '" + table + " ' || row_to_json(t)::text"
            + " FROM " + table + " t ORDER BY 2")) {
          while (rs.next()) {
            rows.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return rows;
  }
}
