package io.iamcore.scim.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamcore.config.BulkConfig;
import io.iamcore.connector.Connector;
import io.iamcore.scim.schema.CoreSchemas;
import io.iamcore.scim.schema.ResourceType;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which resource types and schemas discovery advertises, per connector. */
class DiscoveryEndpointTest {

  private static final BulkConfig BULK = new BulkConfig(1000, 1_048_576);

  private final DiscoveryEndpoint discovery = new DiscoveryEndpoint(Capabilities.current(BULK), List.of(
      DiscoveryEndpoint.Served.always(CoreSchemas.USER_TYPE),
      DiscoveryEndpoint.Served.whenGroupsEnabled(CoreSchemas.GROUP_TYPE)));

  @Test
  void types_groupsEnabled_advertisesGroup() {
    assertThat(discovery.types(connector(new JsonObject().put("groupsEnabled", true))))
        .extracting(ResourceType::id).containsExactly("User", "Group");
    assertThat(discovery.schemas(connector(new JsonObject().put("groupsEnabled", true))).keySet())
        .containsExactly(CoreSchemas.USER.id(), CoreSchemas.ENTERPRISE_USER.id(), CoreSchemas.GROUP.id());
  }

  @Test
  void types_groupsDisabledOrAbsent_usersOnly() {
    assertThat(discovery.types(connector(new JsonObject()))).extracting(ResourceType::id).containsExactly("User");
    assertThat(discovery.types(connector(new JsonObject().put("groupsEnabled", "yes"))))
        .extracting(ResourceType::id).containsExactly("User");
  }

  @Test
  void capabilities_current_bulkWithItsLimits() {
    JsonObject json = Capabilities.current(new BulkConfig(7, 4096)).toJson("http://x/ServiceProviderConfig");
    assertThat(json.getJsonObject("bulk").getBoolean("supported")).isTrue();
    assertThat(json.getJsonObject("bulk").getInteger("maxOperations")).isEqualTo(7);
    assertThat(json.getJsonObject("bulk").getInteger("maxPayloadSize")).isEqualTo(4096);
    assertThat(json.getJsonObject("filter").getInteger("maxResults")).isEqualTo(UsersEndpoint.MAX_PAGE);
  }

  private static Connector connector(JsonObject configuration) {
    Instant now = Instant.now();
    return new Connector(UUID.randomUUID(), UUID.randomUUID(), "Entra ID", null, Connector.Template.SCIM, true,
        configuration, "Provisioned", 90, now, now, 1, List.of());
  }
}
