package io.iamcore.sharding;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamcore.store.DatabaseTarget;
import io.iamcore.store.Migrations;
import io.iamcore.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Ready for distribution by tenant (ARCHITECTURE.md "Scale out", docs/scaling.md): with Citus,
 * {@code tenant_id} is the distribution column, so every primary key and unique index must lead
 * with it, and every statement must name its tenant for each table it touches, or PostgreSQL would
 * have to ask every shard (and a join across tenants could not be answered at all).
 *
 * <p>The statements are read from the source ({@link SqlStatements}), not from a server log: the
 * test PostgreSQL has no {@code pg_stat_statements} preloaded, and its log is not ours to read.
 * Reading the source covers every statement, including those a scenario would not reach.
 */
class TenantShardingTest {

  private static final List<String> TENANT_TABLES = List.of("connector", "connector_secret", "cs_object", "sync_rule",
      "core_object", "attribute_contribution", "sync_job", "group_member");

  /**
   * Statements that read across tenants on purpose, with why each is fine when sharded: a
   * multi-shard scan (not a join across tenants) run rarely, in the background.
   */
  private static final Map<String, String> FLEET_WIDE = Map.of(
      "WHERE c.id = $1",
      "the SCIM front door finds a connector by its id before it knows the tenant; connector is small and"
          + " becomes a Citus reference table (design.md, Schema)",
      "WHERE object_type = 'Identity' AND entra_object_id IS NOT NULL AND (tenant_id, object_type, id) > ($1, 'Identity', $2)",
      "the identity index's warm load pages through all tenants at start, by its primary key",
      "FROM sync_job WHERE state IN ('queued', 'running')",
      "at start, jobs left unfinished by a stopped replica are resumed, whatever their tenant",
      "DELETE FROM cs_object o WHERE (o.tenant_id, o.connector_id, o.object_type, o.id) IN (",
      "the soft-delete purger removes expired rows of every tenant, each matched on its own tenant_id",
      "FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[]",
      "the group-commit writer's batch UPDATE: one statement for the changes of several tenants, each row matched"
          + " on its own tenant_id (never across tenants); on Citus the writer batches per tenant (docs/scaling.md)");


  /**
   * The statement's tenant comes from a parameter: {@code tenant_id = $n}, a row comparison or
   * {@code unnest} of parameters starting with it, or an INSERT whose column list has it.
   */
  private static final Pattern BOUND_TENANT = Pattern.compile(
      "tenant_id\\s*(?:=|IN)\\s*(?:ANY\\s*\\(\\s*)?\\(?\\s*\\$\\d"
          + "|\\(\\s*\\w*\\.?tenant_id\\s*,[^)]*\\)\\s*(?:=|IN)\\s*\\(?\\s*(?:SELECT\\s+)?(?:\\*\\s+FROM\\s+)?(?:unnest\\s*\\()?\\$\\d"
          + "|INSERT INTO \\w+\\s*\\(\\s*tenant_id",
      Pattern.CASE_INSENSITIVE);

  private static TestDatabase database;

  @BeforeAll
  static void migrate() {
    database = TestDatabase.create();
    Migrations.apply(DatabaseTarget.fromUri(database.url()));
  }

  @AfterAll
  static void drop() {
    database.close();
  }

  @Test
  @DisplayName("every table has tenant_id and its primary key leads with it")
  void primaryKeys_leadWithTenant() throws Exception {
    List<String> tables = rows("SELECT c.relname || ':' || (SELECT a.attname FROM pg_attribute a"
        + " WHERE a.attrelid = c.oid AND a.attnum = i.indkey[0]) FROM pg_class c"
        + " JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'"
        + " LEFT JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary"
        + " WHERE c.relkind = 'r' AND c.relname <> 'flyway_schema_history' ORDER BY 1");
    assertThat(tables).map(t -> t.substring(0, t.indexOf(':'))).containsExactlyInAnyOrderElementsOf(TENANT_TABLES);
    assertThat(tables).allSatisfy(t -> assertThat(t).endsWith(":tenant_id"));
  }

  @Test
  @DisplayName("every unique index leads with tenant_id")
  void uniqueIndexes_leadWithTenant() throws Exception {
    List<String> unique = rows("SELECT ic.relname || ':' || a.attname FROM pg_index i"
        + " JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid"
        + " JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'"
        + " JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = i.indkey[0]"
        + " WHERE i.indisunique AND t.relname <> 'flyway_schema_history' ORDER BY 1");
    assertThat(unique).hasSizeGreaterThan(TENANT_TABLES.size());
    assertThat(unique).allSatisfy(index -> assertThat(index).endsWith(":tenant_id"));
  }

  @Test
  @DisplayName("every SQL statement in the code names the tenant of each tenant table it reads or writes, and joins on it")
  void statements_stayInOneTenant() {
    SqlStatements statements = SqlStatements.in(Path.of("src", "main", "java"));
    List<SqlStatements.Statement> touchingTenantData = statements.all().stream()
        .filter(s -> tableReferences(s.sql()) > 0).toList();
    assertThat(touchingTenantData).as("statements found in the source").hasSizeGreaterThan(40);

    List<String> violations = new ArrayList<>();
    List<String> usedExceptions = new ArrayList<>();
    for (SqlStatements.Statement statement : touchingTenantData) {
      String exception = FLEET_WIDE.keySet().stream().filter(statement.sql()::contains).findFirst().orElse(null);
      if (exception != null) {
        usedExceptions.add(exception);
        continue;
      }
      long references = tableReferences(statement.sql());
      long tenantPredicates = count(Pattern.compile("\\btenant_id\\b"), statement.sql());
      if (tenantPredicates < references) {
        violations.add(references + " tenant table references, " + tenantPredicates + " tenant_id: " + statement);
      }
      if (!BOUND_TENANT.matcher(statement.sql()).find()) {
        violations.add("no tenant bound from a parameter: " + statement);
      }
      Matcher join = Pattern.compile("\\bJOIN\\s+(\\w+)(?:\\s+\\w+)?\\s+ON\\s+(.*?)(?=\\bJOIN\\b|\\bWHERE\\b|\\bGROUP\\b|\\bORDER\\b|$)",
          Pattern.CASE_INSENSITIVE).matcher(statement.sql());
      while (join.find()) {
        if (TENANT_TABLES.contains(join.group(1)) && !join.group(2).contains("tenant_id")) {
          violations.add("join on " + join.group(1) + " without tenant_id: " + statement);
        }
      }
    }
    assertThat(violations).as("statements that could cross tenants").isEmpty();
    assertThat(usedExceptions).as("every listed fleet-wide statement still exists")
        .containsAll(FLEET_WIDE.keySet());
  }

  private static long tableReferences(String sql) {
    return count(Pattern.compile("\\b(?:FROM|JOIN|INTO|UPDATE)\\s+(?:" + String.join("|", TENANT_TABLES) + ")\\b",
        Pattern.CASE_INSENSITIVE), sql);
  }

  private static long count(Pattern pattern, String text) {
    return pattern.matcher(text).results().count();
  }

  private static List<String> rows(String sql) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = database.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        rows.add(r.getString(1));
      }
    }
    return rows;
  }
}
