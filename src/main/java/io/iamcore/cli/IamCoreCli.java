package io.iamcore.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code java -jar iamcore-gateway.jar [command]}: {@code serve} (the default) starts the gateway;
 * the other commands are the seed's cmdlets ({@code New-IAMCoreConnector}, {@code New-IAMCoreSyncRule}
 * …) against the admin API of a running gateway (docs/cli.md).
 *
 * <p>The global options are declared here once and inherited by every subcommand, so they may be
 * given before or after the command words; their defaults come from the {@link CliEnvironment}.
 */
@Command(name = "iamcore", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, versionProvider = IamCoreCli.Version.class,
    usageHelpAutoWidth = true,
    description = "IAM Core gateway: with no command (or 'serve') it starts the gateway; the other commands "
        + "talk to a running gateway's admin API.",
    subcommands = {ServeCommand.class, ConnectorCommands.class, RuleCommands.class, ObjectCommands.class,
        JobCommands.class, IdentityCommands.class, TokenCommands.class, CommandLine.HelpCommand.class},
    footer = {"", "Exit codes: 0 ok, 1 the gateway refused or the operation failed, 2 bad input, "
        + "3 the gateway is not reachable."})
public final class IamCoreCli {

  static final String DEFAULT_URL = "http://127.0.0.1:8080";

  @Option(names = "--url", scope = ScopeType.INHERIT, paramLabel = "URL",
      description = "The gateway's base URL (env IAMCORE_URL; default " + DEFAULT_URL + ").")
  String url;

  @Option(names = "--token", scope = ScopeType.INHERIT, paramLabel = "JWT",
      description = "Bearer token for the admin API (env IAMCORE_TOKEN). Never printed.")
  String token;

  @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print the API's JSON instead of tables.")
  boolean json;

  private final CliEnvironment environment;
  private boolean serving;

  public IamCoreCli(CliEnvironment environment) {
    this.environment = environment;
  }

  /** Runs one command line and answers its exit code; never calls System.exit. */
  public int execute(String... args) {
    CommandLine commandLine = new CommandLine(this)
        .setOut(environment.out())
        .setErr(environment.err())
        .setExecutionExceptionHandler((e, cmd, parsed) -> report(e));
    try {
      return commandLine.execute(args);
    } finally {
      environment.out().flush();
      environment.err().flush();
    }
  }

  /** Whether {@code serve} started a gateway that now runs until the process stops. */
  public boolean serving() {
    return serving;
  }

  void startedServing() {
    serving = true;
  }

  CliEnvironment environment() {
    return environment;
  }

  String baseUrl() {
    return url != null ? url : environment.variable("IAMCORE_URL", DEFAULT_URL);
  }

  /** The token for the admin API; a clear error rather than a request the gateway must refuse. */
  String requiredToken() {
    String value = token != null ? token : environment.variable("IAMCORE_TOKEN", null);
    if (value == null || value.isBlank()) {
      throw CliException.badInput("no token: pass --token or set IAMCORE_TOKEN"
          + " (in development mode: export IAMCORE_TOKEN=$(java -jar target/iamcore-gateway.jar token mint admin))");
    }
    return value.trim();
  }

  ApiClient api() {
    return new ApiClient(baseUrl(), requiredToken());
  }

  Output output() {
    return new Output(environment.out(), json);
  }

  private int report(Exception e) {
    if (e instanceof CliException failure) {
      environment.err().println("iamcore: " + failure.getMessage());
      return failure.exitCode();
    }
    environment.err().println("iamcore: unexpected error: " + e);
    return CliException.FAILED;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = IamCoreCli.class.getPackage().getImplementationVersion();
      return new String[] {"iamcore-gateway " + (version == null ? "(development build)" : version)};
    }
  }
}
