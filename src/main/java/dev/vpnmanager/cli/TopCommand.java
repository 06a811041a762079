package dev.vpnmanager.cli;

import com.googlecode.lanterna.terminal.DefaultTerminalFactory;
import com.googlecode.lanterna.terminal.Terminal;
import com.googlecode.lanterna.terminal.ansi.UnixLikeTerminal;
import dev.vpnmanager.config.ConfigKeys;
import dev.vpnmanager.config.Durations;
import dev.vpnmanager.top.TopSampler;
import dev.vpnmanager.top.TopScreen;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** top: the live full-screen dashboard; needs a terminal. */
@Command(name = "top", mixinStandardHelpOptions = true,
    description = {"Live full-screen dashboard: servers (state, CPU, memory, users), users online now with their rate,",
        "today's traffic, the latest alerts. Keys: arrows choose a user, Enter opens their card (the chat's",
        "buttons), Esc goes back, q quits. Online = the user's traffic counter grew in the last cycle seen."})
public final class TopCommand implements Callable<Integer> {
  @ParentCommand RootCommand root;

  @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "2s",
      description = "refresh period (default: ${DEFAULT-VALUE})")
  String interval;

  @Override
  public Integer call() throws Exception {
    Duration every;
    try {
      every = Durations.parse(interval);
    } catch (IllegalArgumentException e) {
      every = Duration.ZERO;
    }
    if (every.compareTo(Duration.ofMillis(200)) < 0) {
      root.err.println("error: --interval: expected a duration of at least 200ms such as 2s");
      return 2;
    }
    if (System.console() == null || root.in != System.in || root.out != System.out) {
      root.err.println("error: top needs an interactive terminal (no TTY here); "
          + "in scripts use 'servers list' and 'users list --format json'");
      return 2;
    }
    TopSampler sampler = root.app().topSampler();
    ZoneId zone = root.app().dates().zone();
    Terminal terminal = new DefaultTerminalFactory(System.out, System.in, StandardCharsets.UTF_8)
        .setForceTextTerminal(true)
        .setUnixTerminalCtrlCBehaviour(UnixLikeTerminal.CtrlCBehaviour.TRAP)
        .createTerminal();
    try {
      new TopScreen(sampler::sample, root.app().router(), every, zone).run(terminal);
    } finally {
      terminal.close();
    }
    return 0;
  }
}
