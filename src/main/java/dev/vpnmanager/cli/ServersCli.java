package dev.vpnmanager.cli;

import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.protocol.ServerConfig;
import dev.vpnmanager.server.ServerRow;
import dev.vpnmanager.storage.DataDir;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** servers list|rotate-keys|config: server definitions (install and the container lifecycle come with Docker). */
@Command(name = "servers", mixinStandardHelpOptions = true, description = "Manage VPN servers.",
    subcommands = {ServersCli.ListServers.class, ServersCli.RotateKeys.class, ServersCli.Config.class})
public final class ServersCli {
  @ParentCommand
  RootCommand root;

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List server definitions.")
  static final class ListServers implements Runnable {
    @ParentCommand ServersCli parent;
    @Option(names = "--format", description = "table, json or plain") Output.Format format = Output.Format.table;

    @Override
    public void run() {
      List<ServerRow> rows = parent.root.app().serverService().list();
      var out = parent.root.out;
      switch (format) {
        case json -> out.println(Output.json(rows));
        case plain -> rows.forEach(r -> out.println(String.join("\t", r.name(), r.protocol(), r.core(), r.host(),
            Integer.toString(r.port()), r.deployed() ? "deployed" : "not-deployed", Integer.toString(r.users()))));
        default -> {
          String fmt = "%-32s  %-11s  %-8s  %-24s  %5s  %-12s  %s%n";
          out.printf(fmt, "NAME", "PROTOCOL", "CORE", "HOST", "PORT", "STATE", "USERS");
          rows.forEach(r -> out.printf(fmt, r.name(), r.protocol(), r.core(), r.host(), r.port(),
              r.deployed() ? "deployed" : "not deployed", r.users()));
          if (rows.isEmpty()) {
            out.println("(no servers)");
          }
        }
      }
    }
  }

  @Command(name = "rotate-keys", mixinStandardHelpOptions = true,
      description = "New server keys (Reality, WireGuard); every user of the server needs their new config.")
  static final class RotateKeys implements Runnable {
    @ParentCommand ServersCli parent;
    @Parameters(paramLabel = "NAME") String name;

    @Override
    public void run() {
      ServerRow r = parent.root.app().serverService().rotateKeys(Actor.cli(), name);
      parent.root.out.println("new keys for server " + r.name() + ": send its " + r.users()
          + " user(s) their new config" + (r.deployed() ? "; restart the server to apply them" : ""));
    }
  }

  @Command(name = "config", mixinStandardHelpOptions = true,
      description = "Print the server's config file as rendered from the database (it holds keys).")
  static final class Config implements Runnable {
    @ParentCommand ServersCli parent;
    @Parameters(paramLabel = "NAME") String name;
    @Option(names = "--out", paramLabel = "FILE", description = "write here (mode 0600) instead of stdout")
    Path outFile;

    @Override
    public void run() {
      ServerConfig c = parent.root.app().serverService().render(name);
      if (outFile == null) {
        parent.root.out.print(c.content());
      } else {
        DataDir.writeSecret(outFile.toAbsolutePath(), c.content().getBytes(StandardCharsets.UTF_8));
        parent.root.err.println("wrote " + c.core() + " config of " + name + " to " + outFile);
      }
    }
  }
}
