package io.iamcore.scim.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamcore.scim.ScimSchemas;
import io.iamcore.testing.EntraFixtures;
import io.iamcore.testing.EntraFixtures.Fixture;
import io.iamcore.testing.GatewayTestBase;
import io.iamcore.testing.HttpResult;
import io.iamcore.testing.RunningGateway;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Replays Entra's request corpus, in the order of an initial and an incremental cycle, against
 * the real gateway and PostgreSQL, with a secret-token connector and with an Entra-token one.
 */
class EntraCorpusReplayTest extends GatewayTestBase {

  private static final String CREATED_USER = "7d3f1c2a-5b8e-4f60-9a1d-2c4e6b8f0a11";
  private static final String MANAGER = "c4a9e2f0-1b3d-4e5f-8a7b-9c0d1e2f3a44";
  private static final String OTHER_MANAGER = "e1d2c3b4-a5f6-4789-8abc-def012345678";
  private static final String GROUP = "5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a855";
  private static final String SECOND_MEMBER = "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d";

  @Test
  @DisplayName("every user fixture answers as Entra expects, with a secret token")
  void userLifecycle_secretToken() {
    String tenant = UUID.randomUUID().toString();
    String connector = gateway.createScimConnector(tenant).getString("id");
    replayUserLifecycle(connector, gateway.issueSecret(tenant, connector));
  }

  @Test
  @DisplayName("every user fixture answers as Entra expects, with Entra's own provisioning token")
  void userLifecycle_entraToken() {
    String tenant = UUID.randomUUID().toString();
    String connector = gateway.createScimConnector(tenant).getString("id");
    replayUserLifecycle(connector, gateway.entraProvisioningToken(tenant));
  }

  @Test
  @DisplayName("every group fixture answers as Entra expects on a connector with groupsEnabled, with a secret token")
  void groupLifecycle_secretToken() {
    String tenant = UUID.randomUUID().toString();
    String connector = gateway.createScimConnector(tenant, new JsonObject().put("groupsEnabled", true)).getString("id");
    replayGroupLifecycle(connector, gateway.issueSecret(tenant, connector));
  }

  @Test
  @DisplayName("every group fixture answers as Entra expects on a connector with groupsEnabled, with Entra's token")
  void groupLifecycle_entraToken() {
    String tenant = UUID.randomUUID().toString();
    String connector = gateway.createScimConnector(tenant, new JsonObject().put("groupsEnabled", true)).getString("id");
    replayGroupLifecycle(connector, gateway.entraProvisioningToken(tenant));
  }

  /** Users first, then groups, then membership (the order of Entra's cycles, entra-corpus README). */
  private void replayGroupLifecycle(String connector, String token) {
    Map<String, String> ids = new HashMap<>();
    ids.put(CREATED_USER, expect(connector, token, "06", ids).json().getString("id"));
    ids.put(SECOND_MEMBER, expect(connector, token, "07", ids).json().getString("id"));
    assertEmptyList(expect(connector, token, "02", ids));
    assertEmptyList(expect(connector, token, "26", ids));

    HttpResult created = expect(connector, token, "25", ids);
    ids.put(GROUP, created.json().getString("id"));
    assertThat(created.header("Location")).endsWith("/Groups/" + ids.get(GROUP));
    assertThat(created.json().getString("externalId")).isEqualTo("0f1e2d3c-4b5a-4697-8877-665544332211");
    HttpResult matched = expect(connector, token, "26", ids);
    assertSingle(matched, ids.get(GROUP));
    assertThat(matched.json().getJsonArray("Resources").getJsonObject(0).containsKey("members")).isFalse();
    assertThat(expect(connector, token, "27", ids).json().getString("displayName")).isEqualTo("Contoso Finance Team");

    String version = expect(connector, token, "28", ids).header("ETag");
    assertThat(members(connector, token, ids)).containsExactlyInAnyOrder(ids.get(CREATED_USER), ids.get(SECOND_MEMBER));
    expect(connector, token, "30", ids);
    assertThat(members(connector, token, ids)).containsExactly(ids.get(CREATED_USER));
    expect(connector, token, "28", ids);
    expect(connector, token, "29", ids);
    assertThat(members(connector, token, ids)).containsExactly(ids.get(CREATED_USER));
    HttpResult renamed = expect(connector, token, "31", ids);
    assertThat(renamed.header("ETag")).isNotEqualTo(version);
    assertThat(expect(connector, token, "27", ids).json().getString("displayName")).isEqualTo("Contoso Finance & Ops");

    JsonObject schemas = expect(connector, token, "33", ids).json();
    assertThat(schemas.getJsonArray("Resources").stream().map(s -> ((JsonObject) s).getString("id")))
        .contains(ScimSchemas.USER, ScimSchemas.GROUP, ScimSchemas.ENTERPRISE_USER);
    expect(connector, token, "32", ids);
    assertThat(replay(connector, token, EntraFixtures.get("27"), ids).status()).isEqualTo(404);
  }

