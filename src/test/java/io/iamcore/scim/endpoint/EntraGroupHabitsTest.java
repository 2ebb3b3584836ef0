package io.iamcore.scim.endpoint;

import static io.iamcore.testing.TestGroups.members;
import static io.iamcore.testing.TestGroups.op;
import static io.iamcore.testing.TestGroups.patch;
import static org.assertj.core.api.Assertions.assertThat;

import io.iamcore.testing.GatewayTestBase;
import io.iamcore.testing.HttpResult;
import io.iamcore.testing.RunningGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * One test per Entra group habit (PRODUCT.md §3.1, entra-corpus fixtures 02, 28–31), and the cost
 * of a membership PATCH independent of the group's size.
 */
class EntraGroupHabitsTest extends GatewayTestBase {

  private GroupScim scim;

  @BeforeEach
  void connectorWithGroups() {
    scim = new GroupScim(gateway);
  }

  @Nested
  @DisplayName("Entra's group habits")
  class EntraHabits {

    @Test
    @DisplayName("Test connection: a random displayName with excludedAttributes=members is 200 with an empty list")
    void testConnection_emptyList() {
      HttpResult probe = scim.send("GET", "/Groups?excludedAttributes=members&filter="
          + GroupScim.q("displayName eq \"" + UUID.randomUUID() + "\""), null);
      assertThat(probe.status()).isEqualTo(200);
      assertThat(probe.json().getInteger("totalResults")).isZero();
    }

    @Test
    @DisplayName("PascalCase Add of members with \"$ref\": null adds them and answers 204")
    void pascalCaseAdd_withNullRef() {
      String ada = scim.newUser("ada10");
      String id = scim.newGroup("Pascal").getString("id");
      HttpResult added = scim.send("PATCH", "/Groups/" + id, patch(op("Add", "members", members(ada))));
      assertThat(added.status()).isEqualTo(204);
      assertThat(scim.memberIds(id)).containsExactly(ada);
    }

    @Test
    @DisplayName("legacy Remove with a value array removes only the listed members")
    void legacyRemove_valueArray_onlyListed() {
      String ada = scim.newUser("ada11");
      String bob = scim.newUser("bob11");
      String id = scim.newGroup("Legacy", ada, bob).getString("id");
      HttpResult removed = scim.send("PATCH", "/Groups/" + id, patch(op("Remove", "members", members(bob))));
      assertThat(removed.status()).isEqualTo(204);
      assertThat(scim.memberIds(id)).containsExactly(ada);
    }

    @Test
    @DisplayName("compliant remove with members[value eq \"…\"] removes that member; repeating it is harmless")
    void compliantRemove_filter_idempotent() {
      String ada = scim.newUser("ada12");
      String bob = scim.newUser("bob12");
      String id = scim.newGroup("Compliant", ada, bob).getString("id");
      JsonObject remove = patch(op("remove", "members[value eq \"" + ada + "\"]", null));
      assertThat(scim.send("PATCH", "/Groups/" + id, remove).status()).isEqualTo(204);
      String after = scim.version(id);
      assertThat(scim.send("PATCH", "/Groups/" + id, remove).status()).isEqualTo(204);
      assertThat(scim.version(id)).isEqualTo(after);
      assertThat(scim.memberIds(id)).containsExactly(bob);
    }

    @Test
    @DisplayName("Replace displayName (PascalCase) renames the group and keeps its members")
    void replaceDisplayName() {
      String ada = scim.newUser("ada13");
      String id = scim.newGroup("Old name", ada).getString("id");
      assertThat(scim.send("PATCH", "/Groups/" + id, patch(op("Replace", "displayName", "New name"))).status()).isEqualTo(204);
      HttpResult got = scim.send("GET", "/Groups?filter=" + GroupScim.q("displayName eq \"new name\""), null);
      assertThat(got.json().getJsonArray("Resources").getJsonObject(0).getString("id")).isEqualTo(id);
      assertThat(scim.memberIds(id)).containsExactly(ada);
    }

    @Test
    @DisplayName("excludedAttributes=members on a group of many members never reads the membership table")
    void excludedMembers_notRead() {
      String id = scim.newGroup("Quiet").getString("id");
      scim.seedMembers(id, 2_000);
      HttpResult got = scim.send("GET", "/Groups/" + id + "?excludedAttributes=members", null);
      assertThat(got.json().containsKey("members")).isFalse();
      assertThat(got.body().length()).isLessThan(2_000);
    }
  }

  @Nested
  @DisplayName("Cost independent of group size")
  class Scale {

    @Test
    @DisplayName("adding and removing one member of a 10,000-member group writes one row and leaves the group document as it was")
    void patchLargeGroup_touchesOneRow() {
      String id = scim.newGroup("Everyone").getString("id");
      scim.seedMembers(id, 10_000);
      long docSize = scim.count("SELECT pg_column_size(doc) FROM cs_object WHERE id = '" + id + "'");
      String ada = scim.newUser("ada14");
      String before = scim.version(id);
      assertThat(scim.send("PATCH", "/Groups/" + id, patch(op("Add", "members", members(ada)))).status()).isEqualTo(204);
      assertThat(membershipRows(id)).isEqualTo(10_001);
      assertThat(scim.count("SELECT pg_column_size(doc) FROM cs_object WHERE id = '" + id + "'"))
          .isEqualTo(docSize);
      assertThat(scim.version(id)).isNotEqualTo(before);
      assertThat(scim.send("PATCH", "/Groups/" + id, patch(op("remove", "members[value eq \"" + ada + "\"]", null))).status())
          .isEqualTo(204);
      assertThat(membershipRows(id)).isEqualTo(10_000);
      HttpResult byMember = scim.send("GET", "/Groups?excludedAttributes=members&filter="
          + GroupScim.q("members[value eq \"" + ada + "\"]"), null);
      assertThat(byMember.json().getInteger("totalResults")).isZero();
    }

    private long membershipRows(String id) {
      return scim.count("SELECT count(*) FROM group_member WHERE group_id = '" + id + "'");
    }
  }

}
