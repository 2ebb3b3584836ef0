package io.iamcore.sharding;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every SQL statement written in the gateway's source: string literals joined across {@code +}
 * (a string constant of the file between two literals is substituted, another expression becomes
 * {@code ?}), kept when they start with SELECT,
 * INSERT, UPDATE, DELETE or WITH. Fragments added at run time (SCIM filter predicates) are
 * appended to statements found here and only narrow them.
 */
record SqlStatements(List<Statement> all) {

  record Statement(Path file, int line, String sql) {
    @Override
    public String toString() {
      return file.getFileName() + ":" + line + ": " + sql;
    }
  }

  private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern CONCATENATION = Pattern.compile("\\s*\\+\\s*(?:[\\w.()\\[\\]]+\\s*\\+\\s*)?");
  private static final Pattern CONSTANT_PREFIX = Pattern.compile("\\b([A-Z_][A-Z0-9_]*)\\s*\\+\\s*$");
  private static final Pattern SQL_START = Pattern.compile("^\\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\\s", Pattern.CASE_INSENSITIVE);

  static SqlStatements in(Path sourceRoot) {
    List<Statement> statements = new ArrayList<>();
    try (Stream<Path> files = Files.walk(sourceRoot)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        statements.addAll(in(file, Files.readString(file)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new SqlStatements(List.copyOf(statements));
  }

  private static final Pattern CONSTANT = Pattern.compile(
      "static final String (\\w+)\\s*=\\s*((?:\"(?:[^\"\\\\]|\\\\.)*\"\\s*\\+?\\s*)+);");

  /** {@code static final String} constants made of literals only (column lists), by name. */
  private static Map<String, String> constants(String source) {
    Map<String, String> constants = new HashMap<>();
    Matcher constant = CONSTANT.matcher(source);
    while (constant.find()) {
      StringBuilder value = new StringBuilder();
      LITERAL.matcher(constant.group(2)).results().forEach(r -> value.append(r.group(1)));
      constants.put(constant.group(1), value.toString());
    }
    return constants;
  }

  private static List<Statement> in(Path file, String source) {
    List<Statement> found = new ArrayList<>();
    Map<String, String> constants = constants(source);
    Matcher literal = LITERAL.matcher(source);
    StringBuilder current = null;
    int start = 0;
    int previousEnd = -1;
    while (literal.find()) {
      boolean continues = current != null
          && CONCATENATION.matcher(source.substring(previousEnd, literal.start())).matches();
      if (continues) {
        String between = source.substring(previousEnd, literal.start()).replaceAll("[\\s+]", "");
        current.append(between.isEmpty() ? "" : constants.getOrDefault(between, "?")).append(literal.group(1));
      } else {
        add(found, file, source, start, current, constants);
        Matcher prefix = CONSTANT_PREFIX.matcher(source.substring(Math.max(0, literal.start() - 80), literal.start()));
        String head = prefix.find() ? constants.getOrDefault(prefix.group(1), "") : "";
        current = new StringBuilder(head).append(literal.group(1));
        start = literal.start();
      }
      previousEnd = literal.end();
    }
    add(found, file, source, start, current, constants);
    return found;
  }

  private static void add(List<Statement> found, Path file, String source, int start, StringBuilder sql,
      Map<String, String> constants) {
    // A constant's own declaration is a fragment; it is counted where it is used.
    if (sql != null && SQL_START.matcher(sql).find() && !constants.containsValue(sql.toString())) {
      int line = (int) source.substring(0, start).chars().filter(c -> c == '\n').count() + 1;
      found.add(new Statement(file, line, sql.toString().replace("\\n", " ").replaceAll("\\s+", " ").trim()));
    }
  }
}
