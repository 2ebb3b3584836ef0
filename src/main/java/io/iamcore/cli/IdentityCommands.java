package io.iamcore.cli;

import static io.iamcore.cli.ApiClient.segment;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code identity show|resolve}: CoreIdentities and token oid resolution, {@code /iamcore/identities}. */
@Command(name = "identity", description = "CoreIdentities, and who a token (its oid) is.",
    subcommands = {IdentityCommands.Show.class, IdentityCommands.Resolve.class})
final class IdentityCommands {

  static final String BASE = "/iamcore/identities";

  private IdentityCommands() {}

  @Command(name = "show", description = "Show a CoreIdentity by id, by --entra-object-id, or (with neither) "
      + "the token's own: GET /iamcore/identities/me.")
  static final class Show extends ApiCommand {
    @Parameters(arity = "0..1", paramLabel = "IDENTITY_ID") String id;

    @Option(names = "--entra-object-id", paramLabel = "OID", description = "Find it by entraObjectId (the index).")
    String entraObjectId;

    @Override
    void run() {
      if (id != null && entraObjectId != null) {
        throw CliException.badInput("give an IDENTITY_ID or --entra-object-id, not both");
      }
      JsonObject identity;
      if (entraObjectId != null) {
        JsonArray items = api().get(BASE + "?entraObjectId=" + ApiClient.query(entraObjectId)).body()
            .getJsonArray("items", new JsonArray());
        if (items.isEmpty()) {
          throw CliException.failed("no CoreIdentity has entraObjectId " + entraObjectId + " in your tenant");
        }
        identity = items.getJsonObject(0);
      } else {
        identity = api().get(BASE + "/" + (id == null ? "me" : segment(id))).body();
      }
      Output out = output();
      if (out.json()) {
        out.printJson(identity);
      } else {
        out.allFields(identity);
      }
    }
  }

  @Command(name = "resolve", description = "Resolve Entra object ids (token oid claims) to CoreIdentities, as a "
      + "downstream API does: POST /iamcore/identities/resolve (role iam-core.identity.resolve).")
  static final class Resolve extends ApiCommand {
    @Parameters(arity = "1..*", paramLabel = "OID") List<String> oids;

    @Override
    void run() {
      JsonObject answer = api().post(BASE + "/resolve", new JsonObject().put("oids", new JsonArray(oids))).body();
      Output out = output();
      if (out.json()) {
        out.printJson(answer);
        return;
      }
      List<JsonObject> rows = new ArrayList<>();
      answer.forEach(e -> {
        JsonObject identity = e.getValue() instanceof JsonObject found ? found : new JsonObject();
        rows.add(identity.copy().put("_oid", e.getKey()));
      });
      out.table(rows, Output.Column.of("OID", "_oid"), Output.Column.of("IDENTITY", "id"),
          Output.Column.of("DISPLAY NAME", "displayName"), Output.Column.of("UPN", "entraUserPrincipalName"));
    }
  }
}
