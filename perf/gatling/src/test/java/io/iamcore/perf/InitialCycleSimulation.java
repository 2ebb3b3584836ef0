package io.iamcore.perf;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.iamcore.perf.Admin.ScimConnector;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Entra's first provisioning cycle for {@code users} users spread over {@code tenants} tenants
 * (one SCIM connector each) provisioned in parallel, {@code concurrency} Entra workers per tenant.
 *
 * <p>Each worker first runs Entra's Test connection ({@code GET /Users?filter=userName eq "<random
 * GUID>"}, 200 with no result), then takes the tenant's next user until none is left: probe
 * {@code GET /Users?filter=externalId eq "<objectId>"} (must be empty), {@code POST /Users}, and
 * for {@code patchShare} of the users a legacy-dialect PATCH of attributes, half of them with
 * {@code active "False"}. With {@code -Dgroups=true}, once every user exists, groups of
 * {@code groupSize} are created and their members added in PATCHes of 100 (skipped when the
 * gateway answers 404 on /Groups). The plaintext ceiling runs first, in the same run.
 */
public class InitialCycleSimulation extends Simulation {

  static final String PHASE = "provisioning";

  private final Settings settings = Settings.fromSystemProperties(10_000);
  private final Ledger ledger = new Ledger();
  private final Admin admin;

  public InitialCycleSimulation() {
    admin = new Admin(settings, Tokens.load(settings));
    List<PopulationBuilder> tenants = new ArrayList<>();
    boolean withGroups = settings.groups();
    for (int k = 0; k < settings.tenants(); k++) {
      ScimConnector connector = admin.scimConnector(admin.tenant(), "Entra ID (gatling " + settings.run() + " #" + k + ")", withGroups);
      if (withGroups && k == 0 && admin.status(connector.scimPath() + "/Groups?count=1", connector.secret()) == 404) {
        System.err.println("groups requested but this gateway answers 404 on /Groups: skipping groups");
        withGroups = false;
      }
      int count = settings.users() / settings.tenants() + (k < settings.users() % settings.tenants() ? 1 : 0);
      AtomicReferenceArray<String> ids = new AtomicReferenceArray<>(count);
      PopulationBuilder tenant = tenant(k, connector, count, ids);
      // a tenant's groups start once all of its users exist (their ids are the members)
      tenants.add(withGroups ? tenant.andThen(GroupsPhase.population(settings, k, connector, ids)) : tenant);
      ledger.facts().withArray("connectors").add(connector.id());
    }
    ledger.facts().put("scenario", "initialCycle").put("users", settings.users()).put("tenants", settings.tenants())
        .put("concurrency", settings.concurrency()).put("patchShare", settings.patchShare())
        .put("groups", withGroups).put("run", settings.run());
    admin.warmUp(settings);
    PopulationBuilder ceiling = Ceiling.population(settings, ledger);
    PopulationBuilder[] all = tenants.toArray(PopulationBuilder[]::new);
    // the ceiling first, then every tenant at once
    setUp(ceiling == null ? all : new PopulationBuilder[] {ceiling.andThen(all)})
        .assertions(RunAssertions.of(settings));
  }

  private PopulationBuilder tenant(int k, ScimConnector connector, int count, AtomicReferenceArray<String> ids) {
    AtomicInteger next = new AtomicInteger();
    double share = settings.patchShare();
    ChainBuilder claim = exec(session -> {
      int i = next.getAndIncrement();
      return session.set("i", i).set("more", i < count);
    });
    // A request Entra did not get an answer for (a 503) fails the run, but the worker goes on
    // with its next user, as Entra's would; the ledger keeps only what was acknowledged.
    ChainBuilder oneUser = exec(session -> session.remove("id"))
        .exec(
            http("GET probe externalId").get(session -> connector.scimPath() + user(session, k).probeQuery())
                .check(status().is(200), jsonPath("$.totalResults").ofInt().is(0)),
            http("POST user").post(connector.scimPath() + "/Users")
                .body(StringBody(session -> user(session, k).createBody()))
                .check(status().is(201), jsonPath("$.id").saveAs("id")))
        .doIf(session -> session.contains("id")).then(
            exec(session -> session.markAsSucceeded())
                .doIf(session -> user(session, k).patched(share)).then(exec(
                    http("PATCH user").patch(session -> connector.scimPath() + "/Users/" + session.getString("id"))
                        .body(StringBody(session -> user(session, k).patchBody(share)))
                        .check(status().is(200))))
                .exec(session -> {
                  EntraUser user = user(session, k);
                  ids.set(user.index(), session.getString("id"));
                  ledger.created(connector.id(), session.getString("id"), user, session.isFailed());
                  return session;
                }))
        .exec(session -> {
          ledger.mark(PHASE);
          return session.markAsSucceeded();
        });
    return scenario("initialCycle tenant " + k)
        .exec(session -> {
          ledger.mark(PHASE);
          admin.scrapeMetricsOnce(settings.out().resolve("metrics-start.txt"), settings.gatewayPid());
          return session;
        })
        .exec(http("GET Test connection")
            .get(session -> connector.scimPath() + "/Users?filter=userName+eq+%22" + UUID.randomUUID() + "%22")
            .check(status().is(200), jsonPath("$.totalResults").ofInt().is(0)))
        .exec(claim)
        .exec(asLongAs(session -> session.getBoolean("more")).on(exec(oneUser).exec(claim)))
        .injectOpen(atOnceUsers(settings.concurrency()))
        .protocols(Protocols.scim(settings, connector.secret()));
  }

  private EntraUser user(Session session, int tenant) {
    return new EntraUser(settings.run(), tenant, session.getInt("i"));
  }

  @Override
  public void after() {
    admin.scrapeMetrics(settings.out().resolve("metrics-end.txt"), settings.gatewayPid());
    ledger.write(settings.out(), settings.patchShare());
    System.out.println("initialCycle: " + ledger.createdCount() + " users acknowledged; ledger in "
        + settings.out().toAbsolutePath());
  }
}
