package io.iamcore.scim.endpoint;

import static io.iamcore.testing.TestUsers.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.iamcore.testing.GatewayTestBase;
import io.iamcore.testing.HttpResult;
import io.iamcore.testing.RunningGateway;
import io.iamcore.testing.TokenMinter;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** SCIM /Users behaviour beyond Entra's happy path: errors, uniqueness, replay, paging, ETags. */
class ScimUsersTest extends GatewayTestBase {

  private String tenant;
  private String connector;
  private String token;

  @BeforeEach
  void connector() {
    tenant = UUID.randomUUID().toString();
    connector = gateway.createScimConnector(tenant).getString("id");
    token = gateway.issueSecret(tenant, connector);
  }

  private HttpResult post(JsonObject body) {
    return gateway.send("POST", users(""), token, body);
  }

  private String users(String rest) {
    return RunningGateway.scimPath(connector, "/Users" + rest);
  }

  private long storedUsers() {
    return gateway.database().queryLong("SELECT count(*) FROM cs_object WHERE connector_id = '" + connector
        + "' AND deleted_at IS NULL");
  }

  @Test
  @DisplayName("userName is unique per connector whatever its case or Unicode form; the loser gets 409 uniqueness")
  void create_sameUserNameOtherCase_conflict() {
    assertThat(post(user("Ada.Lovelace@contoso.example", "ada")).status()).isEqualTo(201);
    HttpResult clash = post(user("ADA.LOVELACE@CONTOSO.EXAMPLE", "someone-else"));
    assertThat(clash.status()).isEqualTo(409);
    assertThat(clash.json().getString("scimType")).isEqualTo("uniqueness");
    assertThat(clash.json().getString("status")).isEqualTo("409");
    // NFKC: a fullwidth "Ａ" is the same canonical name as "a".
    assertThat(post(user("\uFF21da.lovelace@contoso.example", "third")).status()).isEqualTo(409);
    assertThat(storedUsers()).isEqualTo(1);
  }

  @Test
  @DisplayName("a replayed create (same userName, same externalId) answers 201 with the existing user")
  void create_replayed_returnsExisting() {
    HttpResult first = post(user("grace@contoso.example", "grace"));
    HttpResult replay = post(user("Grace@contoso.example", "grace"));
    assertThat(replay.status()).isEqualTo(201);
    assertThat(replay.json().getString("id")).isEqualTo(first.json().getString("id"));
    assertThat(storedUsers()).isEqualTo(1);
  }

  @Test
  @DisplayName("filter eq on userName is case-insensitive, on externalId case-exact; malformed filters say where")
  void filters() {
    String id = post(user("Alan@contoso.example", "Alan-T")).json().getString("id");
    HttpResult byName = gateway.send("GET", users("?filter=userName+eq+%22alan%40CONTOSO.example%22"), token, null);
    assertThat(byName.json().getJsonArray("Resources").getJsonObject(0).getString("id")).isEqualTo(id);
    HttpResult byExternal = gateway.send("GET", users("?filter=externalId%20eq%20%22alan-t%22"), token, null);
    assertThat(byExternal.json().getInteger("totalResults")).isZero();
    HttpResult byId = gateway.send("GET", users("?filter=id+eq+%22" + id + "%22"), token, null);
    assertThat(byId.json().getInteger("totalResults")).isEqualTo(1);
    HttpResult broken = gateway.send("GET", users("?filter=userName+eqq+%22x%22"), token, null);
    assertThat(broken.status()).isEqualTo(400);
    assertThat(broken.json().getString("scimType")).isEqualTo("invalidFilter");
    assertThat(broken.json().getString("detail")).contains("position");
    HttpResult byDisplayName = gateway.send("GET", users("?filter=displayName+co+%22ALAN%22"), token, null);
    assertThat(byDisplayName.status()).as("every filter is answered (in SQL)").isEqualTo(200);
    assertThat(byDisplayName.json().getInteger("totalResults")).isEqualTo(1);
  }

