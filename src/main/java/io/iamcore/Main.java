package io.iamcore;

import io.iamcore.cli.CliEnvironment;
import io.iamcore.cli.IamCoreCli;

/**
 * {@code java -jar iamcore-gateway.jar}: with no arguments (or {@code serve}) the gateway,
 * configured from IAMCORE_* variables (PRODUCT.md §5); with a command, the operator CLI
 * (docs/cli.md).
 */
public final class Main {

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
