package io.iamcore.perf;

import static io.gatling.javaapi.core.CoreDsl.forAll;
import static io.gatling.javaapi.core.CoreDsl.global;

import io.gatling.javaapi.core.Assertion;
import java.util.List;

/** What makes a run fail: any failed request, or a request type whose p99 passes the bound. */
final class RunAssertions {

  private RunAssertions() {}

  static List<Assertion> of(Settings settings) {
    return List.of(
        global().failedRequests().count().is(0L),
        forAll().responseTime().percentile(99.0).lt(settings.p99Millis()));
  }
}
