package io.iamcore.sync;

import static io.iamcore.testing.TestUsers.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.iamcore.testing.GatewayTestBase;
import io.iamcore.testing.HttpResult;
import io.iamcore.testing.RunningGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The seed's set-up end to end: an HR source projects CoreIdentities, Entra's join-only rule
 * ("Entra ID - User", priority 11000) joins Entra users to them on nickName = id and flows
 * entraObjectId from externalId; precedence and recall as PRODUCT.md §2 says.
 */
class SyncPipelineTest extends GatewayTestBase {

  private String tenant;
  private String admin;
  private String hr;
  private String hrToken;
  private String entra;
  private String entraToken;

  @BeforeEach
  void connectorsAndRules() {
    tenant = UUID.randomUUID().toString();
    admin = gateway.administrator(tenant);
    hr = gateway.createScimConnector(tenant).getString("id");
    hrToken = gateway.issueSecret(tenant, hr);
    entra = gateway.createScimConnector(tenant).getString("id");
    entraToken = gateway.issueSecret(tenant, entra);
    createRule(new JsonObject().put("name", "HR - User").put("connectorId", hr)
        .put("connectorObjectType", "user").put("coreObjectType", "Identity")
        .put("provisioningEnabled", true).put("priority", 100).put("joinScope", (String) null)
        .put("inboundAttributeFlows", new JsonArray()
            .add(flow("id", 1, attribute("externalId")))
            .add(flow("displayName", null, attribute("displayName")))
            .add(flow("lastName", null, attribute("name.familyName")))));
    createRule(seedRule(entra).put("inboundAttributeFlows", seedRule(entra).getJsonArray("inboundAttributeFlows").copy()
        .add(flow("displayName", null, attribute("displayName")))));
  }

  /** The rule exactly as the seed's New-IAMCoreSyncRule creates it. */
  static JsonObject seedRule(String connectorId) {
    return new JsonObject().put("name", "Entra ID - User").put("connectorId", connectorId)
        .put("connectorObjectType", "user").put("coreObjectType", "Identity")
        .put("provisioningEnabled", false).put("priority", 11000).put("joinScope", (String) null)
        .put("inboundAttributeFlows", new JsonArray()
            .add(flow("id", 1, attribute("nickName")))
            .add(flow("entraUserPrincipalName", null, attribute("userName")))
            .add(flow("entraObjectId", null, new JsonObject().put("$type", "externalid"))));
  }

  @Test
  @DisplayName("an Entra user joins the projected identity on nickName and gives it entraObjectId; HR wins displayName")
  void join_flow_precedence() {
    postUser(hr, hrToken, user("adele.hr", "E-1001").put("displayName", "Adele Vance (HR)")
        .put("name", new JsonObject().put("familyName", "Vance")));
    String oid = UUID.randomUUID().toString();
    postUser(entra, entraToken, user("adele.vance@contoso.example", oid).put("nickName", "E-1001")
        .put("displayName", "Adele Vance"));

    JsonObject identity = identity("E-1001");
    assertThat(identity.getString("objectType")).isEqualTo("Identity");
    assertThat(identity.getString("entraObjectId")).isEqualTo(oid);
    assertThat(identity.getString("entraUserPrincipalName")).isEqualTo("adele.vance@contoso.example");
    assertThat(identity.getString("displayName")).as("priority 100 beats 11000").isEqualTo("Adele Vance (HR)");
    assertThat(identity.getString("lastName")).isEqualTo("Vance");

    HttpResult byOid = gateway.send("GET", "/iamcore/identities?entraObjectId=" + oid, admin, null);
    assertThat(byOid.json().getJsonArray("items")).hasSize(1);
    assertThat(byOid.json().getJsonArray("items").getJsonObject(0).getString("id")).isEqualTo("E-1001");
  }

  @Test
  @DisplayName("a join-only rule never creates identities: an Entra user without a match stays unjoined")
  void joinOnly_noProjection() {
    postUser(entra, entraToken, user("nobody@contoso.example", UUID.randomUUID().toString()).put("nickName", "E-404"));
    assertThat(gateway.send("GET", "/iamcore/identities/E-404", admin, null).status()).isEqualTo(404);
    assertThat(gateway.database().queryLong("SELECT count(*) FROM cs_object WHERE connector_id = '" + entra
        + "' AND join_state = 'unjoined'")).isEqualTo(1);
  }

