package io.iamcore.cli;

import io.vertx.core.json.JsonObject;

/** {@code [##########----------]  50%  500/1000 processed, 0 failed  running} from a job's JSON. */
final class ProgressBar {

  static final int WIDTH = 30;

  private ProgressBar() {}

  static String render(JsonObject job) {
    JsonObject progress = job.getJsonObject("progress", new JsonObject());
    Long total = progress.getLong("total");
    long processed = count(progress, "processed");
    long failed = count(progress, "failed");
    String state = job.getString("state", "unknown");
    int percent;
    if (JobCommands.finished(job) && "succeeded".equals(state)) {
      percent = 100;
    } else if (total == null || total == 0) {
      percent = 0;
    } else {
      percent = (int) Math.min(100, processed * 100 / total);
    }
    int filled = percent * WIDTH / 100;
    return "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] "
        + String.format("%3d%%", percent) + "  " + processed + "/" + (total == null ? "?" : total)
        + " processed, " + failed + " failed  " + state;
  }

  /** A counter that may be absent or JSON null (a queued job has none yet). */
  private static long count(JsonObject progress, String key) {
    Object value = progress.getValue(key);
    return value instanceof Number number ? number.longValue() : 0;
  }
}