  private static List<String> members(String connector, String token, Map<String, String> ids) {
    HttpResult group = gateway.send("GET", RunningGateway.scimPath(connector, "/Groups/" + ids.get(GROUP)), token, null);
    return group.json().getJsonArray("members", new io.vertx.core.json.JsonArray()).stream()
        .map(m -> ((JsonObject) m).getString("value")).toList();
  }

  @Test
  @DisplayName("group fixtures get a SCIM error, never a 5xx, while the connector has groups disabled")
  void groupFixtures_groupsDisabled_scimNotFound() {
    String tenant = UUID.randomUUID().toString();
    String connector = gateway.createScimConnector(tenant).getString("id");
    String token = gateway.issueSecret(tenant, connector);
    List<Fixture> groups = EntraFixtures.all().stream()
        .filter(f -> f.json().getString("path").startsWith("/Groups")).toList();
    assertThat(groups).hasSize(9);
    for (Fixture fixture : groups) {
      HttpResult result = replay(connector, token, fixture, Map.of());
      assertThat(result.status()).as(fixture.id()).isEqualTo(404);
      assertThat(result.json().getJsonArray("schemas").getString(0)).isEqualTo(ScimSchemas.ERROR);
    }
  }

  private void replayUserLifecycle(String connector, String token) {
    Map<String, String> ids = new HashMap<>();
    // Test connection, then the initial cycle's probes for a user that does not exist yet.
    assertEmptyList(replay(connector, token, EntraFixtures.get("01"), ids));
    assertEmptyList(replay(connector, token, EntraFixtures.get("04"), ids));

    HttpResult created = expect(connector, token, "06", ids);
    ids.put(CREATED_USER, created.json().getString("id"));
    assertThat(created.header("Location")).endsWith("/Users/" + ids.get(CREATED_USER));
    assertThat(created.json().getJsonObject("meta").getString("version")).isEqualTo(created.header("ETag"));
    assertThat(created.json().getJsonObject(ScimSchemas.ENTERPRISE_USER).getString("employeeNumber"))
        .isEqualTo("E-100482");

    HttpResult legacy = expect(connector, token, "07", ids);
    assertThat(legacy.json().containsKey("title")).as("explicit nulls are dropped").isFalse();
    ids.put(MANAGER, legacy.json().getString("id"));
    ids.put(OTHER_MANAGER, legacy.json().getString("id"));

    assertSingle(expect(connector, token, "03", ids), ids.get(CREATED_USER));
    assertSingle(expect(connector, token, "05", ids), ids.get(CREATED_USER));
    assertThat(expect(connector, token, "08", ids).json().getString("userName"))
        .isEqualTo("adele.vance@contoso.example");
    expect(connector, token, "09", ids);

    for (String patch : List.of("11", "12", "13", "14", "15", "16")) {
      expect(connector, token, patch, ids);
    }
    assertThat(expect(connector, token, "17", ids).json().getBoolean("active")).isFalse();
    assertThat(expect(connector, token, "18", ids).json().getBoolean("active")).isFalse();
    assertThat(expect(connector, token, "19", ids).json().getBoolean("active")).isFalse();
    assertThat(expect(connector, token, "20", ids).json().getBoolean("active")).isTrue();

    JsonObject withManager = expect(connector, token, "21", ids).json();
    assertThat(withManager.getJsonObject(ScimSchemas.ENTERPRISE_USER).getJsonObject("manager").getString("value"))
        .isEqualTo(ids.get(MANAGER));
    HttpResult referenceCheck = expect(connector, token, "10", ids);
    assertThat(referenceCheck.json().getInteger("totalResults")).isEqualTo(1);
    assertThat(referenceCheck.json().getJsonArray("Resources").getJsonObject(0).fieldNames())
        .containsExactlyInAnyOrder("id", "schemas");
    expect(connector, token, "22", ids);
    expect(connector, token, "23", ids);

    expect(connector, token, "24", ids);
    assertThat(replay(connector, token, EntraFixtures.get("08"), ids).status()).isEqualTo(404);
    assertEmptyList(replay(connector, token, EntraFixtures.get("03"), ids));
  }

  private HttpResult expect(String connector, String token, String fixtureId, Map<String, String> ids) {
    Fixture fixture = EntraFixtures.get(fixtureId);
    HttpResult result = replay(connector, token, fixture, ids);
    assertThat(result.status()).as(fixture.id() + " → " + result.body()).isEqualTo(fixture.expectedStatus());
    return result;
  }

  private static HttpResult replay(String connector, String token, Fixture fixture, Map<String, String> ids) {
    return gateway.send(fixture.method(), RunningGateway.scimPath(connector, fixture.path(ids)), token,
        fixture.body(ids), "application/scim+json", Map.of());
  }

  private static void assertEmptyList(HttpResult result) {
    assertThat(result.status()).as(result.body()).isEqualTo(200);
    assertThat(result.json().getInteger("totalResults")).isZero();
    assertThat(result.json().getJsonArray("Resources")).isEmpty();
  }

  private static void assertSingle(HttpResult result, String id) {
    assertThat(result.json().getInteger("totalResults")).isEqualTo(1);
    assertThat(result.json().getJsonArray("Resources").getJsonObject(0).getString("id")).isEqualTo(id);
  }
}
