package io.iamcore.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A leaf command: finds the root command (global options, environment) through its spec, runs,
 * and answers 0; failures are thrown as {@link CliException} and reported by the root.
 */
abstract class ApiCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Override
  public final Integer call() {
    run();
    return 0;
  }

  abstract void run();

  IamCoreCli root() {
    return (IamCoreCli) spec.root().userObject();
  }

  ApiClient api() {
    return root().api();
  }

  Output output() {
    return root().output();
  }
}
