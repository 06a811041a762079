package dev.vpnmanager.cli;

import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.node.NodeService;
import dev.vpnmanager.node.NodeStatus;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** nodes add|list|status|remove: remote Docker engines servers can be installed on (`local` is this machine's). */
@Command(name = "nodes", mixinStandardHelpOptions = true, description = "Manage the Docker engines servers run on.",
    subcommands = {NodesCli.Add.class, NodesCli.ListNodes.class, NodesCli.Status.class, NodesCli.Remove.class})
public final class NodesCli {
  @ParentCommand
  RootCommand root;

  NodeService nodes() {
    return root.app().nodeService();
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Add a remote engine reached over TLS (checked before anything is stored).")
  static final class Add implements Runnable {
    @ParentCommand NodesCli parent;
    @Parameters(paramLabel = "NAME") String name;
    @Option(names = "--docker", required = true, paramLabel = "tcp://HOST:2376", description = "the engine's TLS API")
    String docker;
    @Option(names = "--tls-dir", required = true, paramLabel = "DIR",
        description = "ca.pem, cert.pem, key.pem (as DOCKER_CERT_PATH holds them); copied into the data dir, 0600")
    Path tlsDir;
    @Option(names = "--public-host", required = true, paramLabel = "HOST",
        description = "the host or IP clients dial for servers on this node")
    String publicHost;

    @Override
    public void run() {
      NodeStatus s = parent.nodes().add(Actor.cli(), name, docker, tlsDir, publicHost);
      parent.root.out.println("added node " + s.name() + " (" + s.endpoint() + "): " + s.summary());
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Every node and whether it answers.")
  static final class ListNodes implements Runnable {
    @ParentCommand NodesCli parent;
    @Option(names = "--format", description = "table, json or plain") Output.Format format = Output.Format.table;

    @Override
    public void run() {
      List<NodeStatus> all = parent.nodes().list();
      switch (format) {
        case json -> parent.root.out.println(Output.json(all.stream().map(NodesCli::row).toList()));
        case plain -> all.forEach(n -> parent.root.out.println(String.join("\t", n.name(), n.endpoint(),
            n.publicHost(), n.summary())));
        default -> {
          String fmt = "%-16s  %-32s  %-20s  %s%n";
          parent.root.out.printf(fmt, "NAME", "ENGINE", "PUBLIC HOST", "STATE");
          all.forEach(n -> parent.root.out.printf(fmt, n.name(), n.endpoint(), n.publicHost(), n.summary()));
        }
      }
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true, description = "One node: engine, servers.")
  static final class Status implements Runnable {
    @ParentCommand NodesCli parent;
    @Parameters(paramLabel = "NAME") String name;
    @Option(names = "--format", description = "table, json or plain") Output.Format format = Output.Format.table;

    @Override
    public void run() {
      Map<String, Object> row = row(parent.nodes().status(name));
      row.put("serverNames", String.join(",", parent.nodes().servers(name)));
      if (format == Output.Format.json) {
        parent.root.out.println(Output.json(row));
        return;
      }
      String sep = format == Output.Format.plain ? "=" : ": ";
      row.forEach((k, v) -> parent.root.out.println(k + sep + (v == null ? "" : v)));
      if (!Boolean.TRUE.equals(row.get("reachable"))) {
        throw new dev.vpnmanager.common.OperationFailedException("node " + name + " does not answer");
      }
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true,
      description = "Forget a node and its stored certificates (refused while servers are defined on it).")
  static final class Remove implements Runnable {
    @ParentCommand NodesCli parent;
    @Parameters(paramLabel = "NAME") String name;

    @Override
    public void run() {
      parent.root.out.println(parent.nodes().remove(Actor.cli(), name));
    }
  }

  static Map<String, Object> row(NodeStatus n) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", n.name());
    m.put("endpoint", n.endpoint());
    m.put("publicHost", n.publicHost());
    m.put("reachable", n.reachable());
    m.put("engineVersion", n.engineVersion());
    m.put("apiVersion", n.apiVersion());
    m.put("servers", n.servers());
    m.put("error", n.error().isEmpty() ? null : n.error());
    return m;
  }
}
