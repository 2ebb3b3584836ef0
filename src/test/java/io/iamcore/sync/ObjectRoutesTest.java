package io.iamcore.sync;

import static io.iamcore.testing.TestUsers.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.iamcore.testing.GatewayTestBase;
import io.iamcore.testing.HttpResult;
import io.iamcore.testing.RunningGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ObjectRoutesTest extends GatewayTestBase {

  @Test
  @DisplayName("objects show their join state; a preview explains the rules; a disconnect recalls and is never re-joined")
  void list_preview_disconnect() {
    String tenant = UUID.randomUUID().toString();
    String admin = gateway.administrator(tenant);
    String hr = gateway.send("POST", "/iamcore/sync/connectors", admin,
        new JsonObject().put("name", "HR").put("templateId", "API")).json().getString("id");
    gateway.send("POST", "/iamcore/sync/rules", admin, new JsonObject().put("name", "HR").put("connectorId", hr)
        .put("connectorObjectType", "person").put("coreObjectType", "Identity").put("provisioningEnabled", true)
        .put("priority", 10).put("inboundAttributeFlows", new JsonArray()
            .add(SyncPipelineTest.flow("id", 1, new JsonObject().put("$type", "externalid")))));
    gateway.send("PUT", "/iamcore/sync/connectors/" + hr + "/data/person/E-9", admin, new JsonObject());
    String entra = gateway.createScimConnector(tenant).getString("id");
    String token = gateway.issueSecret(tenant, entra);
    gateway.send("POST", "/iamcore/sync/rules", admin, SyncPipelineTest.seedRule(entra));
    String userId = gateway.send("POST", RunningGateway.scimPath(entra, "/Users"), token,
        user("nine@contoso.example", "oid-9").put("nickName", "E-9")).json().getString("id");

    String objects = "/iamcore/sync/connectors/" + entra + "/objects";
    HttpResult joined = gateway.send("GET", objects + "?joinState=joined", admin, null);
    assertThat(joined.json().getJsonArray("items")).hasSize(1);
    JsonObject object = gateway.send("GET", objects + "/" + userId, admin, null).json();
    assertThat(object.getString("joinState")).isEqualTo("joined");
    assertThat(object.getJsonObject("joinedTo")).isEqualTo(new JsonObject().put("objectType", "Identity").put("id", "E-9"));
    assertThat(object.getJsonObject("data").getString("userName")).isEqualTo("nine@contoso.example");

    JsonObject preview = gateway.send("GET", objects + "/" + userId + "/syncpreview", admin, null).json();
    JsonObject rule = preview.getJsonArray("rules").getJsonObject(0);
    assertThat(rule.getJsonObject("attributeFlows").getString("entraObjectId")).isEqualTo("oid-9");
    assertThat(rule.getJsonArray("joinCriteria").getJsonObject(0).getJsonArray("matches")).containsExactly("E-9");

    HttpResult disconnected = gateway.send("POST", objects + "/" + userId + "/disconnect", admin, null);
    assertThat(disconnected.status()).as(disconnected.body()).isEqualTo(200);
    assertThat(disconnected.json().getString("joinState")).isEqualTo("disconnector");
    assertThat(gateway.send("GET", "/iamcore/identities/E-9", admin, null).json().containsKey("entraObjectId")).isFalse();

    // A later change of the disconnected user does not join it again.
    gateway.send("PUT", RunningGateway.scimPath(entra, "/Users/" + userId), token,
        user("nine@contoso.example", "oid-9").put("nickName", "E-9").put("title", "changed"));
    assertThat(gateway.send("GET", objects + "/" + userId, admin, null).json().getString("joinState"))
        .isEqualTo("disconnector");
    assertThat(gateway.send("GET", "/iamcore/identities/E-9", admin, null).json().containsKey("entraObjectId")).isFalse();

    String intruder = gateway.administrator(UUID.randomUUID().toString());
    assertThat(gateway.send("GET", objects + "/" + userId, intruder, null).status()).isEqualTo(404);
    assertThat(gateway.send("POST", objects + "/" + userId + "/disconnect", intruder, null).status()).isEqualTo(404);
  }
}
