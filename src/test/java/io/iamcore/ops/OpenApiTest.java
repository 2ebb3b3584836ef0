package io.iamcore.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamcore.testing.GatewayTestBase;
import io.iamcore.testing.HttpResult;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document against the real router: every route the gateway serves (outside each
 * connector's SCIM service, which describes itself) is documented, and every documented operation
 * is served.
 */
class OpenApiTest extends GatewayTestBase {

  private static final Set<String> OPERATIONS = Set.of("get", "put", "post", "delete", "patch", "head", "options",
      "trace");
  private static final Pattern PATH_PARAM = Pattern.compile(":([A-Za-z][A-Za-z0-9_]*)");
  private static final Pattern NAMED_GROUP = Pattern.compile("\\(\\?<(\\w+)>[^)]*\\)");

  private static HttpResult served;
  private static JsonObject document;

  @BeforeAll
  static void fetchDocument() {
    served = gateway.send("GET", "/openapi.json", null, null);
    document = served.json();
  }

  @Test
  @DisplayName("GET /openapi.json answers an OpenAPI 3.1.0 document without a token, cacheable by ETag")
  void served_withoutToken_cacheable() {
    assertThat(served.status()).isEqualTo(200);
    assertThat(served.header("Content-Type")).startsWith("application/json");
    assertThat(served.header("Cache-Control")).contains("max-age");
    assertThat(document.getString("openapi")).isEqualTo("3.1.0");
    assertThat(document.getJsonObject("info").getString("title")).isNotBlank();

    HttpResult again = gateway.send("GET", "/openapi.json", null, null, null,
        Map.of("If-None-Match", served.header("ETag")));

    assertThat(again.status()).isEqualTo(304);
  }

  @Test
  @DisplayName("every route of the real router is documented, and every documented operation is a real route")
  void document_matchesRouter() {
    String scimBase = document.getJsonObject("x-iamcore-scim").getString("base");
    Set<String> real = new TreeSet<>();
    List<String> problems = new ArrayList<>();
    for (Route route : gateway.gateway().routes()) {
      String path = openApiPath(route);
      if (path == null) {
        continue;  // a handler for every request: access log, metrics, body limit, error mapping
      }
      if (path.equals(scimBase) || path.startsWith(scimBase + "/")) {
        continue;  // the SCIM service, described by its own discovery endpoints
      }
      if (route.methods() == null || route.methods().isEmpty() || !route.isExactPath()) {
        problems.add("route " + path + " takes every method or is a prefix; document it or mount it under a path");
        continue;
      }
      route.methods().forEach(method -> real.add(method.name() + " " + path));
    }
    Set<String> documented = new TreeSet<>();
    JsonObject paths = document.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      paths.getJsonObject(path).fieldNames().stream().filter(OPERATIONS::contains)
          .forEach(op -> documented.add(op.toUpperCase() + " " + path));
    }

    assertThat(problems).isEmpty();
    assertThat(real).as("served routes missing from openapi.json").isSubsetOf(documented);
    assertThat(documented).as("documented operations the router does not serve").isSubsetOf(real);
    assertThat(real).contains("GET /openapi.json", "PATCH /iamcore/sync/connectors/{id}",
        "POST /iamcore/sync/connectors/{id}/data/{objectType}:batch");
  }

  @Test
  @DisplayName("every path parameter is declared, and every $ref points at a component that exists")
  void document_isSelfConsistent() {
    JsonObject paths = document.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      Matcher param = Pattern.compile("\\{(\\w+)}").matcher(path);
      while (param.find()) {
        String name = param.group(1);
        for (String op : item.fieldNames()) {
          if (OPERATIONS.contains(op)) {
            assertThat(pathParameters(item.getJsonArray("parameters"), item.getJsonObject(op)
                .getJsonArray("parameters"))).as(op + " " + path).contains(name);
          }
        }
      }
    }
    List<String> refs = new ArrayList<>();
    collectRefs(document, refs);
    assertThat(refs).isNotEmpty();
    for (String ref : refs) {
      assertThat(ref).startsWith("#/components/");
      String[] parts = ref.substring(2).split("/");
      assertThat(document.getJsonObject(parts[0]).getJsonObject(parts[1]).getValue(parts[2])).as(ref).isNotNull();
    }
  }

  /** The route's path in OpenAPI form ({@code {id}} for {@code :id}), or null for a route without one. */
  static String openApiPath(Route route) {
    if (route.getPath() != null) {
      String path = PATH_PARAM.matcher(route.getPath()).replaceAll("{$1}");
      return route.isExactPath() ? path : path.replaceAll("/$", "");
    }
    if (route.isRegexPath() && route.getName() != null) {
      String path = NAMED_GROUP.matcher(route.getName()).replaceAll("{$1}");
      assertThat(path).as("regex route " + route.getName() + " has only named groups").doesNotContain("(", "[", "*", "+");
      return path;
    }
    return null;
  }

  private Set<String> pathParameters(JsonArray shared, JsonArray own) {
    Set<String> names = new TreeSet<>();
    for (JsonArray list : new JsonArray[] {shared, own}) {
      if (list == null) {
        continue;
      }
      for (Object entry : list) {
        JsonObject parameter = resolve((JsonObject) entry);
        if ("path".equals(parameter.getString("in"))) {
          names.add(parameter.getString("name"));
        }
      }
    }
    return names;
  }

  private JsonObject resolve(JsonObject maybeRef) {
    String ref = maybeRef.getString("$ref");
    if (ref == null) {
      return maybeRef;
    }
    String[] parts = ref.substring(2).split("/");
    return document.getJsonObject(parts[0]).getJsonObject(parts[1]).getJsonObject(parts[2]);
  }

  private static void collectRefs(Object node, List<String> refs) {
    if (node instanceof JsonObject object) {
      object.forEach(e -> {
        if (e.getKey().equals("$ref")) {
          refs.add((String) e.getValue());
        } else {
          collectRefs(e.getValue(), refs);
        }
      });
    } else if (node instanceof JsonArray array) {
      array.forEach(item -> collectRefs(item, refs));
    }
  }
}
