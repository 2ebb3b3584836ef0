package io.iamcore.scim.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamcore.testing.GatewayTestBase;
import io.iamcore.testing.HttpResult;
import io.iamcore.testing.RunningGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 7644 §4 discovery, with the shapes of RFC 7643 §5 (ServiceProviderConfig), §6
 * (ResourceType) and §7 (Schema), against the real server.
 */
class ScimDiscoveryTest extends GatewayTestBase {

  private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
  private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  private static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";

  private static String tenant;
  private static String connector;
  private static String token;

  @BeforeAll
  static void connector() {
    tenant = UUID.randomUUID().toString();
    connector = gateway.createScimConnector(tenant).getString("id");
    token = gateway.issueSecret(tenant, connector);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/ServiceProviderConfig", "/ServiceProviderConfig/"})
  @DisplayName("ServiceProviderConfig advertises exactly what works: PATCH, Bulk with its limits, filter ≤ 1000, sort, ETags; no password change")
  void serviceProviderConfig(String path) {
    HttpResult result = get(path);
    assertThat(result.status()).isEqualTo(200);
    assertThat(result.header("Content-Type")).startsWith("application/scim+json");
    JsonObject config = result.json();
    assertThat(config.getJsonArray("schemas"))
        .containsExactly("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig");
    assertThat(config.getJsonObject("patch").getBoolean("supported")).isTrue();
    assertThat(config.getJsonObject("bulk").getBoolean("supported")).isTrue();
    assertThat(config.getJsonObject("bulk").getInteger("maxOperations")).isEqualTo(1000);
    assertThat(config.getJsonObject("bulk").getInteger("maxPayloadSize")).isEqualTo(1_048_576);
    assertThat(config.getJsonObject("filter").getBoolean("supported")).isTrue();
    assertThat(config.getJsonObject("filter").getInteger("maxResults")).isEqualTo(1000);
    assertThat(config.getJsonObject("changePassword").getBoolean("supported")).isFalse();
    assertThat(config.getJsonObject("sort").getBoolean("supported")).isTrue();
    assertThat(config.getJsonObject("etag").getBoolean("supported")).isTrue();
    JsonObject scheme = config.getJsonArray("authenticationSchemes").getJsonObject(0);
    assertThat(scheme.getString("type")).isEqualTo("oauthbearertoken");
    assertThat(scheme.getString("name")).isNotBlank();
    assertThat(scheme.getString("description")).isNotBlank();
    assertThat(config.getJsonObject("meta").getString("resourceType")).isEqualTo("ServiceProviderConfig");
    assertThat(config.getJsonObject("meta").getString("location"))
        .isEqualTo(gateway.baseUrl() + RunningGateway.scimPath(connector, "/ServiceProviderConfig"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/ResourceTypes", "/ResourceTypes/"})
  @DisplayName("ResourceTypes lists User with the Enterprise extension, and no Group while Groups are not served")
  void resourceTypes(String path) {
    JsonObject list = get(path).json();
    assertThat(list.getJsonArray("schemas")).containsExactly("urn:ietf:params:scim:api:messages:2.0:ListResponse");
    assertThat(list.getInteger("totalResults")).isEqualTo(1);
    JsonObject user = list.getJsonArray("Resources").getJsonObject(0);
    assertThat(user.getJsonArray("schemas")).containsExactly("urn:ietf:params:scim:schemas:core:2.0:ResourceType");
    assertThat(user.getString("id")).isEqualTo("User");
    assertThat(user.getString("name")).isEqualTo("User");
    assertThat(user.getString("endpoint")).isEqualTo("/Users");
    assertThat(user.getString("schema")).isEqualTo(USER);
    assertThat(user.getJsonArray("schemaExtensions").getJsonObject(0))
        .isEqualTo(new JsonObject().put("schema", ENTERPRISE).put("required", false));
    assertThat(user.getJsonObject("meta").getString("location")).endsWith("/scim/ResourceTypes/User");
  }

  @Test
  @DisplayName("ResourceTypes/{id} answers one type; an unknown one, or Group while not served, is a SCIM 404")
  void resourceType() {
    assertThat(get("/ResourceTypes/User").json().getString("endpoint")).isEqualTo("/Users");
    assertThat(get("/ResourceTypes/User/").status()).isEqualTo(200);
    HttpResult group = get("/ResourceTypes/Group");
    assertThat(group.status()).isEqualTo(404);
    assertThat(group.json().getJsonArray("schemas")).containsExactly("urn:ietf:params:scim:api:messages:2.0:Error");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/Schemas", "/Schemas/"})
  @DisplayName("Schemas lists the User schema and the Enterprise User extension")
  void schemas(String path) {
    JsonObject list = get(path).json();
    assertThat(list.getInteger("totalResults")).isEqualTo(2);
    List<String> ids = new ArrayList<>();
    list.getJsonArray("Resources").forEach(s -> ids.add(((JsonObject) s).getString("id")));
    assertThat(ids).containsExactly(USER, ENTERPRISE).doesNotContain(GROUP);
  }

  @Test
  @DisplayName("Schemas/{urn} describes each attribute with RFC 7643 §7 characteristics from the definitions")
  void schema() {
    HttpResult result = get("/Schemas/" + USER);
    assertThat(result.status()).isEqualTo(200);
    JsonObject user = result.json();
    assertThat(user.getJsonArray("schemas")).containsExactly("urn:ietf:params:scim:schemas:core:2.0:Schema");
    assertThat(user.getString("name")).isEqualTo("User");
    assertThat(user.getJsonObject("meta").getString("resourceType")).isEqualTo("Schema");
    JsonObject userName = attribute(user.getJsonArray("attributes"), "userName");
    assertThat(userName.getString("type")).isEqualTo("string");
    assertThat(userName.getBoolean("required")).isTrue();
    assertThat(userName.getBoolean("caseExact")).isFalse();
    assertThat(userName.getString("uniqueness")).isEqualTo("server");
    assertThat(userName.getString("mutability")).isEqualTo("readWrite");
    assertThat(userName.getString("returned")).isEqualTo("default");
    assertThat(userName.getBoolean("multiValued")).isFalse();
    JsonObject password = attribute(user.getJsonArray("attributes"), "password");
    assertThat(password.getString("returned")).isEqualTo("never");
    assertThat(password.getString("mutability")).isEqualTo("writeOnly");
    JsonObject emails = attribute(user.getJsonArray("attributes"), "emails");
    assertThat(emails.getString("type")).isEqualTo("complex");
    assertThat(emails.getBoolean("multiValued")).isTrue();
    JsonObject type = attribute(emails.getJsonArray("subAttributes"), "type");
    assertThat(type.getJsonArray("canonicalValues")).contains("work", "home", "other");
    JsonObject groups = attribute(user.getJsonArray("attributes"), "groups");
    assertThat(groups.getString("mutability")).isEqualTo("readOnly");
    assertThat(attribute(groups.getJsonArray("subAttributes"), "$ref").getJsonArray("referenceTypes"))
        .contains("User", "Group");

    JsonObject enterprise = get("/Schemas/" + ENTERPRISE.toUpperCase() + "/").json();
    assertThat(enterprise.getString("id")).isEqualTo(ENTERPRISE);
    JsonObject manager = attribute(enterprise.getJsonArray("attributes"), "manager");
    assertThat(attribute(manager.getJsonArray("subAttributes"), "value").getBoolean("caseExact")).isTrue();

    assertThat(get("/Schemas/urn:example:nope").status()).isEqualTo(404);
    assertThat(get("/Schemas/" + GROUP).status()).as("Groups are not served yet").isEqualTo(404);
  }

  @Test
  @DisplayName("discovery needs the connector's credential like every SCIM route")
  void discovery_unauthenticated_401() {
    HttpResult result = gateway.send("GET", RunningGateway.scimPath(connector, "/ServiceProviderConfig"), null, null);
    assertThat(result.status()).isEqualTo(401);
    assertThat(gateway.send("GET", RunningGateway.scimPath(connector, "/Schemas"), "wrong", null).status())
        .isEqualTo(401);
  }

  private static JsonObject attribute(JsonArray attributes, String name) {
    for (int i = 0; i < attributes.size(); i++) {
      if (attributes.getJsonObject(i).getString("name").equals(name)) {
        return attributes.getJsonObject(i);
      }
    }
    throw new AssertionError("no attribute " + name + " in " + attributes);
  }

  private static HttpResult get(String path) {
    return gateway.send("GET", RunningGateway.scimPath(connector, path), token, null);
  }
}
