package io.iamcore.testing;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Entra request corpus, for replaying Entra's real request shapes against the gateway. A copy
 * lives in {@code src/test/resources/entra-corpus} so the suite runs from any clone;
 * {@code EntraCorpusCopyTest} fails when it drifts from {@code ../shared/entra-corpus}. A missing
 * corpus fails the test rather than skipping it.
 */
public final class EntraFixtures {

  private EntraFixtures() {}

  public static Path directory() {
    Path dir = Path.of(System.getProperty("user.dir"), "src", "test", "resources", "entra-corpus", "requests");
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException("Entra corpus not found at " + dir);
    }
    return dir;
  }

  /** The shared original of the corpus, next to the project, if this checkout has one. */
  public static Path shared() {
    return Path.of(System.getProperty("user.dir")).resolveSibling("shared").resolve("entra-corpus")
        .resolve("requests");
  }

  /** All fixtures, by file name without extension, e.g. {@code 06-create-user-full-default-mapping}. */
  public static List<Fixture> all() {
    try (Stream<Path> files = Files.list(directory())) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().map(EntraFixtures::read).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Fixture get(String prefix) {
    return all().stream().filter(f -> f.id().startsWith(prefix)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no fixture " + prefix));
  }

  private static Fixture read(Path file) {
    try {
      JsonObject json = new JsonObject(Files.readString(file));
      String id = file.getFileName().toString().replace(".json", "");
      return new Fixture(id, json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One request shape. */
  public record Fixture(String id, JsonObject json) {

    public String method() {
      return json.getString("method");
    }

    /** The path as on the wire (rawPath when given), with placeholder ids replaced. */
    public String path(Map<String, String> ids) {
      String path = json.getString("rawPath", json.getString("path"));
      if (!json.containsKey("rawPath")) {
        path = encodeQuery(path);
      }
      return replace(path, ids);
    }

    /** The body with placeholder ids replaced, or null. */
    public String body(Map<String, String> ids) {
      Object body = json.getValue("body");
      return body == null ? null : replace(((JsonObject) body).encode(), ids);
    }

    public int expectedStatus() {
      return json.getInteger("expectedStatus");
    }

    private static String replace(String text, Map<String, String> ids) {
      String result = text;
      for (Map.Entry<String, String> e : ids.entrySet()) {
        result = result.replace(e.getKey(), e.getValue());
      }
      return result;
    }

    private static String encodeQuery(String path) {
      int q = path.indexOf('?');
      if (q < 0) {
        return path;
      }
      StringBuilder out = new StringBuilder(path.substring(0, q + 1));
      for (String pair : path.substring(q + 1).split("&")) {
        int eq = pair.indexOf('=');
        if (out.charAt(out.length() - 1) != '?') {
          out.append('&');
        }
        out.append(pair, 0, eq + 1)
            .append(java.net.URLEncoder.encode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
      }
      return out.toString();
    }
  }
}
