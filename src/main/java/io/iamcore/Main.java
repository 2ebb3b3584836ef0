package io.iamcore;

import io.iamcore.config.ConfigException;
import io.iamcore.config.ConfigLoader;
import io.iamcore.config.GatewayConfig;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code java -jar iamcore-gateway.jar}: configuration from IAMCORE_* variables (PRODUCT.md §5). */
public final class Main {

  /**
   * How long a SIGTERM waits for the write queue to drain. Kubernetes waits 30 s after SIGTERM by
   * default; k8s/base/deployment.yaml's terminationGracePeriodSeconds covers this plus
   * {@link #CLOSE_MILLIS} plus its preStop sleep (ManifestsTest checks it).
   */
  public static final long DRAIN_MILLIS = 20_000;

  /** After the drain: time left to close the pool and the index's LISTEN connection. */
  public static final long CLOSE_MILLIS = 5_000;

  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    System.setProperty("java.util.logging.SimpleFormatter.format",
        "%1$tFT%1$tT.%1$tLZ %4$s %3$s - %5$s%6$s%n");
    // Access lines: bare JSON on stdout, written off the event loop; the rest stays on stderr.
    io.iamcore.http.AccessLog.writeJsonLinesToStdout();
    GatewayConfig config;
    try {
      config = ConfigLoader.fromEnvironment();
    } catch (ConfigException e) {
      System.err.println("iamcore: configuration error: " + e.getMessage());
      System.exit(2);
      return;
    }
    Vertx vertx = Vertx.vertx(new VertxOptions()
        .setMaxEventLoopExecuteTime(200).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS));
    Gateway gateway;
    try {
      gateway = Gateway.start(vertx, config).toCompletionStage().toCompletableFuture().get();
    } catch (Exception e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      System.err.println("iamcore: cannot start: " + cause);
      vertx.close();
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      // System.err, not the logger: java.util.logging resets itself in its own shutdown hook.
      System.err.println("iamcore: stopping: no new requests; finishing " + gateway.pendingWrites()
          + " queued writes");
      CountDownLatch stopped = new CountDownLatch(1);
      gateway.stop(DRAIN_MILLIS).eventually(vertx::close).onComplete(done -> stopped.countDown());
      try {
        boolean clean = stopped.await(DRAIN_MILLIS + CLOSE_MILLIS, TimeUnit.MILLISECONDS);
        System.err.println(clean ? "iamcore: stopped" : "iamcore: stop timed out");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "iamcore-shutdown"));
  }
}
