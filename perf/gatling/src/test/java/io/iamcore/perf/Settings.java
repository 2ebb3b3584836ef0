package io.iamcore.perf;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/**
 * Every knob of the scenarios, read once from system properties ({@code -Dname=value}; perf/run.sh
 * passes them through). Defaults make a small, quick run against a gateway on 127.0.0.1:8080.
 *
 * @param gateway base URL of the gateway under test
 * @param plaintext base URL of the plaintext ceiling server, or blank to skip the ceiling
 * @param keys directory written by tools/LocalKeys.java (private.pk8, kid.txt)
 * @param apiAudience the audience the gateway accepts for admin and /me tokens (IAMCORE_API_AUDIENCES)
 * @param out directory for the run's ledger and summary (read by perf/run.sh)
 * @param users users per run (initialCycle: spread over the tenants; steadyState: base population
 *     per tenant; tokenResolution: identities)
 * @param tenants tenants (each with its own SCIM connector) provisioned in parallel
 * @param concurrency virtual users (Entra worker threads) per tenant
 * @param patchShare share of created users that also get a PATCH in initialCycle
 * @param groups whether initialCycle also creates groups and adds members (skipped if /Groups is 404)
 * @param groupSize members per group (added in PATCHes of 100)
 * @param duration measured phase of steadyState and tokenResolution
 * @param ceilingDuration measured phase of the plaintext ceiling
 * @param p99Millis assertion: the 99th percentile of every request type stays below this
 * @param warmupUsers users posted to a connector of their own before anything is measured (JIT,
 *     pools); not in the figures, not in the database check
 * @param run a tag that makes userNames and externalIds unique to this run
 * @param gatewayPid the gateway's process id when it runs on this machine (0: unknown), so the
 *     CPU it used in the measured phase can be read from /proc
 */
public record Settings(
    String gateway,
    String plaintext,
    Path keys,
    String apiAudience,
    Path out,
    int users,
    int tenants,
    int concurrency,
    double patchShare,
    boolean groups,
    int groupSize,
    Duration duration,
    Duration ceilingDuration,
    int p99Millis,
    int warmupUsers,
    String run,
    long gatewayPid) {

  /** The settings of a scenario whose {@code users} default is {@code defaultUsers}. */
  public static Settings fromSystemProperties(int defaultUsers) {
    return new Settings(
        text("gateway", "http://127.0.0.1:8080"),
        text("plaintext", ""),
        Path.of(text("keys", "target/keys")),
        text("apiAudience", "api://iamcore-gatling"),
        Path.of(text("out", "target/run")),
        number("users", defaultUsers),
        number("tenants", 4),
        number("concurrency", 32),
        Double.parseDouble(text("patchShare", "0.2")),
        Boolean.parseBoolean(text("groups", "false")),
        number("groupSize", 1000),
        Duration.ofSeconds(number("durationSeconds", 60)),
        Duration.ofSeconds(number("ceilingSeconds", 15)),
        number("p99Millis", 2000),
        number("warmupUsers", 1000),
        text("run", UUID.randomUUID().toString().substring(0, 8)),
        Long.parseLong(text("gatewayPid", "0")));
  }

  /** Virtual users across all tenants: the concurrency the ceiling is measured with too. */
  public int totalConcurrency() {
    return tenants * concurrency;
  }

  private static String text(String name, String fallback) {
    String value = System.getProperty(name);
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  private static int number(String name, int fallback) {
    String value = text(name, Integer.toString(fallback));
    try {
      return Integer.parseInt(value.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("-D" + name + " must be a whole number, got '" + value + "'", e);
    }
  }
}
