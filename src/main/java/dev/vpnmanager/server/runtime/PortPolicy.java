package dev.vpnmanager.server.runtime;

import dev.vpnmanager.common.ConflictException;
import dev.vpnmanager.common.InvalidInputException;
import dev.vpnmanager.config.ConfigKeys;
import dev.vpnmanager.config.Settings;
import dev.vpnmanager.docker.HostPorts;
import dev.vpnmanager.domain.VpnServer;
import dev.vpnmanager.node.NodeRuntimes;
import dev.vpnmanager.node.NodePorts;
import io.ebean.Database;
import io.ebean.Transaction;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/** Picks and checks server ports: free on the host, published by no container, used by no other server. */
@Singleton
final class PortPolicy {
  private final Database db;
  private final HostPorts ports;
  private final NodePorts nodePorts;
  private final Settings settings;
  private final SecureRandom random;

  PortPolicy(Database db, HostPorts ports, Settings settings, SecureRandom random) {
    this(db, ports, null, settings, random);
  }

  @Inject
  PortPolicy(Database db, HostPorts ports, NodePorts nodePorts, Settings settings, SecureRandom random) {
    this.db = db;
    this.ports = ports;
    this.nodePorts = nodePorts;
    this.settings = settings;
    this.random = random;
  }

  /** The requested port (checked), else the protocol's default if free, else a free one in port-range. */
  int choose(Transaction txn, Integer requested, int defaultPort, List<String> transports) {
    return choose(txn, NodeRuntimes.LOCAL, requested, defaultPort, transports);
  }

  /** As above, on the node: a remote node's ports are checked there, not on the manager's host. */
  int choose(Transaction txn, String node, Integer requested, int defaultPort, List<String> transports) {
    if (requested != null) {
      requireFree(txn, node, requested, transports, null);
      return requested;
    }
    if (holder(txn, node, defaultPort, transports, null).isEmpty()) {
      return defaultPort;
    }
    String[] range = settings.get(ConfigKeys.PORT_RANGE).split("-");
    int low = Integer.parseInt(range[0]);
    int high = Integer.parseInt(range[1]);
    for (int i = 0; i < 50; i++) {
      int port = NodeRuntimes.isLocal(node) ? ports.pickFree(low, high, random, transports.toArray(String[]::new))
          : low + random.nextInt(high - low + 1);
      if (holder(txn, node, port, transports, null).isEmpty()) {
        return port;
      }
    }
    throw new ConflictException("no free port in port-range " + low + "-" + high);
  }

  /** Refuses (exit 2) when another server or anything on the host holds the port. */
  void requireFree(Transaction txn, int port, List<String> transports, String exceptServer) {
    requireFree(txn, NodeRuntimes.LOCAL, port, transports, exceptServer);
  }

  void requireFree(Transaction txn, String node, int port, List<String> transports, String exceptServer) {
    if (port < 1 || port > 65535) {
      throw new InvalidInputException("port must be from 1 to 65535, not " + port);
    }
    holder(txn, node, port, transports, exceptServer).ifPresent(h -> {
      throw new ConflictException("port " + port + " is taken by " + h + ": choose another with --port");
    });
  }

  /** Servers on other nodes do not compete for a port; the host check runs where the server will run. */
  private Optional<String> holder(Transaction txn, String node, int port, List<String> transports,
                                  String exceptServer) {
    var q = db.find(VpnServer.class).usingTransaction(txn).where().eq("port", port)
        .ne("name", exceptServer == null ? "" : exceptServer);
    VpnServer other = (NodeRuntimes.isLocal(node) ? q.isNull("node") : q.eq("node", node)).setMaxRows(1).findOne();
    if (other != null) {
      return Optional.of("server " + other.getName());
    }
    if (!NodeRuntimes.isLocal(node)) {
      return nodePorts.holder(node, port, transports);
    }
    for (String t : transports) {
      Optional<String> h = ports.holder(port, t);
      if (h.isPresent()) {
        return h.map(x -> x + " (" + t + ")");
      }
    }
    return Optional.empty();
  }
}
