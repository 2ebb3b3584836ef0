package io.iamcore.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * How results are printed: aligned tables and "key: value" blocks for people, the API's JSON
 * (pretty-printed, unchanged) with {@code --json} for scripts.
 */
final class Output {

  private final PrintWriter out;
  private final boolean json;

  Output(PrintWriter out, boolean json) {
    this.out = out;
    this.json = json;
  }

  boolean json() {
    return json;
  }

  PrintWriter writer() {
    return out;
  }

  void printJson(Object value) {
    if (value instanceof JsonObject object) {
      out.println(object.encodePrettily());
    } else if (value instanceof JsonArray array) {
      out.println(array.encodePrettily());
    } else {
      out.println(value);
    }
    out.flush();
  }

  void line(String text) {
    out.println(text);
    out.flush();
  }

  /** One column of a table: its heading and how to get the cell from a row. */
  record Column(String heading, Function<JsonObject, Object> value) {
    static Column of(String heading, String field) {
      return new Column(heading, row -> row.getValue(field));
    }
  }

  /** A list page: the table (or the JSON), then where the next page starts. */
  void page(JsonObject page, Column... columns) {
    if (json) {
      printJson(page);
      return;
    }
    List<JsonObject> rows = new ArrayList<>();
    page.getJsonArray("items", new JsonArray()).forEach(item -> rows.add((JsonObject) item));
    table(rows, columns);
    String next = page.getString("nextCursor");
    if (next != null) {
      line("(more: add --cursor " + next + ")");
    }
  }

  void table(List<JsonObject> rows, Column... columns) {
    List<String[]> cells = new ArrayList<>();
    cells.add(Arrays.stream(columns).map(Column::heading).toArray(String[]::new));
    for (JsonObject row : rows) {
      cells.add(Arrays.stream(columns).map(c -> cell(c.value().apply(row))).toArray(String[]::new));
    }
    int[] widths = new int[columns.length];
    cells.forEach(r -> {
      for (int i = 0; i < r.length; i++) {
        widths[i] = Math.max(widths[i], r[i].length());
      }
    });
    for (String[] r : cells) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < r.length; i++) {
        text.append(i == r.length - 1 ? r[i] : pad(r[i], widths[i] + 2));
      }
      out.println(text.toString().stripTrailing());
    }
    if (rows.isEmpty()) {
      out.println("(none)");
    }
    out.flush();
  }

  /** "key: value" lines, keys aligned; nested JSON printed compactly. */
  void fields(Map<String, ?> fields) {
    int width = fields.keySet().stream().mapToInt(String::length).max().orElse(0) + 2;
    fields.forEach((key, value) -> out.println(pad(key + ":", width) + cell(value)));
    out.flush();
  }

  /** Every member of a flat JSON object (core objects), in its own order. */
  void allFields(JsonObject object) {
    Map<String, Object> fields = new LinkedHashMap<>();
    object.forEach(e -> fields.put(e.getKey(), e.getValue()));
    fields(fields);
  }

  static String cell(Object value) {
    if (value == null) {
      return "-";
    }
    if (value instanceof JsonObject object) {
      return object.encode();
    }
    if (value instanceof JsonArray array) {
      return array.encode();
    }
    return String.valueOf(value);
  }

  private static String pad(String text, int width) {
    return text.length() >= width ? text + " " : text + " ".repeat(width - text.length());
  }
}