  @Test
  @DisplayName("listing pages with startIndex and count, clamping out-of-range values as RFC 7644 says")
  void list_pages() {
    for (int i = 0; i < 5; i++) {
      post(user("user" + i + "@contoso.example", "u" + i));
    }
    HttpResult page = gateway.send("GET", users("?startIndex=2&count=2"), token, null);
    assertThat(page.json().getInteger("totalResults")).isEqualTo(5);
    assertThat(page.json().getInteger("startIndex")).isEqualTo(2);
    assertThat(page.json().getJsonArray("Resources")).hasSize(2);
    HttpResult clamped = gateway.send("GET", users("?startIndex=-4&count=-1"), token, null);
    assertThat(clamped.json().getInteger("startIndex")).isEqualTo(1);
    assertThat(clamped.json().getJsonArray("Resources")).isEmpty();
    assertThat(clamped.json().getInteger("totalResults")).isEqualTo(5);
    HttpResult all = gateway.send("GET", users("/?count=100000"), token, null);
    assertThat(all.json().getJsonArray("Resources")).hasSize(5);
  }

  @Test
  @DisplayName("PUT replaces the user; a stale If-Match is 412 and changes nothing; DELETE then 404")
  void replace_ifMatch_delete() {
    HttpResult created = post(user("linus@contoso.example", "linus"));
    String id = created.json().getString("id");
    String etag = created.header("ETag");
    HttpResult replaced = gateway.send("PUT", users("/" + id), token,
        user("linus.t@contoso.example", "linus").put("title", "Kernel").encode(), "application/scim+json",
        Map.of("If-Match", etag));
    assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
    assertThat(replaced.json().getString("title")).isEqualTo("Kernel");
    assertThat(replaced.header("ETag")).isNotEqualTo(etag);
    HttpResult stale = gateway.send("PUT", users("/" + id), token,
        user("other@contoso.example", "linus").encode(), "application/scim+json", Map.of("If-Match", etag));
    assertThat(stale.status()).isEqualTo(412);
    assertThat(gateway.send("GET", users("/" + id), token, null).json().getString("userName"))
        .isEqualTo("linus.t@contoso.example");
    HttpResult notModified = gateway.send("GET", users("/" + id), token, null, null,
        Map.of("If-None-Match", replaced.header("ETag")));
    assertThat(notModified.status()).isEqualTo(304);

    assertThat(gateway.send("DELETE", users("/" + id), token, null).status()).isEqualTo(204);
    assertThat(gateway.send("GET", users("/" + id), token, null).status()).isEqualTo(404);
    assertThat(gateway.send("DELETE", users("/" + id), token, null).status()).isEqualTo(404);
    assertThat(post(user("linus.t@contoso.example", "linus2")).status())
        .as("a deleted user's userName is free again").isEqualTo(201);
  }

  @Test
  @DisplayName("a PATCH that fails in its second operation changes nothing")
  void patch_atomic() {
    HttpResult created = post(user("ken@contoso.example", "ken"));
    String id = created.json().getString("id");
    JsonObject patch = new JsonObject()
        .put("schemas", new JsonArray().add("urn:ietf:params:scim:api:messages:2.0:PatchOp"))
        .put("Operations", new JsonArray()
            .add(new JsonObject().put("op", "Replace").put("path", "displayName").put("value", "Changed"))
            .add(new JsonObject().put("op", "remove").put("path", "emails[type eq \"home\"]")));
    HttpResult failed = gateway.send("PATCH", users("/" + id), token, patch);
    assertThat(failed.status()).isEqualTo(400);
    assertThat(failed.json().getString("scimType")).isEqualTo("noTarget");
    HttpResult after = gateway.send("GET", users("/" + id), token, null);
    assertThat(after.json().getString("displayName")).isEqualTo("User ken@contoso.example");
    assertThat(after.header("ETag")).isEqualTo(created.header("ETag"));
  }

