package io.iamcore.scim.endpoint;

import static io.iamcore.testing.TestGroups.group;
import static io.iamcore.testing.TestGroups.members;
import static io.iamcore.testing.TestGroups.op;
import static io.iamcore.testing.TestGroups.patch;
import static io.iamcore.testing.TestUsers.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.iamcore.scim.ScimSchemas;
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

/** SCIM /Groups against the real gateway and PostgreSQL, organised by RFC 7644 section. */
class GroupsTest extends GatewayTestBase {

  private GroupScim scim;

  @BeforeEach
  void connectorWithGroups() {
    scim = new GroupScim(gateway);
  }

  @Nested
  @DisplayName("RFC 7644 §3.3 creating groups")
  class Create {

    @Test
    @DisplayName("POST answers 201 with Location, ETag and meta; members are shown but not kept in the document")
    void create_withMembers_created() {
      String ada = scim.newUser("ada");
      HttpResult created = scim.send("POST", "/Groups", group("Finance", "g-fin", ada));
      assertThat(created.status()).isEqualTo(201);
      String id = created.json().getString("id");
      assertThat(created.header("Location")).endsWith("/Groups/" + id);
      assertThat(created.header("ETag")).isEqualTo(created.json().getJsonObject("meta").getString("version"));
      assertThat(created.json().getJsonObject("meta").getString("resourceType")).isEqualTo("Group");
      JsonObject member = created.json().getJsonArray("members").getJsonObject(0);
      assertThat(member.getString("value")).isEqualTo(ada);
      assertThat(member.getString("type")).isEqualTo("User");
      assertThat(member.getString("$ref")).endsWith("/Users/" + ada);
      assertThat(member.getString("display")).isEqualTo("User ada@contoso.example");
      assertThat(scim.count("SELECT count(*) FROM cs_object WHERE id = '" + id
          + "' AND doc ? 'members'")).isZero();
      assertThat(scim.count("SELECT count(*) FROM group_member WHERE group_id = '" + id + "'"))
          .isEqualTo(1);
    }

    @Test
    @DisplayName("a member that is no User of this connector is 400 invalidValue, and nothing is created")
    void create_unknownOrForeignMember_invalidValue() {
      String otherTenant = UUID.randomUUID().toString();
      String otherConnector = gateway.createScimConnector(otherTenant).getString("id");
      String foreignUser = gateway.send("POST", RunningGateway.scimPath(otherConnector, "/Users"),
          gateway.issueSecret(otherTenant, otherConnector), user("eve@contoso.example", "eve")).json().getString("id");
      for (String member : List.of(UUID.randomUUID().toString(), foreignUser, "not-a-uuid")) {
        HttpResult refused = scim.send("POST", "/Groups", group("Bad " + member, null, member));
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().getString("scimType")).isEqualTo("invalidValue");
      }
      HttpResult nested = scim.send("POST", "/Groups", group("Nested", null).put("members",
          new JsonArray().add(new JsonObject().put("value", scim.newUser("gus")).put("type", "Group"))));
      assertThat(nested.json().getString("scimType")).isEqualTo("invalidValue");
      assertThat(scim.count("SELECT count(*) FROM cs_object WHERE connector_id = '" + scim.connector
          + "' AND object_type = 'group'")).isZero();
    }

    @Test
    @DisplayName("displayName is unique per connector (any case): 409 uniqueness; a replay with the same externalId returns the group")
    void create_sameDisplayName_conflictOrReplay() {
      String id = scim.newGroup("Sales").getString("id");
      HttpResult clash = scim.send("POST", "/Groups", group("SALES", "someone-else"));
      assertThat(clash.status()).isEqualTo(409);
      assertThat(clash.json().getString("scimType")).isEqualTo("uniqueness");
      HttpResult replay = scim.send("POST", "/Groups", group("Sales", "ext-Sales"));
      assertThat(replay.status()).isEqualTo(201);
      assertThat(replay.json().getString("id")).isEqualTo(id);
    }

