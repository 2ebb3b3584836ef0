package io.iamcore.cli;

import static io.iamcore.testing.TestUsers.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.iamcore.testing.Credentials;
import io.iamcore.testing.GatewayTestBase;
import io.iamcore.testing.RunningGateway;
import io.iamcore.testing.TokenMinter;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Every CLI command against the real gateway, run in-process as {@code java -jar … <command>} would. */
class CliCommandsTest extends GatewayTestBase {

  static final Path EXAMPLES = Path.of(System.getProperty("user.dir"), "docs", "examples");

  private String tenant;
  private Cli cli;

  @BeforeEach
  void newTenant() {
    tenant = UUID.randomUUID().toString();
    cli = Cli.at(gateway.baseUrl(), gateway.administrator(tenant));
  }

  @Test
  @DisplayName("connector new, list, show, secret and delete print tables for people and the API's JSON with --json")
  void connector_lifecycle() {
    Cli.Run created = ok(cli.run("connector", "new", "--name", "Entra ID"));
    assertThat(created.out()).contains("templateId:").contains("SCIM").contains("provisioningState:")
        .contains("scimUrl:").contains(gateway.baseUrl() + "/iamcore/beta/sync/connectors/");
    String entra = ok(cli.run("--json", "connector", "list")).out();
    String entraId = new JsonObject(entra).getJsonArray("items").getJsonObject(0).getString("id");
    String hr = ok(cli.run("connector", "new", "--name", "HR", "--template-id", "API", "-q")).out().strip();

    assertThat(ok(cli.run("connector", "list")).out()).contains("ID", "NAME", "TEMPLATE", "Entra ID", "HR", hr, entraId);
    JsonObject shown = new JsonObject(ok(cli.run("connector", "show", hr, "--json")).out());
    assertThat(shown.getString("templateId")).isEqualTo("API");
    assertThat(shown.getString("type")).isNotBlank();

    Cli.Run issued = ok(cli.run("connector", "secret", entraId));
    assertThat(issued.out()).contains("secretToken:").contains("Shown once");
    String secret = Credentials.remember(ok(cli.run("connector", "secret", entraId, "-q")).out().strip());
    assertThat(scimProbe(entraId, secret)).as("the issued secret authenticates SCIM calls").isEqualTo(200);
    assertThat(ok(cli.run("connector", "secret", entraId, "--revoke")).out()).contains("revoked");
    assertThat(scimProbe(entraId, secret)).as("revoked").isEqualTo(401);

    assertThat(ok(cli.run("connector", "delete", hr)).out()).contains("deleted connector " + hr);
    Cli.Run gone = cli.run("connector", "show", hr);
    assertThat(gone.exitCode()).isEqualTo(1);
    assertThat(gone.err()).contains("HTTP 404 notFound");
  }

  @Test
  @DisplayName("an unknown connector exits 1 with the API's error code and message on one line, nothing on stdout")
  void unknownConnector_exit1_oneLine() {
    String unknown = UUID.randomUUID().toString();
    for (String[] args : new String[][] {{"connector", "show", unknown}, {"connector", "delete", unknown},
        {"connector", "secret", unknown}, {"object", "list", unknown}, {"job", "start", unknown}}) {
      Cli.Run run = cli.run(args);
      assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
      assertThat(run.out()).isEmpty();
      assertThat(run.err().strip()).startsWith("iamcore: ").doesNotContain("\n").containsPattern("HTTP 40[04] ");
    }
    assertThat(cli.run("connector", "show", unknown).err()).contains("notFound: no connector");
  }

  @Test
  @DisplayName("without a token, a command exits 2 and says how to get one; a refused token is never printed")
  void noToken_exit2_tokenNeverPrinted() {
    Cli.Run none = Cli.at(gateway.baseUrl(), null).run("connector", "list");
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.err()).contains("no token").contains("IAMCORE_TOKEN").contains("token mint admin");

