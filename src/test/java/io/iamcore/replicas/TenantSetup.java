package io.iamcore.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamcore.testing.GatewayProcess;
import io.iamcore.testing.HttpResult;
import io.iamcore.testing.TestUsers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * A tenant set up as in the seed (see sync/SeedEndToEndTest): an HR connector (template API) whose
 * projecting rule creates a CoreIdentity per person (id = the person's externalId), and an Entra
 * SCIM connector with the seed's join-only rule (joins on nickName = identity id, flows
 * entraObjectId from externalId). Created through {@code via}; usable on every replica.
 */
record TenantSetup(String tenant, String hrConnector, String entraConnector, String scimSecret) {

  static TenantSetup create(GatewayProcess via) {
    String tenant = UUID.randomUUID().toString();
    String admin = via.administrator(tenant);
    String hr = created(via.send("POST", "/iamcore/sync/connectors", admin,
        new JsonObject().put("name", "HR").put("templateId", "API"))).getString("id");
    created(via.send("POST", "/iamcore/sync/rules", admin, new JsonObject().put("name", "HR - Person")
        .put("connectorId", hr).put("connectorObjectType", "person").put("coreObjectType", "Identity")
        .put("provisioningEnabled", true).put("priority", 100)
        .put("inboundAttributeFlows", new JsonArray()
            .add(flow("id", 1, new JsonObject().put("$type", "externalid")))
            .add(flow("displayName", null, new JsonObject().put("$type", "attribute").put("attribute", "displayName"))))));
    String entra = created(via.send("POST", "/iamcore/sync/connectors", admin,
        new JsonObject().put("name", "Entra ID").put("templateId", "SCIM"))).getString("id");
    created(via.send("POST", "/iamcore/sync/rules", admin, new JsonObject().put("name", "Entra ID - User")
        .put("connectorId", entra).put("connectorObjectType", "user").put("coreObjectType", "Identity")
        .put("provisioningEnabled", false).put("priority", 11000).putNull("joinScope")
        .put("inboundAttributeFlows", new JsonArray()
            .add(flow("id", 1, new JsonObject().put("$type", "attribute").put("attribute", "nickName")))
            .add(flow("entraUserPrincipalName", null, new JsonObject().put("$type", "attribute").put("attribute", "userName")))
            .add(flow("entraObjectId", null, new JsonObject().put("$type", "externalid"))))));
    String secret = created(via.send("POST", "/iamcore/sync/connectors/" + entra + "/secrets", admin, null))
        .getString("secretToken");
    io.iamcore.testing.Credentials.remember(secret);
    return new TenantSetup(tenant, hr, entra, secret);
  }

  /** An HR person (hence a CoreIdentity with this id), written through {@code via}. */
  void person(GatewayProcess via, String id) {
    HttpResult put = via.send("PUT", "/iamcore/sync/connectors/" + hrConnector + "/data/person/" + id,
        via.administrator(tenant), new JsonObject().put("displayName", "Person " + id));
    assertThat(put.status()).as(put.body()).isIn(200, 201);
  }

  /** The Entra user carrying {@code oid}, joined to identity {@code personId}; answers the SCIM create. */
  HttpResult entraUser(GatewayProcess via, String userName, String oid, String personId) {
    return via.send("POST", scim("/Users"), scimSecret, TestUsers.user(userName, oid).put("nickName", personId));
  }

  String scim(String rest) {
    return "/iamcore/beta/sync/connectors/" + entraConnector + "/scim" + rest;
  }

  /** Entra's deprovisioning: PATCH active to "False" (its string form). */
  static JsonObject deactivate() {
    return new JsonObject()
        .put("schemas", new JsonArray().add("urn:ietf:params:scim:api:messages:2.0:PatchOp"))
        .put("Operations", new JsonArray().add(new JsonObject().put("op", "Replace").put("path", "active")
            .put("value", "False")));
  }

  private static JsonObject flow(String target, Integer joinPriority, JsonObject value) {
    JsonObject flow = new JsonObject().put("$type", "string").put("targetAttributeName", target).put("value", value);
    return joinPriority == null ? flow : flow.put("joinPriority", joinPriority);
  }

  private static JsonObject created(HttpResult result) {
    assertThat(result.status()).as(result.body()).isEqualTo(201);
    return result.json();
  }
}
