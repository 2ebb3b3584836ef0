package io.iamcore.testing;

import io.iamcore.Gateway;
import io.iamcore.auth.Roles;
import io.iamcore.config.ConfigLoader;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The real gateway, started in-process against a fresh database on the real PostgreSQL, trusting
 * an in-process JWKS whose key mints the tests' tokens. Tests talk to it over HTTP only.
 */
public final class RunningGateway implements AutoCloseable {

  public static final String API_AUDIENCE = "api://iamcore-test";

  private final Vertx vertx;
  private final TestDatabase database;
  private final TestJwksServer jwks;
  private final TestKeys keys;
  private final Gateway gateway;
  private final BlockedThreadWatch blockedThreads;
  private final LogCapture logs;
  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .executor(java.util.concurrent.Executors.newFixedThreadPool(8))
      .build();

  private RunningGateway(Vertx vertx, TestDatabase database, TestJwksServer jwks, TestKeys keys, Gateway gateway,
      BlockedThreadWatch blockedThreads, LogCapture logs) {
    this.blockedThreads = blockedThreads;
    this.logs = logs;
    this.vertx = vertx;
    this.database = database;
    this.jwks = jwks;
    this.keys = keys;
    this.gateway = gateway;
  }

  public static RunningGateway start() {
    return start(Map.of());
  }

  /** @param env extra IAMCORE_* settings (override the test defaults) */
  public static RunningGateway start(Map<String, String> env) {
    TestDatabase database = env.containsKey("IAMCORE_DB_URL") || env.containsKey("IAMCORE_DATA_DIR")
        ? null : TestDatabase.create();
    return start(database, env);
  }

  public static RunningGateway start(TestDatabase database, Map<String, String> env) {
    BlockedThreadWatch blockedThreads = BlockedThreadWatch.start();
    LogCapture logs = LogCapture.install(java.util.logging.Level.INFO);
    Vertx vertx = Vertx.vertx(new VertxOptions()
        .setMaxEventLoopExecuteTime(200).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
        // a stack with every warning, so BlockedThreadWatch can tell blocking calls from starvation
        .setWarningExceptionTime(200).setWarningExceptionTimeUnit(TimeUnit.MILLISECONDS));
    TestKeys keys = TestKeys.generate();
    TestJwksServer jwks = TestFutures.await(new TestJwksServer(keys.jwks()).start(vertx));
    Map<String, String> config = new HashMap<>();
    config.put("IAMCORE_HTTP_PORT", "0");
    config.put("IAMCORE_HTTP_INSTANCES", "2");
    config.put("IAMCORE_JWKS_URI", jwks.uri().toString());
    config.put("IAMCORE_API_AUDIENCES", API_AUDIENCE);
    // A loaded CI machine can take more than the production default of 1 s for a first connection.
    config.put("IAMCORE_DB_CONNECT_TIMEOUT_MS", "10000");
    if (database != null) {
      config.put("IAMCORE_DB_URL", database.url());
    }
    config.putAll(env);
    // Starting is not what tests measure: on a 2-core box shared with other builds it can take
    // longer than the 10 s a test's own futures get (migrations, class loading, JIT).
    Gateway gateway = TestFutures.await(Gateway.start(vertx, ConfigLoader.load(config)), 60);
    return new RunningGateway(vertx, database, jwks, keys, gateway, blockedThreads, logs);
  }

  public TestDatabase database() {
    return database;
  }

  public Gateway gateway() {
    return gateway;
  }

  public TestKeys keys() {
    return keys;
  }

  /** What the gateway logged so far (INFO and above). */
  public java.util.List<String> logLines() {
    return logs.lines();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + gateway.port();
  }

  /** An admin token of {@code tenant} with the given app roles. */
  public String adminToken(String tenant, String... roles) {
    return TokenMinter.forKey(keys).tenant(tenant).audience(API_AUDIENCE).oid(UUID.randomUUID().toString())
        .roles(roles).sign();
  }

  /** An admin token of {@code tenant} holding the Administrator role. */
  public String administrator(String tenant) {
    return adminToken(tenant, Roles.ADMINISTRATOR);
  }

  /** The token Entra's provisioning service sends for {@code tenant}. */
  public String entraProvisioningToken(String tenant) {
    return TokenMinter.forKey(keys).tenant(tenant).audience(TokenMinter.SCIM_AUDIENCE).sign();
  }

  /** Creates a SCIM connector for {@code tenant} and returns its JSON. */
  public JsonObject createScimConnector(String tenant) {
    return createScimConnector(tenant, new JsonObject());
  }

  /** Creates a SCIM connector for {@code tenant} with {@code configuration} (e.g. groupsEnabled). */
  public JsonObject createScimConnector(String tenant, JsonObject configuration) {
    HttpResult created = send("POST", "/iamcore/sync/connectors", administrator(tenant),
        new JsonObject().put("name", "Entra ID").put("templateId", "SCIM").put("configuration", configuration));
    if (created.status() != 201) {
      throw new AssertionError("connector not created: " + created);
    }
    return created.json();
  }

  /** A new secret token for the connector. */
  public String issueSecret(String tenant, String connectorId) {
    HttpResult issued = send("POST", "/iamcore/sync/connectors/" + connectorId + "/secrets",
        administrator(tenant), null);
    if (issued.status() != 201) {
      throw new AssertionError("secret not issued: " + issued);
    }
    return Credentials.remember(issued.json().getString("secretToken"));
  }

  public static String scimPath(String connectorId, String rest) {
    return "/iamcore/beta/sync/connectors/" + connectorId + "/scim" + rest;
  }

  public HttpResult send(String method, String path, String token, JsonObject body) {
    return send(method, path, token, body == null ? null : body.encode(), "application/scim+json", Map.of());
  }

  public HttpResult send(String method, String path, String token, String body, String contentType,
      Map<String, String> headers) {
    try {
      return sendAsync(method, path, token, body, contentType, headers).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(method + " " + path + " failed: " + e, e);
    }
  }

  public CompletableFuture<HttpResult> sendAsync(String method, String path, String token, String body,
      String contentType, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
        .timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (body != null && contentType != null) {
      request.header("Content-Type", contentType);
    }
    headers.forEach(request::header);
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
        .thenApply(r -> new HttpResult(r.statusCode(), r.body(), r));
  }

  /**
   * Stops the gateway (graceful) but keeps the database, e.g. to restart on it. Fails the test if
   * an event loop was blocked while the gateway ran.
   */
  public void stopGateway() {
    TestFutures.await(gateway.stop(5_000));
    TestFutures.await(jwks.close());
    TestFutures.await(vertx.close());
    blockedThreads.assertNone();
    logs.close();
    for (String line : logs.lines()) {
      String leaked = Credentials.findIn(line);
      if (leaked != null) {
        throw new AssertionError("a credential (" + leaked + ") appears in the gateway's log");
      }
    }
  }

  @Override
  public void close() {
    stopGateway();
    if (database != null) {
      database.close();
    }
  }
}
