package io.iamcore.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamcore.testing.GatewayTestBase;
import io.iamcore.testing.HttpResult;
import io.iamcore.testing.RunningGateway;
import io.iamcore.testing.TestUsers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A randomized walk over every route that exists today, mixing the credentials (administrator
 * token, connector secret, Entra provisioning token), connector ids and user ids of three tenants.
 * The seed is fixed and printed; rerun one walk with {@code -Diamcore.test.seed=<seed>}.
 *
 * <p>The oracle: another tenant's connector is 404 on the admin API and 401 on SCIM; another
 * connector's user is 404; lists and filters show only the connector's own users; and after every
 * step the rows of every tenant other than the caller's are exactly as before (and all rows are,
 * when the step was refused).
 */
class TenantIsolationTest extends GatewayTestBase {

  private static final long SEED = Long.getLong("iamcore.test.seed", 20261204L);
  private static final int STEPS = 300;
  private static final String CONNECTORS = "/iamcore/sync/connectors";

  record Connector(String tenant, String id, String secret) {}

  record User(String tenant, String connector, String id, String userName, String externalId) {}

  /** A SCIM credential: an Entra token good for every connector of its tenant, or one connector's secret. */
  record Credential(String tenant, String token, String onlyConnector) {
    String kind() {
      return onlyConnector == null ? "entra token" : "secret of " + onlyConnector;
    }
  }

  enum Op {
    CONNECTOR_LIST, CONNECTOR_GET, CONNECTOR_PATCH, CONNECTOR_DELETE, SECRET_ISSUE, SECRETS_REVOKE,
    USER_GET, USER_PUT, USER_PATCH, USER_DELETE, USERS_LIST, USERS_FILTER_USERNAME, USERS_FILTER_EXTERNALID;

    boolean admin() {
      return ordinal() <= SECRETS_REVOKE.ordinal();
    }

    /** Ops that would remove what later steps rely on: only ever aimed at somebody else's data. */
    boolean destructive() {
      return this == CONNECTOR_DELETE || this == SECRETS_REVOKE || this == USER_DELETE;
    }
  }

  private static final List<String> tenants = new ArrayList<>();
  private static final List<Connector> connectors = new ArrayList<>();
  private static final List<User> users = new ArrayList<>();

  @BeforeAll
  static void threeTenants() {
    for (int t = 0; t < 3; t++) {
      String tenant = UUID.randomUUID().toString();
      tenants.add(tenant);
      for (int c = 0; c < 2; c++) {
        String id = gateway.createScimConnector(tenant).getString("id");
        Connector connector = new Connector(tenant, id, gateway.issueSecret(tenant, id));
        connectors.add(connector);
        for (int u = 0; u < 3; u++) {
          // The same userName and externalId in every connector: isolation must not depend on them differing.
          String userName = "user" + u + "@contoso.example";
          HttpResult created = gateway.send("POST", RunningGateway.scimPath(id, "/Users"), connector.secret(),
              TestUsers.user(userName, "ext-" + u));
          assertThat(created.status()).as(created.toString()).isEqualTo(201);
          users.add(new User(tenant, id, created.json().getString("id"), userName, "ext-" + u));
        }
      }
    }
  }

