package io.iamcore.cli;

import static io.iamcore.cli.ApiClient.segment;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code object list|show|disconnect|preview}: a connector's space, {@code /iamcore/sync/connectors/{id}/objects}. */
@Command(name = "object", description = "Connector space objects: what a source sent, and how it joined.",
    subcommands = {ObjectCommands.ListCommand.class, ObjectCommands.Show.class, ObjectCommands.Disconnect.class,
        ObjectCommands.Preview.class})
final class ObjectCommands {

  private ObjectCommands() {}

  static String base(String connectorId) {
    return ConnectorCommands.BASE + "/" + segment(connectorId) + "/objects";
  }

  /** The two positional ids every single-object command takes. */
  abstract static class OneObject extends ApiCommand {
    @Parameters(index = "0", paramLabel = "CONNECTOR_ID") String connectorId;
    @Parameters(index = "1", paramLabel = "OBJECT_ID") String objectId;

    String path() {
      return base(connectorId) + "/" + segment(objectId);
    }
  }

  @Command(name = "list", description = "List a connector's live objects with their join state.")
  static final class ListCommand extends ApiCommand {
    @Parameters(paramLabel = "CONNECTOR_ID") String connectorId;
    @Option(names = "--object-type", description = "e.g. user") String objectType;
    @Option(names = "--join-state", description = "joined, unjoined, disconnector or ambiguous") String joinState;
    @Option(names = "--external-id") String externalId;
    @Option(names = "--limit", description = "Page size (1-1000, default 100).") Integer limit;
    @Option(names = "--cursor", description = "Where the page starts.") String cursor;

    @Override
    void run() {
      String query = Paging.query(limit, cursor, "objectType", objectType, "joinState", joinState,
          "externalId", externalId);
      output().page(api().get(base(connectorId) + query).body(),
          Output.Column.of("ID", "id"), Output.Column.of("TYPE", "objectType"),
          Output.Column.of("EXTERNAL ID", "externalId"), Output.Column.of("JOIN STATE", "joinState"),
          new Output.Column("JOINED TO", ObjectCommands::joinedTo), Output.Column.of("VERSION", "version"),
          Output.Column.of("UPDATED", "updatedAt"));
    }
  }

  @Command(name = "show", description = "Show an object as the source sent it, with its join state.")
  static final class Show extends OneObject {
    @Override
    void run() {
      printObject(output(), api().get(path()).body());
    }
  }

  @Command(name = "disconnect", description = "Disconnect an object from its core object: its contributions are "
      + "recalled and it never joins again by itself.")
  static final class Disconnect extends OneObject {
    @Override
    void run() {
      printObject(output(), api().post(path() + "/disconnect", null).body());
    }
  }

  @Command(name = "preview", description = "What the sync rules would do with an object now, without doing it.")
  static final class Preview extends OneObject {
    @Override
    void run() {
      JsonObject preview = api().get(path() + "/syncpreview").body();
      Output out = output();
      if (out.json()) {
        out.printJson(preview);
        return;
      }
      out.fields(summary(preview));
      for (Object item : preview.getJsonArray("rules", new JsonArray())) {
        JsonObject rule = (JsonObject) item;
        out.line("");
        out.line("rule " + rule.getString("name") + " (" + rule.getString("ruleId") + "), priority "
            + rule.getValue("priority") + (rule.getBoolean("provisioningEnabled", false) ? ", projecting" : ", join-only"));
        List<JsonObject> criteria = new ArrayList<>();
        rule.getJsonArray("joinCriteria", new JsonArray()).forEach(c -> criteria.add((JsonObject) c));
        out.table(criteria, Output.Column.of("JOIN", "joinPriority"), Output.Column.of("ATTRIBUTE", "targetAttributeName"),
            Output.Column.of("VALUE", "value"), Output.Column.of("MATCHES", "matches"));
        Map<String, Object> flows = new LinkedHashMap<>();
        rule.getJsonObject("attributeFlows", new JsonObject()).forEach(e -> flows.put("  " + e.getKey(), e.getValue()));
        out.line("flows:");
        out.fields(flows);
      }
    }
  }

  static void printObject(Output out, JsonObject object) {
    if (out.json()) {
      out.printJson(object);
      return;
    }
    out.fields(summary(object));
    if (object.getValue("data") instanceof JsonObject data) {
      out.line("data:");
      out.line(data.encodePrettily());
    }
  }

  private static Map<String, Object> summary(JsonObject object) {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (String key : new String[] {"id", "objectType", "externalId", "joinState"}) {
      fields.put(key, object.getValue(key));
    }
    fields.put("joinedTo", joinedTo(object));
    for (String key : new String[] {"version", "createdAt", "updatedAt"}) {
      fields.put(key, object.getValue(key));
    }
    return fields;
  }

  private static String joinedTo(JsonObject object) {
    JsonObject joined = object.getJsonObject("joinedTo");
    return joined == null ? null : joined.getString("objectType") + " " + joined.getString("id");
  }
}
