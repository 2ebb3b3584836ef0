package io.iamcore.cli;

import static io.iamcore.cli.ApiClient.segment;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code job start|show}: full sync jobs, {@code /iamcore/sync/jobs}, with a progress bar. */
@Command(name = "job", description = "Sync jobs: re-run a connector's objects through the rules, with progress.",
    subcommands = {JobCommands.Start.class, JobCommands.Show.class})
final class JobCommands {

  static final String BASE = "/iamcore/sync/jobs";

  private JobCommands() {}

  /** {@code --wait} and its pacing, shared by both commands. */
  abstract static class Waiting extends ApiCommand {
    @Option(names = "--wait", description = "Poll until the job has finished, with a progress bar; exit 1 if it failed.")
    boolean wait;

    @Option(names = "--interval", defaultValue = "500", paramLabel = "MS",
        description = "Milliseconds between polls with --wait (default ${DEFAULT-VALUE}).")
    long intervalMillis;

    @Option(names = "--timeout", defaultValue = "600", paramLabel = "SECONDS",
        description = "Give up waiting after this long (default ${DEFAULT-VALUE}); the job goes on.")
    long timeoutSeconds;

    void report(JsonObject job) {
      Output out = output();
      if (wait) {
        job = follow(out, job);
      }
      if (out.json()) {
        out.printJson(job);
      } else if (!wait) {
        printJob(out, job);
      }
      if ("failed".equals(job.getString("state"))) {
        throw CliException.failed("job " + job.getString("id") + " failed: " + job.getString("error", "no reason given"));
      }
    }

    /** Polls until the job is finished, printing the bar each time it changes (people only). */
    private JsonObject follow(Output out, JsonObject job) {
      long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
      if (!out.json()) {
        out.line("sync job " + job.getString("id") + " of connector " + job.getString("connectorId"));
      }
      String shown = null;
      while (true) {
        String bar = ProgressBar.render(job);
        if (!out.json() && !bar.equals(shown)) {
          out.line(bar);
          shown = bar;
        }
        if (finished(job)) {
          return job;
        }
        if (System.nanoTime() > deadline) {
          throw CliException.failed("job " + job.getString("id") + " is still " + job.getString("state")
              + " after " + timeoutSeconds + " s (it goes on; look again with: job show " + job.getString("id") + ")");
        }
        pause();
        job = api().get(BASE + "/" + segment(job.getString("id"))).body();
      }
    }

    private void pause() {
      try {
        Thread.sleep(Math.max(10, intervalMillis));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw CliException.failed("interrupted");
      }
    }
  }

  @Command(name = "start", description = "Start a full sync of a connector (every object through the rules again).")
  static final class Start extends Waiting {
    @Parameters(paramLabel = "CONNECTOR_ID") String connectorId;

    @Override
    void run() {
      report(api().post(BASE, new JsonObject().put("connectorId", connectorId).put("type", "fullSync")).body());
    }
  }

  @Command(name = "show", description = "Show a sync job's state and progress.")
  static final class Show extends Waiting {
    @Parameters(paramLabel = "JOB_ID") String jobId;

    @Override
    void run() {
      report(api().get(BASE + "/" + segment(jobId)).body());
    }
  }

  static boolean finished(JsonObject job) {
    String state = job.getString("state");
    return "succeeded".equals(state) || "failed".equals(state);
  }

  private static void printJob(Output out, JsonObject job) {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (String key : new String[] {"id", "connectorId", "type", "state"}) {
      fields.put(key, job.getValue(key));
    }
    fields.put("progress", ProgressBar.render(job));
    for (String key : new String[] {"error", "createdAt", "startedAt", "finishedAt"}) {
      fields.put(key, job.getValue(key));
    }
    out.fields(fields);
  }
}