  @Test
  @DisplayName("a randomized mix of three tenants' tokens, connector ids and user ids never reads or writes across tenants")
  void randomWalk_noCrossTenantReadOrWrite() {
    System.out.println("TenantIsolationTest seed: " + SEED + " (rerun with -Diamcore.test.seed=" + SEED + ")");
    Random random = new Random(SEED);
    Map<Op, Integer> crossTenant = new EnumMap<>(Op.class);
    Map<Op, Integer> foreignObjects = new EnumMap<>(Op.class);
    for (int step = 0; step < STEPS; step++) {
      Op op = Op.values()[random.nextInt(Op.values().length)];
      String actor = tenants.get(random.nextInt(tenants.size()));
      Connector target = connectors.get(random.nextInt(connectors.size()));
      User user = users.get(random.nextInt(users.size()));
      Credential credential = credential(random, actor);
      // Destruction is only ever aimed elsewhere: another tenant's connector, or a user outside
      // the target connector (which may be the caller's own: a foreign user id through it).
      while (op.admin() && op.destructive() && target.tenant().equals(actor)) {
        target = connectors.get(random.nextInt(connectors.size()));
      }
      while (op == Op.USER_DELETE && user.connector().equals(target.id())) {
        user = users.get(random.nextInt(users.size()));
      }
      String what = "step " + step + " (seed " + SEED + "): tenant " + actor + " " + op + " on connector "
          + target.id() + " of " + target.tenant() + (op.admin() ? "" : " with " + credential.kind()
          + ", user " + user.id() + " of connector " + user.connector());
      if (!actor.equals(target.tenant())) {
        crossTenant.merge(op, 1, Integer::sum);
      } else if (!op.admin() && !user.tenant().equals(actor)) {
        foreignObjects.merge(op, 1, Integer::sum);
      }

      Map<String, List<String>> before = Rows.byTenant(gateway.database());
      boolean refused = op.admin() ? adminStep(op, actor, target, what) : scimStep(op, credential, target, user, what);
      Map<String, List<String>> after = Rows.byTenant(gateway.database());

      if (refused) {
        assertThat(after).as(what + ": a refused step writes nothing").isEqualTo(before);
      } else {
        for (String tenant : tenants) {
          if (!tenant.equals(actor)) {
            assertThat(after.get(tenant)).as(what + ": rows of tenant " + tenant).isEqualTo(before.get(tenant));
          }
        }
      }
    }
    assertThat(crossTenant.keySet()).as("every route was tried across tenants").containsExactlyInAnyOrder(Op.values());
    assertThat(foreignObjects.keySet()).as("another tenant's user ids were tried through the caller's own connector")
        .contains(Op.USER_GET, Op.USER_PUT, Op.USER_PATCH, Op.USER_DELETE);
  }

  private static Credential credential(Random random, String tenant) {
    if (random.nextBoolean()) {
      return new Credential(tenant, gateway.entraProvisioningToken(tenant), null);
    }
    List<Connector> own = connectors.stream().filter(c -> c.tenant().equals(tenant)).toList();
    Connector connector = own.get(random.nextInt(own.size()));
    return new Credential(tenant, connector.secret(), connector.id());
  }

  /** @return whether the step was refused (404) */
  private static boolean adminStep(Op op, String actor, Connector target, String what) {
    String admin = gateway.administrator(actor);
    boolean own = actor.equals(target.tenant());
    String path = CONNECTORS + "/" + target.id();
    HttpResult result;
    int success;
    switch (op) {
      case CONNECTOR_LIST:
        result = gateway.send("GET", CONNECTORS + "?limit=1000", admin, null);
        assertThat(result.status()).as(what).isEqualTo(200);
        List<String> listed = ids(result.json().getJsonArray("items"), "id");
        assertThat(listed).as(what + ": the list holds exactly the caller's connectors")
            .containsExactlyInAnyOrderElementsOf(connectors.stream().filter(c -> c.tenant().equals(actor))
                .map(Connector::id).toList());
        return false;
      case CONNECTOR_GET:
        result = gateway.send("GET", path, admin, null);
        success = 200;
        break;
      case CONNECTOR_PATCH:
        result = gateway.send("PATCH", path, admin, new JsonObject().put("description", "patched by " + actor).encode(),
            "application/json", Map.of());
        success = 200;
        break;
      case CONNECTOR_DELETE:
        result = gateway.send("DELETE", path, admin, null);
        success = 204;
        break;
      case SECRET_ISSUE:
        result = gateway.send("POST", path + "/secrets", admin, null);
        success = 201;
        break;
      case SECRETS_REVOKE:
        result = gateway.send("DELETE", path + "/secrets", admin, null);
        success = 204;
        break;
      default:
        throw new AssertionError(op);
    }
    if (own) {
      assertThat(result.status()).as(what + " → " + result).isEqualTo(success);
      return false;
    }
    assertThat(result.status()).as(what + " → " + result).isEqualTo(404);
    assertThat(result.json().getJsonObject("error").getString("code")).as(what).isEqualTo("notFound");
    assertThat(result.body()).as(what + ": nothing of the connector leaks").doesNotContain("Entra ID", "secrets");
    return true;
  }

