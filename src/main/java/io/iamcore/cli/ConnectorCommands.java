package io.iamcore.cli;

import static io.iamcore.cli.ApiClient.segment;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code connector new|list|show|delete|secret}: {@code /iamcore/sync/connectors} (New-IAMCoreConnector). */
@Command(name = "connector", description = "Connectors: where Entra (SCIM) or a source system (API) sends objects.",
    subcommands = {ConnectorCommands.New.class, ConnectorCommands.ListCommand.class, ConnectorCommands.Show.class,
        ConnectorCommands.Delete.class, ConnectorCommands.Secret.class})
final class ConnectorCommands {

  static final String BASE = "/iamcore/sync/connectors";
  /** Where Entra sends SCIM requests for a connector: its provisioning "Tenant URL". */
  static final String SCIM_BASE = "/iamcore/beta/sync/connectors/";

  private ConnectorCommands() {}

  @Command(name = "new", description = "Create a connector (New-IAMCoreConnector); prints it and, for SCIM, "
      + "the Tenant URL to give Entra.")
  static final class New extends ApiCommand {
    @Option(names = "--name", required = true, description = "Display name, e.g. \"Entra ID\".")
    String name;

    @Option(names = "--description", description = "Free text.")
    String description;

    @Option(names = "--template-id", defaultValue = "SCIM", paramLabel = "SCIM|API",
        description = "SCIM: Entra pushes users over SCIM; API: a source pushes objects with the data API "
            + "(default ${DEFAULT-VALUE}).")
    String templateId;

    @Option(names = "--tenant-id", description = "SCIM: the Entra tenant (default: your token's tenant).")
    String tenantId;

    @Option(names = "--authentication", paramLabel = "entra|secret|entraOrSecret",
        description = "SCIM: which credentials Entra may use (default entraOrSecret).")
    String authentication;

    @Option(names = "--soft-deletion-days", description = "Days a deleted object is kept (default 90).")
    Integer softDeletionDays;

    @Option(names = {"-q", "--quiet"}, description = "Print only the new connector's id.")
    boolean quiet;

    @Override
    void run() {
      JsonObject body = new JsonObject().put("name", name).put("templateId", templateId);
      if (description != null) {
        body.put("description", description);
      }
      JsonObject configuration = new JsonObject();
      if (tenantId != null) {
        configuration.put("tenantId", tenantId);
      }
      if (authentication != null) {
        configuration.put("authentication", authentication);
      }
      if (!configuration.isEmpty()) {
        body.put("configuration", configuration);
      }
      if (softDeletionDays != null) {
        body.put("softDeletionDays", softDeletionDays);
      }
      JsonObject created = api().post(BASE, body).body();
      if (quiet) {
        output().line(created.getString("id"));
      } else {
        printConnector(output(), root().baseUrl(), created);
      }
    }
  }

  @Command(name = "list", description = "List your tenant's connectors.")
  static final class ListCommand extends ApiCommand {
    @Option(names = "--limit", description = "Page size (1-1000, default 100).")
    Integer limit;

    @Option(names = "--cursor", description = "Where the page starts (printed under the previous page).")
    String cursor;

    @Override
    void run() {
      output().page(api().get(BASE + Paging.query(limit, cursor)).body(),
          Output.Column.of("ID", "id"), Output.Column.of("NAME", "name"), Output.Column.of("TEMPLATE", "templateId"),
          Output.Column.of("STATE", "provisioningState"), Output.Column.of("ENABLED", "enabled"),
          new Output.Column("SECRETS", c -> c.getJsonArray("secrets", new JsonArray()).size()),
          Output.Column.of("CREATED", "createdAt"));
    }
  }

  @Command(name = "show", description = "Show one connector (and the SCIM Tenant URL for Entra).")
  static final class Show extends ApiCommand {
    @Parameters(paramLabel = "CONNECTOR_ID")
    String id;

    @Override
    void run() {
      printConnector(output(), root().baseUrl(), api().get(BASE + "/" + segment(id)).body());
    }
  }

  @Command(name = "delete", description = "Delete a connector with its objects and secrets.")
  static final class Delete extends ApiCommand {
    @Parameters(paramLabel = "CONNECTOR_ID")
    String id;

    @Override
    void run() {
      api().delete(BASE + "/" + segment(id));
      Output out = output();
      if (out.json()) {
        out.printJson(new JsonObject().put("id", id).put("deleted", true));
      } else {
        out.line("deleted connector " + id);
      }
    }
  }

  @Command(name = "secret", description = "Issue a SCIM secret token for a connector (shown once: it goes in "
      + "Entra's Secret Token field), or revoke all of them.")
  static final class Secret extends ApiCommand {
    @Parameters(paramLabel = "CONNECTOR_ID")
    String id;

    @Option(names = "--revoke", description = "Revoke every secret token of the connector instead.")
    boolean revoke;

    @Option(names = {"-q", "--quiet"}, description = "Print only the secret token.")
    boolean quiet;

    @Override
    void run() {
      String path = BASE + "/" + segment(id) + "/secrets";
      Output out = output();
      if (revoke) {
        api().delete(path);
        if (out.json()) {
          out.printJson(new JsonObject().put("connectorId", id).put("revoked", true));
        } else {
          out.line("revoked every secret token of connector " + id);
        }
        return;
      }
      JsonObject secret = api().post(path, null).body();
      if (quiet) {
        out.line(secret.getString("secretToken"));
      } else if (out.json()) {
        out.printJson(secret);
      } else {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("secretToken", secret.getString("secretToken"));
        fields.put("id", secret.getString("id"));
        fields.put("createdAt", secret.getString("createdAt"));
        out.fields(fields);
        out.line("Shown once: the gateway keeps only a hash. Put it in Entra's Secret Token field.");
      }
    }
  }

  static void printConnector(Output out, String baseUrl, JsonObject connector) {
    if (out.json()) {
      out.printJson(connector);
      return;
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    for (String key : new String[] {"id", "name", "description", "templateId", "type", "enabled",
        "provisioningState", "softDeletionDays", "configuration"}) {
      fields.put(key, connector.getValue(key));
    }
    fields.put("secrets", connector.getJsonArray("secrets", new JsonArray()).size());
    fields.put("createdAt", connector.getValue("createdAt"));
    fields.put("updatedAt", connector.getValue("updatedAt"));
    fields.put("_etag", connector.getValue("_etag"));
    if ("SCIM".equals(connector.getString("templateId"))) {
      fields.put("scimUrl", baseUrl + SCIM_BASE + connector.getString("id") + "/scim/");
    }
    out.fields(fields);
  }
}
