package dev.vpnmanager.cli;

import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.common.Sizes;
import dev.vpnmanager.domain.ResetPolicy;
import dev.vpnmanager.plan.PlanRecord;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** plans add|list|remove. */
@Command(name = "plans", mixinStandardHelpOptions = true, description = "Manage plans users are created from.",
    subcommands = {PlansCli.Add.class, PlansCli.ListPlans.class, PlansCli.Remove.class})
public final class PlansCli {
  @ParentCommand
  RootCommand root;

  @Command(name = "add", mixinStandardHelpOptions = true, description = "Define a plan.")
  static final class Add implements Runnable {
    @ParentCommand PlansCli parent;
    @Parameters(paramLabel = "NAME") String name;
    @Option(names = "--protocol", required = true, description = "vless, shadowsocks, wireguard, http or socks")
    String protocol;
    @Option(names = "--limit", required = true, paramLabel = "SIZE", description = "traffic limit, 0 = unlimited")
    String limit;
    @Option(names = "--days", required = true, description = "days a new user is valid, 0 = never expires")
    int days;
    @Option(names = "--reset", paramLabel = "STRATEGY", description = "daily, weekly[:DAY], monthly[:DAY], never")
    String reset;

    @Override
    public void run() {
      long bytes = Sizes.parse(limit);
      ResetPolicy policy = reset == null ? ResetPolicy.NEVER : ResetPolicy.parse(reset);
      PlanRecord p = parent.root.app().plans().add(Actor.cli(), name, protocol.toLowerCase(Locale.ROOT), bytes,
          days, policy);
      parent.root.out.println("created plan " + p.name() + " (" + describe(p) + ")");
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List plans.")
  static final class ListPlans implements Runnable {
    @ParentCommand PlansCli parent;
    @Option(names = "--format", description = "table, json or plain") Output.Format format = Output.Format.table;

    @Override
    public void run() {
      List<PlanRecord> plans = parent.root.app().plans().list();
      switch (format) {
        case json -> parent.root.out.println(Output.json(plans));
        case plain -> plans.forEach(p -> parent.root.out.println(String.join("\t", p.name(), p.protocol(),
            Long.toString(p.limitBytes()), Integer.toString(p.days()), p.reset())));
        default -> {
          String fmt = "%-32s  %-11s  %10s  %6s  %s%n";
          parent.root.out.printf(fmt, "NAME", "PROTOCOL", "LIMIT", "DAYS", "RESET");
          for (PlanRecord p : plans) {
            parent.root.out.printf(fmt, p.name(), p.protocol(),
                p.limitBytes() == 0 ? "unlimited" : Sizes.format(p.limitBytes()),
                p.days() == 0 ? "never" : Integer.toString(p.days()), p.reset());
          }
          if (plans.isEmpty()) {
            parent.root.out.println("(no plans)");
          }
        }
      }
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true,
      description = "Remove a plan (users made from it keep what they have).")
  static final class Remove implements Runnable {
    @ParentCommand PlansCli parent;
    @Parameters(paramLabel = "NAME") String name;

    @Override
    public void run() {
      parent.root.app().plans().remove(Actor.cli(), name);
      parent.root.out.println("removed plan " + name);
    }
  }

  static String describe(PlanRecord p) {
    return p.protocol() + ", " + (p.limitBytes() == 0 ? "unlimited" : Sizes.format(p.limitBytes())) + ", "
        + (p.days() == 0 ? "never expires" : p.days() + " days") + (p.resetPolicy().isNever() ? ""
        : ", resets " + p.reset());
  }

}