  @Test
  @DisplayName("active=false recalls a source's contributions and the next contributor's value applies; active=true restores them")
  void deprovision_recalls_reactivate_restores() {
    String hrUser = postUser(hr, hrToken, user("grace.hr", "E-2002").put("displayName", "Grace (HR)"));
    String oid = UUID.randomUUID().toString();
    String entraUser = postUser(entra, entraToken, user("grace@contoso.example", oid).put("nickName", "E-2002")
        .put("displayName", "Grace Hopper"));

    patchActive(entra, entraToken, entraUser, "False");
    JsonObject disabled = identity("E-2002");
    assertThat(disabled.containsKey("entraObjectId")).as("the token no longer resolves").isFalse();
    assertThat(disabled.containsKey("entraUserPrincipalName")).isFalse();
    assertThat(disabled.getString("displayName")).isEqualTo("Grace (HR)");

    patchActive(entra, entraToken, entraUser, "True");
    assertThat(identity("E-2002").getString("entraObjectId")).isEqualTo(oid);

    patchActive(hr, hrToken, hrUser, "False");
    assertThat(identity("E-2002").getString("displayName")).as("next in precedence").isEqualTo("Grace Hopper");
    patchActive(hr, hrToken, hrUser, "True");
    assertThat(identity("E-2002").getString("displayName")).isEqualTo("Grace (HR)");
  }

  @Test
  @DisplayName("an Entra DELETE recalls its values but keeps the identity; the last projecting connection's delete removes it")
  void delete_recall_and_lastProjectingConnection() {
    String hrUser = postUser(hr, hrToken, user("linus.hr", "E-3003").put("displayName", "Linus"));
    String entraUser = postUser(entra, entraToken, user("linus@contoso.example", UUID.randomUUID().toString())
        .put("nickName", "E-3003"));
    assertThat(gateway.send("DELETE", RunningGateway.scimPath(entra, "/Users/" + entraUser), entraToken, null)
        .status()).isEqualTo(204);
    JsonObject afterEntraDelete = identity("E-3003");
    assertThat(afterEntraDelete.containsKey("entraObjectId")).isFalse();
    assertThat(afterEntraDelete.getString("displayName")).isEqualTo("Linus");

    assertThat(gateway.send("DELETE", RunningGateway.scimPath(hr, "/Users/" + hrUser), hrToken, null).status())
        .isEqualTo(204);
    assertThat(gateway.send("GET", "/iamcore/identities/E-3003", admin, null).status()).isEqualTo(404);
  }

  @Test
  @DisplayName("2+ matches fall through to the next criterion; with none left the object is ambiguous; a taken identity does not match")
  void fallThrough_ambiguous_oneObjectPerConnector() {
    postUser(hr, hrToken, user("smith1.hr", "E-501").put("name", new JsonObject().put("familyName", "Smith")));
    postUser(hr, hrToken, user("smith2.hr", "E-502").put("name", new JsonObject().put("familyName", "Smith")));
    String directory = gateway.createScimConnector(tenant).getString("id");
    String directoryToken = gateway.issueSecret(tenant, directory);
    createRule(new JsonObject().put("name", "Directory").put("connectorId", directory)
        .put("connectorObjectType", "user").put("coreObjectType", "Identity").put("provisioningEnabled", false)
        .put("priority", 200).put("inboundAttributeFlows", new JsonArray()
            .add(flow("lastName", 1, attribute("name.familyName")))
            .add(flow("id", 2, attribute("nickName")))
            .add(flow("mobile", null, attribute("phoneNumbers[type eq \"mobile\"].value")))));

    String viaNickName = postUser(directory, directoryToken, user("smith2@contoso.example", "d1")
        .put("name", new JsonObject().put("familyName", "Smith")).put("nickName", "E-502")
        .put("phoneNumbers", new JsonArray().add(new JsonObject().put("type", "mobile").put("value", "+47 555"))));
    assertThat(joinState(directory, viaNickName)).isEqualTo("joined");
    assertThat(identity("E-502").getString("mobile")).isEqualTo("+47 555");

    String noKey = postUser(directory, directoryToken, user("smith@contoso.example", "d2")
        .put("name", new JsonObject().put("familyName", "Smith")));
    assertThat(joinState(directory, noKey)).isEqualTo("ambiguous");

    String second = postUser(directory, directoryToken, user("other@contoso.example", "d3").put("nickName", "E-502"));
    assertThat(joinState(directory, second)).as("E-502 already has this connector's object").isEqualTo("unjoined");
  }

