package io.iamcore.index;

import static io.iamcore.testing.TestUsers.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.iamcore.auth.Roles;
import io.iamcore.testing.HttpResult;
import io.iamcore.testing.RunningGateway;
import io.iamcore.testing.TokenMinter;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Token oid → CoreIdentity through the index, on one replica and across two. */
class IdentityResolutionTest {

  private static RunningGateway a;
  private static RunningGateway b;

  @BeforeAll
  static void twoReplicas() {
    a = RunningGateway.start();
    b = RunningGateway.start(a.database(), Map.of());
  }

  @AfterAll
  static void stop() {
    b.stopGateway();
    a.close();
  }

  /** An HR source projecting E-… identities and Entra's seed rule joining on nickName, in a new tenant. */
  private record Tenant(String id, String admin, String hr, String entra, String entraToken) {}

  private static Tenant tenant() {
    String tenant = UUID.randomUUID().toString();
    String admin = a.administrator(tenant);
    String hr = a.send("POST", "/iamcore/sync/connectors", admin,
        new JsonObject().put("name", "HR").put("templateId", "API")).json().getString("id");
    a.send("POST", "/iamcore/sync/rules", admin, new JsonObject().put("name", "HR").put("connectorId", hr)
        .put("connectorObjectType", "person").put("coreObjectType", "Identity").put("provisioningEnabled", true)
        .put("priority", 10).put("inboundAttributeFlows", new JsonArray()
            .add(new JsonObject().put("$type", "string").put("targetAttributeName", "id").put("joinPriority", 1)
                .put("value", new JsonObject().put("$type", "externalid")))
            .add(new JsonObject().put("$type", "string").put("targetAttributeName", "displayName")
                .put("value", new JsonObject().put("$type", "attribute").put("attribute", "name")))));
    String entra = a.createScimConnector(tenant).getString("id");
    a.send("POST", "/iamcore/sync/rules", admin, io.iamcore.sync.SyncPipelineTestRules.seedRule(entra));
    return new Tenant(tenant, admin, hr, entra, a.issueSecret(tenant, entra));
  }

  private static String provision(Tenant t, String coreId, String name) {
    a.send("PUT", "/iamcore/sync/connectors/" + t.hr() + "/data/person/" + coreId, t.admin(),
        new JsonObject().put("name", name));
    String oid = UUID.randomUUID().toString();
    HttpResult created = a.send("POST", RunningGateway.scimPath(t.entra(), "/Users"), t.entraToken(),
        user(coreId + "@contoso.example", oid).put("nickName", coreId));
    assertThat(created.status()).isEqualTo(201);
    return oid;
  }

  /** Entra disables the user: the seed rule disconnects it, and the oid stops resolving. */
  private static void disableInEntra(Tenant t, String oid) {
    String userId = a.send("GET", RunningGateway.scimPath(t.entra(), "/Users?filter=externalId+eq+%22" + oid + "%22"),
        t.entraToken(), null).json().getJsonArray("Resources").getJsonObject(0).getString("id");
    JsonObject disable = new JsonObject()
        .put("schemas", new JsonArray().add("urn:ietf:params:scim:api:messages:2.0:PatchOp"))
        .put("Operations", new JsonArray().add(new JsonObject().put("op", "Replace").put("path", "active")
            .put("value", "False")));
    a.send("PATCH", RunningGateway.scimPath(t.entra(), "/Users/" + userId), t.entraToken(), disable);
  }

  private static HttpResult me(RunningGateway gateway, String tenant, String oid) {
    String token = TokenMinter.forKey(gateway.keys()).tenant(tenant).audience(RunningGateway.API_AUDIENCE)
        .oid(oid).sign();
    return gateway.send("GET", "/iamcore/identities/me", token, null);
  }

