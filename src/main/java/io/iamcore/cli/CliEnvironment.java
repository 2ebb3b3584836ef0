package io.iamcore.cli;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * What a CLI run sees of its process: environment variables, standard input and the two output
 * streams. Passed in (never read from {@code System} inside a command) so tests run commands
 * in-process with their own variables and capture what they print.
 */
public record CliEnvironment(Map<String, String> variables, InputStream in, PrintWriter out, PrintWriter err) {

  public CliEnvironment {
    variables = Map.copyOf(Objects.requireNonNull(variables, "variables"));
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
  }

  /** The real process: System.getenv, System.in, System.out and System.err (auto-flushed). */
  public static CliEnvironment system() {
    return new CliEnvironment(System.getenv(), System.in,
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
  }

  /** A variable's value, or {@code fallback} when it is unset or blank. */
  public String variable(String name, String fallback) {
    String value = variables.get(name);
    return value == null || value.isBlank() ? fallback : value.trim();
  }
}
