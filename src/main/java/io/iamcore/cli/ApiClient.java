package io.iamcore.cli;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The admin API as the CLI uses it: blocking calls with {@link HttpClient} (a CLI is not a server),
 * JSON in and out, and every failure turned into a one-line {@link CliException}: the API's error
 * code and message for an HTTP error, "not reachable" when nothing listens at the URL.
 */
final class ApiClient {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  /** A 2xx answer: its status, JSON body (empty object for 204) and one header a caller may need. */
  record Answer(int status, JsonObject body, HttpResponse<String> response) {
    String header(String name) {
      return response.headers().firstValue(name).orElse(null);
    }
  }

  private final String baseUrl;
  private final String token;
  private final HttpClient http;

  /** @param token the bearer token, or null when the command needs none */
  ApiClient(String baseUrl, String token) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.token = token;
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT).build();
  }

  /** A path segment from user input, percent-encoded so an id cannot change the path. */
  static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static String query(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  String baseUrl() {
    return baseUrl;
  }

  Answer get(String path) {
    return send("GET", path, null);
  }

  Answer post(String path, JsonObject body) {
    return send("POST", path, body);
  }

  Answer delete(String path) {
    return send("DELETE", path, null);
  }

  Answer send(String method, String path, JsonObject body) {
    URI uri;
    try {
      uri = URI.create(baseUrl + path);
    } catch (IllegalArgumentException e) {
      throw CliException.badInput("--url " + baseUrl + " is not a valid URL");
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
        .header("Accept", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body.encode()));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> response = exchange(request.build());
    if (response.statusCode() / 100 != 2) {
      throw CliException.failed(describeError(method, path, response));
    }
    return new Answer(response.statusCode(), parse(response.body()), response);
  }

  private HttpResponse<String> exchange(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException | HttpConnectTimeoutException e) {
      throw new CliException(CliException.UNREACHABLE, "the gateway isn't reachable at " + baseUrl
          + " (" + reason(e) + "); is it running? Set --url or IAMCORE_URL to where it listens");
    } catch (HttpTimeoutException e) {
      throw CliException.failed("the gateway at " + baseUrl + " did not answer within " + REQUEST_TIMEOUT.toSeconds() + " s");
    } catch (IOException e) {
      throw new CliException(CliException.UNREACHABLE, "the request to " + baseUrl + " failed: " + reason(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CliException.failed("interrupted");
    } catch (IllegalArgumentException e) {
      throw CliException.badInput("--url " + baseUrl + " is not an http(s) URL");
    }
  }

  /** {@code HTTP 404 notFound: no connector … in your tenant}, from either error dialect. */
  private static String describeError(String method, String path, HttpResponse<String> response) {
    int status = response.statusCode();
    String detail;
    JsonObject body = parseOrNull(response.body());
    if (body != null && body.getValue("error") instanceof JsonObject error) {
      detail = error.getString("code", "error") + ": " + error.getString("message", "");
    } else if (body != null && body.getValue("detail") instanceof String scimDetail) {
      detail = body.getString("scimType", "error") + ": " + scimDetail;
    } else {
      String text = response.body() == null ? "" : response.body().strip();
      detail = text.isEmpty() ? "no details" : text.substring(0, Math.min(200, text.length()));
    }
    String hint = status == 401 ? " (check --token / IAMCORE_TOKEN; in development mode: token mint admin)" : "";
    return method + " " + path + " answered HTTP " + status + " " + detail + hint;
  }

  private static JsonObject parse(String body) {
    if (body == null || body.isBlank()) {
      return new JsonObject();
    }
    JsonObject json = parseOrNull(body);
    if (json == null) {
      throw CliException.failed("the gateway answered something that is not a JSON object");
    }
    return json;
  }

  private static JsonObject parseOrNull(String body) {
    try {
      return body == null || body.isBlank() ? null : new JsonObject(body);
    } catch (DecodeException | ClassCastException e) {
      return null;
    }
  }

  private static String reason(Exception e) {
    String message = e.getMessage();
    if (e instanceof ConnectException && (message == null || message.isBlank())) {
      return "connection refused";
    }
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
