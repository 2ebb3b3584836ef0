package io.iamcore.scim.filter;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Entra request fixtures (see {@link io.iamcore.testing.EntraFixtures#directory()}). A missing directory fails
 * the test: replaying nothing must never look like a pass.
 */
public final class EntraCorpus {

  private EntraCorpus() {}

  public static Path directory() {
    return io.iamcore.testing.EntraFixtures.directory();
  }

  /** Every fixture, sorted by file name. */
  public static List<Path> all() {
    try (Stream<Path> files = Files.list(directory())) {
      List<Path> out = files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().collect(Collectors.toList());
      assertThat(out).as("Entra fixtures").isNotEmpty();
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The fixture whose file name starts with {@code prefix}, e.g. {@code "06-"}. */
  public static JsonObject load(String prefix) {
    List<Path> matches = all().stream()
        .filter(p -> p.getFileName().toString().startsWith(prefix)).collect(Collectors.toList());
    assertThat(matches).as("fixture " + prefix).hasSize(1);
    return read(matches.get(0));
  }

  public static JsonObject read(Path file) {
    try {
      return new JsonObject(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The {@code filter} query parameter as the server receives it, decoded from {@code rawPath} (or {@code path}). */
  public static String filterOf(JsonObject fixture) {
    String raw = fixture.getString("rawPath");
    String query;
    if (raw != null) {
      query = raw.substring(raw.indexOf('?') + 1);
    } else {
      String path = fixture.getString("path");
      return Stream.of(path.substring(path.indexOf('?') + 1).split("&"))
          .filter(p -> p.startsWith("filter=")).map(p -> p.substring(7)).findFirst().orElseThrow();
    }
    for (String param : query.split("&")) {
      int eq = param.indexOf('=');
      if (URLDecoder.decode(param.substring(0, eq), StandardCharsets.UTF_8).equals("filter")) {
        return URLDecoder.decode(param.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    throw new AssertionError("no filter in " + raw);
  }
}
