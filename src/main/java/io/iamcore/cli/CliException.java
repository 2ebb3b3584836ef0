package io.iamcore.cli;

/**
 * A failure the CLI reports as one line on stderr with an exit code (docs/cli.md): 1 the gateway
 * refused or the operation failed, 2 bad input (arguments, files, JSON), 3 the gateway is not
 * reachable. The message never contains a token.
 */
final class CliException extends RuntimeException {

  static final int FAILED = 1;
  static final int BAD_INPUT = 2;
  static final int UNREACHABLE = 3;

  private final int exitCode;

  CliException(int exitCode, String message) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  static CliException failed(String message) {
    return new CliException(FAILED, message);
  }

  static CliException badInput(String message) {
    return new CliException(BAD_INPUT, message);
  }

  int exitCode() {
    return exitCode;
  }
}
