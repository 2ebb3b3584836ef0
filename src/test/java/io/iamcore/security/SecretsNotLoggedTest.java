package io.iamcore.security;

import io.iamcore.testing.CredentialScanner;
import io.iamcore.testing.LogCapture;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamcore.auth.Roles;
import io.iamcore.testing.GatewayTestBase;
import io.iamcore.testing.HttpResult;
import io.iamcore.testing.RunningGateway;
import io.iamcore.testing.TestKeys;
import io.iamcore.testing.TestUsers;
import io.iamcore.testing.TokenMinter;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * No token, secret or {@code Authorization} value in any log line or error body (issue 3,
 * hardening). Every JUL record of every level (the gateway logs through JUL) is captured while a
 * mixed workload runs: administrators, connector secrets and Entra tokens that work, and forged,
 * expired, revoked and malformed ones that fail. Then every log line and every answer is searched
 * for each credential used and for any 24-character piece of it.
 */
class SecretsNotLoggedTest extends GatewayTestBase {

  private static final String TENANT = UUID.randomUUID().toString();
  private static final String OTHER_TENANT = UUID.randomUUID().toString();
  private static final String CANARY = "canary-" + UUID.randomUUID();

  private static LogCapture logs;
  private final CredentialScanner credentials = new CredentialScanner();
  /** Answers that may legitimately carry a credential: the one showing a new secret. */
  private final List<HttpResult> answers = new ArrayList<>();
  /** Whole answers (status line, headers, body) read from a socket. */
  private final List<String> rawAnswers = new ArrayList<>();

  @BeforeAll
  static void captureEverything() {
    logs = LogCapture.install(Level.ALL);
  }

  @AfterAll
  static void stopCapturing() {
    logs.close();
  }