  @Test
  @DisplayName("a provisioned user's token resolves to its CoreIdentity; deprovisioned it stops at once; a change is served at once")
  void me_followsProvisioning() {
    Tenant t = tenant();
    String oid = provision(t, "E-1", "Ada");
    HttpResult resolved = me(a, t.id(), oid);
    assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
    assertThat(resolved.json().getString("id")).isEqualTo("E-1");
    assertThat(resolved.json().getString("entraObjectId")).isEqualTo(oid);
    assertThat(resolved.json().getString("displayName")).isEqualTo("Ada");

    a.send("PUT", "/iamcore/sync/connectors/" + t.hr() + "/data/person/E-1", t.admin(),
        new JsonObject().put("name", "Ada Lovelace"));
    assertThat(me(a, t.id(), oid).json().getString("displayName")).isEqualTo("Ada Lovelace");

    disableInEntra(t, oid);
    HttpResult gone = me(a, t.id(), oid);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.json().getJsonObject("error").getString("code")).isEqualTo("notFound");
  }

  @Test
  @DisplayName("one token reused: answered before the router like through it (body, headers, access line, timer, in-flight slot), and changes, deprovisioning and audience still apply at once")
  void me_sameTokenReused_fastLaneAnswersLikeTheRouter() {
    Tenant t = tenant();
    String oid = provision(t, "E-4", "Barbara");
    String token = TokenMinter.forKey(a.keys()).tenant(t.id()).audience(RunningGateway.API_AUDIENCE).oid(oid).sign();
    double countedBefore = meAnswered200();

    HttpResult verified = a.send("GET", "/iamcore/identities/me", token, null);  // verifies: the router's way
    HttpResult cached = a.send("GET", "/iamcore/identities/me", token, null, null, Map.of("X-Request-Id", "lane-" + oid));
    assertThat(cached.status()).isEqualTo(200);
    assertThat(cached.body()).isEqualTo(verified.body());
    assertThat(cached.header("Content-Type")).isEqualTo(verified.header("Content-Type"));
    assertThat(cached.header("X-Request-Id")).isEqualTo("lane-" + oid);
    assertThat(a.logLines()).as("the access line of the cached answer")
        .anyMatch(line -> line.contains("\"requestId\":\"lane-" + oid + "\",\"method\":\"GET\",\"route\":\"/iamcore/identities/me\",\"status\":200")
            && line.contains("\"tenantId\":\"" + t.id() + "\""));
    assertThat(meAnswered200() - countedBefore).as("both answers timed under the route").isEqualTo(2);
    assertThat(metric("iamcore_http_requests_in_flight")).as("only the /metrics request itself in flight").isEqualTo(1);

    // A token of the same user for SCIM, verified and cached there, is still refused here.
    String scimToken = TokenMinter.forKey(a.keys()).tenant(t.id()).audience(TokenMinter.SCIM_AUDIENCE).oid(oid).sign();
    assertThat(a.send("GET", RunningGateway.scimPath(t.entra(), "/Users"), scimToken, null).status()).isEqualTo(200);
    assertThat(a.send("GET", "/iamcore/identities/me", scimToken, null).status()).isEqualTo(401);

    a.send("PUT", "/iamcore/sync/connectors/" + t.hr() + "/data/person/E-4", t.admin(),
        new JsonObject().put("name", "Barbara Liskov"));
    assertThat(a.send("GET", "/iamcore/identities/me", token, null).json().getString("displayName"))
        .isEqualTo("Barbara Liskov");
    disableInEntra(t, oid);
    HttpResult gone = a.send("GET", "/iamcore/identities/me", token, null);
    assertThat(gone.status()).as("the identity is gone: %s", gone.body()).isEqualTo(404);

  }

  private static double meAnswered200() {
    return metric("http_server_requests_seconds_count{method=\"GET\",route=\"/iamcore/identities/me\",status=\"200\"");
  }

  /** The value of the first /metrics series starting with {@code series}, 0 when absent. */
  private static double metric(String series) {
    return a.send("GET", "/metrics", null, null).body().lines().filter(line -> line.startsWith(series))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).findFirst().orElse(0);
  }

  @Test
  @DisplayName("another tenant's token for the same oid is 404; /resolve answers many oids for a caller with the role")
  void tenantScoped_resolveMany() {
    Tenant t = tenant();
    String oid = provision(t, "E-2", "Grace");
    assertThat(me(a, UUID.randomUUID().toString(), oid).status()).isEqualTo(404);

    String unknown = UUID.randomUUID().toString();
    JsonObject body = new JsonObject().put("oids", new JsonArray().add(oid).add(unknown));
    String service = a.adminToken(t.id(), Roles.IDENTITY_RESOLVE);
    HttpResult resolved = a.send("POST", "/iamcore/identities/resolve", service, body);
    assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
    assertThat(resolved.json().getJsonObject(oid).getString("id")).isEqualTo("E-2");
    assertThat(resolved.json().containsKey(unknown)).isTrue();
    assertThat(resolved.json().getValue(unknown)).isNull();
    assertThat(a.send("POST", "/iamcore/identities/resolve", a.adminToken(t.id()), body).status()).isEqualTo(403);

    HttpResult byOid = a.send("GET", "/iamcore/identities?entraObjectId=" + oid, t.admin(), null);
    assertThat(byOid.json().getJsonArray("items").getJsonObject(0).getString("id")).isEqualTo("E-2");
  }

  @Test
  @DisplayName("a change committed on replica A resolves on replica B within 1 s; B rebuilt from scratch agrees")
  void twoReplicas_coherent() throws InterruptedException {
    Tenant t = tenant();
    String oid = provision(t, "E-3", "Linus");
    long deadline = System.currentTimeMillis() + 1_000;
    HttpResult onB = me(b, t.id(), oid);
    while (onB.status() != 200 && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);  // waiting for B's LISTEN notification; the bound is the assertion
      onB = me(b, t.id(), oid);
    }
    assertThat(onB.status()).as("visible on the other replica within 1 s").isEqualTo(200);
    assertThat(onB.json().getString("id")).isEqualTo("E-3");

    RunningGateway c = RunningGateway.start(a.database(), Map.of());
    try {
      assertThat(me(c, t.id(), oid).json().getString("id")).as("a restart rebuilds the same index").isEqualTo("E-3");
    } finally {
      c.stopGateway();
    }
  }
}
