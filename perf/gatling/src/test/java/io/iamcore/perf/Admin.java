package io.iamcore.perf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * A scenario's set-up through the gateway's own admin API (never behind its back in the database):
 * connectors, secrets, sync rules, connector data, and seed users posted over SCIM. Runs in the
 * simulations' {@code before} hooks, so none of it counts in the measured figures.
 */
public final class Admin {

  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private final String gateway;
  private final Tokens tokens;
  private final Set<Path> scraped = ConcurrentHashMap.newKeySet();

  public Admin(Settings settings, Tokens tokens) {
    this.gateway = settings.gateway().replaceAll("/+$", "");
    this.tokens = tokens;
  }

  /** A tenant of its own: a fresh tid and an Administrator token for it. */
  public Tenant tenant() {
    String tid = UUID.randomUUID().toString();
    return new Tenant(tid, tokens.administrator(tid));
  }

  /** A SCIM connector and a secret token for it: what an operator types into Entra. */
  public ScimConnector scimConnector(Tenant tenant, String name, boolean groups) {
    ObjectNode body = JSON.createObjectNode().put("name", name).put("templateId", "SCIM");
    if (groups) {
      body.putObject("configuration").put("groupsEnabled", true);
    }
    String id = expect(201, send("POST", "/iamcore/sync/connectors", tenant.admin(), body)).get("id").asText();
    String secret = expect(201, send("POST", "/iamcore/sync/connectors/" + id + "/secrets", tenant.admin(), null))
        .get("secretToken").asText();
    return new ScimConnector(tenant, id, secret, "/iamcore/beta/sync/connectors/" + id + "/scim");
  }

  /** An API connector (an HR source); returns its id. */
  public String apiConnector(Tenant tenant, String name) {
    ObjectNode body = JSON.createObjectNode().put("name", name).put("templateId", "API");
    return expect(201, send("POST", "/iamcore/sync/connectors", tenant.admin(), body)).get("id").asText();
  }

  public void rule(Tenant tenant, JsonNode rule) {
    expect(201, send("POST", "/iamcore/sync/rules", tenant.admin(), rule));
  }

  /** Upserts connector data in batches of at most 1,000 (the API's limit). */
  public void dataBatches(Tenant tenant, String connectorId, String objectType, List<ObjectNode> operations) {
    for (int from = 0; from < operations.size(); from += 1000) {
      ObjectNode body = JSON.createObjectNode();
      body.putArray("operations").addAll(operations.subList(from, Math.min(from + 1000, operations.size())));
      JsonNode answer = expect(200, send("POST", "/iamcore/sync/connectors/" + connectorId + "/data/"
          + objectType + ":batch", tenant.admin(), body));
      for (JsonNode result : answer.path("results")) {
        if (result.path("status").asInt() >= 300) {
          throw new IllegalStateException("data batch operation failed: " + result);
        }
      }
    }
  }

  /**
   * POSTs SCIM users with at most {@code parallel} in flight; returns each created user's id in
   * the order of {@code bodies}.
   */
  public List<String> postUsers(ScimConnector connector, List<ObjectNode> bodies, int parallel) {
    Semaphore slots = new Semaphore(parallel);
    List<CompletableFuture<String>> ids = new ArrayList<>();
    for (ObjectNode body : bodies) {
      slots.acquireUninterruptibly();
      ids.add(http.sendAsync(request("POST", connector.scimPath() + "/Users", connector.secret(), body,
              "application/scim+json"), HttpResponse.BodyHandlers.ofString())
          .thenApply(r -> expect(201, r).get("id").asText())
          .whenComplete((id, e) -> slots.release()));
    }
    return ids.stream().map(CompletableFuture::join).toList();
  }

  /**
   * Warms the gateway up (JIT, connection pools, the writer) with {@code users} creates to a
   * connector of its own, outside the measured figures.
   */
  public void warmUp(Settings settings) {
    if (settings.warmupUsers() <= 0) {
      return;
    }
    ScimConnector warm = scimConnector(tenant(), "warm-up " + settings.run(), false);
    List<ObjectNode> bodies = new ArrayList<>();
    for (int i = 0; i < settings.warmupUsers(); i++) {
      try {
        bodies.add((ObjectNode) JSON.readTree(new EntraUser("warm-" + settings.run(), 0, i).createBody()));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    postUsers(warm, bodies, settings.totalConcurrency());
  }

  /**
   * Saves the gateway's Prometheus text to {@code file} (the writer's batch and commit meters),
   * followed by comment lines with the wall clock, the machine's CPU time (/proc/stat: total and
   * idle ticks) and, when {@code gatewayPid} is known, the gateway process's CPU ticks.
   */
  public void scrapeMetrics(Path file, long gatewayPid) {
    HttpResponse<String> response = send("GET", "/metrics", "", null);
    try {
      Files.createDirectories(file.getParent());
      StringBuilder text = new StringBuilder(response.statusCode() == 200 ? response.body() : "");
      text.append("# perf_wall_millis ").append(System.currentTimeMillis()).append('\n');
      String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
      String[] f = cpu.trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < Math.min(f.length, 9); i++) {
        total += Long.parseLong(f[i]);
      }
      text.append("# perf_machine_cpu_ticks ").append(total).append(' ')
          .append(Long.parseLong(f[4]) + Long.parseLong(f[5])).append('\n');
      Path stat = Path.of("/proc/" + gatewayPid + "/stat");
      if (gatewayPid > 0 && Files.isReadable(stat)) {
        String line = Files.readString(stat);
        String[] p = line.substring(line.lastIndexOf(')') + 2).split(" ");
        // fields 14 and 15 (utime, stime) are the 12th and 13th after the command name
        text.append("# perf_gateway_cpu_ticks ").append(Long.parseLong(p[11]) + Long.parseLong(p[12])).append('\n');
      }
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@link #scrapeMetrics} the first time it is called for {@code file}: called by every virtual
   * user as the measured phase starts, so the snapshot is taken as close to its start as possible
   * (once, briefly blocking one Gatling thread).
   */
  public void scrapeMetricsOnce(Path file, long gatewayPid) {
    if (scraped.add(file)) {
      scrapeMetrics(file, gatewayPid);
    }
  }

  /** The status of an authenticated GET (used to find out whether an optional endpoint exists). */
  public int status(String path, String token) {
    return send("GET", path, token, null).statusCode();
  }

  private HttpResponse<String> send(String method, String path, String token, JsonNode body) {
    try {
      return http.send(request(method, path, token, body, "application/json"), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + gateway + path + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private HttpRequest request(String method, String path, String token, JsonNode body, String contentType) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(60));
    if (!token.isEmpty()) {
      builder.header("Authorization", "Bearer " + token);
    }
    if (body == null) {
      return builder.method(method, HttpRequest.BodyPublishers.noBody()).build();
    }
    return builder.header("Content-Type", contentType)
        .method(method, HttpRequest.BodyPublishers.ofString(body.toString())).build();
  }

  private static JsonNode expect(int status, HttpResponse<String> response) {
    if (response.statusCode() != status) {
      throw new IllegalStateException(response.request().method() + " " + response.uri() + " answered "
          + response.statusCode() + " (expected " + status + "): " + response.body());
    }
    try {
      return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException("not JSON from " + response.uri() + ": " + response.body(), e);
    }
  }

  /** A tenant (Entra tid) and its administrator's token. */
  public record Tenant(String tid, String admin) {}

  /** A SCIM connector: its id, its secret token and its SCIM base path. */
  public record ScimConnector(Tenant tenant, String id, String secret, String scimPath) {}
}