  @Test
  @DisplayName("joinScope limits join candidates to core objects of that scope")
  void joinScope_limitsCandidates() {
    String scoped = gateway.createScimConnector(tenant).getString("id");
    String scopedToken = gateway.issueSecret(tenant, scoped);
    createRule(new JsonObject().put("name", "Scoped").put("connectorId", scoped).put("connectorObjectType", "user")
        .put("coreObjectType", "Identity").put("provisioningEnabled", false).put("priority", 300)
        .put("joinScope", "contractors")
        .put("inboundAttributeFlows", new JsonArray().add(flow("id", 1, attribute("nickName")))));
    postUser(hr, hrToken, user("emp.hr", "E-600"));
    String user = postUser(scoped, scopedToken, user("emp@contoso.example", "s1").put("nickName", "E-600"));
    assertThat(joinState(scoped, user)).as("E-600 has no joinScope 'contractors'").isEqualTo("unjoined");
  }

  private String joinState(String connector, String objectId) {
    return gateway.send("GET", "/iamcore/sync/connectors/" + connector + "/objects/" + objectId, admin, null)
        .json().getString("joinState");
  }

  @Test
  @DisplayName("rules are validated with clear errors, and another tenant's rule is 404")
  void rules_validated_tenantScoped() {
    JsonObject unknownConnector = seedRule(UUID.randomUUID().toString());
    assertBadRequest(unknownConnector, "connectorId");
    JsonObject badTarget = seedRule(entra);
    badTarget.getJsonArray("inboundAttributeFlows").getJsonObject(1).put("targetAttributeName", "shoeSize");
    assertBadRequest(badTarget, "shoeSize");
    JsonObject badExpression = seedRule(entra);
    badExpression.getJsonArray("inboundAttributeFlows").getJsonObject(1)
        .put("value", new JsonObject().put("$type", "regex"));
    assertBadRequest(badExpression, "regex");
    JsonObject twoJoins = seedRule(entra);
    twoJoins.getJsonArray("inboundAttributeFlows").getJsonObject(1).put("joinPriority", 1);
    assertBadRequest(twoJoins, "joinPriority");

    String ruleId = createRule(seedRule(entra).put("name", "copy")).getString("id");
    String other = gateway.administrator(UUID.randomUUID().toString());
    assertThat(gateway.send("GET", "/iamcore/sync/rules/" + ruleId, other, null).status()).isEqualTo(404);
    assertThat(gateway.send("DELETE", "/iamcore/sync/rules/" + ruleId, other, null).status()).isEqualTo(404);
    HttpResult mine = gateway.send("GET", "/iamcore/sync/rules/" + ruleId, admin, null);
    assertThat(mine.json().getJsonArray("inboundAttributeFlows")).isEqualTo(seedRule(entra).getJsonArray("inboundAttributeFlows"));
  }

  private void assertBadRequest(JsonObject rule, String mentioned) {
    HttpResult result = gateway.send("POST", "/iamcore/sync/rules", admin, rule);
    assertThat(result.status()).as(result.body()).isEqualTo(400);
    assertThat(result.json().getJsonObject("error").getString("message")).contains(mentioned);
  }

  private JsonObject createRule(JsonObject rule) {
    HttpResult created = gateway.send("POST", "/iamcore/sync/rules", admin, rule);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json();
  }

  private String postUser(String connector, String token, JsonObject body) {
    HttpResult created = gateway.send("POST", RunningGateway.scimPath(connector, "/Users"), token, body);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().getString("id");
  }

  private void patchActive(String connector, String token, String userId, String value) {
    JsonObject patch = new JsonObject()
        .put("schemas", new JsonArray().add("urn:ietf:params:scim:api:messages:2.0:PatchOp"))
        .put("Operations", new JsonArray().add(new JsonObject().put("op", "Replace").put("path", "active")
            .put("value", value)));
    assertThat(gateway.send("PATCH", RunningGateway.scimPath(connector, "/Users/" + userId), token, patch).status())
        .isEqualTo(200);
  }

  private JsonObject identity(String id) {
    HttpResult result = gateway.send("GET", "/iamcore/identities/" + id, admin, null);
    assertThat(result.status()).as(result.body()).isEqualTo(200);
    return result.json();
  }

  static JsonObject flow(String target, Integer joinPriority, JsonObject value) {
    JsonObject flow = new JsonObject().put("$type", "string").put("targetAttributeName", target);
    if (joinPriority != null) {
      flow.put("joinPriority", joinPriority);
    }
    return flow.put("value", value);
  }

  static JsonObject attribute(String path) {
    return new JsonObject().put("$type", "attribute").put("attribute", path);
  }
}
