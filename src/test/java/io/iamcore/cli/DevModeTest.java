package io.iamcore.cli;

import static io.iamcore.cli.CliCommandsTest.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.iamcore.auth.DevSigningKey;
import io.iamcore.testing.HttpResult;
import io.iamcore.testing.RunningGateway;
import io.iamcore.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IAMCORE_DEV_MODE against the real gateway: loopback only, a local key that survives restarts, loud logs. */
class DevModeTest {

  /** Nothing listens on port 1: the configured JWKS (Entra's, in real life) is out of reach. */
  static final String UNREACHABLE_JWKS = "http://127.0.0.1:1/discovery/v2.0/keys";

  static Map<String, String> devEnv(Path dataDir) {
    return Map.of("IAMCORE_DEV_MODE", "true", "IAMCORE_DATA_DIR", dataDir.toString(),
        "IAMCORE_JWKS_URI", UNREACHABLE_JWKS, "IAMCORE_API_AUDIENCES", "");
  }

  @Test
  @DisplayName("serve refuses development mode on a non-loopback address: exit 2 and a message naming the variable")
  void serve_devModeOnAllInterfaces_exit2() {
    Cli.Run run = Cli.at("http://127.0.0.1:1", null).env("IAMCORE_DEV_MODE", "true")
        .env("IAMCORE_HTTP_HOST", "0.0.0.0").run("serve");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip()).isEqualTo("iamcore: configuration error: IAMCORE_DEV_MODE=true listens on loopback"
        + " only: IAMCORE_HTTP_HOST must be 127.0.0.1, ::1 or localhost, got '0.0.0.0'");

    Cli.Run notBoolean = Cli.at("http://127.0.0.1:1", null).env("IAMCORE_DEV_MODE", "on").run("serve");
    assertThat(notBoolean.exitCode()).isEqualTo(2);
    assertThat(notBoolean.err()).contains("IAMCORE_DEV_MODE must be true or false, got 'on'");
  }

  @Test
  @DisplayName("a development gateway is ready without Entra's keys, says so loudly, and keeps its key (same kid) across restarts")
  void devGateway_readyLoudPersistentKey(@TempDir Path dataDir) throws Exception {
    TestDatabase database = TestDatabase.create();
    RunningGateway first = RunningGateway.start(database, devEnv(dataDir));
    String kid;
    String admin;
    try {
      HttpResult ready = first.send("GET", "/health/ready", null, null);
      assertThat(ready.status()).as(ready.body()).isEqualTo(200);
      assertThat(ready.json().getJsonObject("checks").getString("signingKeys")).isEqualTo("UP");
      assertThat(first.logLines()).anyMatch(line -> line.contains("DEVELOPMENT MODE IS ON")
          && line.contains("api://iamcore-dev") && line.contains("127.0.0.1"));

      Path keyFile = dataDir.resolve(DevSigningKey.KEY_FILE);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
      kid = DevSigningKey.load(dataDir).kid();
      admin = ok(Cli.at(first.baseUrl(), null).env("IAMCORE_DATA_DIR", dataDir.toString())
          .run("token", "mint", "admin")).out().strip();
      assertThat(header(admin).getString("kid")).isEqualTo(kid);
      ok(Cli.at(first.baseUrl(), admin).run("connector", "new", "--name", "Entra ID"));
    } finally {
      first.stopGateway();
    }

    RunningGateway second = RunningGateway.start(database, devEnv(dataDir));
    try {
      assertThat(new JsonObject(Files.readString(dataDir.resolve(DevSigningKey.JWKS_FILE)))
          .getJsonArray("keys").getJsonObject(0).getString("kid")).isEqualTo(kid);
      Cli.Run list = ok(Cli.at(second.baseUrl(), admin).run("connector", "list"));
      assertThat(list.out()).as("a token minted before the restart still works").contains("Entra ID");
    } finally {
      second.stopGateway();
    }

    RunningGateway production = RunningGateway.start(database, Map.of("IAMCORE_DATA_DIR", dataDir.toString()));
    try {
      Cli.Run refused = Cli.at(production.baseUrl(), admin).run("connector", "list");
      assertThat(refused.exitCode()).as("outside development mode the local key is not trusted").isEqualTo(1);
      assertThat(refused.err()).contains("HTTP 401");
    } finally {
      production.close();
    }
  }

  @Test
  @DisplayName("token mint: admin, scim and user tokens with Entra's claims; a user token needs --oid; no key, no token")
  void tokenMint_claims(@TempDir Path dataDir) {
    DevSigningKey.loadOrCreate(dataDir);
    Cli cli = Cli.at("http://127.0.0.1:1", null).env("IAMCORE_DATA_DIR", dataDir.toString());

    JsonObject admin = new JsonObject(ok(cli.run("token", "mint", "admin", "--json")).out()).getJsonObject("claims");
    assertThat(admin.getString("aud")).isEqualTo("api://iamcore-dev");
    assertThat(admin.getJsonArray("roles")).containsExactly("Administrator");
    assertThat(admin.getString("iss")).isEqualTo("https://sts.windows.net/" + admin.getString("tid") + "/");
    assertThat(admin.getLong("exp") - admin.getLong("iat")).isEqualTo(3600);

    JsonObject scim = claims(ok(cli.run("token", "mint", "scim", "--tenant", "11111111-2222-3333-4444-555555555555"))
        .out().strip());
    assertThat(scim.getString("aud")).isEqualTo("8adf8e6e-67b2-4cf2-a259-e3dc5476c621");
    assertThat(scim.getString("iss")).isEqualTo("https://sts.windows.net/11111111-2222-3333-4444-555555555555/");
    assertThat(scim.containsKey("roles")).isFalse();

    JsonObject user = claims(ok(cli.env("IAMCORE_API_AUDIENCES", "api://mine, other")
        .run("token", "mint", "user", "--oid", "abc", "--role", "iam-core.identity.resolve")).out().strip());
    assertThat(user.getString("oid")).isEqualTo("abc");
    assertThat(user.getString("aud")).isEqualTo("api://mine");
    assertThat(user.getJsonArray("roles")).containsExactly("iam-core.identity.resolve");

    assertThat(cli.run("token", "mint", "user").err()).contains("a user token needs --oid");
    assertThat(cli.run("token", "mint", "admin", "--tenant", "contoso").exitCode()).isEqualTo(2);
    Cli.Run noKey = cli.run("token", "mint", "admin", "--data-dir", dataDir.resolve("elsewhere").toString());
    assertThat(noKey.exitCode()).isEqualTo(1);
    assertThat(noKey.err()).contains("no development signing key at").contains("IAMCORE_DEV_MODE=true");
  }

  static JsonObject header(String jwt) {
    return part(jwt, 0);
  }

  static JsonObject claims(String jwt) {
    return part(jwt, 1);
  }

  private static JsonObject part(String jwt, int index) {
    return new JsonObject(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]), StandardCharsets.UTF_8));
  }
}
