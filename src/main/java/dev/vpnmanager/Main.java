package dev.vpnmanager;

import dev.vpnmanager.cli.RootCommand;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

/** Entry point: parses the command line with picocli and exits with 0 (done), 1 (failed) or 2 (bad input). */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.in, System.out, System.err));
  }

  /** Runs one command with the given environment and streams; returns the exit code. */
  public static int run(String[] args, Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
    return RootCommand.execute(args, env, in, out, err);
  }
}
