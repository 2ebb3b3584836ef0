package io.iamcore.sync;

import static io.iamcore.sync.SyncPipelineTest.attribute;
import static io.iamcore.sync.SyncPipelineTest.flow;
import static io.iamcore.testing.TestUsers.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.iamcore.testing.GatewayTestBase;
import io.iamcore.testing.HttpResult;
import io.iamcore.testing.RunningGateway;
import io.iamcore.testing.TokenMinter;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Precedence between two projecting sources and recall when a source goes (PRODUCT.md §2): by a
 * disconnect of its object, or by deleting its whole connector.
 */
class RecallTest extends GatewayTestBase {

  private String tenant;
  private String admin;
  private String hr;
  private String hrToken;
  private String erp;
  private String erpToken;
  private String entra;
  private String entraToken;

  @BeforeEach
  void threeSources() {
    tenant = UUID.randomUUID().toString();
    admin = gateway.administrator(tenant);
    hr = connectorWithSecret();
    hrToken = gateway.issueSecret(tenant, hr);
    erp = connectorWithSecret();
    erpToken = gateway.issueSecret(tenant, erp);
    entra = connectorWithSecret();
    entraToken = gateway.issueSecret(tenant, entra);
    createRule(projecting("HR - User", hr, 100));
    createRule(projecting("ERP - User", erp, 200));
    createRule(SyncPipelineTest.seedRule(entra));
  }

  @Test
  @DisplayName("two projecting sources: the lower priority wins; disconnecting the winner's object recalls it and the other's value applies")
  void disconnectWinner_nextContributorApplies() {
    String hrUser = postUser(hr, hrToken, user("ada.hr", "E-1").put("displayName", "Ada (HR)").put("name", new JsonObject().put("familyName", "Lovelace")));
    postUser(erp, erpToken, user("ada.erp", "E-1").put("displayName", "Ada (ERP)").put("name", new JsonObject().put("familyName", "King")));
    assertThat(identity("E-1").getString("displayName")).isEqualTo("Ada (HR)");
    assertThat(identity("E-1").getString("lastName")).isEqualTo("Lovelace");

    HttpResult disconnected = gateway.send("POST",
        "/iamcore/sync/connectors/" + hr + "/objects/" + hrUser + "/disconnect", admin, null);
    assertThat(disconnected.status()).as(disconnected.body()).isEqualTo(200);

    JsonObject after = identity("E-1");
    assertThat(after.getString("displayName")).as("ERP is next in precedence").isEqualTo("Ada (ERP)");
    assertThat(after.getString("lastName")).isEqualTo("King");
  }

  @Test
  @DisplayName("deleting the Entra connector recalls every entraObjectId it gave: tokens stop resolving, identities stay")
  void deleteEntraConnector_recallsOids_keepsIdentities() {
    postUser(hr, hrToken, user("grace.hr", "E-2").put("displayName", "Grace"));
    String oid = UUID.randomUUID().toString();
    postUser(entra, entraToken, user("grace@contoso.example", oid).put("nickName", "E-2"));
    assertThat(me(oid).status()).isEqualTo(200);

    deleteConnector(entra);

    JsonObject identity = identity("E-2");
    assertThat(identity.containsKey("entraObjectId")).isFalse();
    assertThat(identity.containsKey("entraUserPrincipalName")).isFalse();
    assertThat(identity.getString("displayName")).isEqualTo("Grace");
    assertThat(me(oid).status()).as("the deleted connector's oid no longer resolves").isEqualTo(404);
    assertThat(gateway.database().queryLong("SELECT count(*) FROM attribute_contribution WHERE connector_id = '"
        + entra + "'")).isZero();
  }

  @Test
  @DisplayName("deleting the winning projecting connector: identities it alone projected go, shared ones keep the other source's values")
  void deleteProjectingConnector_orphansDeleted_sharedRecomputed() {
    postUser(hr, hrToken, user("only.hr", "E-3").put("displayName", "Only HR"));
    postUser(hr, hrToken, user("both.hr", "E-4").put("displayName", "Both (HR)"));
    postUser(erp, erpToken, user("both.erp", "E-4").put("displayName", "Both (ERP)"));
    String oid = UUID.randomUUID().toString();
    String entraUser = postUser(entra, entraToken, user("only@contoso.example", oid).put("nickName", "E-3"));
    assertThat(me(oid).status()).isEqualTo(200);

    deleteConnector(hr);

    assertThat(gateway.send("GET", "/iamcore/identities/E-3", admin, null).status())
        .as("its last projecting connection went").isEqualTo(404);
    assertThat(me(oid).status()).isEqualTo(404);
    JsonObject entraObject = gateway.send("GET", "/iamcore/sync/connectors/" + entra + "/objects/" + entraUser,
        admin, null).json();
    assertThat(entraObject.getString("joinState")).as("joined to a deleted identity no more").isEqualTo("unjoined");
    assertThat(identity("E-4").getString("displayName")).isEqualTo("Both (ERP)");
  }

  private JsonObject projecting(String name, String connector, int priority) {
    return new JsonObject().put("name", name).put("connectorId", connector)
        .put("connectorObjectType", "user").put("coreObjectType", "Identity")
        .put("provisioningEnabled", true).put("priority", priority).put("joinScope", (String) null)
        .put("inboundAttributeFlows", new JsonArray()
            .add(flow("id", 1, attribute("externalId")))
            .add(flow("displayName", null, attribute("displayName")))
            .add(flow("lastName", null, attribute("name.familyName"))));
  }

  private String connectorWithSecret() {
    return gateway.createScimConnector(tenant).getString("id");
  }

  private void createRule(JsonObject rule) {
    HttpResult created = gateway.send("POST", "/iamcore/sync/rules", admin, rule);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
  }

  private String postUser(String connector, String token, JsonObject body) {
    HttpResult created = gateway.send("POST", RunningGateway.scimPath(connector, "/Users"), token, body);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().getString("id");
  }

  private void deleteConnector(String connector) {
    HttpResult deleted = gateway.send("DELETE", "/iamcore/sync/connectors/" + connector, admin, null);
    assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
  }

  private JsonObject identity(String id) {
    HttpResult result = gateway.send("GET", "/iamcore/identities/" + id, admin, null);
    assertThat(result.status()).as(result.body()).isEqualTo(200);
    return result.json();
  }

  private HttpResult me(String oid) {
    String token = TokenMinter.forKey(gateway.keys()).tenant(tenant).audience(RunningGateway.API_AUDIENCE)
        .oid(oid).sign();
    return gateway.send("GET", "/iamcore/identities/me", token, null);
  }
}