    String forged = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJtZSJ9.";
    Cli.Run refused = Cli.at(gateway.baseUrl(), null).run("connector", "list", "--token", forged);
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).contains("HTTP 401 unauthorized").doesNotContain(forged);
    assertThat(refused.out()).doesNotContain(forged);
  }

  @Test
  @DisplayName("an unreachable URL exits 3 and says the gateway isn't reachable at that URL")
  void unreachable_exit3() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closedPort;
    Cli.Run run = Cli.at(url, "any-token").run("connector", "list");
    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err()).contains("the gateway isn't reachable at " + url).doesNotContain("any-token");
  }

  @Test
  @DisplayName("rule new takes the seed's JSON from a file or stdin, the cmdlet's parameters as options; bad JSON exits 2")
  void rules_fromFileStdinAndOptions() throws IOException {
    String entra = ok(cli.run("connector", "new", "--name", "Entra ID", "-q")).out().strip();
    Path seedRule = EXAMPLES.resolve("entra-user-rule.json");

    Cli.Run created = ok(cli.run("rule", "new", seedRule.toString(), "--connector-id", entra));
    assertThat(created.out()).contains("Entra ID - User", "11000", "nickName", "externalid", "sync job ")
        .contains("job show");
    String fromStdin = ok(cli.stdin(Files.readString(seedRule)).run("rule", "new", "-", "--connector-id", entra,
        "--name", "Entra ID - User (stdin)", "--priority", "12000", "-q")).out().strip();
    String fromOptions = ok(cli.run("rule", "new", "--name", "Options only", "--connector-id", entra,
        "--connector-object-type", "user", "--core-object-type", "Identity", "--provisioning-enabled=false",
        "--priority", "13000", "--inbound-attribute-flows",
        "[{\"$type\":\"string\",\"targetAttributeName\":\"entraObjectId\",\"value\":{\"$type\":\"externalid\"}}]",
        "-q")).out().strip();

    assertThat(ok(cli.run("rule", "list")).out()).contains("PRIORITY", "Entra ID - User", "Options only", fromStdin);
    JsonObject shown = new JsonObject(ok(cli.run("rule", "show", fromStdin, "--json")).out());
    assertThat(shown.getInteger("priority")).isEqualTo(12000);
    assertThat(shown.getString("connectorId")).isEqualTo(entra);
    assertThat(ok(cli.run("rule", "show", fromOptions)).out()).contains("TARGET", "entraObjectId", "13000");
    assertThat(ok(cli.run("rule", "delete", fromOptions)).out()).contains("deleted sync rule");
    assertThat(cli.run("rule", "show", fromOptions).exitCode()).isEqualTo(1);

    Cli.Run badJson = cli.stdin("{\"name\": \"broken\",").run("rule", "new", "-");
    assertThat(badJson.exitCode()).isEqualTo(2);
    assertThat(badJson.err()).contains("standard input is not a JSON object");
    Cli.Run missingFile = cli.run("rule", "new", "/nonexistent/rule.json");
    assertThat(missingFile.exitCode()).isEqualTo(2);
    assertThat(missingFile.err()).contains("cannot read /nonexistent/rule.json");
    Cli.Run refused = cli.run("rule", "new", seedRule.toString(), "--connector-id", entra, "--priority", "-5");
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).contains("HTTP 400 invalidRequest").contains("priority");
    assertThat(cli.run("rule", "new").exitCode()).as("nothing to create").isEqualTo(2);
  }

  @Test
  @DisplayName("object list/show/preview/disconnect and job start/show --wait follow an Entra user joining an HR identity")
  void objects_and_jobs() throws IOException {
    String hr = ok(cli.run("connector", "new", "--name", "HR", "--template-id", "API", "-q")).out().strip();
    ok(cli.run("rule", "new", EXAMPLES.resolve("hr-person-rule.json").toString(), "--connector-id", hr));
    assertThat(gateway.send("PUT", "/iamcore/sync/connectors/" + hr + "/data/person/E-1001",
        gateway.administrator(tenant), new JsonObject().put("displayName", "Adele Vance")).status()).isEqualTo(201);
    String entra = ok(cli.run("connector", "new", "--name", "Entra ID", "-q")).out().strip();
    ok(cli.run("rule", "new", EXAMPLES.resolve("entra-user-rule.json").toString(), "--connector-id", entra));
    String secret = Credentials.remember(ok(cli.run("connector", "secret", entra, "-q")).out().strip());
    String oid = UUID.randomUUID().toString();
    String userId = gateway.send("POST", RunningGateway.scimPath(entra, "/Users"), secret,
        user("adele.vance@contoso.example", oid).put("nickName", "E-1001")).json().getString("id");

    Cli.Run list = ok(cli.run("object", "list", entra));
    assertThat(list.out()).contains("EXTERNAL ID", userId, oid, "joined", "Identity E-1001");
    assertThat(ok(cli.run("object", "list", entra, "--join-state", "unjoined")).out()).contains("(none)");
    assertThat(ok(cli.run("object", "show", entra, userId)).out()).contains("joinState:", "data:",
        "\"userName\" : \"adele.vance@contoso.example\"");
    Cli.Run preview = ok(cli.run("object", "preview", entra, userId));
    assertThat(preview.out()).contains("rule Entra ID - User", "join-only", "[\"E-1001\"]", "entraObjectId");

    Cli.Run job = ok(cli.run("job", "start", entra, "--wait", "--interval", "50"));
    assertThat(job.out()).contains("100%", "succeeded", "1/1 processed");
    String jobId = new JsonObject(ok(cli.run("job", "start", entra, "--json", "--wait", "--interval", "50")).out())
        .getString("id");
    assertThat(ok(cli.run("job", "show", jobId)).out()).contains("state:", "succeeded", "[" + "#".repeat(30) + "]");
    assertThat(cli.run("job", "show", UUID.randomUUID().toString()).exitCode()).isEqualTo(1);

    Cli.Run disconnected = ok(cli.run("object", "disconnect", entra, userId));
    assertThat(disconnected.out()).contains("disconnector");
    assertThat(ok(cli.run("identity", "show", "E-1001", "--json")).out()).doesNotContain(oid);
  }

  @Test
  @DisplayName("identity show (by id, by entraObjectId, /me for a user token) and identity resolve")
  void identities() {
    String hr = ok(cli.run("connector", "new", "--name", "HR", "--template-id", "API", "-q")).out().strip();
    ok(cli.run("rule", "new", EXAMPLES.resolve("hr-person-rule.json").toString(), "--connector-id", hr));
    String entra = ok(cli.run("connector", "new", "--name", "Entra ID", "-q")).out().strip();
    ok(cli.run("rule", "new", EXAMPLES.resolve("entra-user-rule.json").toString(), "--connector-id", entra));
    gateway.send("PUT", "/iamcore/sync/connectors/" + hr + "/data/person/E-2002", gateway.administrator(tenant),
        new JsonObject().put("displayName", "Grace Hopper"));
    String oid = UUID.randomUUID().toString();
    String secret = Credentials.remember(ok(cli.run("connector", "secret", entra, "-q")).out().strip());
    assertThat(gateway.send("POST", RunningGateway.scimPath(entra, "/Users"), secret,
        user("grace@contoso.example", oid).put("nickName", "E-2002")).status()).isEqualTo(201);

    assertThat(ok(cli.run("identity", "show", "E-2002")).out()).contains("displayName:", "Grace Hopper", oid);
    assertThat(new JsonObject(ok(cli.run("identity", "show", "--entra-object-id", oid, "--json")).out())
        .getString("id")).isEqualTo("E-2002");
    String userToken = TokenMinter.forKey(gateway.keys()).tenant(tenant).audience(RunningGateway.API_AUDIENCE)
        .oid(oid).sign();
    assertThat(ok(Cli.at(gateway.baseUrl(), userToken).run("identity", "show")).out())
        .contains("id:", "E-2002", "entraUserPrincipalName:", "grace@contoso.example");

    String unknownOid = UUID.randomUUID().toString();
    Cli.Run resolved = ok(cli.run("identity", "resolve", oid, unknownOid));
    assertThat(resolved.out()).contains("OID", "DISPLAY NAME", "Grace Hopper", unknownOid);
    JsonObject json = new JsonObject(ok(cli.run("identity", "resolve", oid, unknownOid, "--json")).out());
    assertThat(json.getJsonObject(oid).getString("id")).isEqualTo("E-2002");
    assertThat(json.getValue(unknownOid)).isNull();

    Cli.Run me = Cli.at(gateway.baseUrl(), TokenMinter.forKey(gateway.keys()).tenant(tenant)
        .audience(RunningGateway.API_AUDIENCE).sign()).run("identity", "show");
    assertThat(me.exitCode()).isEqualTo(1);
    assertThat(me.err()).contains("HTTP 404 notFound: no CoreIdentity has entraObjectId");
    assertThat(cli.run("identity", "show", "--entra-object-id", unknownOid).err()).contains("no CoreIdentity");
  }

  @Test
  @DisplayName("help lists every command; an unknown command or option exits 2")
  void help_and_usageErrors() {
    Cli.Run help = ok(cli.run("--help"));
    assertThat(help.out()).contains("serve", "connector", "rule", "object", "job", "identity", "token");
    assertThat(ok(cli.run("connector", "new", "--help")).out()).contains("--template-id", "--tenant-id");
    assertThat(cli.run("frobnicate").exitCode()).isEqualTo(2);
    assertThat(cli.run("connector", "list", "--no-such-option").exitCode()).isEqualTo(2);
  }

  private static int scimProbe(String connectorId, String token) {
    return gateway.send("GET", RunningGateway.scimPath(connectorId, "/Users?filter=userName%20eq%20%22nobody%22"),
        token, null).status();
  }

  static Cli.Run ok(Cli.Run run) {
    assertThat(run.exitCode()).as(run.toString()).isZero();
    return run;
  }
}