    @Test
    @DisplayName("a body without displayName or without the Group schema is 400 invalidValue")
    void create_invalidBody_invalidValue() {
      HttpResult noName = scim.send("POST", "/Groups", group("x", null).put("displayName", " "));
      assertThat(noName.json().getString("scimType")).isEqualTo("invalidValue");
      HttpResult noSchema = scim.send("POST", "/Groups", group("y", null).put("schemas", new JsonArray().add(ScimSchemas.USER)));
      assertThat(noSchema.json().getString("scimType")).isEqualTo("invalidValue");
    }
  }

  @Nested
  @DisplayName("RFC 7644 §3.4.1 retrieving a group")
  class Retrieve {

    @Test
    @DisplayName("GET shows members; excludedAttributes=members and attributes leave them out; If-None-Match gives 304")
    void get_projectionsAndEtag() {
      String ada = scim.newUser("ada2");
      String id = scim.newGroup("Ops", ada).getString("id");
      assertThat(scim.memberIds(id)).containsExactly(ada);
      HttpResult excluded = scim.send("GET", "/Groups/" + id + "?excludedAttributes=members", null);
      assertThat(excluded.json().containsKey("members")).isFalse();
      assertThat(excluded.json().getString("displayName")).isEqualTo("Ops");
      HttpResult onlyName = scim.send("GET", "/Groups/" + id + "?attributes=displayName", null);
      assertThat(onlyName.json().fieldNames()).containsExactlyInAnyOrder("id", "schemas", "displayName");
      HttpResult notModified = scim.send("GET", "/Groups/" + id, null, Map.of("If-None-Match", excluded.header("ETag")));
      assertThat(notModified.status()).isEqualTo(304);
      assertThat(scim.send("GET", "/Groups/" + UUID.randomUUID(), null).status()).isEqualTo(404);
      assertThat(scim.send("GET", "/Groups/nonsense", null).status()).isEqualTo(404);
    }

    @Test
    @DisplayName("a large member list (6,000) comes back whole, rendered off the event loop")
    void get_largeMemberList_whole() {
      String id = scim.newGroup("Large").getString("id");
      scim.seedMembers(id, 6_000);
      assertThat(scim.memberIds(id)).hasSize(6_000).doesNotHaveDuplicates();
    }
  }

  @Nested
  @DisplayName("RFC 7644 §3.4.2 and §3.4.3 querying groups")
  class Query {

    @Test
    @DisplayName("filters on displayName, externalId and members (value path and sub-attribute) answer from the membership table")
    void list_filters() {
      String ada = scim.newUser("ada3");
      String bob = scim.newUser("bob3");
      String both = scim.newGroup("Both", ada, bob).getString("id");
      String onlyAda = scim.newGroup("Only Ada", ada).getString("id");
      String empty = scim.newGroup("Empty").getString("id");
      assertThat(ids("displayName eq \"both\"")).containsExactly(both);
      assertThat(ids("externalId eq \"ext-Empty\"")).containsExactly(empty);
      assertThat(ids("members[value eq \"" + ada + "\"]")).containsExactlyInAnyOrder(both, onlyAda);
      assertThat(ids("members.value eq \"" + bob + "\"")).containsExactly(both);
      assertThat(ids("members eq \"" + bob + "\" and displayName sw \"B\"")).containsExactly(both);
      assertThat(ids("members[value eq \"" + bob + "\" and type eq \"User\"]")).containsExactly(both);
      assertThat(ids("members[display co \"bob3\"]")).containsExactly(both);
      assertThat(ids("not (members pr)")).containsExactly(empty);
      assertThat(ids("members[value eq \"" + UUID.randomUUID() + "\"]")).isEmpty();
      HttpResult bad = scim.send("GET", "/Groups?filter=" + GroupScim.q("members[$ref eq \"x\"]"), null);
      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.json().getString("scimType")).isEqualTo("invalidFilter");
    }

    private List<String> ids(String filter) {
      HttpResult result = scim.send("GET", "/Groups?excludedAttributes=members&filter=" + GroupScim.q(filter), null);
      assertThat(result.status()).as(filter + " → " + result.body()).isEqualTo(200);
      List<String> ids = new ArrayList<>();
      result.json().getJsonArray("Resources").forEach(r -> ids.add(((JsonObject) r).getString("id")));
      return ids;
    }

    @Test
    @DisplayName("sortBy, startIndex and count page the groups; POST /Groups/.search and the root /.search answer the same")
    void list_sortPageAndSearch() {
      scim.newGroup("Charlie");
      scim.newGroup("alpha");
      scim.newGroup("Bravo");
      HttpResult page = scim.send("GET", "/Groups?sortBy=displayName&sortOrder=descending&startIndex=2&count=1", null);
      assertThat(page.json().getInteger("totalResults")).isEqualTo(3);
      assertThat(page.json().getJsonArray("Resources").getJsonObject(0).getString("displayName")).isEqualTo("Bravo");
      JsonObject search = new JsonObject()
          .put("schemas", new JsonArray().add("urn:ietf:params:scim:api:messages:2.0:SearchRequest"))
          .put("filter", "displayName sw \"a\"").put("excludedAttributes", new JsonArray().add("members"));
      HttpResult posted = scim.send("POST", "/Groups/.search", search);
      assertThat(posted.json().getInteger("totalResults")).isEqualTo(1);
      String user = scim.newUser("alfred");
      HttpResult root = scim.send("POST", "/.search", search.copy().put("filter", "displayName sw \"a\" or userName sw \"alf\""));
      assertThat(root.status()).as(root.body()).isEqualTo(200);
      assertThat(root.json().getInteger("totalResults")).isEqualTo(2);
      JsonArray both = root.json().getJsonArray("Resources");
      assertThat(both.getJsonObject(0).getString("id")).isEqualTo(user);
      assertThat(both.getJsonObject(1).getString("displayName")).isEqualTo("alpha");
    }
  }

  @Nested
  @DisplayName("RFC 7644 §3.5.1 replacing a group")
  class Replace {

    @Test
    @DisplayName("PUT replaces the document and the whole member list, and moves meta.version on")
    void put_replacesMembers() {
      String ada = scim.newUser("ada4");
      String bob = scim.newUser("bob4");
      JsonObject created = scim.newGroup("Team", ada);
      HttpResult put = scim.send("PUT", "/Groups/" + created.getString("id"), group("Team B", "ext-team", bob));
      assertThat(put.status()).as(put.body()).isEqualTo(200);
      assertThat(put.json().getString("displayName")).isEqualTo("Team B");
      assertThat(put.json().getJsonObject("meta").getString("version"))
          .isNotEqualTo(created.getJsonObject("meta").getString("version"));
      assertThat(scim.memberIds(created.getString("id"))).containsExactly(bob);
    }
  }

  @Nested
  @DisplayName("RFC 7644 §3.5.2 modifying a group with PATCH")
  class Modify {

    @Test
    @DisplayName("add, remove and replace of members change meta.version; adding a present member changes nothing")
    void patch_membersAndVersion() {
      String ada = scim.newUser("ada5");
      String bob = scim.newUser("bob5");
      String id = scim.newGroup("Eng").getString("id");
      String v0 = scim.version(id);
      HttpResult added = scim.send("PATCH", "/Groups/" + id, patch(op("add", "members", members(ada, bob))));
      assertThat(added.status()).as(added.body()).isEqualTo(204);
      String v1 = scim.version(id);
      assertThat(v1).isNotEqualTo(v0).isEqualTo(added.header("ETag"));
      assertThat(scim.memberIds(id)).containsExactlyInAnyOrder(ada, bob);
      scim.send("PATCH", "/Groups/" + id, patch(op("add", "members", members(ada))));
      assertThat(scim.version(id)).as("no change, no new version").isEqualTo(v1);
      scim.send("PATCH", "/Groups/" + id, patch(op("replace", "members", members(bob))));
      assertThat(scim.memberIds(id)).containsExactly(bob);
      scim.send("PATCH", "/Groups/" + id, patch(op("remove", "members", null)));
      assertThat(scim.memberIds(id)).isEmpty();
      scim.send("PATCH", "/Groups/" + id, patch(op("replace", null, new JsonObject().put("displayName", "Eng 2")
          .put("members", members(ada)))));
      assertThat(scim.memberIds(id)).containsExactly(ada);
      assertThat(scim.version(id)).isNotEqualTo(v1);
    }

    @Test
    @DisplayName("40 concurrent PATCHes adding and removing members of one group lose none (they share batches)")
    void patch_concurrent_noneLost() {
      String id = scim.newGroup("Busy").getString("id");
      List<String> users = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        users.add(scim.newUser("busy" + i));
      }
      List<java.util.concurrent.CompletableFuture<HttpResult>> sent = new ArrayList<>();
      for (String user : users) {
        sent.add(gateway.sendAsync("PATCH", scim.path("/Groups/" + id), scim.token,
            patch(op("Add", "members", members(user))).encode(), "application/scim+json", Map.of()));
      }
      sent.forEach(f -> assertThat(f.join().status()).isEqualTo(204));
      sent.clear();
      for (String user : users.subList(0, 10)) {
        sent.add(gateway.sendAsync("PATCH", scim.path("/Groups/" + id), scim.token,
            patch(op("remove", "members[value eq \"" + user + "\"]", null)).encode(), "application/scim+json", Map.of()));
      }
      sent.forEach(f -> assertThat(f.join().status()).isEqualTo(204));
      assertThat(scim.memberIds(id)).containsExactlyInAnyOrderElementsOf(users.subList(10, 20));
    }

    @Test
    @DisplayName("a PATCH is atomic: one unknown member fails it with 400 invalidValue and nothing else applies")
    void patch_unknownMember_nothingApplied() {
      String ada = scim.newUser("ada6");
      String id = scim.newGroup("Atomic").getString("id");
      String before = scim.version(id);
      HttpResult failed = scim.send("PATCH", "/Groups/" + id, patch(
          op("replace", "displayName", "Renamed"),
          op("add", "members", members(ada)),
          op("add", "members", members(UUID.randomUUID().toString()))));
      assertThat(failed.status()).isEqualTo(400);
      assertThat(failed.json().getString("scimType")).isEqualTo("invalidValue");
      assertThat(scim.version(id)).isEqualTo(before);
      assertThat(scim.memberIds(id)).isEmpty();
      assertThat(scim.send("GET", "/Groups/" + id, null).json().getString("displayName")).isEqualTo("Atomic");
    }

    @Test
    @DisplayName("If-Match with a stale version is 412; attributes in the query make PATCH answer 200 with the group")
    void patch_etagsAndRepresentation() {
      String ada = scim.newUser("ada7");
      String id = scim.newGroup("Tagged").getString("id");
      String stale = scim.version(id);
      scim.send("PATCH", "/Groups/" + id, patch(op("add", "members", members(ada))));
      HttpResult refused = scim.send("PATCH", "/Groups/" + id, patch(op("remove", "members", null)),
          Map.of("If-Match", stale));
      assertThat(refused.status()).isEqualTo(412);
      HttpResult shown = scim.send("PATCH", "/Groups/" + id + "?attributes=members,displayName",
          patch(op("replace", "displayName", "Tagged 2")), Map.of("If-Match", scim.version(id)));
      assertThat(shown.status()).isEqualTo(200);
      assertThat(shown.json().getString("displayName")).isEqualTo("Tagged 2");
      assertThat(shown.json().getJsonArray("members").getJsonObject(0).getString("value")).isEqualTo(ada);
    }

    @Test
    @DisplayName("writes to a member's sub-attribute are 400 mutability; a filtered add is 400 invalidPath")
    void patch_badMemberPaths() {
      String id = scim.newGroup("Paths").getString("id");
      HttpResult sub = scim.send("PATCH", "/Groups/" + id, patch(op("replace", "members.display", "x")));
      assertThat(sub.json().getString("scimType")).isEqualTo("mutability");
      HttpResult filtered = scim.send("PATCH", "/Groups/" + id, patch(op("add", "members[value eq \"x\"]",
          new JsonObject().put("value", "x"))));
      assertThat(filtered.json().getString("scimType")).isEqualTo("invalidPath");
    }
  }

  @Nested
  @DisplayName("RFC 7644 §3.6 deleting")
  class Delete {

    @Test
    @DisplayName("DELETE of a group answers 204, then 404, and its membership rows are gone")
    void delete_group() {
      String ada = scim.newUser("ada8");
      String id = scim.newGroup("Doomed", ada).getString("id");
      assertThat(scim.send("DELETE", "/Groups/" + id, null).status()).isEqualTo(204);
      assertThat(scim.send("GET", "/Groups/" + id, null).status()).isEqualTo(404);
      assertThat(scim.count("SELECT count(*) FROM group_member WHERE group_id = '" + id + "'")).isZero();
    }

    @Test
    @DisplayName("deleting a user removes it from its groups and moves their meta.version on")
    void delete_user_leavesGroups() {
      String ada = scim.newUser("ada9");
      String bob = scim.newUser("bob9");
      String id = scim.newGroup("Leavers", ada, bob).getString("id");
      String before = scim.version(id);
      assertThat(scim.send("DELETE", "/Users/" + ada, null).status()).isEqualTo(204);
      assertThat(scim.memberIds(id)).containsExactly(bob);
      assertThat(scim.version(id)).isNotEqualTo(before);
      assertThat(scim.count("SELECT count(*) FROM group_member WHERE member_id = '" + ada + "'")).isZero();
      HttpResult again = scim.send("PATCH", "/Groups/" + id, patch(op("add", "members", members(ada))));
      assertThat(again.json().getString("scimType")).isEqualTo("invalidValue");
    }
  }

  @Nested
  @DisplayName("Groups exist only where the connector enables them")
  class Enablement {

    @Test
    @DisplayName("with groupsEnabled false /Groups is a SCIM 404 and discovery leaves Groups out; enabled, it lists them")
    void discovery_followsGroupsEnabled() {
      String otherTenant = UUID.randomUUID().toString();
      String plain = gateway.createScimConnector(otherTenant).getString("id");
      String plainToken = gateway.issueSecret(otherTenant, plain);
      HttpResult missing = gateway.send("GET", RunningGateway.scimPath(plain, "/Groups"), plainToken, null);
      assertThat(missing.status()).isEqualTo(404);
      assertThat(missing.json().getJsonArray("schemas").getString(0)).isEqualTo(ScimSchemas.ERROR);
      HttpResult plainTypes = gateway.send("GET", RunningGateway.scimPath(plain, "/ResourceTypes"), plainToken, null);
      assertThat(plainTypes.json().getInteger("totalResults")).isEqualTo(1);
      HttpResult types = scim.send("GET", "/ResourceTypes", null);
      assertThat(types.json().getInteger("totalResults")).isEqualTo(2);
      assertThat(scim.send("GET", "/ResourceTypes/Group", null).json().getString("endpoint")).isEqualTo("/Groups");
      assertThat(scim.send("GET", "/Schemas/" + ScimSchemas.GROUP, null).status()).isEqualTo(200);
    }
  }

}
