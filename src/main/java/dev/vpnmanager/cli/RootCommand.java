package dev.vpnmanager.cli;

import dev.vpnmanager.config.ConfigKeys;
import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.app.DaggerAppComponent;
import dev.vpnmanager.common.InvalidInputException;
import dev.vpnmanager.common.OperationFailedException;
import dev.vpnmanager.config.Settings;
import dev.vpnmanager.config.SettingsLoader;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The top-level command: global options and the subcommands the README lists. */
@Command(name = "vpn-manager", mixinStandardHelpOptions = true, versionProvider = dev.vpnmanager.release.BuildInfo.Provider.class,
    description = "Self-hosted VPN manager operated from chat.",
    subcommands = {ServeCommand.class, ConsoleCommand.class, DoctorCommand.class, HealthzCommand.class,
        UsersCli.class, ServersCli.class,
        BackupCli.class, PlansCli.class, AuditCli.class, ApiTokensCli.class, NodesCli.class, TopCommand.class,
        StatsCli.class, AutoComplete.GenerateCompletion.class})
public final class RootCommand implements AutoCloseable {
  @Option(names = "--config", paramLabel = "FILE", description = "configuration file (default: $VPN_CONFIG, "
      + "else config/vpn-manager.yaml if present, else built-in defaults)")
  Path config;

  @Option(names = "--debug", description = "print stack traces of errors")
  boolean debug;

  final Map<String, String> env;
  final InputStream in;
  final PrintStream out;
  final PrintStream err;
  private Settings settings;
  private AppComponent app;

  RootCommand(Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
    this.env = env;
    this.in = in;
    this.out = out;
    this.err = err;
  }

  public static int execute(String[] args, Map<String, String> env, InputStream in, PrintStream out,
                            PrintStream err) {
    Logging.init(env);
    try (RootCommand root = new RootCommand(env, in, out, err)) {
      CommandLine cl = new CommandLine(root);
      cl.setOut(new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true));
      cl.setErr(new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true));
      cl.setParameterExceptionHandler((ex, a) -> {
        err.println("error: " + ex.getMessage() + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName()
            + " --help')");
        return 2;
      });
      cl.setExecutionExceptionHandler((ex, cmd, parsed) -> handle(ex, root, err));
      return cl.execute(args);
    }
  }

  private static int handle(Exception ex, RootCommand root, PrintStream err) {
    if (root.debug) {
      ex.printStackTrace(err);
    }
    if (ex instanceof InvalidInputException) {
      err.println("error: " + ex.getMessage());
      return 2;
    }
    if (ex instanceof OperationFailedException) {
      err.println("error: " + ex.getMessage());
      return 1;
    }
    err.println("error: " + ex + (root.debug ? "" : " (run with --debug for details)"));
    return 1;
  }

  Settings settings() {
    if (settings == null) {
      settings = new SettingsLoader(env).load(config, Map.of());
      Logging.level(settings.get(ConfigKeys.LOG_LEVEL));
    }
    return settings;
  }

  /** The one wall clock of a CLI process; the object graph and the commands that need no graph share it. */
  Clock clock() {
    return Clock.systemUTC();
  }

  /** The object graph, built on first use so --help and bad usage never open the database. */
  AppComponent app() {
    if (app == null) {
      app = DaggerAppComponent.builder().settings(settings()).clock(clock()).build();
    }
    return app;
  }

  @Override
  public void close() {
    if (app != null) {
      // background config refreshes (a live WireGuard change) read the database: they finish first
      if (!dev.vpnmanager.server.runtime.ConfigRefresh.awaitIdle(java.time.Duration.ofSeconds(60))) {
        err.println("warning: a server's config file is still being refreshed; the next reconcile completes it");
      }
      app.databaseHolder().closeIfOpen();
    }
  }
}
