package io.iamcore.cli;

import io.iamcore.Gateway;
import io.iamcore.Main;
import io.iamcore.config.ConfigException;
import io.iamcore.config.ConfigLoader;
import io.iamcore.config.GatewayConfig;
import io.iamcore.http.AccessLog;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code serve} (also what runs with no command): the gateway, configured by IAMCORE_* variables
 * (PRODUCT.md §5). A bad value exits with code 2 and a message naming the variable; a failed start
 * with 1. On success the command returns and the gateway runs until the process is stopped, then
 * stops gracefully (SIGTERM → stop accepting → drain the writer → close).
 */
@Command(name = "serve", description = "Start the gateway (the default when no command is given).")
final class ServeCommand implements Callable<Integer> {

  @ParentCommand
  IamCoreCli root;

  @Override
  public Integer call() {
    PrintWriter err = root.environment().err();
    GatewayConfig config;
    try {
      config = ConfigLoader.load(root.environment().variables());
    } catch (ConfigException e) {
      err.println("iamcore: configuration error: " + e.getMessage());
      return 2;
    }
    // Access lines: bare JSON on stdout, written off the event loop; the rest stays on stderr.
    AccessLog.writeJsonLinesToStdout();
    Vertx vertx = Vertx.vertx(new VertxOptions()
        .setMaxEventLoopExecuteTime(200).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS));
    Gateway gateway;
    try {
      gateway = Gateway.start(vertx, config).toCompletionStage().toCompletableFuture().get();
    } catch (Exception e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      err.println("iamcore: cannot start: " + cause);
      vertx.close();
      return 1;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(vertx, gateway), "iamcore-shutdown"));
    root.startedServing();
    return 0;
  }

  private static void stop(Vertx vertx, Gateway gateway) {
    // System.err, not the logger: java.util.logging resets itself in its own shutdown hook.
    System.err.println("iamcore: stopping: no new requests; finishing " + gateway.pendingWrites()
        + " queued writes");
    CountDownLatch stopped = new CountDownLatch(1);
    gateway.stop(Main.DRAIN_MILLIS).eventually(vertx::close).onComplete(done -> stopped.countDown());
    try {
      boolean clean = stopped.await(Main.DRAIN_MILLIS + Main.CLOSE_MILLIS, TimeUnit.MILLISECONDS);
      System.err.println(clean ? "iamcore: stopped" : "iamcore: stop timed out");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
