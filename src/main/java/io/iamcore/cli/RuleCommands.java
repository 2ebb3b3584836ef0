package io.iamcore.cli;

import static io.iamcore.cli.ApiClient.segment;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rule new|list|show|delete}: {@code /iamcore/sync/rules}. {@code rule new} takes
 * New-IAMCoreSyncRule's JSON as is (a file, or {@code -} for stdin) and the cmdlet's parameters as
 * options ({@code -ConnectorId} → {@code --connector-id} …), which override the file's members.
 */
@Command(name = "rule", description = "Sync rules (New-IAMCoreSyncRule): how connector objects join and flow "
    + "into CoreIdentities.",
    subcommands = {RuleCommands.New.class, RuleCommands.ListCommand.class, RuleCommands.Show.class,
        RuleCommands.Delete.class})
final class RuleCommands {

  static final String BASE = "/iamcore/sync/rules";
  private static final String JOB_HEADER = "IAMCore-Sync-Job";

  private RuleCommands() {}

  @Command(name = "new", description = "Create a sync rule from the seed's JSON and/or the cmdlet's parameters; "
      + "the gateway then re-evaluates the connector in a sync job.")
  static final class New extends ApiCommand {
    @Parameters(arity = "0..1", paramLabel = "FILE", description = "The rule's JSON; '-' reads standard input.")
    String file;

    @Option(names = "--name", description = "e.g. \"Entra ID - User\" (-Name).") String name;
    @Option(names = "--connector-id", paramLabel = "ID", description = "The connector it reads (-ConnectorId).")
    String connectorId;
    @Option(names = "--connector-object-type", paramLabel = "TYPE", description = "e.g. user (-ConnectorObjectType).")
    String connectorObjectType;
    @Option(names = "--core-object-type", paramLabel = "TYPE", description = "Identity, OrgUnit or Relationship "
        + "(-CoreObjectType).")
    String coreObjectType;

    @Option(names = "--provisioning-enabled", arity = "0..1", paramLabel = "true|false",
        description = "Create core objects for unjoined connector objects (projection).")
    Boolean provisioningEnabled;

    @Option(names = "--priority", paramLabel = "N", description = "Lower wins per attribute, e.g. 11000 (-Priority).")
    Integer priority;
    @Option(names = "--join-scope", paramLabel = "SCOPE", description = "Only join core objects of this joinScope.")
    String joinScope;

    @Option(names = "--inbound-attribute-flows", paramLabel = "JSON|@FILE",
        description = "The flows as a JSON array, or @file holding it.")
    String flows;

    @Option(names = {"-q", "--quiet"}, description = "Print only the new rule's id.") boolean quiet;

    @Override
    void run() {
      JsonObject rule = file == null ? new JsonObject() : parseObject(read(file), file);
      put(rule, "name", name);
      put(rule, "connectorId", connectorId);
      put(rule, "connectorObjectType", connectorObjectType);
      put(rule, "coreObjectType", coreObjectType);
      put(rule, "provisioningEnabled", provisioningEnabled);
      put(rule, "priority", priority);
      put(rule, "joinScope", joinScope);
      if (flows != null) {
        String text = flows.startsWith("@") ? read(flows.substring(1)) : flows;
        rule.put("inboundAttributeFlows", parseArray(text, "--inbound-attribute-flows"));
      }
      if (rule.isEmpty()) {
        throw CliException.badInput("rule new needs the rule's JSON (a file, or '-' for stdin) or its options "
            + "(--name, --connector-id, --inbound-attribute-flows …)");
      }
      ApiClient.Answer answer = api().post(BASE, rule);
      Output out = output();
      if (quiet) {
        out.line(answer.body().getString("id"));
        return;
      }
      printRule(out, answer.body());
      String job = answer.header(JOB_HEADER);
      if (job != null && !out.json()) {
        String jobId = job.substring(job.lastIndexOf('/') + 1);
        out.line("sync job " + jobId + " re-evaluates the connector (follow it: job show " + jobId + " --wait)");
      }
    }

    private String read(String source) {
      try {
        if (source.equals("-")) {
          return new String(root().environment().in().readAllBytes(), StandardCharsets.UTF_8);
        }
        return Files.readString(Path.of(source), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw CliException.badInput("cannot read " + source + ": " + e.getMessage());
      }
    }
  }

  @Command(name = "list", description = "List your tenant's sync rules.")
  static final class ListCommand extends ApiCommand {
    @Option(names = "--limit", description = "Page size (1-1000, default 100).") Integer limit;
    @Option(names = "--cursor", description = "Where the page starts.") String cursor;

    @Override
    void run() {
      output().page(api().get(BASE + Paging.query(limit, cursor)).body(),
          Output.Column.of("ID", "id"), Output.Column.of("NAME", "name"), Output.Column.of("CONNECTOR", "connectorId"),
          Output.Column.of("OBJECT TYPE", "connectorObjectType"), Output.Column.of("CORE TYPE", "coreObjectType"),
          Output.Column.of("PRIORITY", "priority"), Output.Column.of("PROVISIONING", "provisioningEnabled"));
    }
  }

  @Command(name = "show", description = "Show one sync rule with its attribute flows.")
  static final class Show extends ApiCommand {
    @Parameters(paramLabel = "RULE_ID") String id;

    @Override
    void run() {
      printRule(output(), api().get(BASE + "/" + segment(id)).body());
    }
  }

  @Command(name = "delete", description = "Delete a sync rule (its contributions are recalled by a sync job).")
  static final class Delete extends ApiCommand {
    @Parameters(paramLabel = "RULE_ID") String id;

    @Override
    void run() {
      api().delete(BASE + "/" + segment(id));
      Output out = output();
      if (out.json()) {
        out.printJson(new JsonObject().put("id", id).put("deleted", true));
      } else {
        out.line("deleted sync rule " + id);
      }
    }
  }

  static void printRule(Output out, JsonObject rule) {
    if (out.json()) {
      out.printJson(rule);
      return;
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    for (String key : new String[] {"id", "name", "connectorId", "connectorObjectType", "coreObjectType",
        "provisioningEnabled", "priority", "joinScope", "createdAt", "updatedAt", "_etag"}) {
      fields.put(key, rule.getValue(key));
    }
    out.fields(fields);
    out.line("");
    List<JsonObject> flows = new ArrayList<>();
    rule.getJsonArray("inboundAttributeFlows", new JsonArray()).forEach(f -> flows.add((JsonObject) f));
    out.table(flows, Output.Column.of("TARGET", "targetAttributeName"), Output.Column.of("JOIN", "joinPriority"),
        Output.Column.of("TYPE", "$type"), Output.Column.of("VALUE", "value"));
  }

  private static void put(JsonObject rule, String key, Object value) {
    if (value != null) {
      rule.put(key, value);
    }
  }

  private static JsonObject parseObject(String text, String source) {
    try {
      return new JsonObject(text.strip());
    } catch (DecodeException | ClassCastException e) {
      throw CliException.badInput((source.equals("-") ? "standard input" : source)
          + " is not a JSON object: " + firstLine(e.getMessage()));
    }
  }

  private static JsonArray parseArray(String text, String source) {
    try {
      return new JsonArray(text.strip());
    } catch (DecodeException | ClassCastException e) {
      throw CliException.badInput(source + " is not a JSON array: " + firstLine(e.getMessage()));
    }
  }

  static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
