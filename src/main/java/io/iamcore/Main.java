package io.iamcore;

import io.iamcore.cli.CliEnvironment;
import io.iamcore.cli.IamCoreCli;

/**
 * {@code java -jar iamcore-gateway.jar}: with no arguments (or {@code serve}) the gateway,
 * configured from IAMCORE_* variables (PRODUCT.md §5); with a command, the operator CLI
 * (docs/cli.md).
 */
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

  public static void main(String[] args) {
    System.setProperty("java.util.logging.SimpleFormatter.format",
        "%1$tFT%1$tT.%1$tLZ %4$s %3$s - %5$s%6$s%n");
    IamCoreCli cli = new IamCoreCli(CliEnvironment.system());
    int code = cli.execute(args.length == 0 ? new String[] {"serve"} : args);
    if (code != 0 || !cli.serving()) {
      // A started gateway keeps the JVM alive on its own threads; everything else ends here.
      System.exit(code);
    }
  }
}
