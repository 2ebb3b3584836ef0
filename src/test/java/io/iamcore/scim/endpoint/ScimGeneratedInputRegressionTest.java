package io.iamcore.scim.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamcore.testing.LoadedBoxGatewayTestBase;
import io.iamcore.testing.HttpResult;
import io.iamcore.testing.RunningGateway;
import io.iamcore.testing.TestUsers;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;

/** Shrunk cases the generated-input properties found, kept as explicit regression tests. */
class ScimGeneratedInputRegressionTest extends LoadedBoxGatewayTestBase {

  private String connector;
  private String token;

  @BeforeEach
  void connector() {
    String tenant = UUID.randomUUID().toString();
    connector = gateway.createScimConnector(tenant).getString("id");
    token = gateway.issueSecret(tenant, connector);
    gateway.send("POST", RunningGateway.scimPath(connector, "/Users"), token, TestUsers.user("ada@contoso.example", "ada"));
  }

  /**
   * Found by {@code ScimGeneratedInputProperties.getWithFilter_neverServerError}: a string literal
   * with NUL reached PostgreSQL, which refuses NUL in text (22021), and the client got a 500.
   */
  @ParameterizedTest
  @ValueSource(strings = {"userName ne \"\\u0000\"", "title co \"a\\u0000b\"", "emails[value eq \"\\u0000\"]",
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department sw \"\\u0000\""})
  @DisplayName("a filter string with NUL is 400 invalidFilter (GET and POST .search), never a 500")
  void filterWithNul_invalidFilter(String filter) {
    HttpResult viaGet = gateway.send("GET", RunningGateway.scimPath(connector,
        "/Users?filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8)), token, null);
    HttpResult viaPost = gateway.send("POST", RunningGateway.scimPath(connector, "/Users/.search"), token,
        new JsonObject().put("filter", filter));
    for (HttpResult result : new HttpResult[] {viaGet, viaPost}) {
      assertThat(result.status()).as(result.body()).isEqualTo(400);
      assertThat(result.json().getString("scimType")).isEqualTo("invalidFilter");
      assertThat(result.json().getString("detail")).contains("NUL");
    }
  }
}
