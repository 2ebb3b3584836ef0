package io.iamcore.testing;

import io.iamcore.auth.Roles;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The real gateway as a separate operating-system process ({@code java -cp <the tests' class path>
 * io.iamcore.Main}), configured only through {@code IAMCORE_*} environment variables as in
 * production. For what one JVM cannot show: several replicas on one database, {@code kill -9}.
 *
 * <p>Defaults mirror {@link RunningGateway}: a free port, 2 event loops, a small pool, the given
 * database, a {@code file:} JWKS holding the given test key (so every process of a test trusts the
 * same tokens, and no key server has to outlive a killed process), {@link RunningGateway#API_AUDIENCE}.
 * {@code env} overrides any of them. Output (stdout and stderr) goes to
 * {@code target/gateway-processes/<name>.log}, appended across restarts.
 *
 * <pre>{@code
 * try (GatewayProcess a = GatewayProcess.start("a", database, keys, Map.of())) {
 *   a.send("POST", "/iamcore/sync/connectors", a.administrator(tenant), body);
 *   a.kill();         // SIGKILL: nothing flushed, nothing drained
 *   a.restart();      // same port, same settings
 * }
 * }</pre>
 */
public final class GatewayProcess implements AutoCloseable {

  private static final Path DIR = Path.of("target", "gateway-processes");
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .executor(Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "gateway-process-http");
        t.setDaemon(true);
        return t;
      }))
      .build();

  private final String name;
  private final TestKeys keys;
  private final Map<String, String> environment;
  private final int port;
  private final Path log;
  private Process process;

  private GatewayProcess(String name, TestKeys keys, Map<String, String> environment, int port, Path log) {
    this.name = name;
    this.keys = keys;
    this.environment = Map.copyOf(environment);
    this.port = port;
    this.log = log;
  }

  /**
   * Starts a gateway process on {@code database} trusting {@code keys}, and waits until
   * {@code /health/ready} answers 200.
   *
   * @param name names the log file and appears in failure messages
   * @param env extra or overriding {@code IAMCORE_*} variables
   */
  public static GatewayProcess start(String name, TestDatabase database, TestKeys keys, Map<String, String> env) {
    GatewayProcess gateway = launch(name, database, keys, env);
    gateway.awaitReady();
    return gateway;
  }

  /** Starts the process without waiting for readiness (start several, then {@link #awaitReady()} each). */
  public static GatewayProcess launch(String name, TestDatabase database, TestKeys keys, Map<String, String> env) {
    try {
      Files.createDirectories(DIR);
      Path jwks = DIR.resolve(name + "-jwks.json");
      Files.writeString(jwks, keys.jwks().encode());
      int port = freePort();
      Map<String, String> config = new HashMap<>();
      config.put("IAMCORE_HTTP_PORT", String.valueOf(port));
      config.put("IAMCORE_HTTP_INSTANCES", "2");
      config.put("IAMCORE_DB_URL", database.url());
      config.put("IAMCORE_DB_POOL_SIZE", "4");
      // Several JVMs starting at once on a small machine: the 1 s default can pass before the
      // first connection is made, and a gateway that cannot connect at start exits.
      config.put("IAMCORE_DB_CONNECT_TIMEOUT_MS", "5000");
      config.put("IAMCORE_JWKS_URI", jwks.toAbsolutePath().toUri().toString());
      config.put("IAMCORE_API_AUDIENCES", RunningGateway.API_AUDIENCE);
      config.putAll(env);
      GatewayProcess gateway = new GatewayProcess(name, keys, config, port, DIR.resolve(name + ".log"));
      gateway.spawn();
      return gateway;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void spawn() throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // Surefire runs tests from a manifest-only jar; its real class path is in this property.
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    ProcessBuilder builder = new ProcessBuilder(List.of(java,
        "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k",
        "-cp", classPath, "io.iamcore.Main"));
    builder.environment().keySet().removeIf(k -> k.startsWith("IAMCORE_"));
    builder.environment().putAll(environment);
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Files.writeString(log, "=== " + name + " starting on port " + port + "\n", StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    process = builder.start();
  }

  /** Waits until {@code /health/ready} answers 200; fails with the log's tail if the process exits. */
  public void awaitReady() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError(name + " exited with " + process.exitValue() + " before it was ready:\n" + logTail());
      }
      try {
        HttpResult ready = send("GET", "/health/ready", null, null);
        if (ready.status() == 200) {
          return;
        }
      } catch (IllegalStateException notListeningYet) {
        // connection refused until the HTTP server listens
      }
      pause(100);
    }
    throw new AssertionError(name + " not ready within " + READY_TIMEOUT + ":\n" + logTail());
  }

  /** SIGTERM (graceful: stop accepting, drain the writer); returns the exit code. */
  public int stop() {
    process.destroy();
    return awaitExit();
  }

  /** SIGKILL ({@code kill -9}): the process dies at once, mid-batch or not; returns the exit code. */
  public int kill() {
    process.destroyForcibly();
    return awaitExit();
  }

  /** Starts the process again with the same settings and port, and waits until it is ready. */
  public void restart() {
    if (process.isAlive()) {
      throw new IllegalStateException(name + " is still running");
    }
    try {
      spawn();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    awaitReady();
  }

  private int awaitExit() {
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError(name + " did not exit within 60 s:\n" + logTail());
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  public String name() {
    return name;
  }

  public int port() {
    return port;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public Path logFile() {
    return log;
  }

  /** Everything the process (and its earlier runs) printed so far. */
  public String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A credential minted or issued in this test run that appears in the log, or null (there must be none). */
  public String leakedCredential() {
    for (String line : log().split("\n")) {
      String leaked = Credentials.findIn(line);
      if (leaked != null) {
        return leaked;
      }
    }
    return null;
  }

  private String logTail() {
    String all = log();
    return all.length() <= 4000 ? all : all.substring(all.length() - 4000);
  }

  /** An admin token of {@code tenant} with the given app roles, trusted by this process. */
  public String adminToken(String tenant, String... roles) {
    return TokenMinter.forKey(keys).tenant(tenant).audience(RunningGateway.API_AUDIENCE)
        .oid(UUID.randomUUID().toString()).roles(roles).sign();
  }

  public String administrator(String tenant) {
    return adminToken(tenant, Roles.ADMINISTRATOR);
  }

  /** A SCIM connector and a secret token for it, as Entra would be configured. */
  public record ScimConnector(String id, String secret) {
    /** The connector's {@code /Users} path. */
    public String users() {
      return "/iamcore/beta/sync/connectors/" + id + "/scim/Users";
    }
  }

  /** Creates a SCIM connector of {@code tenant} with a secret (remembered for the log check). */
  public ScimConnector createScimConnector(String tenant) {
    String admin = administrator(tenant);
    String id = send("POST", "/iamcore/sync/connectors", admin,
        new JsonObject().put("name", "Entra ID").put("templateId", "SCIM")).json().getString("id");
    String secret = send("POST", "/iamcore/sync/connectors/" + id + "/secrets", admin, null).json()
        .getString("secretToken");
    Credentials.remember(secret);
    return new ScimConnector(id, secret);
  }

  /** A token of this gateway's app for the user {@code (tenant, oid)}, as {@code /identities/me} expects. */
  public String userToken(String tenant, String oid) {
    return TokenMinter.forKey(keys).tenant(tenant).audience(RunningGateway.API_AUDIENCE).oid(oid).sign();
  }

  /** The value of one Prometheus sample line (metric name with its labels as printed), or 0 if absent. */
  public double metric(String series) {
    String text = send("GET", "/metrics", null, null).body();
    for (String line : text.split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1).trim());
      }
    }
    return 0;
  }

  public HttpResult send(String method, String path, String token, JsonObject body) {
    try {
      return sendAsync(method, path, token, body == null ? null : body.encode(), Map.of()).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(name + ": " + method + " " + path + " failed: " + e, e);
    }
  }

  /** Sends JSON ({@code application/scim+json}, which every route accepts) with extra headers. */
  public CompletableFuture<HttpResult> sendAsync(String method, String path, String token, String body,
      Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
        .timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      request.header("Content-Type", "application/scim+json");
    }
    headers.forEach(request::header);
    return HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
        .thenApply(r -> new HttpResult(r.statusCode(), r.body(), r));
  }

  /** Kills the process if it still runs (tests that want a graceful stop call {@link #stop()}). */
  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      kill();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