  /** @return whether the step was refused (401) or found nothing to change (404) */
  private static boolean scimStep(Op op, Credential credential, Connector target, User user, String what) {
    String base = RunningGateway.scimPath(target.id(), "/Users");
    String userPath = base + "/" + user.id();
    HttpResult result;
    switch (op) {
      case USER_GET:
        result = gateway.send("GET", userPath, credential.token(), null);
        break;
      case USER_PUT:
        result = gateway.send("PUT", userPath, credential.token(),
            TestUsers.user(user.userName(), user.externalId()).put("displayName", "put via " + target.id()));
        break;
      case USER_PATCH:
        result = gateway.send("PATCH", userPath, credential.token(), new JsonObject()
            .put("schemas", new JsonArray().add("urn:ietf:params:scim:api:messages:2.0:PatchOp"))
            .put("Operations", new JsonArray().add(new JsonObject().put("op", "replace").put("path", "displayName")
                .put("value", "patched via " + target.id()))));
        break;
      case USER_DELETE:
        result = gateway.send("DELETE", userPath, credential.token(), null);
        break;
      case USERS_LIST:
        result = gateway.send("GET", base + "?count=1000", credential.token(), null);
        break;
      case USERS_FILTER_USERNAME:
        result = gateway.send("GET", base + "?filter=" + encode("userName eq \"" + user.userName() + "\""),
            credential.token(), null);
        break;
      case USERS_FILTER_EXTERNALID:
        result = gateway.send("GET", base + "?filter=" + encode("externalId eq \"" + user.externalId() + "\""),
            credential.token(), null);
        break;
      default:
        throw new AssertionError(op);
    }
    boolean authenticates = credential.tenant().equals(target.tenant())
        && (credential.onlyConnector() == null || credential.onlyConnector().equals(target.id()));
    if (!authenticates) {
      Refusals.assertRefused(result, 401, true, what);
      return true;
    }
    boolean ownUser = user.connector().equals(target.id());
    switch (op) {
      case USERS_LIST:
      case USERS_FILTER_USERNAME:
      case USERS_FILTER_EXTERNALID:
        assertThat(result.status()).as(what + " → " + result).isEqualTo(200);
        List<String> found = ids(result.json().getJsonArray("Resources"), "id");
        List<String> ownIds = users.stream().filter(u -> u.connector().equals(target.id())).map(User::id).toList();
        assertThat(ownIds).as(what + ": only the connector's own users").containsAll(found);
        if (op == Op.USERS_LIST) {
          assertThat(found).as(what).containsExactlyInAnyOrderElementsOf(ownIds);
        } else {
          // Every connector has a user with the same userName and externalId: exactly its own one.
          assertThat(found).as(what).hasSize(1);
        }
        return false;
      default:
        if (ownUser) {
          assertThat(result.status()).as(what + " → " + result).isEqualTo(200);
          assertThat(result.json().getString("id")).isEqualTo(user.id());
          return false;
        }
        assertThat(result.status()).as(what + " → " + result).isEqualTo(404);
        assertThat(result.json().getJsonArray("schemas")).containsExactly(Refusals.SCIM_ERROR);
        assertThat(result.body()).as(what + ": nothing of the user leaks").doesNotContain(user.userName());
        return true;
    }
  }

  private static List<String> ids(JsonArray array, String field) {
    return array.stream().map(o -> ((JsonObject) o).getString(field)).collect(Collectors.toList());
  }

  private static String encode(String filter) {
    return URLEncoder.encode(filter, StandardCharsets.UTF_8);
  }
}