  @Test
  @DisplayName("no credential used in a mixed workload, working or failing, appears in any log line or error body")
  void mixedWorkload_noCredentialInLogsOrBodies() {
    // given: a connector with two secrets, and the credentials to exercise it
    String admin = used(gateway.administrator(TENANT));
    HttpResult created = call("POST", "/iamcore/sync/connectors", admin,
        new JsonObject().put("name", "Entra ID").put("templateId", "SCIM"));
    String connector = created.json().getString("id");
    String secret = used(issueSecret(admin, connector));
    String spareSecret = used(issueSecret(admin, connector));
    String users = RunningGateway.scimPath(connector, "/Users");
    String entra = used(gateway.entraProvisioningToken(TENANT));
    TokenMinter adminMinter = TokenMinter.forKey(gateway.keys()).tenant(TENANT).audience(RunningGateway.API_AUDIENCE)
        .roles(Roles.ADMINISTRATOR);
    Instant now = Instant.now();

    // when: a workload that succeeds…
    String userId = call("POST", users, secret, TestUsers.user("adele@contoso.example", "adele")).json().getString("id");
    call("POST", users, entra, TestUsers.user("alex@contoso.example", "alex"));
    call("GET", users + "?filter=userName+eq+%22adele%40contoso.example%22", secret, null);
    call("PATCH", users + "/" + userId, entra, new JsonObject()
        .put("schemas", new JsonArray().add("urn:ietf:params:scim:api:messages:2.0:PatchOp"))
        .put("Operations", new JsonArray().add(new JsonObject().put("op", "Replace").put("path", "active").put("value", "False"))));
    call("GET", "/iamcore/sync/connectors/" + connector, admin, null);
    call("GET", "/iamcore/sync/connectors", used(gateway.adminToken(TENANT, Roles.CONNECTOR_CONFIGURATION_READ)), null);

    // …and one that fails in every way a credential can
    List<String> failing = List.of(
        adminMinter.expiresAt(now.minusSeconds(3600)).notBefore(now.minusSeconds(7200)).issuedAt(now.minusSeconds(7200)).sign(),
        TokenMinter.forKey(gateway.keys()).tenant(TENANT).audience(RunningGateway.API_AUDIENCE).roles(Roles.ADMINISTRATOR).unsigned(),
        TokenMinter.forKey(gateway.keys()).tenant(TENANT).audience(RunningGateway.API_AUDIENCE)
            .signHs256(gateway.keys().publicKey().getEncoded()),
        TokenMinter.forKey(gateway.keys()).tenant(TENANT).audience("api://someone-else").sign(),
        TokenMinter.forKey(gateway.keys()).tenant(TENANT).audience(RunningGateway.API_AUDIENCE)
            .kid("unknown-" + UUID.randomUUID()).sign(),
        TokenMinter.forKey(TestKeys.generate(gateway.keys().kid())).tenant(TENANT).audience(RunningGateway.API_AUDIENCE).sign(),
        TokenMinter.forKey(gateway.keys()).tenant(TENANT).audience(RunningGateway.API_AUDIENCE).without("exp").sign(),
        gateway.adminToken(TENANT),
        gateway.entraProvisioningToken(OTHER_TENANT),
        "iamcs_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random(32)),
        "eyJ" + Base64.getUrlEncoder().withoutPadding().encodeToString(random(60)) + "."
            + Base64.getUrlEncoder().withoutPadding().encodeToString(random(120)) + "."
            + Base64.getUrlEncoder().withoutPadding().encodeToString(random(256)));
    for (String token : failing) {
      used(token);
      call("GET", "/iamcore/sync/connectors", token, null);
      call("POST", "/iamcore/sync/connectors", token, new JsonObject().put("name", "x").put("templateId", "SCIM"));
      call("GET", users, token, null);
      call("POST", users, token, TestUsers.user(UUID.randomUUID() + "@contoso.example", null));
      call("GET", "/iamcore/sync/connectors", null, null, Map.of("Authorization", "Basic " + token));
    }
    // a token far over every size limit, malformed bodies sent with good credentials, a revoked secret
    String huge = used("eyJ" + Base64.getUrlEncoder().withoutPadding().encodeToString(random(15_000)));
    rawAnswers.add(onOwnConnection("GET", users, huge));
    rawAnswers.add(onOwnConnection("GET", "/iamcore/sync/connectors", huge));
    call("POST", users, secret, "{\"userName\": \"" + secret + "\", ", Map.of());
    call("POST", "/iamcore/sync/connectors", admin, "{\"name\": \"" + admin, Map.of());
    call("DELETE", "/iamcore/sync/connectors/" + connector + "/secrets", admin, null);
    call("GET", users, secret, null);
    call("GET", users, spareSecret, null);
    call("DELETE", "/iamcore/sync/connectors/" + connector, admin, null);
    call("GET", users, entra, null);
    LoggerFactory.getLogger(SecretsNotLoggedTest.class).info("{} (proves the capture sees slf4j lines)", CANARY);

    // then
    List<String> lines = logs.lines();
    assertThat(lines).as("the capture works").anyMatch(line -> line.contains(CANARY));
    for (String line : lines) {
      assertThat(credentials.findIn(line)).as("a credential in the log line: " + line).isNull();
    }
    for (HttpResult answer : answers) {
      assertThat(answer.status()).as(answer.toString()).isLessThan(500);
      assertThat(credentials.findIn(answer.body())).as("a credential in the answer " + answer).isNull();
      answer.raw().headers().map().forEach((name, values) -> assertThat(credentials.findIn(String.join(",", values)))
          .as("a credential in the answer's header " + name).isNull());
    }
    for (String answer : rawAnswers) {
      assertThat(answer).as("an answer to a header over the size limit").matches("(?s)HTTP/1\\.1 4\\d\\d .*");
      assertThat(credentials.findIn(answer)).as("a credential in the answer " + answer).isNull();
    }
  }

  private String used(String credential) {
    credentials.add(credential);
    return credential;
  }

  /** Issues a secret; its one legitimate appearance (this answer) is not searched. */
  private String issueSecret(String admin, String connector) {
    HttpResult issued = gateway.send("POST", "/iamcore/sync/connectors/" + connector + "/secrets", admin, null);
    assertThat(issued.status()).isEqualTo(201);
    return issued.json().getString("secretToken");
  }

  private HttpResult call(String method, String path, String token, JsonObject body) {
    return call(method, path, token, body == null ? null : body.encode(), Map.of());
  }

  private HttpResult call(String method, String path, String token, String body, Map<String, String> headers) {
    HttpResult result = gateway.send(method, path, token, body, path.contains("/scim/")
        ? "application/scim+json" : "application/json", headers);
    answers.add(result);
    return result;
  }

  /**
   * A request on a connection of its own, answered in full: a header over the server's size limit
   * makes the server close the connection, which a pooled client could reuse for the next request.
   */
  private String onOwnConnection(String method, String path, String token) {
    try (Socket socket = new Socket("127.0.0.1", gateway.gateway().port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write((method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Authorization: Bearer " + token + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] random(int n) {
    byte[] bytes = new byte[n];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }
}
