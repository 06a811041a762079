package dev.vpnmanager.server.runtime;

import dev.vpnmanager.common.OperationFailedException;
import dev.vpnmanager.domain.VpnServer;
import dev.vpnmanager.firewall.Firewall;
import dev.vpnmanager.node.NodeFirewall;
import dev.vpnmanager.node.NodeRuntimes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * A server's ports in the firewall of the machine it runs on: the manager's host with scripts/firewall.sh
 * ({@link Firewall}), a remote node with a helper container there ({@link NodeFirewall}), whose failure leaves the
 * server up and says which ports its operator must open. One home for both, for the lifecycle and for the install
 * journal's cleanup.
 */
@Singleton
public final class ServerFirewall {
  private final Firewall local;
  /** Null when wired by hand with one engine (no remote node exists then). */
  private final NodeFirewall nodes;
  /** The last outcome on a remote node per server, for the install reply (see {@link #note}). */
  private final Map<String, NodeFirewall.Result> notes = new ConcurrentHashMap<>();

  @Inject
  public ServerFirewall(Firewall local, NodeFirewall nodes) {
    this.local = local;
    this.nodes = nodes;
  }

  /** The manager's host only (the lifecycle wired by hand on one engine). */
  ServerFirewall(Firewall local) {
    this(local, null);
  }

  /**
   * The ports ("443/tcp") an install on a remote node opens there itself, to be closed after a kill; empty for the
   * local node (the journal closes those with the script) and where the node's firewall is its operator's.
   */
  List<String> opensOnNode(String node, int port, List<String> transports) {
    return NodeRuntimes.isLocal(node) || nodes == null || !nodes.automatic() ? List.of()
        : transports.stream().map(t -> port + "/" + t).toList();
  }

  /** Opens the ports of an install; undo closes what was opened. */
  void open(VpnServer s, List<String> transports, Undo undo) {
    if (!NodeRuntimes.isLocal(s.getNode())) {
      NodeFirewall.Result r = openOnNode(s, transports);
      if (r != null && r.applied()) {
        undo.add("close the node's firewall for " + s.getPort(), () -> nodes.close(s.getNode(), s.getPort(),
            transports));
      }
      return;
    }
    for (String t : transports) {
      int p = s.getPort();
      local.open(p, t);
      undo.add("close firewall " + p + "/" + t, () -> local.close(p, t));
    }
  }

  /** Opens the ports of a server started again (idempotent: the rules are checked first). */
  void reopen(VpnServer s, List<String> transports) {
    if (!NodeRuntimes.isLocal(s.getNode())) {
      openOnNode(s, transports);
      return;
    }
    for (String t : transports) {
      local.open(s.getPort(), t);
    }
  }

  /** Closes the ports of a removed server. */
  void close(VpnServer s, List<String> transports) {
    if (NodeRuntimes.isLocal(s.getNode())) {
      closeLocal(s.getPort(), transports);
    } else if (nodes != null) {
      nodes.close(s.getNode(), s.getPort(), transports);
      notes.remove(s.getName());
    }
  }

  void closeLocal(int port, List<String> transports) {
    for (String t : transports) {
      local.close(port, t);
    }
  }

  /**
   * Closes ports an install opened on a remote node ("443/tcp"). Returns what the operator must still do (empty
   * when closed); throws when the node's helper failed, for the caller to try again.
   */
  Optional<String> closeOnNode(String node, List<String> ports) {
    if (nodes == null || !nodes.automatic()) {
      return Optional.of("close " + String.join(", ", ports) + " on node " + node + " yourself (the node's "
          + "firewall is not the manager's now)");
    }
    for (Map.Entry<Integer, List<String>> e : byPort(ports).entrySet()) {
      NodeFirewall.Result r = nodes.close(node, e.getKey(), e.getValue());
      if (!r.applied()) {
        throw new OperationFailedException("could not close " + String.join(", ", ports) + " on node " + node + ": "
            + r.detail());
      }
    }
    return Optional.empty();
  }

  /**
   * What became of a remote server's firewall rule at its last install or start: opened on the node by a helper
   * container, or the ports its operator must open (empty for local servers: the host's firewall is the script's).
   */
  public Optional<String> note(String server) {
    return Optional.ofNullable(notes.get(server)).map(NodeFirewall.Result::detail);
  }

  private NodeFirewall.Result openOnNode(VpnServer s, List<String> transports) {
    if (nodes == null) {
      return null;
    }
    NodeFirewall.Result r = nodes.open(s.getNode(), s.getPort(), transports);
    notes.put(s.getName(), r);
    return r;
  }

  private static Map<Integer, List<String>> byPort(List<String> ports) {
    Map<Integer, List<String>> out = new java.util.TreeMap<>();
    for (String p : ports) {
      int slash = p.indexOf('/');
      if (slash < 1) {
        throw new OperationFailedException("not a port/transport: '" + p + "'");
      }
      int port;
      try {
        port = Integer.parseInt(p.substring(0, slash));
      } catch (NumberFormatException e) {
        throw new OperationFailedException("not a port/transport: '" + p + "'");
      }
      out.computeIfAbsent(port, k -> new java.util.ArrayList<>()).add(p.substring(slash + 1));
    }
    return out;
  }
}
