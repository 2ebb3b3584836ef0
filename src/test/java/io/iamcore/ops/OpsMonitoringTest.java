package io.iamcore.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamcore.testing.GatewayTestBase;
import io.iamcore.testing.HttpResult;
import io.iamcore.testing.RunningGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard and the Prometheus alert rules in {@code k8s/monitoring} query only metrics
 * that a running gateway's {@code /metrics} really serves, after some traffic of every kind.
 */
class OpsMonitoringTest extends GatewayTestBase {

  private static final Path MONITORING = Path.of("k8s", "monitoring");
  private static final Set<String> PROMQL_WORDS = Set.of("by", "without", "on", "ignoring", "group_left",
      "group_right", "bool", "and", "or", "unless", "offset", "inf", "nan");
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_:][A-Za-z0-9_:]*");
  private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([A-Za-z_:][A-Za-z0-9_:]*)");

  private static Set<String> served;

  @BeforeAll
  static void trafficThenScrape() {
    String tenant = UUID.randomUUID().toString();
    String admin = gateway.administrator(tenant);
    String scim = gateway.createScimConnector(tenant).getString("id");
    String secret = gateway.issueSecret(tenant, scim);
    gateway.send("POST", RunningGateway.scimPath(scim, "/Users"), secret, new JsonObject()
        .put("schemas", new JsonArray().add("urn:ietf:params:scim:schemas:core:2.0:User"))
        .put("userName", "monitoring@contoso.example").put("externalId", "mon-1"));
    gateway.send("GET", RunningGateway.scimPath(scim, "/Users?filter=externalId+eq+%22mon-1%22"), "wrong", null);
    String hr = gateway.send("POST", "/iamcore/sync/connectors", admin,
        new JsonObject().put("name", "HR").put("templateId", "API")).json().getString("id");
    HttpResult rule = gateway.send("POST", "/iamcore/sync/rules", admin, new JsonObject().put("name", "HR")
        .put("connectorId", hr).put("connectorObjectType", "person").put("coreObjectType", "Identity")
        .put("provisioningEnabled", true).put("priority", 10).put("inboundAttributeFlows", new JsonArray()
            .add(new JsonObject().put("targetAttributeName", "id").put("joinPriority", 1)
                .put("value", new JsonObject().put("$type", "externalid")))
            .add(new JsonObject().put("targetAttributeName", "entraObjectId")
                .put("value", new JsonObject().put("$type", "attribute").put("attribute", "oid")))));
    assertThat(rule.status()).as(rule.body()).isEqualTo(201);
    gateway.send("PUT", "/iamcore/sync/connectors/" + hr + "/data/person/E-1", admin,
        new JsonObject().put("oid", "11111111-2222-3333-4444-555555555555"));
    gateway.send("POST", "/iamcore/identities/resolve", gateway.adminToken(tenant, "iam-core.identity.resolve"),
        new JsonObject().put("oids", new JsonArray().add("11111111-2222-3333-4444-555555555555").add("nobody")));
    gateway.send("GET", "/health/ready", null, null);
    HttpResult metrics = gateway.send("GET", "/metrics", null, null);
    assertThat(metrics.status()).isEqualTo(200);
    served = servedNames(metrics.body());
  }

  @Test
  @DisplayName("every metric the Grafana dashboard queries is served by /metrics")
  void dashboard_queriesServedMetrics() throws IOException {
    JsonObject dashboard = new JsonObject(Files.readString(MONITORING.resolve("grafana-dashboard.json")));
    List<String> expressions = new ArrayList<>();
    collectExpressions(dashboard.getJsonArray("panels"), expressions);
    Set<String> used = new TreeSet<>();
    expressions.forEach(expr -> used.addAll(metricNames(expr)));
    for (Object variable : dashboard.getJsonObject("templating").getJsonArray("list")) {
      Object query = ((JsonObject) variable).getValue("query");
      String text = query instanceof JsonObject q ? q.getString("query") : String.valueOf(query);
      Matcher metric = LABEL_VALUES.matcher(text);
      while (metric.find()) {
        used.add(metric.group(1));
      }
    }

    assertThat(expressions).hasSizeGreaterThan(30);
    assertThat(used).contains("http_server_requests_seconds_bucket", "iamcore_scim_requests_total",
        "iamcore_writer_batch_rows_bucket", "iamcore_writer_commit_seconds_bucket", "iamcore_writer_queue_depth",
        "iamcore_index_entries", "iamcore_index_lookups_total", "iamcore_sync_job_objects_total");
    assertThat(served).containsAll(used);
  }

  @Test
  @DisplayName("every metric the alert rules query is served by /metrics, and the four required alerts exist")
  void alertRules_queryServedMetrics() throws IOException {
    String rules = Files.readString(MONITORING.resolve("alert-rules.yaml"));
    List<String> expressions = yamlValues(rules, "expr");
    Set<String> used = new TreeSet<>();
    expressions.forEach(expr -> used.addAll(metricNames(expr)));

    assertThat(rules).contains("kind: PrometheusRule", "apiVersion: monitoring.coreos.com/v1");
    assertThat(yamlValues(rules, "alert")).contains("IamCoreDatabaseDown", "IamCoreWriteQueueSaturated",
        "IamCoreHighErrorRate", "IamCoreJwksRefreshFailing");
    assertThat(expressions).hasSameSizeAs(yamlValues(rules, "alert"));
    assertThat(used).contains("iamcore_database_up", "iamcore_writer_queue_capacity",
        "iamcore_jwks_refreshes_total", "http_server_requests_seconds_count");
    assertThat(served).containsAll(used);
  }

  @Test
  @DisplayName("the kustomization lists the alert rules and generates the dashboard ConfigMap for Grafana's sidecar")
  void kustomization_listsBoth() throws IOException {
    String kustomization = Files.readString(MONITORING.resolve("kustomization.yaml"));

    assertThat(kustomization).contains("- alert-rules.yaml", "- grafana-dashboard.json", "grafana_dashboard: \"1\"");
  }

  @Test
  @DisplayName("the PromQL name extraction skips functions, labels, ranges and grouping")
  void metricNames_promql_onlyMetrics() {
    assertThat(metricNames("histogram_quantile(0.95, sum by (le, route) (rate(a_bucket{x=~\"$y\", s=\"5..\"}"
        + "[$__rate_interval]))) / on (pod) b > 0.5 and c_total offset 5m"))
        .containsExactlyInAnyOrder("a_bucket", "b", "c_total");
  }

  static Set<String> metricNames(String expr) {
    String text = expr.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
        .replaceAll("\\{[^}]*}", " ")
        .replaceAll("\\[[^\\]]*]", " ")
        .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
    Set<String> names = new TreeSet<>();
    Matcher token = IDENTIFIER.matcher(text);
    while (token.find()) {
      String rest = text.substring(token.end()).stripLeading();
      boolean function = rest.startsWith("(");
      boolean partOfNumber = token.start() > 0 && Character.isDigit(text.charAt(token.start() - 1));
      if (!function && !partOfNumber && !PROMQL_WORDS.contains(token.group())) {
        names.add(token.group());
      }
    }
    return names;
  }

  private static Set<String> servedNames(String exposition) {
    Set<String> names = new TreeSet<>();
    for (String line : exposition.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher name = IDENTIFIER.matcher(line);
      if (name.lookingAt()) {
        names.add(name.group());
      }
    }
    return names;
  }

  private static void collectExpressions(JsonArray panels, List<String> into) {
    if (panels == null) {
      return;
    }
    for (Object item : panels) {
      JsonObject panel = (JsonObject) item;
      JsonArray targets = panel.getJsonArray("targets");
      if (targets != null) {
        targets.forEach(target -> into.add(((JsonObject) target).getString("expr")));
      }
      collectExpressions(panel.getJsonArray("panels"), into);
    }
  }

  /**
   * The values of {@code key} in a YAML text: {@code key: value} on one line, or a block scalar
   * ({@code key: |}) whose more-indented lines follow. Enough for the alert rules, which a
   * Kubernetes API server validates properly.
   */
  static List<String> yamlValues(String yaml, String key) {
    List<String> values = new ArrayList<>();
    String[] lines = yaml.split("\n");
    Pattern start = Pattern.compile("^(\\s*)(- )?" + Pattern.quote(key) + ":\\s*(.*)$");
    for (int i = 0; i < lines.length; i++) {
      Matcher m = start.matcher(lines[i]);
      if (!m.matches()) {
        continue;
      }
      String value = m.group(3).trim();
      if (!value.startsWith("|") && !value.startsWith(">")) {
        values.add(value);
        continue;
      }
      int indent = m.group(1).length() + (m.group(2) == null ? 0 : 2);
      StringBuilder block = new StringBuilder();
      while (i + 1 < lines.length && (lines[i + 1].isBlank()
          || lines[i + 1].length() - lines[i + 1].stripLeading().length() > indent)) {
        block.append(lines[++i].trim()).append('\n');
      }
      values.add(block.toString().trim());
    }
    return values;
  }
}
