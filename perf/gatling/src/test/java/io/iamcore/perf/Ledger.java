package io.iamcore.perf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a run did, for perf/run.sh: the users it created (acknowledged with 201, with the state
 * each must have in PostgreSQL at the end) and the wall-clock span of each phase. Written to
 * {@code <out>/created.csv} and {@code <out>/summary.json} when the simulation ends.
 */
public final class Ledger {

  private final ConcurrentLinkedQueue<Created> created = new ConcurrentLinkedQueue<>();
  private final Map<String, Span> phases = new ConcurrentHashMap<>();
  private final ObjectNode facts = Admin.JSON.createObjectNode();

  /**
   * A user acknowledged by the gateway: its connector, SCIM id and who it is; {@code patchFailed}
   * when its PATCH was not acknowledged (then its attributes may be either before or after it).
   */
  public record Created(String connectorId, String id, EntraUser user, boolean patchFailed) {}

  public void created(String connectorId, String id, EntraUser user, boolean patchFailed) {
    created.add(new Created(connectorId, id, user, patchFailed));
  }

  public int createdCount() {
    return created.size();
  }

  /** Widens the phase's span to include now (call at a phase's first and last moments). */
  public void mark(String phase) {
    phases.computeIfAbsent(phase, p -> new Span()).touch(System.currentTimeMillis());
  }

  /** A fact for the summary (settings, counts, connector ids). */
  public ObjectNode facts() {
    return facts;
  }

  /**
   * Writes created.csv (connector_id, id, external_id, user_name, display_name, department,
   * active, work_email: the final state after this run's PATCHes; certain: false when that state
   * is unknown because the PATCH was not acknowledged) and summary.json.
   */
  public synchronized void write(Path out, double patchShare) {
    try {
      Files.createDirectories(out);
      try (BufferedWriter csv = Files.newBufferedWriter(out.resolve("created.csv"), StandardCharsets.UTF_8)) {
        for (Created c : created) {
          EntraUser u = c.user();
          boolean patched = u.patched(patchShare);
          csv.write(String.join(",", c.connectorId(), c.id(), u.externalId(), u.userName(),
              patched ? u.patchedDisplayName() : u.displayName(),
              patched ? u.patchedDepartment() : u.department(),
              Boolean.toString(!u.disabled(patchShare)),
              patched ? "moved." + u.userName() : u.userName(),
              Boolean.toString(!c.patchFailed())));
          csv.newLine();
        }
      }
      ObjectNode summary = facts.deepCopy();
      summary.put("created", created.size());
      ObjectNode spans = summary.putObject("phases");
      phases.forEach((name, span) -> spans.putObject(name).put("startMillis", span.start.get())
          .put("endMillis", span.end.get()));
      Files.writeString(out.resolve("summary.json"), summary.toPrettyString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the run's ledger to " + out, e);
    }
  }

  private static final class Span {
    final AtomicLong start = new AtomicLong(Long.MAX_VALUE);
    final AtomicLong end = new AtomicLong(Long.MIN_VALUE);

    void touch(long now) {
      start.accumulateAndGet(now, Math::min);
      end.accumulateAndGet(now, Math::max);
    }
  }
}
