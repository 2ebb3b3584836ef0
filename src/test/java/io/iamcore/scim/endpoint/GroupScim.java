package io.iamcore.scim.endpoint;

import static io.iamcore.testing.TestGroups.group;
import static io.iamcore.testing.TestUsers.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.iamcore.scim.ScimSchemas;
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

/** A SCIM connector with groupsEnabled on a running gateway, and the calls group tests make. */
final class GroupScim {

  final RunningGateway gateway;
  final String tenant;
  final String connector;
  final String token;

  GroupScim(RunningGateway gateway) {
    this.gateway = gateway;
    this.tenant = UUID.randomUUID().toString();
    this.connector = gateway.createScimConnector(tenant, new JsonObject().put("groupsEnabled", true)).getString("id");
    this.token = gateway.issueSecret(tenant, connector);
  }

  String path(String rest) {
    return RunningGateway.scimPath(connector, rest);
  }

  HttpResult send(String method, String rest, JsonObject body) {
    return gateway.send(method, path(rest), token, body);
  }

  HttpResult send(String method, String rest, JsonObject body, Map<String, String> headers) {
    return gateway.send(method, path(rest), token, body == null ? null : body.encode(), "application/scim+json", headers);
  }

  String newUser(String name) {
    HttpResult created = send("POST", "/Users", user(name + "@contoso.example", name));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().getString("id");
  }

  JsonObject newGroup(String displayName, String... members) {
    HttpResult created = send("POST", "/Groups", group(displayName, "ext-" + displayName, members));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json();
  }

  List<String> memberIds(String groupId) {
    HttpResult got = send("GET", "/Groups/" + groupId, null);
    assertThat(got.status()).as(got.body()).isEqualTo(200);
    JsonArray list = got.json().getJsonArray("members", new JsonArray());
    List<String> ids = new ArrayList<>();
    list.forEach(m -> ids.add(((JsonObject) m).getString("value")));
    return ids;
  }

  String version(String groupId) {
    return send("GET", "/Groups/" + groupId + "?excludedAttributes=members", null).json()
        .getJsonObject("meta").getString("version");
  }

  long count(String sql) {
    return gateway.database().queryLong(sql);
  }

  static String q(String filter) {
    return URLEncoder.encode(filter, StandardCharsets.UTF_8);
  }

  /** {@code count} users inserted straight into the connector space and made members of the group. */
  void seedMembers(String groupId, int count) {
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
