package io.iamcore.connector;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamcore.auth.Roles;
import io.iamcore.testing.GatewayTestBase;
import io.iamcore.testing.HttpResult;
import io.iamcore.testing.RunningGateway;
import io.iamcore.testing.TokenMinter;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ConnectorApiTest extends GatewayTestBase {

  private static final String BASE = "/iamcore/sync/connectors";

  private final String tenant = UUID.randomUUID().toString();

  @Test
  @DisplayName("an administrator creates a SCIM connector with defaults, then reads, lists, patches and deletes it")
  void lifecycle() {
    String admin = gateway.administrator(tenant);
    HttpResult created = gateway.send("POST", BASE, admin,
        new JsonObject().put("name", "Entra ID").put("templateId", "SCIM").put("description", "prod tenant"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonObject connector = created.json();
    String id = connector.getString("id");
    assertThat(created.header("Location")).isEqualTo(BASE + "/" + id);
    assertThat(created.header("ETag")).isEqualTo(connector.getString("_etag"));
    assertThat(connector.getString("type")).isEqualTo("scim");
    assertThat(connector.getString("provisioningState")).isEqualTo("Provisioned");
    assertThat(connector.getInteger("softDeletionDays")).isEqualTo(90);
    assertThat(connector.getJsonObject("configuration")).isEqualTo(new JsonObject()
        .put("tenantId", tenant).put("authentication", "entraOrSecret").put("groupsEnabled", false));

    assertThat(gateway.send("GET", BASE + "/" + id, admin, null).json()).isEqualTo(connector);
    HttpResult list = gateway.send("GET", BASE, admin, null);
    assertThat(list.json().getJsonArray("items")).containsExactly(connector);
    assertThat(list.json().getValue("nextCursor")).isNull();

    HttpResult patched = gateway.send("PATCH", BASE + "/" + id, admin,
        new JsonObject().put("name", "Entra ID (prod)")
            .put("configuration", new JsonObject().put("authentication", "entra")).encode(),
        "application/json", Map.of("If-Match", connector.getString("_etag")));
    assertThat(patched.status()).as(patched.body()).isEqualTo(200);
    assertThat(patched.json().getString("name")).isEqualTo("Entra ID (prod)");
    assertThat(patched.json().getJsonObject("configuration").getString("authentication")).isEqualTo("entra");
    assertThat(patched.json().getString("_etag")).isNotEqualTo(connector.getString("_etag"));

    HttpResult stale = gateway.send("PATCH", BASE + "/" + id, admin,
        new JsonObject().put("name", "x").encode(), "application/json",
        Map.of("If-Match", connector.getString("_etag")));
    assertThat(stale.status()).isEqualTo(412);
    assertThat(stale.json().getJsonObject("error").getString("code")).isEqualTo("preconditionFailed");

    assertThat(gateway.send("DELETE", BASE + "/" + id, admin, null).status()).isEqualTo(204);
    assertThat(gateway.send("GET", BASE + "/" + id, admin, null).status()).isEqualTo(404);
  }

  @Test
  @DisplayName("a secret token is shown once, stored only as a hash, and DELETE /secrets revokes it")
  void secrets_shownOnce_revocable() {
    String admin = gateway.administrator(tenant);
    String id = gateway.createScimConnector(tenant).getString("id");
    HttpResult issued = gateway.send("POST", BASE + "/" + id + "/secrets", admin, null);
    assertThat(issued.status()).isEqualTo(201);
    String token = issued.json().getString("secretToken");
    assertThat(token).startsWith("iamcs_").hasSizeGreaterThan(40);
    assertThat(issued.json().getString("id")).isNotBlank();

    HttpResult read = gateway.send("GET", BASE + "/" + id, admin, null);
    assertThat(read.body()).doesNotContain(token);
    assertThat(read.json().getJsonArray("secrets")).hasSize(1);
    long stored = gateway.database().queryLong("SELECT count(*) FROM connector_secret WHERE token_hash = sha256('"
        + token + "'::bytea)");
    assertThat(stored).as("only the SHA-256 of the token is stored").isEqualTo(1);

    String users = RunningGateway.scimPath(id, "/Users");
    assertThat(gateway.send("GET", users, token, null).status()).isEqualTo(200);
    assertThat(gateway.send("DELETE", BASE + "/" + id + "/secrets", admin, null).status()).isEqualTo(204);
    assertThat(gateway.send("GET", users, token, null).status()).isEqualTo(401);
  }

  @Test
  @DisplayName("another tenant's connector is 404, never 403, for every verb")
  void otherTenant_notFound() {
    String id = gateway.createScimConnector(tenant).getString("id");
    String intruder = gateway.administrator(UUID.randomUUID().toString());
    assertThat(gateway.send("GET", BASE + "/" + id, intruder, null).status()).isEqualTo(404);
    assertThat(gateway.send("PATCH", BASE + "/" + id, intruder, new JsonObject().put("name", "x")).status()).isEqualTo(404);
    assertThat(gateway.send("DELETE", BASE + "/" + id, intruder, null).status()).isEqualTo(404);
    assertThat(gateway.send("POST", BASE + "/" + id + "/secrets", intruder, null).status()).isEqualTo(404);
    assertThat(gateway.send("GET", BASE, intruder, null).json().getJsonArray("items")).isEmpty();
    assertThat(gateway.send("GET", BASE + "/" + id, gateway.administrator(tenant), null).status()).isEqualTo(200);
  }

  @Test
  @DisplayName("no token is 401, a token without the role is 403, a read role cannot write")
  void roles_enforced() {
    assertThat(gateway.send("GET", BASE, null, null).status()).isEqualTo(401);
    String noRole = gateway.adminToken(tenant);
    HttpResult forbidden = gateway.send("GET", BASE, noRole, null);
    assertThat(forbidden.status()).isEqualTo(403);
    assertThat(forbidden.json().getJsonObject("error").getString("message"))
        .contains(Roles.CONNECTOR_CONFIGURATION_READ);
    String reader = gateway.adminToken(tenant, Roles.CONNECTOR_CONFIGURATION_READ);
    assertThat(gateway.send("GET", BASE, reader, null).status()).isEqualTo(200);
    assertThat(gateway.send("POST", BASE, reader,
        new JsonObject().put("name", "x").put("templateId", "SCIM")).status()).isEqualTo(403);
    String writer = gateway.adminToken(tenant, Roles.CONNECTOR_CONFIGURATION_READWRITE);
    assertThat(gateway.send("POST", BASE, writer,
        new JsonObject().put("name", "x").put("templateId", "API")).status()).isEqualTo(201);
  }

  @Test
  @DisplayName("a SCIM-audience token, an expired token and a forged unsigned token are all 401")
  void wrongTokens_unauthorized() {
    String scimToken = gateway.entraProvisioningToken(tenant);
    assertThat(gateway.send("GET", BASE, scimToken, null).status()).isEqualTo(401);
    String expired = TokenMinter.forKey(gateway.keys()).tenant(tenant).audience(RunningGateway.API_AUDIENCE)
        .roles(Roles.ADMINISTRATOR).expiresAt(java.time.Instant.now().minusSeconds(3600))
        .notBefore(java.time.Instant.now().minusSeconds(7200)).issuedAt(java.time.Instant.now().minusSeconds(7200))
        .sign();
    assertThat(gateway.send("GET", BASE, expired, null).status()).isEqualTo(401);
    String unsigned = TokenMinter.forKey(gateway.keys()).tenant(tenant).audience(RunningGateway.API_AUDIENCE)
        .roles(Roles.ADMINISTRATOR).unsigned();
    HttpResult refused = gateway.send("GET", BASE, unsigned, null);
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.header("WWW-Authenticate")).isEqualTo("Bearer");
  }

  @Test
  @DisplayName("bad create bodies get 400 with a message naming the field, and create nothing")
  void badInput_badRequest_nothingWritten() {
    String admin = gateway.administrator(tenant);
    JsonObject[] bad = {
        new JsonObject().put("templateId", "SCIM"),
        new JsonObject().put("name", "x").put("templateId", "LDAP"),
        new JsonObject().put("name", "x").put("templateId", "SCIM").put("softDeletionDays", -1),
        new JsonObject().put("name", "x").put("templateId", "SCIM")
            .put("configuration", new JsonObject().put("authentication", "basic")),
        new JsonObject().put("name", "x").put("templateId", "SCIM")
            .put("configuration", new JsonObject().put("tenantId", UUID.randomUUID().toString())),
        new JsonObject().put("name", "x").put("templateId", "API").put("configuration", new JsonObject().put("a", 1)),
        new JsonObject().put("name", "x").put("templateId", "SCIM").put("color", "blue"),
    };
    for (JsonObject body : bad) {
      HttpResult result = gateway.send("POST", BASE, admin, body);
      assertThat(result.status()).as(body.encode() + " → " + result.body()).isEqualTo(400);
      assertThat(result.json().getJsonObject("error").getString("code")).isEqualTo("invalidRequest");
    }
    HttpResult malformed = gateway.send("POST", BASE, admin, "{not json", "application/json", Map.of());
    assertThat(malformed.status()).isEqualTo(400);
    HttpResult wrongType = gateway.send("POST", BASE, admin, "name=x", "application/x-www-form-urlencoded", Map.of());
    assertThat(wrongType.status()).isEqualTo(415);
    assertThat(gateway.send("GET", BASE, admin, null).json().getJsonArray("items")).isEmpty();
  }

  @Test
  @DisplayName("lists page with limit and nextCursor")
  void list_paginates() {
    String admin = gateway.administrator(tenant);
    for (int i = 0; i < 5; i++) {
      gateway.createScimConnector(tenant);
    }
    HttpResult first = gateway.send("GET", BASE + "?limit=2", admin, null);
    assertThat(first.json().getJsonArray("items")).hasSize(2);
    String cursor = first.json().getString("nextCursor");
    assertThat(cursor).isNotNull();
    HttpResult second = gateway.send("GET", BASE + "?limit=2&cursor=" + cursor, admin, null);
    HttpResult third = gateway.send("GET", BASE + "?limit=2&cursor=" + second.json().getString("nextCursor"), admin, null);
    assertThat(third.json().getJsonArray("items")).hasSize(1);
    assertThat(third.json().getValue("nextCursor")).isNull();
  }
}
