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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * SCIM /Groups against the real gateway and PostgreSQL, organised by RFC 7644 section, then one
 * test per Entra group habit (PRODUCT.md §3.1, entra-corpus fixtures 02, 25–32).
 */
class GroupsTest extends GatewayTestBase {

  private String tenant;
  private String connector;
  private String token;

  @BeforeEach
  void connectorWithGroups() {
    tenant = UUID.randomUUID().toString();
    connector = gateway.createScimConnector(tenant, new JsonObject().put("groupsEnabled", true)).getString("id");
    token = gateway.issueSecret(tenant, connector);
  }

  private String path(String rest) {
    return RunningGateway.scimPath(connector, rest);
  }

  private HttpResult send(String method, String rest, JsonObject body) {
    return gateway.send(method, path(rest), token, body);
  }

  private HttpResult send(String method, String rest, JsonObject body, Map<String, String> headers) {
    return gateway.send(method, path(rest), token, body == null ? null : body.encode(), "application/scim+json", headers);
  }

  private String newUser(String name) {
    HttpResult created = send("POST", "/Users", user(name + "@contoso.example", name));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().getString("id");
  }

  private JsonObject newGroup(String displayName, String... members) {
    HttpResult created = send("POST", "/Groups", group(displayName, "ext-" + displayName, members));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json();
  }

  private List<String> memberIds(String groupId) {
    HttpResult got = send("GET", "/Groups/" + groupId, null);
    assertThat(got.status()).as(got.body()).isEqualTo(200);
    JsonArray list = got.json().getJsonArray("members", new JsonArray());
    List<String> ids = new ArrayList<>();
    list.forEach(m -> ids.add(((JsonObject) m).getString("value")));
    return ids;
  }

  private String version(String groupId) {
    return send("GET", "/Groups/" + groupId + "?excludedAttributes=members", null).json()
        .getJsonObject("meta").getString("version");
  }

  private static String q(String filter) {
    return URLEncoder.encode(filter, StandardCharsets.UTF_8);
  }

  @Nested
  @DisplayName("RFC 7644 §3.3 creating groups")
  class Create {

