package io.iamcore.cli;

import java.util.ArrayList;
import java.util.List;

/** Query strings of admin list pages ({@code limit}, {@code cursor}, filters). */
final class Paging {

  private Paging() {}

  /** {@code ?limit=…&cursor=…} with whatever is set, or an empty string. */
  static String query(Integer limit, String cursor, String... filterPairs) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i + 1 < filterPairs.length; i += 2) {
      if (filterPairs[i + 1] != null) {
        parts.add(filterPairs[i] + "=" + ApiClient.query(filterPairs[i + 1]));
      }
    }
    if (limit != null) {
      parts.add("limit=" + limit);
    }
    if (cursor != null) {
      parts.add("cursor=" + ApiClient.query(cursor));
    }
    return parts.isEmpty() ? "" : "?" + String.join("&", parts);
  }
}