  @Test
  @DisplayName("bad bodies get SCIM errors with the right scimType and write nothing")
  void badInput_scimErrors_nothingWritten() {
    HttpResult malformed = gateway.send("POST", users(""), token, "{\"userName\": ", "application/scim+json", Map.of());
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.json().getString("scimType")).isEqualTo("invalidSyntax");
    HttpResult noUserName = post(user("x", "x").put("userName", ""));
    assertThat(noUserName.status()).isEqualTo(400);
    assertThat(noUserName.json().getString("scimType")).isEqualTo("invalidValue");
    assertThat(noUserName.json().getString("detail")).contains("userName");
    HttpResult noSchemas = gateway.send("POST", users(""), token, new JsonObject().put("userName", "a"));
    assertThat(noSchemas.status()).isEqualTo(400);
    HttpResult nul = post(user("nul@contoso.example", "n").put("displayName", "a\u0000b"));
    assertThat(nul.status()).isEqualTo(400);
    HttpResult badActive = post(user("act@contoso.example", "a").put("active", "maybe"));
    assertThat(badActive.status()).isEqualTo(400);
    HttpResult array = gateway.send("POST", users(""), token, "[]", "application/scim+json", Map.of());
    assertThat(array.status()).isEqualTo(400);
    HttpResult wrongType = gateway.send("POST", users(""), token, user("t@x", "t").encode(), "text/plain", Map.of());
    assertThat(wrongType.status()).isEqualTo(415);
    assertThat(wrongType.json().getJsonArray("schemas").getString(0)).endsWith(":Error");
    String tooBig = user("big@contoso.example", "b").put("displayName", "x".repeat(2_000_000)).encode();
    assertThat(gateway.send("POST", users(""), token, tooBig, "application/scim+json", Map.of()).status())
        .isEqualTo(413);
    assertThat(storedUsers()).isZero();
  }

  @Test
  @DisplayName("no token, a wrong connector's secret, another tenant's Entra token, or an unknown connector: 401")
  void authentication_failures_unauthorized() {
    String otherTenant = UUID.randomUUID().toString();
    String otherConnector = gateway.createScimConnector(otherTenant).getString("id");
    String otherSecret = gateway.issueSecret(otherTenant, otherConnector);
    String[] tokens = {
        null,
        otherSecret,
        gateway.entraProvisioningToken(otherTenant),
        TokenMinter.forKey(gateway.keys()).tenant(tenant).audience("some-other-app").sign(),
        TokenMinter.forKey(gateway.keys()).tenant(tenant).audience(TokenMinter.SCIM_AUDIENCE).unsigned(),
        "iamcs_" + "A".repeat(43),
    };
    for (String bad : tokens) {
      HttpResult result = gateway.send("POST", users(""), bad, user("z@contoso.example", "z"));
      assertThat(result.status()).as(String.valueOf(bad)).isEqualTo(401);
      assertThat(result.json().getString("status")).isEqualTo("401");
    }
    HttpResult unknown = gateway.send("GET", RunningGateway.scimPath(UUID.randomUUID().toString(), "/Users"),
        token, null);
    assertThat(unknown.status()).isEqualTo(401);
    HttpResult notAnId = gateway.send("GET", RunningGateway.scimPath("not-a-uuid", "/Users"), token, null);
    assertThat(notAnId.status()).isEqualTo(401);
    assertThat(storedUsers()).isZero();
  }

  @Test
  @DisplayName("a connector set to 'secret' refuses Entra tokens; one set to 'entra' refuses secrets")
  void authenticationMode_honoured() {
    String admin = gateway.administrator(tenant);
    gateway.send("PATCH", "/iamcore/sync/connectors/" + connector, admin,
        new JsonObject().put("configuration", new JsonObject().put("authentication", "secret")));
    assertThat(gateway.send("GET", users(""), gateway.entraProvisioningToken(tenant), null).status()).isEqualTo(401);
    assertThat(gateway.send("GET", users(""), token, null).status()).isEqualTo(200);
    gateway.send("PATCH", "/iamcore/sync/connectors/" + connector, admin,
        new JsonObject().put("configuration", new JsonObject().put("authentication", "entra")));
    assertThat(gateway.send("GET", users(""), token, null).status()).isEqualTo(401);
    assertThat(gateway.send("GET", users(""), gateway.entraProvisioningToken(tenant), null).status()).isEqualTo(200);
  }
}