    @Test
    @DisplayName("POST answers 201 with Location, ETag and meta; members are shown but not kept in the document")
    void create_withMembers_created() {
      String ada = newUser("ada");
      HttpResult created = send("POST", "/Groups", group("Finance", "g-fin", ada));
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
      assertThat(gateway.database().queryLong("SELECT count(*) FROM cs_object WHERE id = '" + id
          + "' AND doc ? 'members'")).isZero();
      assertThat(gateway.database().queryLong("SELECT count(*) FROM group_member WHERE group_id = '" + id + "'"))
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
        HttpResult refused = send("POST", "/Groups", group("Bad " + member, null, member));
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().getString("scimType")).isEqualTo("invalidValue");
      }
      HttpResult nested = send("POST", "/Groups", group("Nested", null).put("members",
          new JsonArray().add(new JsonObject().put("value", newUser("gus")).put("type", "Group"))));
      assertThat(nested.json().getString("scimType")).isEqualTo("invalidValue");
      assertThat(gateway.database().queryLong("SELECT count(*) FROM cs_object WHERE connector_id = '" + connector
          + "' AND object_type = 'group'")).isZero();
    }

    @Test
    @DisplayName("displayName is unique per connector (any case): 409 uniqueness; a replay with the same externalId returns the group")
    void create_sameDisplayName_conflictOrReplay() {
      String id = newGroup("Sales").getString("id");
      HttpResult clash = send("POST", "/Groups", group("SALES", "someone-else"));
      assertThat(clash.status()).isEqualTo(409);
      assertThat(clash.json().getString("scimType")).isEqualTo("uniqueness");
      HttpResult replay = send("POST", "/Groups", group("Sales", "ext-Sales"));
      assertThat(replay.status()).isEqualTo(201);
      assertThat(replay.json().getString("id")).isEqualTo(id);
    }

    @Test
    @DisplayName("a body without displayName or without the Group schema is 400 invalidValue")
    void create_invalidBody_invalidValue() {
      HttpResult noName = send("POST", "/Groups", group("x", null).put("displayName", " "));
      assertThat(noName.json().getString("scimType")).isEqualTo("invalidValue");
      HttpResult noSchema = send("POST", "/Groups", group("y", null).put("schemas", new JsonArray().add(ScimSchemas.USER)));
      assertThat(noSchema.json().getString("scimType")).isEqualTo("invalidValue");
    }
  }

  @Nested
  @DisplayName("RFC 7644 §3.4.1 retrieving a group")
  class Retrieve {

    @Test
    @DisplayName("GET shows members; excludedAttributes=members and attributes leave them out; If-None-Match gives 304")
    void get_projectionsAndEtag() {
      String ada = newUser("ada2");
      String id = newGroup("Ops", ada).getString("id");
      assertThat(memberIds(id)).containsExactly(ada);
      HttpResult excluded = send("GET", "/Groups/" + id + "?excludedAttributes=members", null);
      assertThat(excluded.json().containsKey("members")).isFalse();
      assertThat(excluded.json().getString("displayName")).isEqualTo("Ops");
      HttpResult onlyName = send("GET", "/Groups/" + id + "?attributes=displayName", null);
      assertThat(onlyName.json().fieldNames()).containsExactlyInAnyOrder("id", "schemas", "displayName");
      HttpResult notModified = send("GET", "/Groups/" + id, null, Map.of("If-None-Match", excluded.header("ETag")));
      assertThat(notModified.status()).isEqualTo(304);
      assertThat(send("GET", "/Groups/" + UUID.randomUUID(), null).status()).isEqualTo(404);
      assertThat(send("GET", "/Groups/nonsense", null).status()).isEqualTo(404);
    }
  }

  @Nested
  @DisplayName("RFC 7644 §3.4.2 and §3.4.3 querying groups")
  class Query {

    @Test
    @DisplayName("filters on displayName, externalId and members (value path and sub-attribute) answer from the membership table")
    void list_filters() {
      String ada = newUser("ada3");
      String bob = newUser("bob3");
      String both = newGroup("Both", ada, bob).getString("id");
      String onlyAda = newGroup("Only Ada", ada).getString("id");
      String empty = newGroup("Empty").getString("id");
      assertThat(ids("displayName eq \"both\"")).containsExactly(both);
      assertThat(ids("externalId eq \"ext-Empty\"")).containsExactly(empty);
      assertThat(ids("members[value eq \"" + ada + "\"]")).containsExactlyInAnyOrder(both, onlyAda);
      assertThat(ids("members.value eq \"" + bob + "\"")).containsExactly(both);
      assertThat(ids("members eq \"" + bob + "\" and displayName sw \"B\"")).containsExactly(both);
      assertThat(ids("members[value eq \"" + bob + "\" and type eq \"User\"]")).containsExactly(both);
      assertThat(ids("members[display co \"bob3\"]")).containsExactly(both);
      assertThat(ids("not (members pr)")).containsExactly(empty);
      assertThat(ids("members[value eq \"" + UUID.randomUUID() + "\"]")).isEmpty();
      HttpResult bad = send("GET", "/Groups?filter=" + q("members[$ref eq \"x\"]"), null);
      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.json().getString("scimType")).isEqualTo("invalidFilter");
    }

    private List<String> ids(String filter) {
      HttpResult result = send("GET", "/Groups?excludedAttributes=members&filter=" + q(filter), null);
      assertThat(result.status()).as(filter + " → " + result.body()).isEqualTo(200);
      List<String> ids = new ArrayList<>();
      result.json().getJsonArray("Resources").forEach(r -> ids.add(((JsonObject) r).getString("id")));
      return ids;
    }

    @Test
    @DisplayName("sortBy, startIndex and count page the groups; POST /Groups/.search and the root /.search answer the same")
    void list_sortPageAndSearch() {
      newGroup("Charlie");
      newGroup("alpha");
      newGroup("Bravo");
      HttpResult page = send("GET", "/Groups?sortBy=displayName&sortOrder=descending&startIndex=2&count=1", null);
      assertThat(page.json().getInteger("totalResults")).isEqualTo(3);
      assertThat(page.json().getJsonArray("Resources").getJsonObject(0).getString("displayName")).isEqualTo("Bravo");
      JsonObject search = new JsonObject()
          .put("schemas", new JsonArray().add("urn:ietf:params:scim:api:messages:2.0:SearchRequest"))
          .put("filter", "displayName sw \"a\"").put("excludedAttributes", new JsonArray().add("members"));
      HttpResult posted = send("POST", "/Groups/.search", search);
      assertThat(posted.json().getInteger("totalResults")).isEqualTo(1);
      String user = newUser("alfred");
      HttpResult root = send("POST", "/.search", search.copy().put("filter", "displayName sw \"a\" or userName sw \"alf\""));
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
      String ada = newUser("ada4");
      String bob = newUser("bob4");
      JsonObject created = newGroup("Team", ada);
      HttpResult put = send("PUT", "/Groups/" + created.getString("id"), group("Team B", "ext-team", bob));
      assertThat(put.status()).as(put.body()).isEqualTo(200);
      assertThat(put.json().getString("displayName")).isEqualTo("Team B");
      assertThat(put.json().getJsonObject("meta").getString("version"))
          .isNotEqualTo(created.getJsonObject("meta").getString("version"));
      assertThat(memberIds(created.getString("id"))).containsExactly(bob);
    }
  }

  @Nested
  @DisplayName("RFC 7644 §3.5.2 modifying a group with PATCH")
  class Modify {

    @Test
    @DisplayName("add, remove and replace of members change meta.version; adding a present member changes nothing")
    void patch_membersAndVersion() {
      String ada = newUser("ada5");
      String bob = newUser("bob5");
      String id = newGroup("Eng").getString("id");
      String v0 = version(id);
      HttpResult added = send("PATCH", "/Groups/" + id, patch(op("add", "members", members(ada, bob))));
      assertThat(added.status()).as(added.body()).isEqualTo(204);
      String v1 = version(id);
      assertThat(v1).isNotEqualTo(v0).isEqualTo(added.header("ETag"));
      assertThat(memberIds(id)).containsExactlyInAnyOrder(ada, bob);
      send("PATCH", "/Groups/" + id, patch(op("add", "members", members(ada))));
      assertThat(version(id)).as("no change, no new version").isEqualTo(v1);
      send("PATCH", "/Groups/" + id, patch(op("replace", "members", members(bob))));
      assertThat(memberIds(id)).containsExactly(bob);
      send("PATCH", "/Groups/" + id, patch(op("remove", "members", null)));
      assertThat(memberIds(id)).isEmpty();
      send("PATCH", "/Groups/" + id, patch(op("replace", null, new JsonObject().put("displayName", "Eng 2")
          .put("members", members(ada)))));
      assertThat(memberIds(id)).containsExactly(ada);
      assertThat(version(id)).isNotEqualTo(v1);
    }

    @Test
    @DisplayName("a PATCH is atomic: one unknown member fails it with 400 invalidValue and nothing else applies")
    void patch_unknownMember_nothingApplied() {
      String ada = newUser("ada6");
      String id = newGroup("Atomic").getString("id");
      String before = version(id);
      HttpResult failed = send("PATCH", "/Groups/" + id, patch(
          op("replace", "displayName", "Renamed"),
          op("add", "members", members(ada)),
          op("add", "members", members(UUID.randomUUID().toString()))));
      assertThat(failed.status()).isEqualTo(400);
      assertThat(failed.json().getString("scimType")).isEqualTo("invalidValue");
      assertThat(version(id)).isEqualTo(before);
      assertThat(memberIds(id)).isEmpty();
      assertThat(send("GET", "/Groups/" + id, null).json().getString("displayName")).isEqualTo("Atomic");
    }

    @Test
    @DisplayName("If-Match with a stale version is 412; attributes in the query make PATCH answer 200 with the group")
    void patch_etagsAndRepresentation() {
      String ada = newUser("ada7");
      String id = newGroup("Tagged").getString("id");
      String stale = version(id);
      send("PATCH", "/Groups/" + id, patch(op("add", "members", members(ada))));
      HttpResult refused = send("PATCH", "/Groups/" + id, patch(op("remove", "members", null)),
          Map.of("If-Match", stale));
      assertThat(refused.status()).isEqualTo(412);
      HttpResult shown = send("PATCH", "/Groups/" + id + "?attributes=members,displayName",
          patch(op("replace", "displayName", "Tagged 2")), Map.of("If-Match", version(id)));
      assertThat(shown.status()).isEqualTo(200);
      assertThat(shown.json().getString("displayName")).isEqualTo("Tagged 2");
      assertThat(shown.json().getJsonArray("members").getJsonObject(0).getString("value")).isEqualTo(ada);
    }

    @Test
    @DisplayName("writes to a member's sub-attribute are 400 mutability; a filtered add is 400 invalidPath")
    void patch_badMemberPaths() {
      String id = newGroup("Paths").getString("id");
      HttpResult sub = send("PATCH", "/Groups/" + id, patch(op("replace", "members.display", "x")));
      assertThat(sub.json().getString("scimType")).isEqualTo("mutability");
      HttpResult filtered = send("PATCH", "/Groups/" + id, patch(op("add", "members[value eq \"x\"]",
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
      String ada = newUser("ada8");
      String id = newGroup("Doomed", ada).getString("id");
      assertThat(send("DELETE", "/Groups/" + id, null).status()).isEqualTo(204);
      assertThat(send("GET", "/Groups/" + id, null).status()).isEqualTo(404);
      assertThat(gateway.database().queryLong("SELECT count(*) FROM group_member WHERE group_id = '" + id + "'")).isZero();
    }

    @Test
    @DisplayName("deleting a user removes it from its groups and moves their meta.version on")
    void delete_user_leavesGroups() {
      String ada = newUser("ada9");
      String bob = newUser("bob9");
      String id = newGroup("Leavers", ada, bob).getString("id");
      String before = version(id);
      assertThat(send("DELETE", "/Users/" + ada, null).status()).isEqualTo(204);
      assertThat(memberIds(id)).containsExactly(bob);
      assertThat(version(id)).isNotEqualTo(before);
      assertThat(gateway.database().queryLong("SELECT count(*) FROM group_member WHERE member_id = '" + ada + "'")).isZero();
      HttpResult again = send("PATCH", "/Groups/" + id, patch(op("add", "members", members(ada))));
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
      HttpResult types = send("GET", "/ResourceTypes", null);
      assertThat(types.json().getInteger("totalResults")).isEqualTo(2);
      assertThat(send("GET", "/ResourceTypes/Group", null).json().getString("endpoint")).isEqualTo("/Groups");
      assertThat(send("GET", "/Schemas/" + ScimSchemas.GROUP, null).status()).isEqualTo(200);
    }
  }

  @Nested
  @DisplayName("Entra's group habits")
  class EntraHabits {

    @Test
    @DisplayName("Test connection: a random displayName with excludedAttributes=members is 200 with an empty list")
    void testConnection_emptyList() {
      HttpResult probe = send("GET", "/Groups?excludedAttributes=members&filter="
          + q("displayName eq \"" + UUID.randomUUID() + "\""), null);
      assertThat(probe.status()).isEqualTo(200);
      assertThat(probe.json().getInteger("totalResults")).isZero();
    }

    @Test
    @DisplayName("PascalCase Add of members with \"$ref\": null adds them and answers 204")
    void pascalCaseAdd_withNullRef() {
      String ada = newUser("ada10");
      String id = newGroup("Pascal").getString("id");
      HttpResult added = send("PATCH", "/Groups/" + id, patch(op("Add", "members", members(ada))));
      assertThat(added.status()).isEqualTo(204);
      assertThat(memberIds(id)).containsExactly(ada);
    }

    @Test
    @DisplayName("legacy Remove with a value array removes only the listed members")
    void legacyRemove_valueArray_onlyListed() {
      String ada = newUser("ada11");
      String bob = newUser("bob11");
      String id = newGroup("Legacy", ada, bob).getString("id");
      HttpResult removed = send("PATCH", "/Groups/" + id, patch(op("Remove", "members", members(bob))));
      assertThat(removed.status()).isEqualTo(204);
      assertThat(memberIds(id)).containsExactly(ada);
    }

    @Test
    @DisplayName("compliant remove with members[value eq \"…\"] removes that member; repeating it is harmless")
    void compliantRemove_filter_idempotent() {
      String ada = newUser("ada12");
      String bob = newUser("bob12");
      String id = newGroup("Compliant", ada, bob).getString("id");
      JsonObject remove = patch(op("remove", "members[value eq \"" + ada + "\"]", null));
      assertThat(send("PATCH", "/Groups/" + id, remove).status()).isEqualTo(204);
      String after = version(id);
      assertThat(send("PATCH", "/Groups/" + id, remove).status()).isEqualTo(204);
      assertThat(version(id)).isEqualTo(after);
      assertThat(memberIds(id)).containsExactly(bob);
    }

    @Test
    @DisplayName("Replace displayName (PascalCase) renames the group and keeps its members")
    void replaceDisplayName() {
      String ada = newUser("ada13");
      String id = newGroup("Old name", ada).getString("id");
      assertThat(send("PATCH", "/Groups/" + id, patch(op("Replace", "displayName", "New name"))).status()).isEqualTo(204);
      HttpResult got = send("GET", "/Groups?filter=" + q("displayName eq \"new name\""), null);
      assertThat(got.json().getJsonArray("Resources").getJsonObject(0).getString("id")).isEqualTo(id);
      assertThat(memberIds(id)).containsExactly(ada);
    }

    @Test
    @DisplayName("excludedAttributes=members on a group of many members never reads the membership table")
    void excludedMembers_notRead() {
      String id = newGroup("Quiet").getString("id");
      seedMembers(id, 2_000);
      HttpResult got = send("GET", "/Groups/" + id + "?excludedAttributes=members", null);
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
      String id = newGroup("Everyone").getString("id");
      seedMembers(id, 10_000);
      long docSize = gateway.database().queryLong("SELECT pg_column_size(doc) FROM cs_object WHERE id = '" + id + "'");
      String ada = newUser("ada14");
      String before = version(id);
      assertThat(send("PATCH", "/Groups/" + id, patch(op("Add", "members", members(ada)))).status()).isEqualTo(204);
      assertThat(membershipRows(id)).isEqualTo(10_001);
      assertThat(gateway.database().queryLong("SELECT pg_column_size(doc) FROM cs_object WHERE id = '" + id + "'"))
          .isEqualTo(docSize);
      assertThat(version(id)).isNotEqualTo(before);
      assertThat(send("PATCH", "/Groups/" + id, patch(op("remove", "members[value eq \"" + ada + "\"]", null))).status())
          .isEqualTo(204);
      assertThat(membershipRows(id)).isEqualTo(10_000);
      HttpResult byMember = send("GET", "/Groups?excludedAttributes=members&filter="
          + q("members[value eq \"" + ada + "\"]"), null);
      assertThat(byMember.json().getInteger("totalResults")).isZero();
    }

    private long membershipRows(String id) {
      return gateway.database().queryLong("SELECT count(*) FROM group_member WHERE group_id = '" + id + "'");
    }
  }

  /** {@code count} users inserted straight into the connector space and made members of the group. */
  private void seedMembers(String groupId, int count) {
    String scope = "'" + tenant + "'::uuid, '" + connector + "'::uuid";
    gateway.database().update("WITH u AS (INSERT INTO cs_object (tenant_id, connector_id, object_type, id,"
        + " external_id, name_key, doc, version, created_at, updated_at)"
        + " SELECT " + scope + ", 'user', gen_random_uuid(), 'seed-' || g, 'seed-' || g || '@" + groupId + "',"
        + " jsonb_build_object('schemas', jsonb_build_array('" + ScimSchemas.USER + "'), 'userName',"
        + " 'seed-' || g || '@" + groupId + "'), 1, now(), now() FROM generate_series(1, " + count + ") g"
        + " RETURNING id)"
        + " INSERT INTO group_member (tenant_id, connector_id, group_id, member_id)"
        + " SELECT " + scope + ", '" + groupId + "'::uuid, id FROM u");
  }
}
