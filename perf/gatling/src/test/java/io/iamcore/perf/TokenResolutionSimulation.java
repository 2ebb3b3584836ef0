package io.iamcore.perf;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import io.iamcore.perf.Admin.ScimConnector;
import io.iamcore.perf.Admin.Tenant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Downstream APIs asking "who is this token?": {@code GET /iamcore/identities/me} with the access
 * tokens of {@code users} distinct Entra users (default 1,000: small and quick), each answered from
 * the identity index.
 *
 * <p>Set-up, as in the seed: an HR {@code API} connector with a projecting rule creates the
 * CoreIdentities ({@code id} = the HR externalId), an Entra SCIM connector with the seed's
 * join-only rule joins each Entra user on {@code nickName} and gives its identity
 * {@code entraObjectId} = the user's {@code externalId} (Entra's objectId, the token's {@code oid}).
 * Every answer must be 200 with that {@code entraObjectId}.
 */
public class TokenResolutionSimulation extends Simulation {

  static final String PHASE = "resolution";

  private final Settings settings = Settings.fromSystemProperties(1_000);
  private final Ledger ledger = new Ledger();
  private final Admin admin;

  public TokenResolutionSimulation() {
    Tokens tokens = Tokens.load(settings);
    admin = new Admin(settings, tokens);
    Tenant tenant = admin.tenant();
    String hr = admin.apiConnector(tenant, "HR (gatling " + settings.run() + ")");
    admin.rule(tenant, projectingRule(hr));
    List<ObjectNode> people = new ArrayList<>();
    for (int i = 0; i < settings.users(); i++) {
      ObjectNode op = Admin.JSON.createObjectNode().put("externalId", person(i));
      op.putObject("data").put("displayName", user(i).displayName());
      people.add(op);
    }
    admin.dataBatches(tenant, hr, "person", people);
    ScimConnector entra = admin.scimConnector(tenant, "Entra ID (gatling " + settings.run() + ")", false);
    admin.rule(tenant, seedRule(entra.id()));
    List<ObjectNode> users = new ArrayList<>();
    List<String[]> callers = new ArrayList<>();
    for (int i = 0; i < settings.users(); i++) {
      users.add(entraUser(i));
      callers.add(new String[] {user(i).externalId(), tokens.user(tenant.tid(), user(i).externalId())});
    }
    admin.postUsers(entra, users, settings.totalConcurrency());
    ledger.facts().put("scenario", "tokenResolution").put("users", settings.users())
        .put("identities", settings.users()).put("concurrency", settings.totalConcurrency())
        .put("durationSeconds", settings.duration().toSeconds()).put("run", settings.run())
        .put("measuredPhase", PHASE);
    PopulationBuilder resolution = scenario("tokenResolution")
        .exec(session -> {
          ledger.mark(PHASE);
          admin.scrapeMetricsOnce(settings.out().resolve("metrics-start.txt"), settings.gatewayPid());
          return session;
        })
        .exec(during(settings.duration()).on(exec(session -> {
          String[] caller = callers.get(ThreadLocalRandom.current().nextInt(callers.size()));
          return session.set("oid", caller[0]).set("token", caller[1]);
        }).exec(http("GET /identities/me").get("/iamcore/identities/me")
            .header("Authorization", "Bearer #{token}")
            .check(status().is(200), jsonPath("$.entraObjectId").isEL("#{oid}")))
            .exec(session -> {
              ledger.mark(PHASE);
              return session;
            })))
        .injectOpen(atOnceUsers(settings.totalConcurrency()))
        .protocols(Protocols.base(settings.gateway()));
    PopulationBuilder ceiling = Ceiling.population(settings, ledger);
    setUp(ceiling == null ? resolution : ceiling.andThen(resolution)).assertions(RunAssertions.of(settings));
  }

  private String person(int i) {
    return "P-" + settings.run() + "-" + i;
  }

  private EntraUser user(int i) {
    return new EntraUser(settings.run(), 0, i);
  }

  private ObjectNode entraUser(int i) {
    try {
      ObjectNode body = (ObjectNode) Admin.JSON.readTree(user(i).createBody());
      return body.put("nickName", person(i));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** HR creates the identities: id = the person's externalId. */
  private static JsonNode projectingRule(String connectorId) {
    ObjectNode rule = Admin.JSON.createObjectNode().put("name", "HR - Person").put("connectorId", connectorId)
        .put("connectorObjectType", "person").put("coreObjectType", "Identity").put("provisioningEnabled", true)
        .put("priority", 100);
    ArrayNode flows = rule.putArray("inboundAttributeFlows");
    flows.add(flow("id", 1, Admin.JSON.createObjectNode().put("$type", "externalid")));
    flows.add(flow("displayName", null, attribute("displayName")));
    return rule;
  }

  /** The seed's rule, as New-IAMCoreSyncRule sends it (README "The seed's sync rule"). */
  private static JsonNode seedRule(String connectorId) {
    ObjectNode rule = Admin.JSON.createObjectNode().put("name", "Entra ID - User").put("connectorId", connectorId)
        .put("connectorObjectType", "user").put("coreObjectType", "Identity").put("provisioningEnabled", false)
        .put("priority", 11000).putNull("joinScope");
    ArrayNode flows = rule.putArray("inboundAttributeFlows");
    flows.add(flow("id", 1, attribute("nickName")));
    flows.add(flow("entraUserPrincipalName", null, attribute("userName")));
    flows.add(flow("entraObjectId", null, Admin.JSON.createObjectNode().put("$type", "externalid")));
    return rule;
  }

  private static ObjectNode flow(String target, Integer joinPriority, JsonNode value) {
    ObjectNode flow = Admin.JSON.createObjectNode().put("$type", "string").put("targetAttributeName", target);
    if (joinPriority != null) {
      flow.put("joinPriority", joinPriority);
    }
    flow.set("value", value);
    return flow;
  }

  private static ObjectNode attribute(String path) {
    return Admin.JSON.createObjectNode().put("$type", "attribute").put("attribute", path);
  }

  @Override
  public void after() {
    admin.scrapeMetrics(settings.out().resolve("metrics-end.txt"), settings.gatewayPid());
    ledger.write(settings.out(), 0);
  }
}
