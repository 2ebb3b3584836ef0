import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Group membership PATCH benchmark, JDK only. For each group (already seeded with N members) it
 * measures Entra's two membership PATCHes of ONE member: {@code {"op":"Add","path":"members",
 * "value":[{"$ref":null,"value":id}]}} and {@code {"op":"remove","path":"members[value eq \"id\"]"}}.
 *
 * <ul>
 *   <li>sequential: one request at a time, add then remove of a spare user, OPS pairs: per-op
 *       latency (mean, p50, p90, p99);
 *   <li>both phases run in 5 rounds that interleave the sizes, so that noise from a shared machine
 *       falls on every size alike;
 *   <li>concurrent: CONC clients, each adding and removing its own spare user in a loop for SECONDS:
 *       ops/s (Entra runs many requests in parallel).
 * </ul>
 *
 * Every answer must be 204; anything else fails the run (exit 1).
 *
 * <p>Usage: {@code java perf/tools/GroupBench.java <scimBase> <token> <groups: size=id,...>
 * <spareUsersFile> <ops> <conc> <seconds> <warmupPairs>}. Prints one Markdown table row per group.
 */
public class GroupBench {

  static HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  static String base;
  static String token;
  static final AtomicLong failures = new AtomicLong();
  static final int ROUNDS = 5;

  static long[] concat(long[] a, long[] b) {
    long[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  public static void main(String[] args) throws Exception {
    base = args[0];
    token = args[1];
    String[] groups = args[2].split(",");
    List<String> spare = Files.readAllLines(Path.of(args[3])).stream().filter(s -> !s.isBlank()).toList();
    int ops = Integer.parseInt(args[4]);
    int conc = Integer.parseInt(args[5]);
    int seconds = Integer.parseInt(args[6]);
    int warmup = Integer.parseInt(args[7]);
    if (spare.size() < conc + 1) {
      throw new IllegalArgumentException("need at least " + (conc + 1) + " spare users");
    }
    System.out.println("| members | add mean ms | add p50 | add p90 | add p99 | remove mean ms | remove p50 | remove p90 | remove p99 | concurrent ops/s (" + conc + " clients) |");
    System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    // Rounds interleave the sizes, so that load from elsewhere on a shared machine falls on all of
    // them alike: ROUNDS x (every size: ops/ROUNDS sequential pairs, then seconds/ROUNDS concurrent).
    int sizes = groups.length;
    String[] size = new String[sizes];
    String[] group = new String[sizes];
    for (int i = 0; i < sizes; i++) {
      size[i] = groups[i].split("=")[0];
      group[i] = groups[i].split("=")[1];
      sequential(group[i], spare.get(0), warmup);  // JIT, connections, plans
    }
    long[][] add = new long[sizes][0];
    long[][] remove = new long[sizes][0];
    double[] done = new double[sizes];
    double[] elapsed = new double[sizes];
    for (int round = 0; round < ROUNDS; round++) {
      for (int i = 0; i < sizes; i++) {
        long[][] lat = sequential(group[i], spare.get(0), ops / ROUNDS);
        add[i] = concat(add[i], lat[0]);
        remove[i] = concat(remove[i], lat[1]);
        double[] rate = concurrent(group[i], spare.subList(1, conc + 1), Math.max(1.0, seconds / (double) ROUNDS));
        done[i] += rate[0];
        elapsed[i] += rate[1];
      }
    }
    for (int i = 0; i < sizes; i++) {
      System.out.printf("| %s | %s | %s | %.0f |%n", size[i], stats(add[i]), stats(remove[i]), done[i] / elapsed[i]);
    }
    if (failures.get() > 0) {
      System.err.println(failures.get() + " requests did not answer 204");
      System.exit(1);
    }
  }

  static String stats(long[] nanos) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    double mean = Arrays.stream(s).average().orElse(0) / 1e6;
    return String.format("%.2f | %.2f | %.2f | %.2f", mean, pct(s, 50), pct(s, 90), pct(s, 99));
  }

  static double pct(long[] sorted, double p) {
    int i = (int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1);
    return sorted[Math.max(0, i)] / 1e6;
  }

  static long[][] sequential(String group, String user, int pairs) throws Exception {
    long[] add = new long[pairs];
    long[] remove = new long[pairs];
    for (int i = 0; i < pairs; i++) {
      long t0 = System.nanoTime();
      send(group, addBody(user)).join();
      long t1 = System.nanoTime();
      send(group, removeBody(user)).join();
      long t2 = System.nanoTime();
      add[i] = t1 - t0;
      remove[i] = t2 - t1;
    }
    return new long[][] {add, remove};
  }

  /** {ops done, seconds taken} of CONC clients adding and removing their own user for {@code seconds}. */
  static double[] concurrent(String group, List<String> users, double seconds) throws Exception {
    long deadline = System.nanoTime() + (long) (seconds * 1e9);
    AtomicLong done = new AtomicLong();
    long start = System.nanoTime();
    List<Thread> threads = new ArrayList<>();
    for (String user : users) {
      Thread t = new Thread(() -> {
        boolean adding = true;
        while (System.nanoTime() < deadline) {
          send(group, adding ? addBody(user) : removeBody(user)).join();
          done.incrementAndGet();
          adding = !adding;
        }
        if (!adding) {
          send(group, removeBody(user)).join();  // leave the group as it was
        }
      });
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    return new double[] {done.get(), (System.nanoTime() - start) / 1e9};
  }

  static String addBody(String user) {
    return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"Add\","
        + "\"path\":\"members\",\"value\":[{\"$ref\":null,\"value\":\"" + user + "\"}]}]}";
  }

  static String removeBody(String user) {
    return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"remove\","
        + "\"path\":\"members[value eq \\\"" + user + "\\\"]\"}]}";
  }

  static CompletableFuture<Void> send(String group, String body) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/Groups/" + group))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/scim+json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString(body))
        .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenAccept(r -> {
      if (r.statusCode() != 204) {
        if (failures.incrementAndGet() < 5) {
          System.err.println("PATCH answered " + r.statusCode() + ": " + r.body());
        }
      }
    });
  }
}
