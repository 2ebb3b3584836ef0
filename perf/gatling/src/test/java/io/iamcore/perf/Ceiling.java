package io.iamcore.perf;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/**
 * The plaintext ceiling, measured by the same Gatling run as the scenario and with the same number
 * of connections: {@code GET /} of tools/PlaintextServer.java for {@code ceilingSeconds}. Its
 * request rate is the most this machine serves over HTTP with Vert.x while Gatling itself shares
 * the CPU; perf/run.sh gives every figure also as a fraction of it.
 */
final class Ceiling {

  static final String PHASE = "ceiling";
  static final String REQUEST = "plaintext GET";

  private Ceiling() {}

  /** The ceiling population, or null when no plaintext server was given. */
  static PopulationBuilder population(Settings settings, Ledger ledger) {
    if (settings.plaintext().isBlank()) {
      return null;
    }
    HttpProtocolBuilder protocol = Protocols.base(settings.plaintext());
    return scenario("plaintext ceiling")
        .exec(session -> {
          ledger.mark(PHASE);
          return session;
        })
        .exec(during(settings.ceilingDuration()).on(exec(http(REQUEST).get("/").check(status().is(200)))))
        .exec(session -> {
          ledger.mark(PHASE);
          return session;
        })
        .injectOpen(atOnceUsers(settings.totalConcurrency()))
        .protocols(protocol);
  }
}
