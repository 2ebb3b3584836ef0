package io.iamcore.perf;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.iamcore.perf.Admin.ScimConnector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Entra's incremental cycles once a tenant is provisioned: per tenant, a base population of
 * {@code users / tenants} users is created during set-up (not measured), then for
 * {@code durationSeconds} each worker loops over a mix of 50 % probes of existing users
 * ({@code externalId eq}, 1 result), 10 % missed {@code userName eq} probes, 25 % attribute PATCHes,
 * 5 % {@code active} toggles, 5 % creates (probe + POST) and 5 % deletes of users created in this
 * phase (so nothing else ever targets a deleted user).
 */
public class SteadyStateSimulation extends Simulation {

  static final String PHASE = "steady";

  private final Settings settings = Settings.fromSystemProperties(2_000);
  private final Ledger ledger = new Ledger();
  private final Admin admin = new Admin(settings, Tokens.load(settings));

  public SteadyStateSimulation() {
    admin.warmUp(settings);
    List<PopulationBuilder> tenants = new ArrayList<>();
    int base = Math.max(1, settings.users() / settings.tenants());
    for (int k = 0; k < settings.tenants(); k++) {
      ScimConnector connector = admin.scimConnector(admin.tenant(), "Entra ID (steady " + settings.run() + " #" + k + ")", false);
      List<String> ids = admin.postUsers(connector, baseBodies(k, base), settings.concurrency());
      tenants.add(tenant(k, connector, ids));
    }
    ledger.facts().put("scenario", "steadyState").put("users", settings.users()).put("tenants", settings.tenants())
        .put("concurrency", settings.concurrency()).put("durationSeconds", settings.duration().toSeconds())
        .put("run", settings.run()).put("measuredPhase", PHASE);
    PopulationBuilder ceiling = Ceiling.population(settings, ledger);
    PopulationBuilder[] all = tenants.toArray(PopulationBuilder[]::new);
    setUp(ceiling == null ? all : new PopulationBuilder[] {ceiling.andThen(all)})
        .assertions(RunAssertions.of(settings));
  }

  private List<ObjectNode> baseBodies(int tenant, int count) {
    List<ObjectNode> bodies = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      try {
        bodies.add((ObjectNode) Admin.JSON.readTree(new EntraUser(settings.run(), tenant, i).createBody()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return bodies;
  }

  private PopulationBuilder tenant(int k, ScimConnector connector, List<String> baseIds) {
    String scim = connector.scimPath();
    AtomicInteger nextNew = new AtomicInteger(baseIds.size());
    ConcurrentLinkedQueue<String> deletable = new ConcurrentLinkedQueue<>();
    ChainBuilder pickExisting = exec(session -> session.set("i", ThreadLocalRandom.current().nextInt(baseIds.size())));
    ChainBuilder probeHit = exec(pickExisting, exec(http("GET probe externalId (hit)")
        .get(session -> scim + user(session, k).probeQuery())
        .check(status().is(200), jsonPath("$.totalResults").ofInt().is(1))));
    ChainBuilder probeMiss = exec(http("GET probe userName (miss)")
        .get(session -> scim + "/Users?filter=userName+eq+%22" + UUID.randomUUID() + "%40contoso.example%22")
        .check(status().is(200), jsonPath("$.totalResults").ofInt().is(0)));
    ChainBuilder patch = exec(pickExisting, exec(http("PATCH user attributes")
        .patch(session -> scim + "/Users/" + baseIds.get(session.getInt("i")))
        .body(StringBody(session -> titlePatch()))
        .check(status().is(200))));
    ChainBuilder toggle = exec(pickExisting, exec(http("PATCH user active")
        .patch(session -> scim + "/Users/" + baseIds.get(session.getInt("i")))
        .body(StringBody(session -> activePatch()))
        .check(status().is(200))));
    ChainBuilder create = exec(
        exec(session -> session.set("i", nextNew.getAndIncrement())),
        exec(http("GET probe externalId (miss)").get(session -> scim + user(session, k).probeQuery())
            .check(status().is(200), jsonPath("$.totalResults").ofInt().is(0))),
        exec(http("POST user").post(scim + "/Users").body(StringBody(session -> user(session, k).createBody()))
            .check(status().is(201), jsonPath("$.id").saveAs("id"))),
        exec(session -> {
          if (!session.isFailed()) {
            deletable.add(session.getString("id"));
          }
          return session;
        }));
    ChainBuilder delete = exec(
        exec(session -> session.set("victim", String.valueOf(deletable.poll()))),
        doIf(session -> !"null".equals(session.getString("victim"))).then(
            exec(http("DELETE user").delete(session -> scim + "/Users/" + session.getString("victim"))
                .check(status().is(204)))));
    ChainBuilder iteration = exec(randomSwitch().on(
        percent(50.0).then(probeHit), percent(10.0).then(probeMiss), percent(25.0).then(patch),
        percent(5.0).then(toggle), percent(5.0).then(create), percent(5.0).then(delete)))
        .exec(session -> {
          ledger.mark(PHASE);
          return session;
        });
    return scenario("steadyState tenant " + k)
        .exec(session -> {
          ledger.mark(PHASE);
          admin.scrapeMetricsOnce(settings.out().resolve("metrics-start.txt"), settings.gatewayPid());
          return session;
        })
        .exec(during(settings.duration()).on(iteration))
        .injectOpen(atOnceUsers(settings.concurrency()))
        .protocols(Protocols.scim(settings, connector.secret()));
  }

  private static String titlePatch() {
    return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":["
        + "{\"op\":\"Replace\",\"path\":\"title\",\"value\":\"Title " + ThreadLocalRandom.current().nextInt(1000) + "\"},"
        + "{\"op\":\"Replace\",\"path\":\"phoneNumbers[type eq \\\"work\\\"].value\",\"value\":\"+1 425 555 "
        + ThreadLocalRandom.current().nextInt(10000) + "\"}]}";
  }

  private static String activePatch() {
    return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":["
        + "{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"" + (ThreadLocalRandom.current().nextBoolean() ? "True" : "False")
        + "\"}]}";
  }

  private EntraUser user(Session session, int tenant) {
    return new EntraUser(settings.run(), tenant, session.getInt("i"));
  }

  @Override
  public void after() {
    admin.scrapeMetrics(settings.out().resolve("metrics-end.txt"), settings.gatewayPid());
    ledger.write(settings.out(), 0);
  }
}
