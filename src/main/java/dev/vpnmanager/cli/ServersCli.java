package dev.vpnmanager.cli;

import dev.vpnmanager.common.InvalidInputException;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.docker.ContainerState;
import dev.vpnmanager.docker.Labels;
import dev.vpnmanager.protocol.Credentials;
import dev.vpnmanager.protocol.LanWall;
import dev.vpnmanager.server.runtime.ServerContainers;
import dev.vpnmanager.server.runtime.ServerListing;
import dev.vpnmanager.server.runtime.ServerStatus;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** servers install|list|status|start|stop|restart|remove|logs|rotate-keys|config. */
@Command(name = "servers", mixinStandardHelpOptions = true, description = "Manage VPN servers and their containers.",
    subcommands = {ServersCli.Install.class, ServersCli.ListServers.class, ServersCli.Status.class,
        ServersCli.Start.class, ServersCli.Stop.class, ServersCli.Restart.class, ServersCli.Remove.class,
        ServersCli.Logs.class, ServersRotateKeysCommand.class, ServersConfigCommand.class})
public final class ServersCli {
  @ParentCommand
  RootCommand root;

  ServerContainers servers() {
    return root.app().serverContainers();
  }

  @Command(name = "install", mixinStandardHelpOptions = true, description = "Deploy a server in a container.")
  static final class Install implements Runnable {
    @ParentCommand ServersCli parent;
    @Parameters(paramLabel = "PROTOCOL", description = "vless, shadowsocks, wireguard, http or socks") String protocol;
    @Option(names = "--name", description = "server name (default: the protocol's undeployed one, or PROTOCOL-N)")
    String name;
    @Option(names = "--port", description = "port (default: the protocol's, else a free one in port-range)")
    Integer port;
    @Option(names = "--sni", paramLabel = "HOST",
        description = "VLESS Reality: the site to borrow TLS from (default: from a built-in list); defines a new server")
    String sni;
    @Option(names = "--allow-lan", paramLabel = "CIDR",
        description = "let this server's users reach a private, loopback or link-local range on purpose (blocked "
            + "by default; repeatable, e.g. 192.168.1.0/24); defines a new server")
    List<String> allowLan = new java.util.ArrayList<>();

    @Option(names = "--node", paramLabel = "NODE",
        description = "the node to run the server on (default: local, this machine's engine); defines a new server")
    String node;

    @Option(names = "--core", paramLabel = "CORE",
        description = "the core: vless xray|v2ray, http/socks xray|v2ray, shadowsocks ss-libev|v2ray|xray (default: "
            + "the PROTOCOL.core key; shadowsocks on a remote node: xray, the only one there); defines a new server")
    String core;

    @Option(names = "--dest", paramLabel = "HOST:PORT",
        description = "VLESS Reality: the TLS 1.3 server that answers for --sni (default: the SNI on port 443)")
    String dest;

