package io.iamcore.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamcore.testing.HttpResult;
import io.iamcore.testing.RunningGateway;
import io.iamcore.testing.TestFutures;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SoftDeletePurgerTest {

  @Test
  @DisplayName("soft-deleted users are purged once older than their connector's softDeletionDays, not before")
  void purge_removesOnlyExpired() {
    try (RunningGateway gateway = RunningGateway.start()) {
      String tenant = UUID.randomUUID().toString();
      String immediate = connector(gateway, tenant, 0);
      String kept = connector(gateway, tenant, 90);
      deleteOneUser(gateway, tenant, immediate);
      deleteOneUser(gateway, tenant, kept);
      String soft = "SELECT count(*) FROM cs_object WHERE deleted_at IS NOT NULL AND connector_id = '";

      Vertx vertx = Vertx.vertx();
      Pool pool = PgBuilder.pool()
          .connectingTo(DatabaseTarget.fromUri(gateway.database().url()).connectOptions())
          .using(vertx).build();
      try {
        long purged = TestFutures.await(new SoftDeletePurger(vertx, pool).purge());
        assertThat(purged).isEqualTo(1);
      } finally {
        TestFutures.await(pool.close());
        TestFutures.await(vertx.close());
      }
      assertThat(gateway.database().queryLong(soft + immediate + "'")).isZero();
      assertThat(gateway.database().queryLong(soft + kept + "'")).isEqualTo(1);
    }
  }

  private static String connector(RunningGateway gateway, String tenant, int days) {
    HttpResult created = gateway.send("POST", "/iamcore/sync/connectors", gateway.administrator(tenant),
        new JsonObject().put("name", "c" + days).put("templateId", "SCIM").put("softDeletionDays", days));
    return created.json().getString("id");
  }

  private static void deleteOneUser(RunningGateway gateway, String tenant, String connector) {
    String token = gateway.issueSecret(tenant, connector);
    String id = gateway.send("POST", RunningGateway.scimPath(connector, "/Users"), token, new JsonObject()
        .put("schemas", new JsonArray().add("urn:ietf:params:scim:schemas:core:2.0:User"))
        .put("userName", "gone@contoso.example")).json().getString("id");
    assertThat(gateway.send("DELETE", RunningGateway.scimPath(connector, "/Users/" + id), token, null).status())
        .isEqualTo(204);
  }
}
