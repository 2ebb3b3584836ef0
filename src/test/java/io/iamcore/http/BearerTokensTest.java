package io.iamcore.http;

import static io.iamcore.testing.TestFutures.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bearer token as the server reads it from real requests. */
class BearerTokensTest {

  private static Vertx vertx;
  private static HttpServer server;
  private static final HttpClient client = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    server = await(vertx.createHttpServer()
        .requestHandler(request -> {
          String seen;
          try {
            seen = String.valueOf(BearerTokens.of(request));
          } catch (RuntimeException e) {
            seen = e.toString();
          }
          request.response().end(seen);
        })
        .listen(0, "127.0.0.1"));
  }

  @AfterAll
  static void stop() {
    await(vertx.close());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "Bearer abc.def.ghi|abc.def.ghi",
      "bearer abc.def.ghi|abc.def.ghi",
      "BEARER abc.def.ghi|abc.def.ghi",
      "'Bearer   abc.def.ghi'|abc.def.ghi",
      "Basic dXNlcjpwdw==|null",
      "Bearer|null",
      "Bearer  |null",
      "Bearerabc.def.ghi|null",
  })
  void of_authorizationHeader(String header, String expected) throws Exception {
    assertThat(seenWith(header)).isEqualTo(expected);
  }

  @Test
  void of_noAuthorizationHeader_null() throws Exception {
    assertThat(seenWith(null)).isEqualTo("null");
  }

  private static String seenWith(String authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + "/"));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
  }
}