    @Override
    public void run() {
      String p = protocol.toLowerCase(Locale.ROOT);
      if (sni != null && !"vless".equals(p)) {
        throw new InvalidInputException("--sni applies to vless servers only, not " + p);
      }
      if (dest != null && !"vless".equals(p)) {
        throw new InvalidInputException("--dest applies to vless servers only, not " + p);
      }
      Map<String, String> options = new LinkedHashMap<>();
      if (core != null) {
        options.put(ServerContainers.CORE_OPTION, core);
      }
      if (sni != null) {
        options.put("sni", sni);
      }
      if (dest != null) {
        options.put("dest", dest);
      }
      if (!allowLan.isEmpty()) {
        options.put(LanWall.SETTING, LanWall.canonical(String.join(",", allowLan)));
      }
      if (node != null && !"local".equals(node)) {
        options.put(ServerContainers.NODE_OPTION, node);
      }
      ServerStatus s = parent.servers().install(Actor.cli(), p, name, port, options);
      String installedCore = ServerContainers.core(parent.root.app().servers().require(s.name()));
      parent.root.out.println("installed " + s.name() + " (" + s.protocol() + " on " + s.host() + ":" + s.port()
          + (installedCore == null ? "" : ", core " + installedCore)
          + (s.node().equals("local") ? "" : ", node " + s.node()) + "): " + s.summary());
      if (!s.node().equals("local")) {
        parent.root.out.println("firewall: " + parent.root.app().serverFirewall().note(s.name()).orElse("open port "
            + s.port() + " (" + String.join(", ", parent.root.app().serverStatuses().transports(s.protocol())) + ") in node "
            + s.node() + "'s firewall yourself"));
      }
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List servers and their containers.")
  static final class ListServers implements Runnable {
    @ParentCommand ServersCli parent;
    @Option(names = "--format", description = "table, json or plain") Output.Format format = Output.Format.table;

    @Override
    public void run() {
      ServerListing listing = parent.root.app().serverStatuses().listing();
      listing.engineProblem().ifPresent(why -> parent.root.err.println("warning: container states unknown: " + why));
      print(parent.root.out, listing, format);
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true, description = "One server and its container.")
  static final class Status implements Runnable {
    @ParentCommand ServersCli parent;
    @Parameters(paramLabel = "NAME") String name;
    @Option(names = "--format", description = "table, json or plain") Output.Format format = Output.Format.table;

    @Override
    public void run() {
      ServerStatus s = parent.root.app().serverStatuses().status(name);
      String sep = format == Output.Format.plain ? "=" : ": ";
      Map<String, Object> row = row(s);
      row.putAll(wall(parent.root.app().servers().require(name).getSettings(), s));
      // the core and Reality's public values (never a key)
      Credentials settings = Credentials.fromJson(parent.root.app().servers().require(name).getSettings());
      for (String k : List.of("core", "sni", "dest")) {
        if (settings.get(k) != null) {
          row.put(k, settings.get(k));
        }
      }
      if (format == Output.Format.json) {
        parent.root.out.println(Output.json(row));
        return;
      }
      row.forEach((k, v) -> parent.root.out.println(k + sep + (v == null ? "" : v)));
    }
  }

  @Command(name = "start", mixinStandardHelpOptions = true, description = "Start (config rebuilt from the database).")
  static final class Start implements Runnable {
    @ParentCommand ServersCli parent;
    @Parameters(paramLabel = "NAME") String name;

    @Override
    public void run() {
      parent.root.out.println(name + ": " + parent.servers().start(Actor.cli(), name).summary());
    }
  }

  @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop a server's container.")
  static final class Stop implements Runnable {
    @ParentCommand ServersCli parent;
    @Parameters(paramLabel = "NAME") String name;

    @Override
    public void run() {
      parent.root.out.println(name + ": " + parent.servers().stop(Actor.cli(), name).summary());
    }
  }

  @Command(name = "restart", mixinStandardHelpOptions = true,
      description = "Rebuild and start a server's container (config rendered from the database).")
  static final class Restart implements Runnable {
    @ParentCommand ServersCli parent;
    @Parameters(paramLabel = "NAME") String name;

    @Override
    public void run() {
      parent.root.out.println(name + ": " + parent.servers().restart(Actor.cli(), name).summary());
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true,
      description = "Remove a server's container and firewall rule (and its definition when no user needs it).")
  static final class Remove implements Runnable {
    @ParentCommand ServersCli parent;
    @Parameters(paramLabel = "NAME") String name;

    @Override
    public void run() {
      parent.root.out.println(parent.servers().remove(Actor.cli(), name));
    }
  }

  @Command(name = "logs", mixinStandardHelpOptions = true, description = "The last lines of a server's log.")
  static final class Logs implements Runnable {
    @ParentCommand ServersCli parent;
    @Parameters(paramLabel = "NAME") String name;
    @Option(names = "--tail", description = "how many lines (default 100)") int tail = 100;

    @Override
    public void run() {
      parent.root.out.print(parent.root.app().serverStatuses().logs(name, Math.max(1, tail)));
    }
  }

  /**
   * What the server's users may not reach and what was allowed on purpose; whether its container was planned
   * with that block (an older container needs a restart).
   */
  static Map<String, Object> wall(String settingsJson, ServerStatus s) {
    Map<String, Object> m = new LinkedHashMap<>();
    String allowed = Credentials.fromJson(settingsJson).values().getOrDefault(LanWall.SETTING, "");
    m.put("blocked", String.join(",", LanWall.BLOCKED) + (allowed.isEmpty() ? "" : " except " + allowed));
    m.put("allowLan", allowed.isEmpty() ? "none" : allowed);
    m.put("wall", s.container().map(c -> LanWall.VERSION.equals(c.labels().get(Labels.WALL)) ? "current"
        : "missing: the container predates the block of private ranges; restart it").orElse(null));
    return m;
  }

  static Map<String, Object> row(ServerStatus s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", s.name());
    m.put("protocol", s.protocol());
    m.put("host", s.host());
    m.put("port", s.port());
    m.put("node", s.node());
    m.put("deployed", s.deployed());
    m.put("state", s.nodeDown() ? "unknown" : s.container().map(ContainerState::status)
        .orElse(s.deployed() ? "missing" : "none"));
    m.put("health", s.container().map(ContainerState::health).orElse(null));
    m.put("container", s.container().map(ContainerState::name).orElse(null));
    m.put("startedAt", s.container().map(c -> c.startedAt() == null ? null : c.startedAt().toString()).orElse(null));
    m.put("restartCount", s.container().map(ContainerState::restartCount).orElse(0));
    return m;
  }

  /** A row of `servers list` when the engine could not be asked: the container's fields are unknown (null). */
  static Map<String, Object> unknownRow(ServerStatus s) {
    Map<String, Object> m = row(s);
    m.put("state", "unknown");
    m.put("restartCount", null);
    return m;
  }

  static void print(PrintStream out, ServerListing listing, Output.Format format) {
    List<ServerStatus> servers = listing.servers();
    switch (format) {
      case json -> out.println(Output.json(servers.stream()
          .map(listing.stateUnknown() ? ServersCli::unknownRow : ServersCli::row).toList()));
      case plain -> servers.forEach(s -> out.println(String.join("\t", s.name(), s.protocol(), s.host(),
          Integer.toString(s.port()), listing.summary(s), s.node())));
      default -> {
        String fmt = "%-32s  %-11s  %-24s  %5s  %-12s  %s%n";
        out.printf(fmt, "NAME", "PROTOCOL", "HOST", "PORT", "NODE", "STATE");
        servers.forEach(s -> out.printf(fmt, s.name(), s.protocol(), s.host(), s.port(), s.node(), listing.summary(s)));
        if (servers.isEmpty()) {
          out.println("(no servers)");
        }
      }
    }
  }
}
