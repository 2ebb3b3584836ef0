package io.iamcore.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs the CLI in-process, as {@code java -jar iamcore-gateway.jar …} would, with its own
 * environment variables and standard input, and captures what it prints.
 */
final class Cli {

  /** What one run did. */
  record Run(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private final Map<String, String> env = new HashMap<>();
  private String stdin = "";

  /** A CLI pointed at {@code url} with {@code token} in IAMCORE_URL / IAMCORE_TOKEN. */
  static Cli at(String url, String token) {
    Cli cli = new Cli();
    cli.env.put("IAMCORE_URL", url);
    if (token != null) {
      cli.env.put("IAMCORE_TOKEN", token);
    }
    return cli;
  }

  Cli env(String name, String value) {
    env.put(name, value);
    return this;
  }

  Cli stdin(String text) {
    stdin = text;
    return this;
  }

  Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliEnvironment environment = new CliEnvironment(env,
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), new PrintWriter(out), new PrintWriter(err));
    int code = new IamCoreCli(environment).execute(args);
    return new Run(code, out.toString(), err.toString());
  }
}
